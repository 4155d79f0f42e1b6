/**
 * The change feed's poller: reads a table's stream through the DynamoDB Streams API and drives
 * a FeedConsumer with it. For local use, tests, scripts and long-running workers; in AWS Lambda,
 * use `feedStreamHandler` instead.
 *
 * `@aws-sdk/client-dynamodb-streams` is an optional peer dependency of `@dynatx/core`: the
 * poller loads its command classes when it first runs, so code that never consumes a feed
 * needs not install it. Pass your own `DynamoDBStreamsClient` as `streams`.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyEntity } from '../schema/entity-types.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';
import type { ChangeFeed } from './change-feed.js';
import type { FeedOutput } from './events.js';
import { FeedConsumer, checkConsumerOptions, type FeedConsumerOptions } from './consumer.js';
import { tableOfStreamArn, type StreamRecord, type StreamsClientLike } from './stream-records.js';

/** Options of a feed poller: a consumer's, and where and how to read the stream. */
export interface FeedPollerOptions<Entities extends readonly AnyEntity[]> extends FeedConsumerOptions<Entities> {
  /** Your DynamoDB Streams client (`new DynamoDBStreamsClient({...})` of `@aws-sdk/client-dynamodb-streams`). */
  readonly streams: StreamsClientLike;
  /** The stream to read. Default: the latest stream of the feed's table, found with DescribeTable through `dynamodb`. */
  readonly streamArn?: string;
  /** Your DynamoDBClient, to find the feed table's stream when `streamArn` is not given. */
  readonly dynamodb?: {
    /** Sends a DynamoDB command, as your `DynamoDBClient` does. */
    send(command: object): Promise<unknown>;
  };
  /** Records per GetRecords call, 1-1000. Default 1000. */
  readonly limit?: number;
  /** `run()`: the pause after a round that read nothing, in ms. Default 250. */
  readonly idleMs?: number;
  /** How often the shard list is read again (shards close and new ones open), in ms. Default 10 s. */
  readonly describeEveryMs?: number;
  /** The clock (ms), for the image feed's wait. Default `Date.now`. */
  readonly now?: () => number;
}

/** What one round of polling did. */
export interface FeedPollRound<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> {
  /** Records read in the round (re-deliveries included). */
  readonly records: number;
  /** What the round handed out, in order. */
  readonly outputs: readonly FeedOutput<Entities>[];
  /** Shards read from in the round. */
  readonly shards: number;
  /** Iterators that DynamoDB refused (expired, trimmed, unknown shard) and were acquired again. */
  readonly reacquired: number;
}

/** A poller of a feed's stream (see createFeedPoller). */
export interface FeedPoller<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> {
  /** Reads every open shard once (a GetRecords each), hands out what completes, reports overdue transactions, saves the state. */
  pollOnce(): Promise<FeedPollRound<Entities>>;
  /**
   * Polls until `signal` aborts or `until()` returns true after a round (pausing `idleMs` after
   * rounds that read nothing). Rejects when the handler or the store fails; the next call starts
   * again from the saved checkpoints.
   */
  run(options?: { readonly signal?: AbortSignal; readonly until?: () => boolean }): Promise<void>;
  /** The consumer in use (undefined before the first round, and after a failure until the next). */
  readonly consumer: FeedConsumer<Entities> | undefined;
  /** The stream's ARN, once known. */
  readonly streamArn: string | undefined;
}

interface ShardInfo {
  readonly id: string;
  readonly parent: string | undefined;
  readonly closed: boolean;
}

interface StreamsCommands {
  DescribeStreamCommand: new (input: object) => object;
  GetShardIteratorCommand: new (input: object) => object;
  GetRecordsCommand: new (input: object) => object;
}

/** Errors after which a shard's iterator is acquired again rather than the round failing. */
const REACQUIRE = new Set(['ExpiredIteratorException', 'TrimmedDataAccessException', 'ResourceNotFoundException']);

/**
 * Makes a poller of a feed's stream. Per shard it keeps an iterator and, in the consumer's
 * state, the last sequence number read; shards are read parents first, so an item's records
 * keep their order when shards split.
 *
 * DynamoDB Local needs care that the service mostly does not: it may refuse an iterator it
 * handed out over an empty shard, and shards close and roll over. Whenever an iterator is
 * refused, the poller acquires a new one AFTER the last sequence number read (from the shard's
 * start when nothing was read, or when that number is no longer in the shard: re-read records
 * are recognised as such and ignored), and reads the shard list again.
 */
