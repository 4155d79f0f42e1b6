/**
 * The demo's command line: flags, their checks, and --help. Kept apart from demo.ts so that
 * the rules can be read (and tested) without running anything.
 */
import { parseArgs } from 'node:util';

export interface DemoSettings {
  readonly events: number;
  readonly tenants: number;
  readonly concurrency: number;
  readonly conflictRate: number;
  readonly lostResponseRate: number;
  /** Undefined: a random seed, reported at the end. */
  readonly seed: number | undefined;
  readonly endpoint: string | undefined;
  /** The change feed consumer: `image` (events with their stored rows), `intent` (from the manifests) or `off`. */
  readonly consumer: 'image' | 'intent' | 'off';
  /** How many received events to print (undefined: every one). */
  readonly showEvents: number | undefined;
}

/** A flag the demo does not accept, or a value out of range. */
export class DemoUsageError extends Error {
  override readonly name = 'DemoUsageError';
}

export const DEFAULTS = {
  events: 400,
  tenants: 4,
  concurrency: 16,
  conflictRate: 0.1,
  lostResponseRate: 0.04,
  consumer: 'image',
} as const;

export const LIMITS = {
  events: 1_000_000,
  tenants: 100,
  concurrency: 256,
  /** Per fault kind and for both together: above it, appends would run out of retries. */
  faultRate: 0.5,
  seed: 2 ** 32 - 1,
  showEvents: 1_000_000,
} as const;

export const USAGE = `The audit-log demo: concurrent appends of audit events, each one transaction (the event, the
tenant's eventCount + 1, a check that the tenant is active), with injected transaction
conflicts and lost responses, against a DynamoDB Local it starts itself. At the end every
tenant's stored events must equal its eventCount. Meanwhile a consumer reads the table's stream
(dynatx's change feed) and prints each appended event with the counter change it committed
with; every committed append must arrive exactly once and whole, and no cancelled one at all.

Usage (from the repository root):  npm run demo -- [options]
   or (in packages/examples, built): node dist/audit-log/demo.js [options]

Options:
  --events N               events to append in all (1-${LIMITS.events}, default ${DEFAULTS.events})
  --tenants N              tenants to spread them over; every 4th is suspended and refuses
                           its events (1-${LIMITS.tenants}, default ${DEFAULTS.tenants})
  --concurrency N          appends in flight at once (1-${LIMITS.concurrency}, default ${DEFAULTS.concurrency})
  --conflict-rate P        chance that an attempt meets an injected TransactionConflict
                           (0-${LIMITS.faultRate}, default ${DEFAULTS.conflictRate})
  --lost-response-rate P   chance that an attempt is applied but its response is lost
                           (0-${LIMITS.faultRate}, default ${DEFAULTS.lostResponseRate}); the two rates together
                           at most ${LIMITS.faultRate}
  --seed N                 seed of the fault decisions (0-${LIMITS.seed}); the same seed gives the
                           same faults. Default: a random one, printed at the end
  --endpoint URL           use the DynamoDB at this URL (http://host:port) instead of starting one
  --consumer MODE          the change feed consumer: image (each event with its stored row and
                           counter change, default), intent (from the transactions' manifests
                           alone) or off
  --show-events N          print the first N events the consumer receives (0-${LIMITS.showEvents});
                           default: every one
  -h, --help               print this help and exit

Exit status: 0 when every invariant holds, 1 when one is broken, 2 when the demo could not
run (bad options, no Java, ...).`;

export type ParsedCommandLine = { readonly help: true } | { readonly help: false; readonly settings: DemoSettings };

/**
 * Reads the demo's flags. A leading `--` is skipped: `pnpm run demo -- --events 10` hands it
 * over verbatim. Throws DemoUsageError, naming the flag and the value, for anything else
 * that is not a known flag with a valid value.
 */
export function parseDemoArgs(argv: readonly string[]): ParsedCommandLine {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        events: { type: 'string' },
        tenants: { type: 'string' },
        concurrency: { type: 'string' },
        'conflict-rate': { type: 'string' },
        'lost-response-rate': { type: 'string' },
        seed: { type: 'string' },
        endpoint: { type: 'string' },
        consumer: { type: 'string' },
        'show-events': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new DemoUsageError(describeParseError(error));
  }
  if (values.help === true) return { help: true };

  const conflictRate = rate(values, 'conflict-rate', DEFAULTS.conflictRate);
  const lostResponseRate = rate(values, 'lost-response-rate', DEFAULTS.lostResponseRate);
  if (conflictRate + lostResponseRate > LIMITS.faultRate + 1e-12) {
    throw new DemoUsageError(
      `--conflict-rate and --lost-response-rate add up to ${+(conflictRate + lostResponseRate).toFixed(6)}; ` +
        `together they may be at most ${LIMITS.faultRate}, or appends would run out of retries`,
    );
  }
  const endpoint = values.endpoint as string | undefined;
  if (endpoint !== undefined && endpoint.trim() === '') throw new DemoUsageError('--endpoint needs a URL, such as http://127.0.0.1:8000');
  const consumer = (values.consumer as string | undefined) ?? DEFAULTS.consumer;
  if (consumer !== 'image' && consumer !== 'intent' && consumer !== 'off') {
    throw new DemoUsageError(`--consumer must be image, intent or off, got ${shown(consumer)}`);
  }
  return {
    help: false,
    settings: {
      events: whole(values, 'events', 1, LIMITS.events, DEFAULTS.events),
      tenants: whole(values, 'tenants', 1, LIMITS.tenants, DEFAULTS.tenants),
      concurrency: whole(values, 'concurrency', 1, LIMITS.concurrency, DEFAULTS.concurrency),
      conflictRate,
      lostResponseRate,
      seed: values.seed === undefined ? undefined : whole(values, 'seed', 0, LIMITS.seed, 0),
      endpoint,
      consumer,
      showEvents: values['show-events'] === undefined ? undefined : whole(values, 'show-events', 0, LIMITS.showEvents, 0),
    },
  };
}

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

function whole(values: Record<string, unknown>, flag: string, min: number, max: number, fallback: number): number {
  const raw = values[flag] as string | undefined;
  if (raw === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new DemoUsageError(`--${flag} must be a whole number from ${min} to ${max}, got ${shown(raw)}`);
  }
  return n;
}

function rate(values: Record<string, unknown>, flag: string, fallback: number): number {
  const raw = values[flag] as string | undefined;
  if (raw === undefined) return fallback;
  const p = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(p) || p < 0 || p > LIMITS.faultRate) {
    throw new DemoUsageError(`--${flag} must be a probability from 0 to ${LIMITS.faultRate}, got ${shown(raw)}`);
  }
  return p;
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? String(error);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = /'([^']+)'/.exec(text)?.[1];
      return `unknown option ${flag ?? text}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const value = /'([^']*)'/.exec(text)?.[1];
      return `unexpected argument ${value === undefined ? text : shown(value)} (every option is a --flag, e.g. --events 1000)`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = /Option '(?:-\w, )?(-[^' ]+)/.exec(text)?.[1] ?? 'an option';
      if (/does not take an argument/.test(text)) return `${flag} does not take a value`;
      if (/ambiguous/.test(text)) return `${flag} needs a value; one that starts with "-" is written ${flag}=<value>`;
      return `${flag} needs a value`;
    }
    default:
      return text;
  }
}
