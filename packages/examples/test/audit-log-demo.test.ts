/** The README's demo, at a reduced size, with its invariants asserted. */
import { useDynamoDB } from '@dynatx/testing/vitest';
import { expect, test } from 'vitest';
import { parseDemoArgs, USAGE } from '../src/audit-log/cli.js';
import { formatReport } from '../src/audit-log/report.js';
import { demoTenants, runAuditLogDemo } from '../src/audit-log/run-demo.js';
import { expectedFaults } from './audit-log-expected.js';

test('the audit-log demo: every tenant agrees, the suspended one is refused, faults are survived, the feed delivers each committed append once', async () => {
  const progress: number[] = [];
  const feedLines: string[] = [];
  const report = await runAuditLogDemo({
    events: 80,
    concurrency: 16,
    conflictRate: 0.15,
    lostResponseRate: 0.1,
    seed: 2024,
    onProgress: (done) => progress.push(done),
    onFeedEvent: (line) => feedLines.push(line),
  });
  expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  expect(report.tenants.map((t) => [t.tenant, t.eventsStored, t.eventCount])).toEqual([
    ['acme', 20, 20],
    ['globex', 20, 20],
    ['initech', 20, 20],
    ['umbrella', 0, 0],
  ]);
  expect(report.cancellations).toHaveLength(20);
  // Rate mode with a seed: the same faults on every run, at any concurrency.
  const expected = expectedFaults(80, 0.15, 0.1, 2024);
  expect(report.seed).toBe(2024);
  expect(report.attempts).toBe(expected.attempts);
  expect(report.injected).toEqual(expected.injected);
  expect(expected.injected.transactionConflict).toBeGreaterThan(5);
  expect(expected.injected.lostResponse).toBeGreaterThan(3);
  expect(report.retriesByReason.TransactionConflict).toBe(expected.injected.transactionConflict);
  expect(report.retriesByReason.Timeout).toBe(expected.injected.lostResponse);
  expect(report.consumedCapacityUnits).toBeGreaterThan(0);
  expect(progress).toHaveLength(80);
  // The change feed: one event per committed append (60), none for the 20 cancelled ones.
  expect(report.feed).toMatchObject({ mode: 'image', received: 60, committedAppends: 60, cancelledAppends: 20, missing: 0, duplicates: 0, notWhole: 0, incomplete: 0, cancelledReceived: 0, unexpected: 0 });
  expect(feedLines).toHaveLength(60);
  expect(feedLines.filter((l) => l.startsWith('umbrella '))).toEqual([]);
  // Each tenant's counter changes come in order, one by one: 0 -> 1, 1 -> 2, ...
  for (const tenant of ['acme', 'globex', 'initech']) {
    const changes = feedLines.filter((l) => l.startsWith(`${tenant} `)).map((l) => /eventCount (\d+) -> (\d+)$/.exec(l)!.slice(1).map(Number));
    expect(changes).toEqual(Array.from({ length: 20 }, (_, i) => [i, i + 1]));
  }
  expect(feedLines[0]).toMatch(/^\w+ evt-\d{5} (login|logout|export|settings) by \w+: eventCount \d+ -> \d+$/);
  const text = formatReport(report);
  expect(text).toContain('All invariants hold');
  expect(text).toContain('action "tenant is active" on Tenant{tenant:umbrella}: ConditionalCheckFailed');
  expect(text).toContain('seed 2024 (--seed 2024 gives the same faults)');
  expect(text).toContain('Change feed (image feed, read from the table\'s stream): 60 events for 60 committed appends, none for the 20 cancelled ones');
}, 120_000);

// One engine for the shorter runs below (the first run starts its own, as the README's does).
const dynamodb = useDynamoDB();

test('the demo with the intent feed, and with the feed off', async () => {
  const endpoint = dynamodb.endpoint;
  const lines: string[] = [];
  const intent = await runAuditLogDemo({ events: 24, concurrency: 8, conflictRate: 0.1, lostResponseRate: 0.1, seed: 5, endpoint, consumer: 'intent', onFeedEvent: (l) => lines.push(l) });
  expect(intent.invariants.filter((i) => !i.ok)).toEqual([]);
  expect(intent.feed).toMatchObject({ mode: 'intent', received: 18, committedAppends: 18, cancelledReceived: 0, notWhole: 0 });
  expect(lines[0]).toMatch(/: eventCount \+1$/);
  const off = await runAuditLogDemo({ events: 8, concurrency: 4, conflictRate: 0, lostResponseRate: 0, seed: 5, endpoint, consumer: 'off' });
  expect(off.feed).toBeUndefined();
  expect(off.invariants.filter((i) => !i.ok)).toEqual([]);
  expect(formatReport(off)).toContain('Change feed: off (--consumer off)');
}, 120_000);

