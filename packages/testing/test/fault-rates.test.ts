/**
 * Rate mode of injectFaults: per-call probabilities per fault kind, decided per call from a
 * seeded PRNG, against a real DynamoDB Local table.
 */
import {
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTableFor,
  FAULT_KINDS,
  faultDraw,
  injectedFaultOf,
  injectFaults,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
  type FaultRates,
  type InjectedFaultKind,
  type InjectedFaultRecord,
  type TestTable,
} from '../src/index.js';
import { accounts } from './fixtures/entities.js';
import { withoutEndpointEnv } from './helpers.js';

const TABLE = 'fault-rates';

let env: { restore(): void };
let engine: DynamoDBLocalHandle;
let table: TestTable;

beforeAll(async () => {
  env = withoutEndpointEnv();
  engine = await startDynamoDBLocal();
  table = await createTableFor(engine.client, [accounts], { tableName: TABLE });
});
afterAll(async () => {
  await table?.drop();
  await engine?.stop();
  env?.restore();
});

const put = (id: string): TransactWriteItem => ({
  Put: { TableName: TABLE, Item: { pk: { S: id }, sk: { S: 'item' } } },
});
const writeOne = (client: DynamoDBClient, id: string) =>
  client.send(new TransactWriteItemsCommand({ TransactItems: [put(id)] }));

type Outcome = { ok: true } | { ok: false; error: Error; record: InjectedFaultRecord | undefined };