export function createFeedPoller<Entities extends readonly AnyEntity[]>(feed: ChangeFeed<Entities>, options: FeedPollerOptions<Entities>): FeedPoller<Entities> {
  return atBoundary('createFeedPoller()', () => makeFeedPoller(feed, options));
}

function makeFeedPoller<Entities extends readonly AnyEntity[]>(feed: ChangeFeed<Entities>, options: FeedPollerOptions<Entities>): FeedPoller<Entities> {
  if (typeof options !== 'object' || options === null) throw invalidValueError('createFeedPoller(feed, options) takes options');
  if (typeof options.streams?.send !== 'function') throw invalidValueError('createFeedPoller(): streams must be a DynamoDBStreamsClient (AWS SDK v3)');
  if (options.streamArn !== undefined && typeof options.streamArn !== 'string') throw invalidValueError(`createFeedPoller(): streamArn must be a stream's ARN, got ${describeValue(options.streamArn)}`);
  if (options.streamArn === undefined && typeof options.dynamodb?.send !== 'function') {
    throw invalidValueError('createFeedPoller(): give streamArn, or dynamodb (your DynamoDBClient) to find the stream of the feed table');
  }
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidValueError('createFeedPoller(): limit must be a whole number from 1 to 1000');
  const idleMs = options.idleMs ?? 250;
  const describeEveryMs = options.describeEveryMs ?? 10_000;
  for (const [name, value] of [['idleMs', idleMs], ['describeEveryMs', describeEveryMs]] as const) {
    if (typeof value !== 'number' || !(value >= 0)) throw invalidValueError(`createFeedPoller(): ${name} must be a number of milliseconds, got ${describeValue(value)}`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw invalidValueError(`createFeedPoller(): now must be a clock function, got ${describeValue(now)}`);
  checkConsumerOptions(feed, options);
  const { streams } = options;

  let commands: StreamsCommands | undefined;
  let streamArn = options.streamArn;
  let table: string | undefined;
  let consumer: FeedConsumer<Entities> | undefined;
  let shards: ShardInfo[] = [];
  let describedAt = -Infinity;
  const iterators = new Map<string, string>();

  async function load(): Promise<StreamsCommands> {
    if (commands !== undefined) return commands;
    try {
      const module = (await import('@aws-sdk/client-dynamodb-streams')) as unknown as StreamsCommands;
      commands = { DescribeStreamCommand: module.DescribeStreamCommand, GetShardIteratorCommand: module.GetShardIteratorCommand, GetRecordsCommand: module.GetRecordsCommand };
    } catch (error) {
      throw invalidValueError(
        `The feed poller needs @aws-sdk/client-dynamodb-streams (an optional peer dependency of @dynatx/core); install it next to @aws-sdk/client-dynamodb (${(error as Error).message})`,
      );
    }
    return commands;
  }

  async function resolveArn(): Promise<string> {
    if (streamArn !== undefined) return streamArn;
    const described = (await options.dynamodb!.send(new DescribeTableCommand({ TableName: feed.table }))) as { Table?: { LatestStreamArn?: string; StreamSpecification?: { StreamEnabled?: boolean } } } | null | undefined;
    const arn = described?.Table?.LatestStreamArn;
    if (typeof arn !== 'string' || described?.Table?.StreamSpecification?.StreamEnabled === false) {
      throw invalidValueError(`Table ${feed.table} has no stream: enable one (NEW_IMAGE or NEW_AND_OLD_IMAGES) to consume feed '${feed.name}'`);
    }
    streamArn = arn;
    return arn;
  }

  async function describe(c: StreamsCommands, arn: string) {
    const found: ShardInfo[] = [];
    let start: string | undefined;
    do {
      const page = (await streams.send(new c.DescribeStreamCommand({ StreamArn: arn, ...(start === undefined ? {} : { ExclusiveStartShardId: start }) }))) as {
        StreamDescription?: { Shards?: { ShardId?: string; ParentShardId?: string; SequenceNumberRange?: { EndingSequenceNumber?: string } }[]; LastEvaluatedShardId?: string };
      } | null | undefined;
      const listed: unknown = page?.StreamDescription?.Shards ?? [];
      if (!Array.isArray(listed)) throw invalidValueError(`The streams client answered DescribeStream without a list of shards (${describeValue(listed)})`);
      for (const shard of listed as { ShardId?: unknown; ParentShardId?: unknown; SequenceNumberRange?: { EndingSequenceNumber?: unknown } }[]) {
        if (typeof shard?.ShardId !== 'string') continue;
        found.push({ id: shard.ShardId, parent: typeof shard.ParentShardId === 'string' ? shard.ParentShardId : undefined, closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined });
      }
      const next: unknown = page?.StreamDescription?.LastEvaluatedShardId;
      start = typeof next === 'string' ? next : undefined;
    } while (start !== undefined);
    shards = found;
    describedAt = now();
    for (const id of [...iterators.keys()]) if (!found.some((s) => s.id === id)) iterators.delete(id);
  }

  /** Open shards whose parent (if still listed) has been read to its end. */
  function readable(c: FeedConsumer<Entities>): ShardInfo[] {
    const listed = new Set(shards.map((s) => s.id));
    return shards.filter((s) => !c.assembler.isFinished(s.id) && (s.parent === undefined || !listed.has(s.parent) || c.assembler.isFinished(s.parent)));
  }

  async function acquire(c: StreamsCommands, arn: string, shard: string, after: string | undefined): Promise<string | undefined> {
    const get = async (input: object) => {
      const iterator: unknown = ((await streams.send(new c.GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ...input }))) as { ShardIterator?: unknown } | null | undefined)?.ShardIterator;
      return typeof iterator === 'string' ? iterator : undefined;
    };
    if (after !== undefined) {
      try {
        return await get({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after });
      } catch (error) {
        // A number no longer in the shard (trimmed, or a shard that rolled over): from its start;
        // what was read already is recognised by its sequence number and ignored.
        if (!isNamed(error, 'ValidationException') && !isNamed(error, 'TrimmedDataAccessException')) throw error;
      }
    }
    return get({ ShardIteratorType: 'TRIM_HORIZON' });
  }

  async function pollOnce(): Promise<FeedPollRound<Entities>> {
    const c = await load();
    const arn = await resolveArn();
    table ??= tableOfStreamArn(arn) ?? feed.table;
    consumer ??= await FeedConsumer.open(feed, options);
    const current = consumer;
    if (now() - describedAt >= describeEveryMs || shards.length === 0) await describe(c, arn);
    const outputs: FeedOutput<Entities>[] = [];
    let records = 0;
    let read = 0;
    let reacquired = 0;
    try {
      for (const shard of readable(current)) {
        let iterator = iterators.get(shard.id);
        let response: { Records?: StreamRecord[]; NextShardIterator?: string } | undefined;
        try {
          iterator ??= await acquire(c, arn, shard.id, current.assembler.lastRead(shard.id));
          if (iterator === undefined) continue;
          response = (await streams.send(new c.GetRecordsCommand({ ShardIterator: iterator, Limit: limit }))) as typeof response;
        } catch (error) {
          if (!REACQUIRE.has(nameOf(error))) throw error;
          iterators.delete(shard.id);
          describedAt = -Infinity;
          reacquired++;
          continue;
        }
        read++;
        const batch = response?.Records ?? [];
        if (!Array.isArray(batch)) throw invalidValueError(`The streams client answered GetRecords of shard ${shard.id} without a list of records (${describeValue(batch)})`);
        records += batch.length;
        if (batch.length > 0) outputs.push(...(await current.consume({ shard: shard.id, table, records: batch }, now())));
        const next = response?.NextShardIterator;
        if (typeof next === 'string') {
          iterators.set(shard.id, next);
        } else {
          iterators.delete(shard.id);
          if (shard.closed) await current.finishShard(shard.id);
          else describedAt = -Infinity; // an open shard without a next iterator: look again
        }
      }
      outputs.push(...(await current.tick(now())));
    } catch (error) {
      // The handler or the store failed: start again from the saved checkpoints next time.
      consumer = undefined;
      iterators.clear();
      throw error;
    }
    return { records, outputs, shards: read, reacquired };
  }

  return {
    pollOnce,
    async run(runOptions = {}) {
      const { signal, until } = runOptions;
      while (!signal?.aborted) {
        const round = await pollOnce();
        if (until?.() === true) return;
        if (round.records === 0) {
          try {
            await sleep(idleMs, undefined, signal === undefined ? undefined : { signal });
          } catch {
            return; // aborted while pausing
          }
        }
      }
    },
    get consumer() {
      return consumer;
    },
    get streamArn() {
      return streamArn;
    },
  };
}

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '';
}

function isNamed(error: unknown, name: string): boolean {
  return nameOf(error) === name;
}
