/**
 * `pnpm bench:feed`: what the change feed costs and how fast it is consumed, on DynamoDB Local.
 *
 * 1. The audit-log transaction (put the event if absent, add 1 to the counter, check the tenant)
 *    with and without a feed, side by side in one run: write units from ReturnConsumedCapacity
 *    and latency (p50, p95), in alternating rounds so that drift in the engine hits both alike.
 * 2. Consumer throughput: feed transactions committed beforehand, then read from the stream's
 *    start by the poller until every one is handed out, per mode (intent, image): transactions
 *    per second.
 *
 * DynamoDB Local is not the service: latencies are loopback and JVM, and it bills capacity by
 * the same rules (2 units per KB per item for transactional writes), which is what this
 * measures; throughput shows the consumer's own cost, not the service's stream latency.
 */
import { parseArgs } from 'node:util';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createFeedPoller, tx, type FeedMode } from '@dynatx/core';
import { createTableFor, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDBLocal } from '@dynatx/testing';
import { AUDIT_TABLE, Counter, Event, Tenant } from '../audit-log/entities.js';
import { appendEventTransaction, appendTransactionId, auditFeed } from '../audit-log/append-event.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    transactions: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '4' },
    consume: { type: 'string', default: '2000' },
    json: { type: 'boolean', default: false },
  },
});
const perRound = Number(values.transactions);
const rounds = Number(values.rounds);
const toConsume = Number(values.consume);
for (const [flag, n] of [['--transactions', perRound], ['--rounds', rounds], ['--consume', toConsume]] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number >= 1`);
}
const TENANTS = Array.from({ length: 16 }, (_, i) => `tenant-${i}`);
const feed = auditFeed();

let sequence = 0;
function nextAppend() {
  const n = sequence++;
  const tenant = TENANTS[n % TENANTS.length]!;
  return { tenant, event: { eventId: `evt-${String(n).padStart(7, '0')}`, at: 1750756440 + n, type: 'login' as const, actor: 'bench' } };
}

interface Sample {
  readonly ms: number;
  readonly units: number;
}

async function send(client: DynamoDBClient, withFeed: boolean): Promise<Sample> {
  const { tenant, event } = nextAppend();
  const transaction = appendEventTransaction(tenant, event, withFeed ? feed : undefined);
  const started = process.hrtime.bigint();
  const result = await transaction.execute(client, {
    returnConsumedCapacity: 'TOTAL',
    ...(withFeed ? { transactionId: appendTransactionId(tenant, event.eventId) } : {}),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.committed) throw new Error(result.summary);
  return { ms, units: (result.consumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) };
}

const percentile = (xs: readonly number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const engine = await startDynamoDBLocal();
const client = engine.createClient();
const streams = new DynamoDBStreamsClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
try {
  const table = await createTableFor(client, [Tenant, Counter, Event], { tableName: AUDIT_TABLE, stream: true });
  for (const tenant of TENANTS) {
    await tx().put(Tenant, { tenant, name: tenant, status: 'active' }).put(Counter, { tenant, eventCount: 0 }).execute(client);
  }

  // 1. Write units and latency, with and without the feed, in alternating rounds.
  for (let i = 0; i < 50; i++) {
    await send(client, false);
    await send(client, true);
  }
  const samples = { without: [] as Sample[], with: [] as Sample[] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ([false, true] as const) : ([true, false] as const);
    for (const withFeed of order) {
      for (let i = 0; i < perRound; i++) samples[withFeed ? 'with' : 'without'].push(await send(client, withFeed));
    }
  }
  const cost = Object.fromEntries(
    (['without', 'with'] as const).map((side) => {
      const s = samples[side];
      return [side, { transactions: s.length, writeUnits: mean(s.map((x) => x.units)), p50Ms: percentile(s.map((x) => x.ms), 50), p95Ms: percentile(s.map((x) => x.ms), 95) }];
    }),
  ) as Record<'without' | 'with', { transactions: number; writeUnits: number; p50Ms: number; p95Ms: number }>;
  const manifestBytes = (
    await appendEventTransaction('tenant-0', { eventId: 'size-probe', at: 1, type: 'login', actor: 'bench' }, feed).execute(client, { transactionId: 'size-probe' })
  ) as { feed?: { manifestBytes: number; manifestWriteUnits: number } };

  // 2. Consumer throughput: commit `toConsume` feed transactions, then read them back per mode.
  const committed = new Set<string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < toConsume) {
        const { tenant, event } = nextAppend();
        const id = appendTransactionId(tenant, event.eventId);
        const result = await appendEventTransaction(tenant, event, feed).execute(client, { transactionId: id });
        if (result.committed) committed.add(id);
      }
    }),
  );
  const throughput: { mode: FeedMode; transactions: number; seconds: number; perSecond: number; records: number }[] = [];
  for (const mode of ['intent', 'image'] as const) {
    const seen = new Set<string>();
    let records = 0;
    const poller = createFeedPoller(feed, {
      streams,
      streamArn: table.streamArn,
      mode,
      waitMs: 60_000,
      onEvent: (output) => {
        if (output.type === 'incomplete') throw new Error(`incomplete: ${output.transactionId}`);
        if (committed.has(output.transactionId)) seen.add(output.transactionId);
      },
    });
    const started = process.hrtime.bigint();
    const deadline = Date.now() + 120_000;
    while (seen.size < committed.size) {
      if (Date.now() > deadline) throw new Error(`${mode}: ${seen.size} of ${committed.size} after 120 s`);
      records += (await poller.pollOnce()).records;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    throughput.push({ mode, transactions: seen.size, seconds, perSecond: seen.size / seconds, records });
  }

  const result = { perRound, rounds, cost, manifest: manifestBytes.feed, throughput };
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`\nbench:feed — the audit-log transaction (3 actions) on DynamoDB Local, ${rounds} alternating rounds x ${perRound} transactions per side, one at a time\n`);
    console.log('  change feed   write units / tx   p50 latency   p95 latency      (write units: ConsumedCapacity as DynamoDB Local reports it)');
    for (const side of ['without', 'with'] as const) {
      const c = cost[side];
      console.log(`  ${side.padEnd(11)}   ${c.writeUnits.toFixed(1).padStart(16)}   ${`${c.p50Ms.toFixed(2)} ms`.padStart(11)}   ${`${c.p95Ms.toFixed(2)} ms`.padStart(11)}`);
    }
    console.log(
      `\n  the feed adds its manifest (${manifestBytes.feed?.manifestBytes} bytes, ${manifestBytes.feed?.manifestWriteUnits} write units) and the marker to the event and the counter: ` +
        `+${(cost.with.writeUnits - cost.without.writeUnits).toFixed(1)} write units, ` +
        `+${(cost.with.p50Ms - cost.without.p50Ms).toFixed(2)} ms at p50`,
    );
    console.log(`\n  consumer throughput, the poller reading ${committed.size} committed transactions from the stream's start\n`);
    console.log('  mode     transactions   records   seconds   transactions/s');
    for (const t of throughput) {
      console.log(`  ${t.mode.padEnd(6)}   ${String(t.transactions).padStart(12)}   ${String(t.records).padStart(7)}   ${t.seconds.toFixed(2).padStart(7)}   ${t.perSecond.toFixed(0).padStart(14)}`);
    }
  }
} finally {
  streams.destroy();
  client.destroy();
  await engine.stop();
}
