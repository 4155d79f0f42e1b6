/**
 * Test helpers for the change feed's consumers: read a whole DynamoDB Local stream, and run a
 * seeded workload of feed transactions (with cancellations, deletes, checks, shared items and
 * writes outside the feed) whose records the property tests replay with faults.
 */
import { DynamoDBStreamsClient, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, seededRandom } from '@dynatx/testing';
import { expect } from 'vitest';
import { dynamicTx, tx, type ChangeFeed, type FeedMode, type FeedOutput, type StreamRecord } from '../../src/index.js';
import { Counter, Event, Tenant } from '../fixtures/audit-entities.js';

export function streamsClientFor(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
}

/** Every record of a (single-shard, DynamoDB Local) stream, in order. */
export async function readWholeStream(streams: DynamoDBStreamsClient, streamArn: string): Promise<StreamRecord[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: StreamRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator !== undefined) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      records.push(...((page.Records ?? []) as StreamRecord[]));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

/** A seeded PRNG: @dynatx/testing's, so that a seed means the same here as in its fault injectors. */
export const prng = seededRandom;

export interface Workload {
  /** Ids of the transactions that committed, in commit order. */
  readonly committed: readonly string[];
  /** Ids of the transactions that were cancelled. */
  readonly cancelled: readonly string[];
  /** Writes outside the feed (ElectroDB patch and put of marked items). */
  readonly outsideWrites: number;
}

/**
 * `count` feed transactions over a few tenants: appends (an event put if absent, the tenant's
 * counter + 1, a check that the tenant is active: the suspended tenant's are cancelled, and so
 * are re-used event ids), deletes of events (present or not), tenant updates, and now and then an
 * ElectroDB patch or put of a marked item, which leaves the marker as it was (or removes it).
 */
export async function runWorkload(client: DynamoDBClient, feed: ChangeFeed, tenantPrefix: string, count: number, seed: number): Promise<Workload> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const tenants = [0, 1, 2, 3].map((i) => `${tenantPrefix}-t${i}`);
  const suspended = tenants[3]!;
  for (const tenant of tenants) {
    await tx()
      .put(Tenant, { tenant, status: tenant === suspended ? 'suspended' : 'active', seats: 1 })
      .put(Counter, { tenant, eventCount: 0 })
      .execute(client);
  }
  const events: { tenant: string; eventId: string }[] = [];
  const committed: string[] = [];
  const cancelled: string[] = [];
  let outsideWrites = 0;
  for (let i = 0; i < count; i++) {
    const id = `${tenantPrefix}-tx${String(i).padStart(3, '0')}`;
    const tenant = pick(tenants);
    const roll = random();
    let t = dynamicTx({ feed });
    if (roll < 0.55) {
      const reuse = events.length > 0 && random() < 0.15;
      const eventId = reuse ? pick(events).eventId : `e${i}`;
      const owner = reuse ? events.find((e) => e.eventId === eventId)!.tenant : tenant;
      t = t
        .put(Event, { tenant: owner, eventId, at: 1750756440 + i, type: pick(['login', 'logout', 'purchase'] as const) }, { if: (e, op) => op.notExists(e.eventId), label: 'event' })
        .update(Counter, { tenant: owner }, (u) => u.add({ eventCount: 1 }), { label: 'count' })
        .check(Tenant, { tenant: owner }, (x, op) => op.eq(x.status, 'active'), { label: 'active' });
      if (!reuse) events.push({ tenant: owner, eventId });
    } else if (roll < 0.75) {
      const victim = events.length > 0 && random() < 0.7 ? pick(events) : { tenant, eventId: `absent-${i}` };
      t = t.delete(Event, victim).update(Counter, { tenant: victim.tenant }, (u) => u.set({ lastEventAt: i }));
    } else if (roll < 0.9) {
      t = t.update(Tenant, { tenant }, (u) => u.add({ seats: 1 })).update(Counter, { tenant }, (u) => u.set({ note: `n${i}` }));
    } else {
      // A write outside the feed on a marked item: its record keeps (or loses) the old marker.
      if (random() < 0.5) await Counter.patch({ tenant }).set({ note: `outside-${i}` }).go();
      else await Tenant.put({ tenant, status: tenant === suspended ? 'suspended' : 'active', seats: 5 }).go();
      outsideWrites++;
      continue;
    }
    const result = await t.execute(client, { transactionId: id });
    (result.committed ? committed : cancelled).push(id);
  }
  return { committed, cancelled, outsideWrites };
}

