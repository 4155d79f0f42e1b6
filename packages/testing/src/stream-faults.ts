/**
 * Stream-side fault injection. DynamoDB Local keeps one shard per table and delivers every
 * transaction's records contiguously and in order, so a consumer tested against it never meets
 * what the service does: records of one transaction spread over shards, shards read at
 * different paces, batches split and read again, consumers restarted mid-way. This module
 * replays records captured from a real DynamoDB Local stream the way the service may deliver
 * them, from a seed:
 *
 * - **re-shard**: each item's records go to one of `shards` shards (an item's records stay in
 *   one shard, in their order, as DynamoDB keeps them);
 * - **interleave**: the next batch comes from a shard drawn at random, so records of different
 *   items (and of one transaction) arrive in another order than they were written;
 * - **split** batches into 1 to `maxBatch` records, and **re-read**: a batch may start before
 *   the shard's cursor (records delivered again, as after an iterator is re-acquired) or be a
 *   copy of an earlier range (a duplicate batch);
 * - **restart** the consumer at a record boundary: the delivery asks for a restart, and after
 *   `restart(checkpoints)` each shard is read again from just after its checkpoint;
 * - **withhold** records that are then never delivered (a lost record, to check that the
 *   consumer reports rather than stalls).
 *
 * The injector does not know the consumer: it hands out deliveries, and the test feeds them to
 * the consumer under test. Everything is decided by the seed and the checkpoints given back.
 */

import { seededRandom } from './seeded-random.js';

/** What the injector reads of a stream record: its key and sequence number. */
export interface StreamRecordLike {
  readonly dynamodb?: { readonly Keys?: object; readonly SequenceNumber?: string };
}

/** Options of a stream fault injector. Every decision is drawn from `seed`. */
export interface StreamFaultOptions {
  /** The seed of every decision. */
  readonly seed: number;
  /** Shards to spread items over (1-64). Default: drawn from 1 to 4. */
  readonly shards?: number;
  /** The largest batch (1-1000). Default 8. */
  readonly maxBatch?: number;
  /** Chance per delivery of a re-read (an overlap before the cursor, or a copy of an earlier range). Default 0.15. */
  readonly rereadRate?: number;
  /** Chance per delivery of a restart request before it. Default 0.05. */
  readonly restartRate?: number;
  /** How many records to withhold (drawn at random), or a predicate choosing them. Default 0. */
  readonly withhold?: number | ((record: StreamRecordLike, index: number) => boolean);
}

/** One step of a delivery: a batch of one shard's records, or a request to restart the consumer. */
export type StreamDelivery<R> =
  | {
      readonly kind: 'batch';
      readonly shard: string;
      readonly records: readonly R[];
      /** Some of the records were delivered before (a re-read or a duplicate batch). */
      readonly reread: boolean;
    }
  | { readonly kind: 'restart' };

/** Counts of what an injector did. */
export interface StreamFaultLog {
  readonly batches: number;
  readonly rereads: number;
  readonly restarts: number;
  readonly recordsDelivered: number;
}

/** A seeded replay of captured stream records with faults (see injectStreamFaults). */
export interface StreamFaultInjector<R> {
  readonly seed: number;
  /** The shards the records were spread over, each in its order. */
  readonly shards: readonly { readonly id: string; readonly records: readonly R[] }[];
  /** The records withheld: never delivered. */
  readonly withheld: readonly R[];
  /** The next delivery, or undefined when every shard has been delivered to its end. */
  next(): StreamDelivery<R> | undefined;
  /**
   * After a `restart` delivery: the consumer was rebuilt from its store, and these are its
   * checkpoints (per shard, the last sequence number it may skip; shards absent: from the start).
   * Each shard is delivered again from just after its checkpoint.
   */
  restart(checkpoints: Readonly<Record<string, string | undefined>>): void;
  readonly log: StreamFaultLog;
}

interface ShardState<R> {
  readonly id: string;
  readonly records: readonly R[];
  /** Records delivered in order so far (the next one to deliver). */
  cursor: number;
  /** Where this shard was last restarted from: re-reads never go before it. */
  base: number;
}

/** Compares stream sequence numbers (decimal strings) as numbers. */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A record's item: its Keys, canonically. */
function itemOf(record: StreamRecordLike): string {
  const keys = (record.dynamodb?.Keys ?? {}) as Record<string, unknown>;
  return JSON.stringify(Object.keys(keys).sort().map((k) => [k, keys[k]]));
}

/**
 * Replays `records` (captured from one DynamoDB Local stream, in its order) as a re-sharded,
 * interleaved, split, re-read and restarted delivery, decided by `options.seed`.
 */
