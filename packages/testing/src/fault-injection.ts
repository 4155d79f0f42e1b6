import { randomInt } from 'node:crypto';
import {
  ThrottlingException,
  TransactionCanceledException,
  TransactionInProgressException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** Errors DynamoDB Local never produces on its own but a real table does. */
export type InjectedFault = 'transactionConflict' | 'throttling' | 'transactionInProgress' | 'network';

/** `lostResponse`: the request reached the engine, the caller got a timeout. */
export type InjectedFaultKind = InjectedFault | 'lostResponse';

/** Every fault kind, in the order in which rate mode lays out its probabilities. */
export const FAULT_KINDS: readonly InjectedFaultKind[] = [
  'transactionConflict',
  'throttling',
  'transactionInProgress',
  'network',
  'lostResponse',
];

/** The commands an injector can affect. */
export type FaultCommand = 'TransactWriteItems' | 'TransactGetItems';
const FAULT_COMMANDS: readonly FaultCommand[] = ['TransactWriteItems', 'TransactGetItems'];

/** Per-call probability of each fault kind, each in [0, 1]; together at most 1. */
export type FaultRates = { readonly [K in InjectedFaultKind]?: number };

/** One fault the injector caused: its kind, the command, and the call number, in `injector.log` for asserting what a test went through. */
export interface InjectedFaultRecord {
  readonly kind: InjectedFaultKind;
  /** SDK command name, e.g. `TransactWriteItemsCommand`. */
  readonly command: string;
  /**
   * Sequence number of the call among the calls this injector affects (1 for the first),
   * counting calls that got no fault too.
   */
  readonly call: number;
  /** `queue`: failNext()/loseResponseOfNext(); `rate`: drawn in rate mode. */
  readonly source: 'queue' | 'rate';
  readonly at: Date;
  /**
   * For `lostResponse`: whether the engine applied the request whose response was dropped
   * (for TransactGetItems: whether it answered the read).
   */
  readonly engineSucceeded?: boolean;
}

/** Which commands faults apply to, and the per-call rates and seed of rate mode. */
export interface InjectFaultsOptions {
  /** The commands to affect. Default `['TransactWriteItems']`. */
  commands?: readonly FaultCommand[];
  /** Rate mode from the start; see FaultInjector.setRates(). */
  rates?: FaultRates;
  /** Seed of rate mode's decisions. Default: a random one, readable as `injector.seed`. */
  seed?: number;
}

/** The handle `injectFaults` returns: queue faults for the next calls, read the log, and remove the middleware. */
export interface FaultInjector {
  /** The next `count` affected calls fail with `fault` before reaching the engine. */
  failNext(count: number, fault: InjectedFault): this;
  /** The next `count` affected calls are executed, then answered with a TimeoutError. */
  loseResponseOfNext(count: number): this;
  /**
   * Rate mode: every affected call draws its own fault, independently of every other call,
   * with these probabilities (kinds left out: 0; at most one fault per call, so the rates
   * add up to at most 1). Decisions come from a PRNG seeded with `seed` (default: the
   * current seed): call number n always gets the same decision for the same seed and rates.
   * Queued faults (failNext, loseResponseOfNext) go first. `{}` switches rate mode off.
   */
  setRates(rates: FaultRates, seed?: number): this;
  /** The rates in force; `{}` when rate mode is off. */
  readonly rates: FaultRates;
  /** The seed of rate mode's decisions. */
  readonly seed: number;
  /** Affected calls seen so far (since creation or clear()), faulted or not. */
  readonly calls: number;
  /** Every fault injected so far, oldest first (by the time it was decided). */
  readonly log: readonly InjectedFaultRecord[];
  /** Forgets queued faults, the log and the call count: the decisions start over. Keeps the rates and the seed. */
  clear(): void;
  /** Detaches the middleware from the client; queued faults are dropped. */
  remove(): void;
}

const INJECTED_MARK = 'dynatxInjected';
const RECORD_KEY = Symbol('dynatxInjectedFault');

/** True for errors thrown by a FaultInjector rather than by DynamoDB or the SDK. */
export function isInjectedFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<string, unknown>)[INJECTED_MARK] === true;
}