/** Runs `count` tasks with at most `concurrency` in flight; outcomes by task index. */
async function pool(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        await task(index);
        outcomes[index] = { ok: true };
      } catch (error) {
        outcomes[index] = { ok: false, error: error as Error, record: injectedFaultOf(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

async function storedIds(prefix: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let start: Record<string, never> | undefined;
  do {
    const page = await engine.client.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const id = item.pk?.S ?? '';
      if (id.startsWith(prefix)) ids.add(id);
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start !== undefined);
  return ids;
}

/** Four standard deviations of a binomial proportion, plus a hair. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n) + 0.002;

describe('rate mode (DynamoDB Local)', () => {
  const rates = {
    transactionConflict: 0.1,
    throttling: 0.05,
    transactionInProgress: 0.03,
    network: 0.04,
    lostResponse: 0.08,
  } satisfies FaultRates;
  const CALLS = 2_000;

  it('over 2,000 concurrent transactions, each kind shows up at its rate, and each call gets its own fault', async () => {
    const client = engine.createClient();
    const faults = injectFaults(client, { rates, seed: 20_240_611 });
    const outcomes = await pool(CALLS, 16, (i) => writeOne(client, `rate-${i}`));

    expect(faults.calls).toBe(CALLS);
    const observed = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<InjectedFaultKind, number>;
    for (const record of faults.log) observed[record.kind]++;
    const report: string[] = [];
    for (const kind of FAULT_KINDS) {
      const rate = observed[kind] / CALLS;
      report.push(`${kind} ${rate.toFixed(4)} (expected ${rates[kind]})`);
      expect(Math.abs(rate - rates[kind]), kind).toBeLessThanOrEqual(tolerance(rates[kind], CALLS));
    }
    const clean = outcomes.filter((o) => o.ok).length / CALLS;
    report.push(`no fault ${clean.toFixed(4)} (expected 0.70)`);
    expect(Math.abs(clean - 0.7)).toBeLessThanOrEqual(tolerance(0.7, CALLS));
    console.log(`observed fault rates over ${CALLS} calls: ${report.join(', ')}`);

    // One log entry per faulted call, one faulted call per log entry, matched by call number.
    const failed = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    expect(failed.every((o) => o.record !== undefined)).toBe(true);
    expect(failed).toHaveLength(faults.log.length);
    const callNumbers = failed.map((o) => o.record!.call);
    expect(new Set(callNumbers).size).toBe(failed.length);
    expect(new Set(callNumbers)).toEqual(new Set(faults.log.map((r) => r.call)));
    for (const o of failed) {
      expect(o.record!.command).toBe('TransactWriteItemsCommand');
      expect(o.record!.source).toBe('rate');
      expect(o.error.name).toBe(
        {
          transactionConflict: 'TransactionCanceledException',
          throttling: 'ThrottlingException',
          transactionInProgress: 'TransactionInProgressException',
          network: 'Error',
          lostResponse: 'TimeoutError',
        }[o.record!.kind],
      );
    }

    // What the engine holds: every clean call and every lost response, nothing else.
    const stored = await storedIds('rate-');
    outcomes.forEach((o, i) => {
      const applied = o.ok || o.record?.kind === 'lostResponse';
      expect(stored.has(`rate-${i}`), `rate-${i}`).toBe(applied);
      if (!o.ok && o.record?.kind === 'lostResponse') expect(o.record.engineSucceeded).toBe(true);
    });

    // Independent draws: after a faulted call, the next call is faulted at the overall rate.
    const faulted = new Set(faults.log.map((r) => r.call));
    let afterFault = 0;
    let faultAfterFault = 0;
    for (let call = 1; call < CALLS; call++) {
      if (!faulted.has(call)) continue;
      afterFault++;
      if (faulted.has(call + 1)) faultAfterFault++;
    }
    expect(Math.abs(faultAfterFault / afterFault - 0.3)).toBeLessThanOrEqual(tolerance(0.3, afterFault));
  }, 120_000);

  it('the same seed gives the same decision for every call number, whatever the concurrency', async () => {
    const decisions = async (seed: number, concurrency: number, prefix: string) => {
      const client = engine.createClient();
      const faults = injectFaults(client, { rates, seed });
      await pool(300, concurrency, (i) => writeOne(client, `${prefix}-${i}`));
      faults.remove();
      return new Map(faults.log.map((r) => [r.call, r.kind]));
    };
    const concurrent = await decisions(42, 24, 'seed-a');
    const sequential = await decisions(42, 1, 'seed-b');
    const otherSeed = await decisions(43, 24, 'seed-c');
    expect(concurrent.size).toBeGreaterThan(50);
    expect([...concurrent].sort(([a], [b]) => a - b)).toEqual([...sequential].sort(([a], [b]) => a - b));
    expect(otherSeed).not.toEqual(concurrent);

    // The decision of call n is the n-th output of the seeded PRNG, laid out over the kinds.
    for (const [call, kind] of concurrent) {
      const u = faultDraw(42, call);
      let threshold = 0;
      const expected = FAULT_KINDS.find((k) => u < (threshold += rates[k]));
      expect(kind).toBe(expected);
    }
  });

  it('clear() starts the decisions over: the same seed replays them', async () => {
    const client = engine.createClient();
    const faults = injectFaults(client, { rates: { network: 0.5 }, seed: 7 });
    await pool(40, 4, (i) => writeOne(client, `replay-a-${i}`));
    const first = faults.log.map((r) => [r.call, r.kind]);
    faults.clear();
    expect(faults.calls).toBe(0);
    await pool(40, 4, (i) => writeOne(client, `replay-b-${i}`));
    expect(faults.log.map((r) => [r.call, r.kind])).toEqual(first);
    expect(faults.seed).toBe(7);
    expect(faults.rates).toEqual({ network: 0.5 });
  });

  it('concurrent calls do not share faults: a lost response in flight leaves the others alone', async () => {
    // A seed whose call 1 loses its response and whose next 30 calls draw nothing.
    const lostRates: FaultRates = { lostResponse: 0.02 };
    let seed = 0;
    const decision = (s: number, call: number) => (faultDraw(s, call) < 0.02 ? 'lostResponse' : undefined);
    while (
      decision(seed, 1) !== 'lostResponse' ||
      Array.from({ length: 30 }, (_, i) => decision(seed, i + 2)).some((d) => d !== undefined)
    ) {
      seed++;
    }
    const client = engine.createClient();
    const faults = injectFaults(client, { rates: lostRates, seed });
    const first = writeOne(client, 'alone-0').then(
      () => new Error('expected a lost response'),
      (error: unknown) => error as Error,
    );
    const others = await pool(30, 30, (i) => writeOne(client, `alone-${i + 1}`));
    expect((await first).name).toBe('TimeoutError');
    expect(others.every((o) => o.ok)).toBe(true);
    expect(faults.log).toEqual([expect.objectContaining({ call: 1, kind: 'lostResponse', engineSucceeded: true })]);
  });

  it('queued faults go first, then the rates', async () => {
    const client = engine.createClient();
    const faults = injectFaults(client).failNext(2, 'throttling').setRates({ transactionConflict: 1 });
    const outcomes = await pool(4, 1, (i) => writeOne(client, `mixed-${i}`));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.record?.kind))).toEqual([
      'throttling',
      'throttling',
      'transactionConflict',
      'transactionConflict',
    ]);
    expect(faults.log.map((r) => [r.call, r.source])).toEqual([
      [1, 'queue'],
      [2, 'queue'],
      [3, 'rate'],
      [4, 'rate'],
    ]);
    faults.setRates({});
    await writeOne(client, 'mixed-off');
    expect(faults.log).toHaveLength(4);
  });

  it('affects TransactGetItems when asked to, and only the commands asked for', async () => {
    await writeOne(engine.client, 'readable');
    const get = (client: DynamoDBClient) =>
      client.send(
        new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: TABLE, Key: { pk: { S: 'readable' }, sk: { S: 'item' } } } }],
        }),
      );

    const writesOnly = engine.createClient();
    injectFaults(writesOnly, { rates: { throttling: 1 } });
    await expect(get(writesOnly)).resolves.toMatchObject({ Responses: [{ Item: expect.anything() }] });
    await expect(writeOne(writesOnly, 'w1')).rejects.toMatchObject({ name: 'ThrottlingException' });

    const readsOnly = engine.createClient();
    const readFaults = injectFaults(readsOnly, { commands: ['TransactGetItems'], rates: { transactionConflict: 1 } });
    const error = (await get(readsOnly).catch((e: unknown) => e)) as Error & { CancellationReasons?: { Code?: string }[] };
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['TransactionConflict']);
    await expect(writeOne(readsOnly, 'w2')).resolves.toBeDefined();
    expect(readFaults.log.map((r) => r.command)).toEqual(['TransactGetItemsCommand']);

    const both = engine.createClient();
    const bothFaults = injectFaults(both, { commands: ['TransactWriteItems', 'TransactGetItems'] }).setRates({ lostResponse: 1 });
    await expect(get(both)).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(writeOne(both, 'w3')).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(bothFaults.log.map((r) => [r.command, r.engineSucceeded])).toEqual([
      ['TransactGetItemsCommand', true],
      ['TransactWriteItemsCommand', true],
    ]);
  });

  it('refuses rates that are not probabilities, unknown kinds and commands, and odd seeds', () => {
    const client = engine.createClient();
    expect(() => injectFaults(client, { rates: { network: 0.7, throttling: 0.4 } })).toThrow(/add up to 1\.1/);
    expect(() => injectFaults(client, { rates: { network: -0.1 } })).toThrow(RangeError);
    expect(() => injectFaults(client, { rates: { network: Number.NaN } })).toThrow(RangeError);
    expect(() => injectFaults(client, { rates: { conflict: 0.1 } as FaultRates })).toThrow(/unknown fault kind "conflict"/);
    expect(() => injectFaults(client, { commands: ['PutItem' as never] })).toThrow(/PutItem/);
    expect(() => injectFaults(client, { commands: [] })).toThrow(TypeError);
    expect(() => injectFaults(client, { seed: 1.5 })).toThrow(RangeError);
    expect(() => injectFaults(client).setRates({ lostResponse: 2 })).toThrow(RangeError);
    expect(client.middlewareStack.identify().filter((m) => m.startsWith('dynatxFaultInjection'))).toHaveLength(1);
  });
});