export function injectStreamFaults<R extends StreamRecordLike>(records: readonly R[], options: StreamFaultOptions): StreamFaultInjector<R> {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  const random = seededRandom(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const shardCount = options.shards ?? int(1, 4);
  const maxBatch = options.maxBatch ?? 8;
  const rereadRate = options.rereadRate ?? 0.15;
  const restartRate = options.restartRate ?? 0.05;
  if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > 64) throw new RangeError(`shards must be 1-64, got ${shardCount}`);
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > 1000) throw new RangeError(`maxBatch must be 1-1000, got ${maxBatch}`);
  for (const [name, rate] of [['rereadRate', rereadRate], ['restartRate', restartRate]] as const) {
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`${name} must be in [0, 1), got ${rate}`);
  }
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!.dynamodb?.SequenceNumber;
    const b = records[i]!.dynamodb?.SequenceNumber;
    if (a === undefined || b === undefined || compareSequenceNumbers(a, b) >= 0) {
      throw new RangeError('injectStreamFaults takes the records of one shard in their order (increasing SequenceNumber)');
    }
  }

  // Withheld records: drawn, or chosen by the predicate.
  const withheldIndexes = new Set<number>();
  if (typeof options.withhold === 'function') {
    records.forEach((record, index) => {
      if ((options.withhold as (r: StreamRecordLike, i: number) => boolean)(record, index)) withheldIndexes.add(index);
    });
  } else {
    const count = Math.min(options.withhold ?? 0, records.length);
    while (withheldIndexes.size < count) withheldIndexes.add(int(0, records.length - 1));
  }

  // Re-shard: an item's records all go to one shard, in their order.
  const shardOfItem = new Map<string, number>();
  const layout: R[][] = Array.from({ length: shardCount }, () => []);
  records.forEach((record, index) => {
    if (withheldIndexes.has(index)) return;
    const item = itemOf(record);
    let shard = shardOfItem.get(item);
    if (shard === undefined) {
      shard = int(0, shardCount - 1);
      shardOfItem.set(item, shard);
    }
    layout[shard]!.push(record);
  });
  const shards: ShardState<R>[] = layout.map((shardRecords, i) => ({ id: `shard-${String(i).padStart(2, '0')}`, records: shardRecords, cursor: 0, base: 0 }));
  const log = { batches: 0, rereads: 0, restarts: 0, recordsDelivered: 0 };
  let restartPending = false;

  const injector: StreamFaultInjector<R> = {
    seed: options.seed,
    shards: shards.map((s) => ({ id: s.id, records: s.records })),
    withheld: records.filter((_, i) => withheldIndexes.has(i)),
    next() {
      const open = shards.filter((s) => s.cursor < s.records.length);
      if (open.length === 0) return undefined;
      if (!restartPending && random() < restartRate) {
        restartPending = true;
        log.restarts++;
        return { kind: 'restart' };
      }
      const shard = open[int(0, open.length - 1)]!;
      const size = int(1, maxBatch);
      if (shard.cursor > shard.base && random() < rereadRate) {
        log.rereads++;
        log.batches++;
        const start = int(shard.base, shard.cursor - 1);
        if (random() < 0.5) {
          // A copy of an earlier range, entirely delivered already.
          const end = Math.min(shard.cursor, start + size);
          const batch = shard.records.slice(start, end);
          log.recordsDelivered += batch.length;
          return { kind: 'batch', shard: shard.id, records: batch, reread: true };
        }
        // An overlap: from before the cursor to beyond it, as after re-acquiring an iterator.
        const end = Math.min(shard.records.length, Math.max(shard.cursor + 1, start + size));
        const batch = shard.records.slice(start, end);
        shard.cursor = end;
        log.recordsDelivered += batch.length;
        return { kind: 'batch', shard: shard.id, records: batch, reread: true };
      }
      const batch = shard.records.slice(shard.cursor, shard.cursor + size);
      shard.cursor += batch.length;
      log.batches++;
      log.recordsDelivered += batch.length;
      return { kind: 'batch', shard: shard.id, records: batch, reread: false };
    },
    restart(checkpoints) {
      if (!restartPending) throw new Error('restart() answers a restart delivery; none is pending');
      restartPending = false;
      for (const shard of shards) {
        const checkpoint = checkpoints[shard.id];
        let from = 0;
        if (checkpoint !== undefined) {
          from = shard.records.findIndex((r) => compareSequenceNumbers(r.dynamodb!.SequenceNumber!, checkpoint) > 0);
          if (from < 0) from = shard.records.length;
        }
        if (from > shard.cursor) throw new Error(`checkpoint ${checkpoint} of ${shard.id} is beyond what was delivered`);
        shard.cursor = from;
        shard.base = from;
      }
    },
    get log() {
      return { ...log };
    },
  };
  return injector;
}