/** The log record of an error thrown by a FaultInjector (its call number, kind, ...); else undefined. */
export function injectedFaultOf(error: unknown): InjectedFaultRecord | undefined {
  if (!isInjectedFault(error)) return undefined;
  return (error as { [RECORD_KEY]?: InjectedFaultRecord })[RECORD_KEY];
}

let injectorSequence = 0;

/**
 * Adds fault injection to the caller's own client, so the code under test keeps using its
 * real client and command path.
 *
 * Where it sits: a middleware in the SDK's `initialize` step. A `send()` runs the steps
 * initialize -> serialize -> build -> finalizeRequest -> deserialize, and the SDK's retry
 * middleware (`retryMiddleware`) lives in `finalizeRequest`. So the injector runs once per
 * `send()`, above the retry loop: an injected fault reaches the caller as decided instead of
 * being retried away by the SDK (whatever its `maxAttempts`), which keeps the retry logic of
 * the code under test observable, and one decision is one call of the application. A lost
 * response runs the whole stack below (the SDK's own retries included) and then throws.
 * The DocumentClient (and so ElectroDB) sends the same commands on the same middleware stack,
 * so they are affected too.
 *
 * A client created with `cacheMiddleware: true` resolves its middleware once; inject faults
 * before its first request.
 */
export function injectFaults(client: DynamoDBClient, options: InjectFaultsOptions = {}): FaultInjector {
  const name = `dynatxFaultInjection${++injectorSequence}`;
  const targets = new Set(commandNames(options.commands ?? ['TransactWriteItems']));
  const queue: InjectedFaultKind[] = [];
  const log: InjectedFaultRecord[] = [];
  let rates: FaultRates = {};
  let seed = options.seed === undefined ? randomInt(0, 2 ** 32 - 1) : checkSeed(options.seed);
  let calls = 0;
  if (options.rates !== undefined) rates = checkRates(options.rates);

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!targets.has(command)) return next(args);
      // Decided synchronously, before anything is awaited: concurrent calls each get their
      // own number and decision, whatever order they finish in.
      const call = ++calls;
      const queued = queue.shift();
      const kind = queued ?? drawFault(rates, seed, call);
      if (kind === undefined) return next(args);
      const source = queued === undefined ? 'rate' : 'queue';

      if (kind !== 'lostResponse') {
        const record: InjectedFaultRecord = { kind, command, call, source, at: new Date() };
        log.push(record);
        throw attachRecord(faultError(kind, transactItemCount(args.input)), record);
      }

      let engineSucceeded = true;
      try {
        await next(args);
      } catch {
        // A lost response hides the outcome either way, including a cancellation.
        engineSucceeded = false;
      }
      const record: InjectedFaultRecord = { kind, command, call, source, at: new Date(), engineSucceeded };
      log.push(record);
      throw attachRecord(lostResponseError(), record);
    },
    { step: 'initialize', name, tags: ['DYNATX_FAULT_INJECTION'] },
  );

  const injector: FaultInjector = {
    failNext(count, fault) {
      enqueue(queue, count, fault);
      return this;
    },
    loseResponseOfNext(count) {
      enqueue(queue, count, 'lostResponse');
      return this;
    },
    setRates(next, nextSeed) {
      rates = checkRates(next);
      if (nextSeed !== undefined) seed = checkSeed(nextSeed);
      return this;
    },
    get rates() {
      return { ...rates };
    },
    get seed() {
      return seed;
    },
    get calls() {
      return calls;
    },
    get log() {
      return log;
    },
    clear() {
      queue.length = 0;
      log.length = 0;
      calls = 0;
    },
    remove() {
      queue.length = 0;
      client.middlewareStack.remove(name);
    },
  };
  return injector;
}

function commandNames(commands: readonly FaultCommand[]): string[] {
  if (!Array.isArray(commands) || commands.length === 0) {
    throw new TypeError(`injectFaults: commands must list at least one of ${FAULT_COMMANDS.join(', ')}`);
  }
  return commands.map((command) => {
    if (!FAULT_COMMANDS.includes(command)) {
      throw new TypeError(
        `injectFaults: cannot inject faults into ${JSON.stringify(command)}; supported: ${FAULT_COMMANDS.join(', ')}`,
      );
    }
    return `${command}Command`;
  });
}

function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`fault seed must be an integer, got ${seed}`);
  return seed >>> 0;
}

