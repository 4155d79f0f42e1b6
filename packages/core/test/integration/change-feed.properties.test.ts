/**
 * Property tests of the change feed's consumer over seeds. A workload of feed transactions runs
 * once on DynamoDB Local with a stream; its records are captured, then replayed per seed by
 * the stream fault injector of @dynatx/testing: re-sharded (an item's records in one shard, in
 * order), interleaved across shards, split into batches, re-read and duplicated, some records
 * withheld, and the consumer restarted from its checkpoint store at record boundaries. For
 * every seed:
 * - every committed transaction is handed out exactly once: whole (an image event with every
 *   put and update image) or, exactly when one of its item records was withheld, reported
 *   incomplete naming those actions; a transaction whose manifest was withheld not at all;
 * - nothing is handed out that did not commit (no event invented);
 * - image events of transactions that wrote the same item come in the order of its records.
 *
 * Seeds: DYNATX_FEED_SEEDS (default 300 per mode), starting at DYNATX_FEED_SEED_START (1).
 */
import { injectStreamFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  changeFeed,
  compareSequence,
  memoryCheckpointStore,
  openFeedConsumer,
  type FeedConsumer,
  type FeedMode,
  type FeedOutput,
  type StreamRecord,
} from '../../src/index.js';
import { Counter, Event, Tenant } from '../fixtures/audit-entities.js';
import { checkOutputs, groundTruth, readWholeStream, runWorkload, streamsClientFor, type GroundTruth, type Workload } from '../helpers/feed-stream.js';

const entities = [Event, Counter, Tenant] as const;
const table = useTable([Event, Counter, Tenant], { stream: 'NEW_AND_OLD_IMAGES' });
const feed = () => changeFeed({ name: 'props', table: table.tableName, entities });
type Output = FeedOutput<typeof entities>;

const SEEDS = Number(process.env.DYNATX_FEED_SEEDS ?? 300);
const SEED_START = Number(process.env.DYNATX_FEED_SEED_START ?? 1);
const TRANSACTIONS = Number(process.env.DYNATX_FEED_TRANSACTIONS ?? 80);
const WAIT_MS = 1_000;

let workload: Workload;
let records: StreamRecord[];
let truth: GroundTruth;
const figures = { image: { seeds: 0, restarts: 0, rereads: 0, incomplete: 0, events: 0, withheld: 0, shards: 0 }, intent: { seeds: 0, restarts: 0, rereads: 0, incomplete: 0, events: 0, withheld: 0, shards: 0 } };

beforeAll(async () => {
  const streams = streamsClientFor(table.endpoint);
  workload = await runWorkload(table.client, feed(), 'props', TRANSACTIONS, 20261128);
  records = await readWholeStream(streams, table.streamArn!);
  streams.destroy();
  truth = groundTruth(records);
}, 120_000);

afterAll(() => {
  for (const [mode, f] of Object.entries(figures)) {
    if (f.seeds === 0) continue;
    console.log(
      `change feed properties (${mode}): ${f.seeds} seeds x ${truth.transactions.size} committed transactions (${records.length} records, ${workload.cancelled.length} cancelled, ` +
        `${workload.outsideWrites} writes outside the feed): ${f.events} events, ${f.incomplete} incomplete reports, ${f.withheld} records withheld, ` +
        `${f.restarts} consumer restarts, ${f.rereads} re-read batches, ${f.shards} shards in all`,
    );
  }
});

test('the workload: every committed transaction has its manifest in the stream, and no cancelled one has', () => {
  expect(workload.committed.length).toBeGreaterThan(TRANSACTIONS / 2);
  expect(workload.cancelled.length).toBeGreaterThan(0);
  expect([...truth.transactions.keys()].sort()).toEqual([...workload.committed].sort());
  // Shared items: some item was written by many transactions.
  expect(Math.max(...[...truth.itemOrder.values()].map((o) => o.length))).toBeGreaterThan(5);
});