/** What a captured stream says happened: the committed transactions with their records, and each item's writers in order. */
export interface GroundTruth {
  /** Per committed transaction: its manifest record, and its marked item records by item. */
  readonly transactions: Map<string, { manifest: StreamRecord; items: Map<string, StreamRecord> }>;
  /** Per item: the transactions that wrote it, in the order of its records. */
  readonly itemOrder: Map<string, string[]>;
}

const keyOf = (record: StreamRecord) => JSON.stringify(Object.entries(record.dynamodb!.Keys!).sort());

/** Reads the ground truth off the records of a feed with the default marker. */
export function groundTruth(records: readonly StreamRecord[]): GroundTruth {
  const transactions: GroundTruth['transactions'] = new Map();
  const itemOrder = new Map<string, string[]>();
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName === 'INSERT' && image?.__edb_e__?.S === 'dynatx.manifest') {
      transactions.set(image.transactionId!.S as string, { manifest: record, items: new Map() });
    }
  }
  for (const record of records) {
    const marker = record.dynamodb?.NewImage?.dynatxTx?.S as string | undefined;
    const old = record.dynamodb?.OldImage?.dynatxTx?.S as string | undefined;
    if (marker === undefined || marker === old || record.eventName === 'REMOVE') continue;
    transactions.get(marker)!.items.set(keyOf(record), record);
    const order = itemOrder.get(keyOf(record)) ?? [];
    order.push(marker);
    itemOrder.set(keyOf(record), order);
  }
  return { transactions, itemOrder };
}

/**
 * The consumer's promises, checked against the ground truth: every committed transaction handed
 * out once (whole, or incomplete exactly when an item record was withheld; not at all when its
 * manifest was), nothing invented, and image events of an item's writers in its order.
 */
export function checkOutputs(truth: GroundTruth, mode: FeedMode, context: string, outputs: readonly FeedOutput[], withheld: readonly StreamRecord[], order = mode === 'image') {
  const withheldSet = new Set(withheld);
  const byId = new Map<string, FeedOutput[]>();
  for (const output of outputs) byId.set(output.transactionId, [...(byId.get(output.transactionId) ?? []), output]);
  for (const id of byId.keys()) expect(truth.transactions.has(id), `${context}: ${id} did not commit`).toBe(true);
  for (const [id, { manifest, items }] of truth.transactions) {
    const got = byId.get(id) ?? [];
    if (withheldSet.has(manifest)) {
      expect(got, `${context}: ${id} had its manifest withheld`).toEqual([]);
      continue;
    }
    expect(got.length, `${context}: ${id} handed out ${got.length} times`).toBe(1);
    const output = got[0]!;
    if (mode === 'intent') {
      expect(output.type).toBe('transaction');
      continue;
    }
    const lost = [...items.values()].filter((r) => withheldSet.has(r));
    if (lost.length === 0) {
      expect(output.type, `${context}: ${id}`).toBe('images');
      if (output.type !== 'images') continue;
      for (const action of output.actions) {
        if (action.kind === 'put' || action.kind === 'update') {
          expect(action.image, `${context}: ${id} #${action.index}`).toBeDefined();
          if (action.entity === 'Counter') {
            const record = [...items.values()].find((r) => r.dynamodb!.NewImage!.__edb_e__!.S === 'Counter')!;
            expect((action.image as { eventCount?: number }).eventCount).toBe(Number(record.dynamodb!.NewImage!.eventCount!.N));
          }
        } else {
          expect(action.image).toBeUndefined();
        }
      }
    } else {
      expect(output.type, `${context}: ${id} lost ${lost.length} item records`).toBe('incomplete');
      if (output.type !== 'incomplete') continue;
      expect(output.missing).toHaveLength(lost.length);
    }
  }
  if (order) {
    const position = new Map(outputs.map((o, i) => [o.transactionId, i]));
    for (const [item, writers] of truth.itemOrder) {
      const emitted = writers.filter((id) => byId.get(id)?.[0]?.type === 'images');
      const positions = emitted.map((id) => position.get(id)!);
      expect(positions, `${context}: order on ${item}`).toEqual([...positions].sort((a, b) => a - b));
    }
  }
}