test('tenants: the first four keep their names, every 4th is suspended, more get numbers', () => {
  expect(demoTenants(4).map((t) => `${t.tenant}:${t.status}`)).toEqual([
    'acme:active',
    'globex:active',
    'initech:active',
    'umbrella:suspended',
  ]);
  const many = demoTenants(14);
  expect(many.at(-1)).toMatchObject({ tenant: 'tenant-14', status: 'active' });
  expect(many.filter((t) => t.status === 'suspended').map((t) => t.tenant)).toEqual(['umbrella', 'tyrell', 'oscorp']);
  expect(demoTenants(1)).toEqual([{ tenant: 'acme', name: 'Acme', status: 'active' }]);
});

test('the command line: defaults, every flag, a leading --, and clear refusals', () => {
  expect(parseDemoArgs([])).toEqual({
    help: false,
    settings: {
      events: 400,
      tenants: 4,
      concurrency: 16,
      conflictRate: 0.1,
      lostResponseRate: 0.04,
      seed: undefined,
      endpoint: undefined,
      consumer: 'image',
      showEvents: undefined,
    },
  });
  const all = ['--events', '1000', '--tenants', '6', '--concurrency', '8', '--conflict-rate', '0.2', '--lost-response-rate=.05', '--seed', '42', '--consumer', 'intent', '--show-events', '5'];
  expect(parseDemoArgs(all)).toEqual({
    help: false,
    settings: { events: 1000, tenants: 6, concurrency: 8, conflictRate: 0.2, lostResponseRate: 0.05, seed: 42, endpoint: undefined, consumer: 'intent', showEvents: 5 },
  });
  // `pnpm run demo -- --events 1000` hands the `--` over.
  expect(parseDemoArgs(['--', ...all])).toEqual(parseDemoArgs(all));
  expect(parseDemoArgs(['--help'])).toEqual({ help: true });
  expect(parseDemoArgs(['-h'])).toEqual({ help: true });
  for (const flag of ['--events', '--tenants', '--concurrency', '--conflict-rate', '--lost-response-rate', '--seed', '--endpoint', '--consumer', '--show-events', '--help']) {
    expect(USAGE).toContain(flag);
  }

  const refusal = (args: string[]) => {
    try {
      parseDemoArgs(args);
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
    return 'accepted';
  };
  expect(refusal(['--events', 'abc'])).toBe('DemoUsageError: --events must be a whole number from 1 to 1000000, got "abc"');
  expect(refusal(['--events', '0'])).toMatch(/--events must be a whole number from 1/);
  expect(refusal(['--events', '2.5'])).toMatch(/--events must be a whole number/);
  expect(refusal(['--events=-3'])).toMatch(/--events must be a whole number .* got "-3"/);
  expect(refusal(['--events', '-3'])).toBe('DemoUsageError: --events needs a value; one that starts with "-" is written --events=<value>');
  expect(refusal(['--events'])).toBe('DemoUsageError: --events needs a value');
  expect(refusal(['--tenants', '101'])).toMatch(/--tenants must be a whole number from 1 to 100, got "101"/);
  expect(refusal(['--concurrency', '1e3'])).toMatch(/--concurrency must be a whole number/);
  expect(refusal(['--conflict-rate', '0.6'])).toBe('DemoUsageError: --conflict-rate must be a probability from 0 to 0.5, got "0.6"');
  expect(refusal(['--lost-response-rate', 'often'])).toMatch(/--lost-response-rate must be a probability/);
  expect(refusal(['--conflict-rate', '0.3', '--lost-response-rate', '0.3'])).toMatch(/add up to 0\.6; together they may be at most 0\.5/);
  expect(refusal(['--seed', '-1'])).toMatch(/--seed needs a value/);
  expect(refusal(['--seed', '4294967296'])).toMatch(/--seed must be a whole number from 0 to 4294967295/);
  expect(refusal(['--bogus'])).toBe('DemoUsageError: unknown option --bogus');
  expect(refusal(['1000'])).toMatch(/unexpected argument "1000" \(every option is a --flag/);
  expect(refusal(['--help=yes'])).toBe('DemoUsageError: --help does not take a value');
  expect(refusal(['--endpoint', ''])).toMatch(/--endpoint needs a URL/);
  expect(refusal(['--consumer', 'lambda'])).toBe('DemoUsageError: --consumer must be image, intent or off, got "lambda"');
  expect(refusal(['--show-events', 'all'])).toMatch(/--show-events must be a whole number from 0/);
  expect(parseDemoArgs(['--consumer', 'off', '--show-events', '0'])).toMatchObject({ settings: { consumer: 'off', showEvents: 0 } });
});