/** Replays the captured records for one seed; returns the outputs and what was withheld. */
async function replay(mode: FeedMode, seed: number) {
  const withhold = seed % 4 === 0 ? 1 + (seed % 3) : 0;
  const injector = injectStreamFaults(records, { seed, withhold, restartRate: 0.04, rereadRate: 0.15, maxBatch: 1 + (seed % 9) });
  const store = memoryCheckpointStore();
  const outputs: Output[] = [];
  const open = () => openFeedConsumer(feed(), { mode, waitMs: WAIT_MS, checkpoints: store, onEvent: (o) => void outputs.push(o) });
  let consumer: FeedConsumer<typeof entities> = await open();
  // The clock stands still while records flow: nothing is overdue until the stream is drained.
  const now = 0;
  for (let delivery = injector.next(); delivery !== undefined; delivery = injector.next()) {
    if (delivery.kind === 'restart') {
      consumer = await open();
      injector.restart(store.saved?.checkpoints ?? {});
      continue;
    }
    await consumer.consume({ shard: delivery.shard, records: delivery.records }, now);
  }
  await consumer.tick(now + WAIT_MS);
  return { outputs, injector, pending: consumer.assembler.pending };
}

describe.each(['image', 'intent'] as const)('%s feed over seeds', (mode) => {
  test(`${SEEDS} seeds: exactly once and whole, incomplete exactly when a record is withheld, nothing invented${mode === 'image' ? ', per-item order' : ''}`, async () => {
    for (let seed = SEED_START; seed < SEED_START + SEEDS; seed++) {
      const started = Date.now();
      const { outputs, injector, pending } = await replay(mode, seed);
      if (process.env.DYNATX_FEED_TIMING) console.log(`seed ${seed} (${mode}): ${Date.now() - started} ms`);
      // Let vitest's worker talk to its main process between seeds (a long run of microtasks starves it).
      await new Promise((resolve) => setImmediate(resolve));
      checkOutputs(truth, mode, `seed ${seed} (${mode})`, outputs, injector.withheld as StreamRecord[]);
      expect(pending, `seed ${seed}: nothing left waiting`).toBe(0);
      const f = figures[mode];
      f.seeds++;
      f.restarts += injector.log.restarts;
      f.rereads += injector.log.rereads;
      f.withheld += injector.withheld.length;
      f.shards += injector.shards.length;
      f.events += outputs.filter((o) => o.type !== 'incomplete').length;
      f.incomplete += outputs.filter((o) => o.type === 'incomplete').length;
    }
    if (SEEDS >= 20) {
      expect(figures[mode].restarts).toBeGreaterThan(0);
      if (mode === 'image') expect(figures[mode].incomplete).toBeGreaterThan(0);
    }
  }, 600_000);
});

test('a moving clock: every transaction still comes out once, as an event or an incomplete report, and none stalls', async () => {
  for (let seed = 1; seed <= 20; seed++) {
    const injector = injectStreamFaults(records, { seed, shards: 3, maxBatch: 4, restartRate: 0 });
    const outputs: Output[] = [];
    const consumer = await openFeedConsumer(feed(), { mode: 'image', waitMs: 5, onEvent: (o) => void outputs.push(o) });
    let now = 0;
    for (let delivery = injector.next(); delivery !== undefined; delivery = injector.next()) {
      if (delivery.kind === 'restart') throw new Error('no restarts here');
      now += 1;
      await consumer.consume({ shard: delivery.shard, records: delivery.records }, now);
      await consumer.tick(now);
    }
    await consumer.tick(now + 1_000);
    const ids = outputs.map((o) => o.transactionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...truth.transactions.keys()].sort());
    expect(consumer.assembler.pending).toBe(0);
  }
});

test('sequence numbers compare as numbers, padded or not', () => {
  expect(compareSequence('000000000000000000010', '9')).toBe(1);
  expect(compareSequence('100', '0100')).toBe(0);
  expect(compareSequence('99', '100')).toBe(-1);
});
