/** The stream fault injector's own rules, on synthetic records (it never talks to DynamoDB). */
import { describe, expect, test } from 'vitest';
import { compareSequenceNumbers, injectStreamFaults, type StreamDelivery } from '../src/index.js';

interface R {
  readonly item: string;
  readonly dynamodb: { readonly Keys: { pk: { S: string } }; readonly SequenceNumber: string };
}

/** 200 records over 12 items, in sequence order, padded as DynamoDB Local pads them. */
const records: R[] = Array.from({ length: 200 }, (_, i) => {
  const item = `item-${(i * 7) % 12}`;
  return { item, dynamodb: { Keys: { pk: { S: item } }, SequenceNumber: String(i + 1).padStart(21, '0') } };
});

function drain(seed: number, options: Parameters<typeof injectStreamFaults>[1] = { seed }) {
  const injector = injectStreamFaults(records, options);
  const deliveries: StreamDelivery<R>[] = [];
  /** What a consumer that reads everything and checkpoints at the last record it read would hold. */
  const lastRead = new Map<string, string>();
  for (let d = injector.next(); d !== undefined; d = injector.next()) {
    deliveries.push(d);
    if (d.kind === 'restart') injector.restart(Object.fromEntries(lastRead));
    else for (const r of d.records) if (!lastRead.has(d.shard) || compareSequenceNumbers(r.dynamodb.SequenceNumber, lastRead.get(d.shard)!) > 0) lastRead.set(d.shard, r.dynamodb.SequenceNumber);
  }
  return { injector, deliveries };
}

describe('injectStreamFaults', () => {
  test('the same seed gives the same delivery; another seed another', () => {
    const a = drain(7).deliveries;
    expect(drain(7).deliveries).toEqual(a);
    expect(drain(8).deliveries).not.toEqual(a);
  });

  test("re-shards by item: an item's records stay in one shard, in their order; shards interleave", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { injector, deliveries } = drain(seed, { seed, shards: 3 });
      const shardOf = new Map<string, string>();
      for (const shard of injector.shards) {
        for (const r of shard.records) {
          expect(shardOf.get(r.item) ?? shard.id).toBe(shard.id);
          shardOf.set(r.item, shard.id);
        }
        const seqs = shard.records.map((r) => r.dynamodb.SequenceNumber);
        expect(seqs).toEqual([...seqs].sort(compareSequenceNumbers));
      }
      // Within a shard, each delivery's records are contiguous and in order.
      for (const d of deliveries) {
        if (d.kind !== 'batch') continue;
        const shard = injector.shards.find((s) => s.id === d.shard)!;
        const start = shard.records.indexOf(d.records[0]!);
        expect(d.records).toEqual(shard.records.slice(start, start + d.records.length));
      }
      const order = deliveries.filter((d) => d.kind === 'batch').map((d) => (d as { shard: string }).shard);
      if (new Set(order).size > 1) expect(order.some((s, i) => i > 0 && s !== order[i - 1])).toBe(true);
    }
  });

  test('every record is delivered (in order per shard, some more than once) unless withheld', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { injector, deliveries } = drain(seed, { seed, withhold: seed % 3, rereadRate: 0.3, restartRate: 0.1, maxBatch: 5 });
      expect(injector.withheld).toHaveLength(seed % 3);
      const delivered = new Set(deliveries.flatMap((d) => (d.kind === 'batch' ? d.records : [])));
      for (const r of records) expect(delivered.has(r)).toBe(!injector.withheld.includes(r));
      expect(injector.log.rereads).toBeGreaterThan(0);
      expect(deliveries.some((d) => d.kind === 'batch' && d.reread)).toBe(true);
    }
  });

  test('a restart re-delivers each shard from just after its checkpoint', () => {
    const injector = injectStreamFaults(records, { seed: 11, shards: 1, restartRate: 0.3, rereadRate: 0, maxBatch: 4 });
    const shard = injector.shards[0]!;
    let delivered: R[] = [];
    let expectNext: R | undefined;
    let checked = 0;
    for (let d = injector.next(); d !== undefined; d = injector.next()) {
      if (d.kind === 'restart') {
        // A consumer that checkpointed two records before the end of what it read.
        const keep = delivered.length >= 3 ? delivered.at(-3)! : undefined;
        injector.restart(keep === undefined ? {} : { [shard.id]: keep.dynamodb.SequenceNumber });
        delivered = keep === undefined ? [] : delivered.slice(0, delivered.indexOf(keep) + 1);
        expectNext = shard.records[delivered.length];
        continue;
      }
      if (expectNext !== undefined) {
        expect(d.records[0]).toBe(expectNext);
        expectNext = undefined;
        checked++;
      }
      delivered.push(...d.records);
    }
    expect(delivered).toEqual(shard.records);
    expect(checked).toBeGreaterThan(2);
    expect(() => injector.restart({})).toThrow(/none is pending/);
  });

  test('refuses records out of order and bad options', () => {
    expect(() => injectStreamFaults([records[1]!, records[0]!], { seed: 1 })).toThrow(/in their order/);
    expect(() => injectStreamFaults(records, { seed: 1.5 })).toThrow(/seed/);
    expect(() => injectStreamFaults(records, { seed: 1, shards: 0 })).toThrow(/shards/);
    expect(() => injectStreamFaults(records, { seed: 1, rereadRate: 1 })).toThrow(/rereadRate/);
  });
});