function checkRates(rates: FaultRates): FaultRates {
  const checked: { [K in InjectedFaultKind]?: number } = {};
  let total = 0;
  for (const [kind, rate] of Object.entries(rates)) {
    if (!FAULT_KINDS.includes(kind as InjectedFaultKind)) {
      throw new TypeError(`unknown fault kind ${JSON.stringify(kind)}; expected one of ${FAULT_KINDS.join(', ')}`);
    }
    if (rate === undefined) continue;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new RangeError(`the ${kind} rate must be a probability between 0 and 1, got ${rate}`);
    }
    checked[kind as InjectedFaultKind] = rate;
    total += rate;
  }
  // A little slack for sums such as 0.1 + 0.2 + 0.7.
  if (total > 1 + 1e-9) {
    throw new RangeError(`fault rates add up to ${total}; a call gets at most one fault, so they must add up to at most 1`);
  }
  return checked;
}

/**
 * The n-th output of mulberry32 seeded with `seed`, computed directly from n: each call's
 * decision depends on the seed and its own number only, never on how many draws other calls
 * made, so concurrent calls cannot disturb each other's decisions.
 */
export function faultDraw(seed: number, call: number): number {
  let t = (seed + Math.imul(call, 0x6d2b79f5)) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** One uniform draw, laid out over the kinds in FAULT_KINDS order: [conflict | throttling | ... | none]. */
function drawFault(rates: FaultRates, seed: number, call: number): InjectedFaultKind | undefined {
  let threshold = 0;
  let any = false;
  for (const kind of FAULT_KINDS) any ||= (rates[kind] ?? 0) > 0;
  if (!any) return undefined;
  const u = faultDraw(seed, call);
  for (const kind of FAULT_KINDS) {
    threshold += rates[kind] ?? 0;
    if (u < threshold) return kind;
  }
  return undefined;
}

function enqueue(queue: InjectedFaultKind[], count: number, kind: InjectedFaultKind): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`fault count must be a non-negative integer, got ${count}`);
  }
  for (let i = 0; i < count; i++) queue.push(kind);
}

function transactItemCount(input: unknown): number {
  const items = (input as { TransactItems?: unknown } | undefined)?.TransactItems;
  return Array.isArray(items) && items.length > 0 ? items.length : 1;
}

function attachRecord<T extends Error>(error: T, record: InjectedFaultRecord): T {
  Object.defineProperty(error, RECORD_KEY, { value: record, enumerable: false });
  return error;
}

// Shaped like what the SDK's deserializer produces for an HTTP 400 from DynamoDB.
const serviceMetadata = () => ({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });

function faultError(kind: InjectedFault, itemCount: number): Error {
  switch (kind) {
    case 'transactionConflict': {
      // DynamoDB reports one reason per action in request order; the action
      // that hit the conflict carries it, every other one says None.
      const reasons = Array.from({ length: itemCount }, (_, i) =>
        i === 0
          ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
          : { Code: 'None' },
      );
      const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons
        .map((reason) => reason.Code)
        .join(', ')}]`;
      return markInjected(
        new TransactionCanceledException({
          message,
          Message: message,
          CancellationReasons: reasons,
          $metadata: serviceMetadata(),
        }),
      );
    }
    case 'throttling':
      return markInjected(
        new ThrottlingException({
          message: 'Throughput exceeds the current capacity for one or more items in this request (injected)',
          $metadata: serviceMetadata(),
        }),
      );
    case 'transactionInProgress':
      return markInjected(
        new TransactionInProgressException({
          message: 'Another transaction with the same ClientRequestToken is in progress (injected)',
          Message: 'Another transaction with the same ClientRequestToken is in progress (injected)',
          $metadata: serviceMetadata(),
        }),
      );
    case 'network':
      // What Node's http client throws when the peer drops the connection.
      return markInjected(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  }
}

function lostResponseError(): Error {
  const error = Object.assign(
    new Error(
      'Response lost after the request was sent (injected timeout): the transaction may or may not have been applied',
    ),
    { code: 'ETIMEDOUT' },
  );
  error.name = 'TimeoutError';
  return markInjected(error);
}

function markInjected<T extends Error>(error: T): T {
  Object.defineProperty(error, INJECTED_MARK, { value: true, enumerable: false });
  return error;
}
