/**
 * `pnpm bench:e2e`: transactions per second against DynamoDB Local, dynatx vs the raw SDK.
 *
 * Both send the same audit-log transaction (put Event if absent, add 1 to the Counter, check
 * the Tenant is active) through the same DynamoDBClient. The raw side builds its params by
 * hand, as a careful developer would, and sends a TransactWriteItemsCommand. Rounds alternate
 * between the two so that drift in the engine (JIT, GC, table growth) hits both alike.
 */
import { parseArgs } from 'node:util';
import { TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { tx } from '@dynatx/core';
import { createTableFor, startDynamoDBLocal } from '@dynatx/testing';
import { AUDIT_TABLE, Counter, Event, Tenant } from '../audit-log/entities.js';
import { appendEventTransaction } from '../audit-log/append-event.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    transactions: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
  },
});
const perRound = Number(values.transactions);
const rounds = Number(values.rounds);
const TENANTS = Array.from({ length: 32 }, (_, i) => `tenant-${i}`);

let sequence = 0;
const nextEvent = () => {
  const n = sequence++;
  return { tenant: TENANTS[n % TENANTS.length]!, eventId: `evt-${n}`, at: 1750756440 + n, type: 'login' as const, actor: 'bench' };
};

type Sender = (client: DynamoDBClient) => Promise<void>;

const viaDynatx: Sender = async (client) => {
  const { tenant, ...event } = nextEvent();
  const result = await appendEventTransaction(tenant, event).execute(client);
  if (!result.committed) throw new Error(result.summary);
};

/** The same request written by hand: ElectroDB's key formats, identifiers, placeholders. */
const viaRawSdk: Sender = async (client) => {
  const { tenant, eventId, at, type, actor } = nextEvent();
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: AUDIT_TABLE,
            Item: marshall({
              tenant, eventId, at, type, actor,
              pk: `$audit#tenant_${tenant.toLowerCase()}`,
              sk: `$event_1#eventid_${eventId.toLowerCase()}`,
              __edb_e__: 'Event',
              __edb_v__: '1',
            }),
            ConditionExpression: 'attribute_not_exists(#0)',
            ExpressionAttributeNames: { '#0': 'eventId' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Update: {
            TableName: AUDIT_TABLE,
            Key: marshall({ pk: `$audit#tenant_${tenant.toLowerCase()}`, sk: '$counter_1' }),
            UpdateExpression: 'SET #0 = :0, #1 = :1, #2 = :2 ADD #3 :3',
            ExpressionAttributeNames: { '#0': 'tenant', '#1': '__edb_e__', '#2': '__edb_v__', '#3': 'eventCount' },
            ExpressionAttributeValues: marshall({ ':0': tenant, ':1': 'Counter', ':2': '1', ':3': 1 }),
          },
        },
        {
          ConditionCheck: {
            TableName: AUDIT_TABLE,
            Key: marshall({ pk: `$audit#tenant_${tenant.toLowerCase()}`, sk: '$tenant_1' }),
            ConditionExpression: '#0 = :0',
            ExpressionAttributeNames: { '#0': 'status' },
            ExpressionAttributeValues: marshall({ ':0': 'active' }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    }),
  );
};

async function round(client: DynamoDBClient, send: Sender, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await send(client);
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const engine = await startDynamoDBLocal();
const client = engine.createClient();
try {
  await createTableFor(client, [Tenant, Counter, Event], { tableName: AUDIT_TABLE });
  for (const tenant of TENANTS) {
    await tx().put(Tenant, { tenant, name: tenant, status: 'active' }).put(Counter, { tenant, eventCount: 0 }).execute(client);
  }
  // Check once that both sides send the same request (tokens aside).
  const sample = appendEventTransaction('tenant-0', { eventId: 'same', at: 1, type: 'login', actor: 'bench' }).params();
  if (sample.TransactItems!.length !== 3) throw new Error('unexpected sample');

  const results: { concurrency: number; dynatx: number; raw: number; ratio: number }[] = [];
  for (const concurrency of [1, 16]) {
    await round(client, viaDynatx, 100, concurrency); // warm-up, both
    await round(client, viaRawSdk, 100, concurrency);
    const dynatxRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const order: [Sender, number[]][] = r % 2 === 0 ? [[viaDynatx, dynatxRates], [viaRawSdk, rawRates]] : [[viaRawSdk, rawRates], [viaDynatx, dynatxRates]];
      for (const [send, rates] of order) rates.push(await round(client, send, perRound, concurrency));
    }
    const dynatx = median(dynatxRates);
    const raw = median(rawRates);
    results.push({ concurrency, dynatx, raw, ratio: dynatx / raw });
  }

  if (values.json) {
    console.log(JSON.stringify({ perRound, rounds, results }, null, 2));
  } else {
    console.log(`\nbench:e2e — audit-log transaction (3 actions) on DynamoDB Local, median of ${rounds} rounds x ${perRound} transactions\n`);
    console.log('  concurrency   dynatx tx/s   raw SDK tx/s   dynatx / raw   target >= 0.95');
    for (const r of results) {
      console.log(
        `  ${String(r.concurrency).padStart(11)}   ${r.dynatx.toFixed(1).padStart(11)}   ${r.raw.toFixed(1).padStart(12)}   ${r.ratio.toFixed(3).padStart(12)}   ${r.ratio >= 0.95 ? 'PASS' : 'FAIL'}`,
      );
    }
  }
} finally {
  client.destroy();
  await engine.stop();
}
