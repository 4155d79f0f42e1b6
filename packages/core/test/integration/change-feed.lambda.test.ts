/**
 * The Lambda stream handler, with Lambda simulated around it on records captured from DynamoDB
 * Local and replayed by the stream fault injector: shards are handed to concurrent
 * "invocations" in batches; a record reported in `batchItemFailures` makes its shard resume
 * from it, an invocation that dies inside the user's function (it never returns) makes the
 * whole batch come again, and empty scheduled invocations sweep at the end; the state lives in
 * a real state table on DynamoDB Local. The user's
 * function also throws now and then. Checked per seed: every committed transaction is
 * completed by the user's function exactly once (whole, or incomplete exactly when a record was
 * withheld), nothing is invented, image events of an item come in its order, and deliveries
 * that took over after a death say so (`attempt > 1`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { injectStreamFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { beforeAll, describe, expect, test } from 'vitest';
import { changeFeed, feedStreamHandler, type FeedMode, type FeedOutput, type StreamRecord } from '../../src/index.js';
import { Counter, Event, Tenant } from '../fixtures/audit-entities.js';
import { checkOutputs, groundTruth, prng, readWholeStream, runWorkload, streamsClientFor, type GroundTruth } from '../helpers/feed-stream.js';

const entities = [Event, Counter, Tenant] as const;
const table = useTable([Event, Counter, Tenant], { stream: 'NEW_AND_OLD_IMAGES' });
// Any table with string pk and sk does for the state; the entities are not pointed at it.
const state = useTable([Event], { retarget: false, dynamodb: table });
const feed = () => changeFeed({ name: 'lambda', table: table.tableName, entities });

const SEEDS = Number(process.env.DYNATX_FEED_LAMBDA_SEEDS ?? 6);
const FIRST = Number(process.env.DYNATX_FEED_LAMBDA_FIRST ?? 1);
let records: StreamRecord[];
let truth: GroundTruth;
let streamArn: string;

beforeAll(async () => {
  const streams = streamsClientFor(table.endpoint);
  await runWorkload(table.client, feed(), 'lambda', 40, 77);
  streamArn = table.streamArn!;
  records = await readWholeStream(streams, streamArn);
  streams.destroy();
  truth = groundTruth(records);
}, 120_000);

const dying = new AsyncLocalStorage<{ die: () => void }>();

/** Runs the handler as Lambda would over the injector's shards; returns what the user's function completed. */
async function simulate(mode: FeedMode, seed: number, consumer: string) {
  const random = prng(seed * 7919);
  // Every third seed loses one marked item record (a transaction's put or update): it must be reported incomplete.
  const marked = records.flatMap((r, i) => (r.dynamodb?.NewImage?.dynatxTx !== undefined && r.eventName !== 'REMOVE' ? [i] : []));
  const lost = seed % 3 === 0 ? marked[(seed * 7) % marked.length] : undefined;
  const injector = injectStreamFaults(records, { seed, withhold: (_, i) => i === lost, restartRate: 0, rereadRate: 0 });
  let clock = 1_000_000;
  const completed: FeedOutput<typeof entities>[] = [];
  const attempts: number[] = [];
  let thrown = 0;
  let died = 0;
  const handler = feedStreamHandler(feed(), {
    client: state.client,
    stateTable: state.tableName,
    consumer,
    mode,
    // A death holds its shard for up to the lease (and deaths come in runs at these rates): the
    // wait must outlast several leases.
    waitMs: 15_000,
    leaseMs: 1_000,
    now: () => clock,
    onEvent: async (output, info) => {
      attempts.push(info.attempt);
      const roll = random();
      if (roll < 0.08) {
        thrown++;
        throw new Error('the function failed');
      }
      if (roll < 0.14) {
        died++;
        dying.getStore()!.die();
        return new Promise(() => {}); // never returns: the invocation timed out
      }
      completed.push(output);
    },
  });
  const shards = injector.shards.map((s) => ({ ...s, cursor: 0 }));
  let invocations = 0;
  for (let round = 0; shards.some((s) => s.cursor < s.records.length); round++) {
    if (round > 3_000) throw new Error(`seed ${seed}: Lambda did not get through the stream`);
    await Promise.all(
      shards
        .filter((s) => s.cursor < s.records.length)
        .map(async (shard) => {
          const batch = shard.records.slice(shard.cursor, shard.cursor + 1 + Math.floor(random() * 6));
          const event = { Records: batch.map((r) => ({ ...r, eventSourceARN: streamArn })) };
          invocations++;
          let die!: () => void;
          const death = new Promise<'died'>((resolve) => (die = () => resolve('died')));
          const result = await Promise.race([dying.run({ die }, () => handler(event)), death]);
          if (result === 'died') return; // Lambda retries the whole batch
          const failed = result.batchItemFailures.map((f) => shard.records.findIndex((r) => r.dynamodb!.SequenceNumber === f.itemIdentifier));
          shard.cursor = failed.length === 0 ? shard.cursor + batch.length : Math.min(...failed);
        }),
    );
    clock += 250;
  }
  // A quiet stream: the scheduled empty invocations sweep what is overdue.
  for (let sweep = 0; sweep < 30; sweep++) {
    let die!: () => void;
    const death = new Promise<'died'>((resolve) => (die = () => resolve('died')));
    await Promise.race([dying.run({ die }, () => handler({ Records: [] })), death]);
    clock += 1_000;
  }
  return { completed, attempts, thrown, died, invocations, withheld: injector.withheld as StreamRecord[] };
}

describe.each(['image', 'intent'] as const)('the %s feed in Lambda', (mode) => {
  test(`${SEEDS} seeds: completed exactly once, whole or incomplete as withheld, in item order, across deaths and retries`, async () => {
    let takeovers = 0;
    let deaths = 0;
    let throws = 0;
    let invocations = 0;
    let incomplete = 0;
    for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
      const consumer = `${mode}-${seed}`;
      const run = await simulate(mode, seed, consumer);
      checkOutputs(truth, mode, `seed ${seed} (lambda ${mode})`, run.completed, run.withheld);
      takeovers += run.attempts.filter((a) => a > 1).length;
      deaths += run.died;
      throws += run.thrown;
      invocations += run.invocations;
      incomplete += run.completed.filter((o) => o.type === 'incomplete').length;
      // The claims say the same: done (or incomplete) for every transaction handed out.
      const sample = run.completed[0]!;
      const claim = await state.client.send(
        new GetItemCommand({
          TableName: state.tableName,
          Key: { pk: { S: `dynatx#consumer#${consumer}#feed#lambda#tx#${sample.transactionId}` }, sk: { S: 'claim' } },
          ConsistentRead: true,
        }),
      );
      expect(claim.Item?.status?.S).toBe(sample.type === 'incomplete' ? 'incomplete' : 'done');
    }
    console.log(
      `change feed in Lambda (${mode}): ${SEEDS} seeds x ${truth.transactions.size} transactions, ${invocations} invocations, ` +
        `${throws} function failures, ${deaths} deaths inside the function, ${takeovers} deliveries after a death or failure (attempt > 1), ${incomplete} incomplete reports`,
    );
    expect(deaths).toBeGreaterThan(0);
    if (mode === 'image' && SEEDS >= 3) expect(incomplete).toBeGreaterThan(0);
    expect(takeovers).toBeGreaterThan(0);
  }, 600_000);
});
