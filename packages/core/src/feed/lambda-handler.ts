/**
 * The change feed in AWS Lambda: a handler for DynamoDB stream batches whose state across
 * invocations (and across the concurrent invocations of different shards) lives in a DynamoDB
 * table of yours.
 *
 * Configure the event source mapping with `FunctionResponseTypes: ['ReportBatchItemFailures']`
 * (the handler returns `batchItemFailures`) and a retry budget that outlasts `leaseMs` (for
 * example `MaximumRetryAttempts: -1`): a record is reported as failed when your function threw
 * for its transaction, when the state table failed, or while another delivery holds the
 * transaction's claim; Lambda then reads the shard again from it.
 *
 * The state table needs a string partition key and a string sort key (default `pk`/`sk`), and
 * TTL on `ttl` to clean up. Per transaction it holds, under
 * `pk = dynatx#consumer#<consumer>#feed#<feed>#tx#<transactionId>`:
 * - `sk = claim`: who hands the transaction out, and whether it is done: `claimed` (with a
 *   lease and an attempt count), `done` or `incomplete`;
 * - image feed: `sk = manifest` and `sk = item#<table|key>`, the records that arrived so far
 *   (with when each arrived), and `sk = waiter#<id>` for each later transaction on one of its
 *   items that waits for it.
 * The image feed also keeps an open list, `pk = dynatx#consumer#<consumer>#feed#<feed>#open`,
 * `sk = <arrival ms>#<transactionId>`, that the sweep reads oldest first.
 */
import { DeleteItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { AnyEntity } from '../schema/entity-types.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { describeValue, shownText } from '../errors/user-text.js';
import { isChangeFeed, TABLE_NAME, type ChangeFeed } from './change-feed.js';
import type { FeedMode } from './assembler.js';
import { expectedItems, imagesOutput, transactionEvent, type FeedOutput } from './events.js';
import { decodeRecord, tableOfStreamArn, type DecodedManifest, type ItemChange, type StreamImage, type StreamRecord } from './stream-records.js';

/** What the handler tells your function about a delivery. */
export interface FeedDeliveryInfo {
  /**
   * 1 for the first delivery of this output; more when an earlier invocation claimed it and
   * failed or died inside your function before it was recorded as done.
   */
  readonly attempt: number;
}

/** Options of a Lambda stream handler for a feed. */
export interface FeedStreamHandlerOptions<Entities extends readonly AnyEntity[]> {
  /** Your DynamoDBClient, for the state table. */
  readonly client: {
    /** Sends a DynamoDB command, as your `DynamoDBClient` does. */
    send(command: object): Promise<unknown>;
  };
  /** The state table: string partition and sort keys, TTL on `ttlAttribute`. */
  readonly stateTable: string;
  /** This consumer's name (1-64 letters, digits, `_-.`): consumers of one feed sharing a state table keep apart by it. */
  readonly consumer: string;
  /** Default `intent`. */
  readonly mode?: FeedMode;
  /** Your function: called once per transaction (more only after a failure or death inside it), awaited; a throw makes the record that brought the transaction fail and be retried. */
  readonly onEvent: (output: FeedOutput<Entities>, info: FeedDeliveryInfo) => unknown;
  /**
   * Image feed: how long a transaction may wait for its item records before it is reported
   * incomplete (ms). An invocation that dies holds its shard for up to `leaseMs`, so make it
   * several leases. Default 5 min.
   */
  readonly waitMs?: number;
  /**
   * How long a claim holds before another delivery may take the transaction over (ms): longer
   * than your function takes for one output. Default 1 min.
   */
  readonly leaseMs?: number;
  /** How long state items live (seconds). Default 7 days: longer than a stream keeps records (24 h). */
  readonly stateTtlSeconds?: number;
  readonly partitionKey?: string;
  readonly sortKey?: string;
  readonly ttlAttribute?: string;
  /** Image feed: other tables whose streams trigger this function (their puts and updates get images). */
  readonly imageTables?: readonly string[];
  /** The clock (ms). Default `Date.now`. */
  readonly now?: () => number;
  /** Told of every record that failed (your function threw, the state table refused): for your logs. */
  readonly onError?: (error: unknown, record: StreamRecord) => void;
}

/** A DynamoDB stream event as Lambda hands it over (the fields the handler reads). */
export interface FeedStreamEvent {
  readonly Records?: readonly StreamRecord[];
}

/** The partial batch response: the records Lambda must deliver again (it resumes from the lowest): those of transactions another delivery holds, and failures. */
export interface FeedStreamBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

type Claim = { kind: 'won'; attempt: number; owner: string } | { kind: 'resolved' } | { kind: 'busy' };
/** resolved: out (now or before); pending: waiting for parts or an earlier transaction; busy: another delivery holds it; dropped: parts that never got a manifest. */
type Outcome = 'resolved' | 'pending' | 'busy' | 'dropped';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Makes the handler of a Lambda function triggered by the feed table's stream.
 *
 * What is exactly once, and what is not:
 * - Each committed transaction is *recorded as handed out* at most once: emission is claimed
 *   by a conditional write on its `claim` item, so concurrent invocations (several shards, a
 *   retried batch) never both run your function for it while the claim holds, and a done
 *   transaction is never handed out again.
 * - It is handed out at least once: if your function throws, the claim is released and the
 *   record that brought the transaction fails, so Lambda retries (a sweep retries the ones it
 *   found itself); if the invocation dies inside your function
 *   (timeout, crash), the claim's lease runs out and a later delivery takes it over
 *   (`info.attempt > 1`). So your function may *run* more than once for a transaction when it
 *   failed or died before returning: make its effects idempotent by `transactionId` (or write
 *   them conditionally) where a repeat matters.
 * - Image feed: the parts of a transaction (manifest and item records) are kept in the state
 *   table as they arrive, from whichever shard; the delivery that brings the last part hands
 *   it out. No shard ever waits for another (a held shard could wait for a record behind its
 *   own): a transaction still missing parts is listed as open, and each invocation ends with a
 *   sweep of the open list that reports the ones waiting longer than `waitMs` as incomplete.
 *   A quiet stream brings no invocation: to bound the wait there too, also invoke the function
 *   on a schedule with an empty event (`{ Records: [] }`), which only sweeps.
 * - Image feed order: with NEW_AND_OLD_IMAGES streams, a transaction waits for the one that
 *   wrote each of its items before (named by the old image's marker), registering as its
 *   waiter; that one lets it out when it is done. So the image events of an item come in the
 *   item's order. NEW_IMAGE streams give no such order across shards.
 * - Cost per transaction (image feed): one state write per part and per open-list entry, a
 *   consistent Query per part, the claim's two updates; the open list is one partition per
 *   consumer (about 1,000 writes a second at most: split busy feeds over several consumers).
 */
export function feedStreamHandler<Entities extends readonly AnyEntity[]>(
  feed: ChangeFeed<Entities>,
  options: FeedStreamHandlerOptions<Entities>,
): (event: FeedStreamEvent) => Promise<FeedStreamBatchResponse> {
  return atBoundary('feedStreamHandler()', () => makeFeedStreamHandler(feed, options));
}

function makeFeedStreamHandler<Entities extends readonly AnyEntity[]>(
  feed: ChangeFeed<Entities>,
  options: FeedStreamHandlerOptions<Entities>,
): (event: FeedStreamEvent) => Promise<FeedStreamBatchResponse> {
  if (!isChangeFeed(feed)) throw invalidValueError(`feedStreamHandler() takes a feed made with changeFeed(), got ${describeValue(feed)}`);
  if (typeof options !== 'object' || options === null) throw invalidValueError('feedStreamHandler(feed, options) takes options');
  if (typeof options.client?.send !== 'function') throw invalidValueError('feedStreamHandler(): client must be your DynamoDBClient');
  if (typeof options.stateTable !== 'string' || !TABLE_NAME.test(options.stateTable)) throw invalidValueError(`feedStreamHandler(): stateTable must be a table name, got ${describeValue(options.stateTable)}`);
  if (typeof options.consumer !== 'string' || !NAME.test(options.consumer)) throw invalidValueError(`feedStreamHandler(): consumer must be 1-64 letters, digits, '_', '-' or '.', got ${describeValue(options.consumer)}`);
  if (typeof options.onEvent !== 'function') throw invalidValueError('feedStreamHandler(): onEvent must be your function');
  const mode = options.mode ?? 'intent';
  if (mode !== 'intent' && mode !== 'image') throw invalidValueError(`feedStreamHandler(): mode is 'intent' or 'image', got ${describeValue(mode)}`);
  if (mode === 'image' && feed.marker === undefined) throw invalidValueError(`The image feed attaches item records by the marker; feed '${feed.name}' has none`);
  const { client, stateTable, onEvent } = options;
  const waitMs = options.waitMs ?? 5 * 60_000;
  const leaseMs = options.leaseMs ?? 60_000;
  for (const [name, value] of [['waitMs', waitMs], ['leaseMs', leaseMs]] as const) {
    if (typeof value !== 'number' || !(value > 0)) throw invalidValueError(`feedStreamHandler(): ${name} must be a positive number of milliseconds, got ${describeValue(value)}`);
  }
  const ttlSeconds = options.stateTtlSeconds ?? 7 * 24 * 3600;
  if (typeof ttlSeconds !== 'number' || !Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
    throw invalidValueError(`feedStreamHandler(): stateTtlSeconds must be a whole number of seconds, got ${describeValue(ttlSeconds)}`);
  }
  const pk = options.partitionKey ?? 'pk';
  const sk = options.sortKey ?? 'sk';
  const ttl = options.ttlAttribute ?? 'ttl';
  for (const [name, value] of [['partitionKey', pk], ['sortKey', sk], ['ttlAttribute', ttl]] as const) {
    if (typeof value !== 'string' || !NAME.test(value)) throw invalidValueError(`feedStreamHandler(): ${name} must be 1-64 letters, digits, '_', '-' or '.', got ${describeValue(value)}`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw invalidValueError(`feedStreamHandler(): now must be a clock function, got ${describeValue(now)}`);
  const imageTables: unknown = options.imageTables ?? [];
  if (!Array.isArray(imageTables) || !Array.from(imageTables as unknown[]).every((t) => typeof t === 'string')) {
    throw invalidValueError(`feedStreamHandler(): imageTables must be an array of table names, got ${describeValue(imageTables)}`);
  }
  const onError: unknown = options.onError;
  if (onError !== undefined && typeof onError !== 'function') throw invalidValueError(`feedStreamHandler(): onError must be a function, got ${describeValue(onError)}`);
  const report = (error: unknown, record: StreamRecord) => (onError as FeedStreamHandlerOptions<Entities>['onError'])?.(error, record);
  const tables = new Set<string>([feed.table, ...imageTables]);
  const prefix = `dynatx#consumer#${options.consumer}#feed#${feed.name}#tx#`;
  const openKey = `dynatx#consumer#${options.consumer}#feed#${feed.name}#open`;
  const keyOf = (transactionId: string, sort: string) => ({ [pk]: { S: `${prefix}${transactionId}` }, [sk]: { S: sort } });
  const expiry = () => ({ N: String(Math.floor(now() / 1000) + ttlSeconds) });

  async function claim(transactionId: string): Promise<Claim> {
    const owner = randomUUID();
    const at = now();
    try {
      const result = (await client.send(
        new UpdateItemCommand({
          TableName: stateTable,
          Key: keyOf(transactionId, 'claim'),
          UpdateExpression: 'SET #status = :claimed, #lease = :lease, #owner = :owner, #ttl = :ttl ADD #attempts :one',
          ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :claimed AND #lease < :now)',
          ExpressionAttributeNames: { '#pk': pk, '#status': 'status', '#lease': 'leaseUntil', '#owner': 'owner', '#ttl': ttl, '#attempts': 'attempts' },
          ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':lease': { N: String(at + leaseMs) }, ':owner': { S: owner }, ':ttl': expiry(), ':one': { N: '1' }, ':now': { N: String(at) } },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )) as { Attributes?: Record<string, AttributeValue> };
      return { kind: 'won', attempt: Number(result.Attributes?.attempts?.N ?? 1), owner };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      const status = (error as { Item?: Record<string, AttributeValue> }).Item?.status?.S;
      return status === 'done' || status === 'incomplete' ? { kind: 'resolved' } : { kind: 'busy' };
    }
  }

  async function finish(transactionId: string, owner: string, status: 'done' | 'incomplete') {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: stateTable,
          Key: keyOf(transactionId, 'claim'),
          UpdateExpression: 'SET #status = :status, #ttl = :ttl REMOVE #lease',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': ttl, '#lease': 'leaseUntil', '#owner': 'owner' },
          ExpressionAttributeValues: { ':status': { S: status }, ':ttl': expiry(), ':owner': { S: owner } },
        }),
      );
    } catch (error) {
      // Our lease ran out and another delivery took the transaction over: it records the outcome.
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async function release(transactionId: string, owner: string) {
    try {
      // The lease ends now, so the next delivery takes the claim at once (and counts the attempt).
      await client.send(
        new UpdateItemCommand({
          TableName: stateTable,
          Key: keyOf(transactionId, 'claim'),
          UpdateExpression: 'SET #lease = :ended',
          ConditionExpression: '#owner = :owner AND #status = :claimed',
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status', '#lease': 'leaseUntil' },
          ExpressionAttributeValues: { ':owner': { S: owner }, ':claimed': { S: 'claimed' }, ':ended': { N: '0' } },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /** Claims and hands out; 'resolved' once it is done (by us or before), 'busy' while another delivery holds it. */
  async function emit(transactionId: string, output: FeedOutput<Entities>): Promise<Outcome> {
    const claimed = await claim(transactionId);
    if (claimed.kind === 'resolved') return 'resolved';
    if (claimed.kind === 'busy') return 'busy';
    try {
      await onEvent(output, Object.freeze({ attempt: claimed.attempt }));
    } catch (error) {
      await release(transactionId, claimed.owner);
      throw error;
    }
    await finish(transactionId, claimed.owner, output.type === 'incomplete' ? 'incomplete' : 'done');
    return 'resolved';
  }

  /** Stores a part once (a re-delivery keeps the first arrival's time); true when it was new. */
  async function putOnce(key: Record<string, AttributeValue>, attributes: Record<string, AttributeValue>): Promise<boolean> {
    try {
      await client.send(
        new PutItemCommand({
          TableName: stateTable,
          Item: { ...key, ...attributes, [ttl]: expiry() },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': pk },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }

  /** Stores a part of a transaction, and (when new) an entry in the open list that the sweep reads. */
  async function putPart(transactionId: string, sort: string, attributes: Record<string, AttributeValue>) {
    const at = now();
    if (await putOnce(keyOf(transactionId, sort), { ...attributes, firstSeenAt: { N: String(at) } })) {
      await putOnce({ [pk]: { S: openKey }, [sk]: { S: `${String(at).padStart(16, '0')}#${transactionId}` } }, { transactionId: { S: transactionId } });
    }
  }

  async function query(partition: string, condition?: { readonly below?: string; readonly prefix?: string; readonly limit?: number }): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    const values: Record<string, AttributeValue> = { ':pk': { S: partition } };
    let keyCondition = '#pk = :pk';
    if (condition?.below !== undefined) {
      keyCondition += ' AND #sk < :below';
      values[':below'] = { S: condition.below };
    }
    if (condition?.prefix !== undefined) {
      keyCondition += ' AND begins_with(#sk, :prefix)';
      values[':prefix'] = { S: condition.prefix };
    }
    do {
      const page = (await client.send(
        new QueryCommand({
          TableName: stateTable,
          KeyConditionExpression: keyCondition,
          ExpressionAttributeNames: { '#pk': pk, ...(condition?.below !== undefined || condition?.prefix !== undefined ? { '#sk': sk } : {}) },
          ExpressionAttributeValues: values,
          ConsistentRead: true,
          ...(condition?.limit === undefined ? {} : { Limit: condition.limit }),
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      )) as { Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> };
      items.push(...(page.Items ?? []));
      start = condition?.limit === undefined ? page.LastEvaluatedKey : undefined;
    } while (start !== undefined);
    return items;
  }

  const partsOf = (transactionId: string) => query(`${prefix}${transactionId}`);
  const resolvedStatus = (items: readonly Record<string, AttributeValue>[]) => {
    const status = items.find((i) => i[sk]?.S === 'claim')?.status?.S;
    return status === 'done' || status === 'incomplete';
  };
  const firstSeenOf = (items: readonly Record<string, AttributeValue>[]) =>
    Math.min(...items.filter((i) => i.firstSeenAt?.N !== undefined).map((i) => Number(i.firstSeenAt!.N)));

  /** Whether the transaction that wrote an item before is still to come out (image feed order). */
  async function predecessorWaits(previous: string): Promise<boolean> {
    const items = await partsOf(previous);
    if (resolvedStatus(items)) return false;
    const parts = items.filter((i) => i.firstSeenAt?.N !== undefined);
    // Nothing of it arrived: not a transaction of this feed that is still to come out (long
    // gone, or another feed's). Parts that never became one stop holding after twice the wait.
    if (parts.length === 0) return false;
    return now() - firstSeenOf(parts) < 2 * waitMs;
  }

  /**
   * Image feed: hands the transaction out when all its parts are in and every transaction that
   * wrote one of its items before is out (registering itself as that one's waiter otherwise),
   * or reports it incomplete once overdue. Then lets out its own waiters.
   */
  async function tryComplete(first: string): Promise<Outcome> {
    const work = [first];
    let result: Outcome = 'pending';
    while (work.length > 0) {
      const transactionId = work.shift()!;
      const outcome = await completeOne(transactionId);
      if (transactionId === first) result = outcome;
      if (outcome === 'resolved') {
        for (const waiter of await query(`${prefix}${transactionId}`, { prefix: 'waiter#' })) work.push(waiter.waiter!.S!);
      }
    }
    return result;
  }

  async function completeOne(transactionId: string): Promise<Outcome> {
    const items = await partsOf(transactionId);
    if (resolvedStatus(items)) return 'resolved';
    const parts = items.filter((i) => !i[sk]?.S?.startsWith('waiter#'));
    const manifestPart = parts.find((i) => i[sk]?.S === 'manifest');
    if (manifestPart === undefined) return now() - firstSeenOf(parts) >= 2 * waitMs ? 'dropped' : 'pending';
    const decoded = decodeRecord(feed, { eventName: 'INSERT', dynamodb: { NewImage: manifestPart.image!.M as unknown as StreamImage } }, feed.table);
    if (decoded.kind !== 'manifest') return 'dropped';
    const manifest: DecodedManifest = decoded.manifest;
    const expected = expectedItems(feed, manifest, tables);
    const changes = new Map<string, Pick<ItemChange, 'newImage' | 'oldImage'>>();
    const previous = new Set<string>();
    for (const part of parts) {
      const key = part.itemKey?.S;
      if (key === undefined || !expected.has(key)) continue;
      changes.set(key, { newImage: part.newImage!.M as unknown as StreamImage, oldImage: part.oldImage?.M as unknown as StreamImage | undefined });
      const before = part.previous?.S;
      if (before !== undefined && before !== transactionId) previous.add(before);
    }
    const complete = [...expected.keys()].every((key) => changes.has(key));
    if (complete) {
      for (const before of previous) {
        if (!(await predecessorWaits(before))) continue;
        // Wait for it: it lets us out when it is done. Registered first and checked again, so
        // that either it sees us or we see it done.
        await putOnce(keyOf(before, `waiter#${transactionId}`), { waiter: { S: transactionId } });
        if (await predecessorWaits(before)) return 'pending';
      }
    } else if (now() - firstSeenOf(parts) < waitMs) {
      return 'pending';
    }
    return emit(transactionId, imagesOutput(feed, manifest, tables, changes) as FeedOutput<Entities>);
  }

  /** Image feed: reports the overdue transactions of the open list (and lets out what waited on them). */
  async function sweep() {
    const due = await query(openKey, { below: String(now() - waitMs).padStart(16, '0'), limit: 25 });
    for (const entry of due) {
      const transactionId = entry.transactionId!.S!;
      const outcome = await tryComplete(transactionId);
      await client.send(new DeleteItemCommand({ TableName: stateTable, Key: { [pk]: entry[pk]!, [sk]: entry[sk]! } }));
      // Still waiting (for an earlier transaction, or for a claim another delivery holds): to
      // the back of the list, so that the oldest 25 cannot keep the rest from being swept.
      if (outcome === 'pending' || outcome === 'busy') {
        await putOnce({ [pk]: { S: openKey }, [sk]: { S: `${String(now()).padStart(16, '0')}#${transactionId}` } }, { transactionId: { S: transactionId } });
      }
    }
  }

  async function handleRecord(record: StreamRecord, seq: string): Promise<Outcome> {
    const arn: unknown = record.eventSourceARN;
    const table = (typeof arn === 'string' ? tableOfStreamArn(arn) : undefined) ?? feed.table;
    const decoded = decodeRecord(feed, record, table, `(sequence ${shownText(seq)})`);
    if (decoded.kind === 'manifest') {
      const id = decoded.manifest.transactionId;
      if (mode === 'intent') return emit(id, transactionEvent(feed, decoded.manifest) as FeedOutput<Entities>);
      await putPart(id, 'manifest', { image: { M: storable(record.dynamodb!.NewImage!) } });
      return tryComplete(id);
    }
    if (decoded.kind === 'item' && mode === 'image' && tables.has(table)) {
      const { change } = decoded;
      await putPart(change.transactionId, `item#${change.itemKey}`, {
        itemKey: { S: change.itemKey },
        newImage: { M: storable(change.newImage) },
        ...(change.oldImage === undefined ? {} : { oldImage: { M: storable(change.oldImage) } }),
        ...(change.previousTransactionId === undefined ? {} : { previous: { S: change.previousTransactionId } }),
      });
      return tryComplete(change.transactionId);
    }
    return 'resolved';
  }

  return async (event: FeedStreamEvent): Promise<FeedStreamBatchResponse> => {
    const failures: { itemIdentifier: string }[] = [];
    const records = atBoundary('the feed handler', () => {
      const given: unknown = event?.Records ?? [];
      if (!Array.isArray(given)) throw invalidValueError(`A stream event's Records must be an array of stream records, got ${describeValue(given)}`);
      return given as readonly StreamRecord[];
    });
    for (const record of records) {
      // A record without a sequence number cannot be reported as failed, so cannot be retried.
      const seq = atBoundary('the feed handler', () => (typeof record === 'object' && record !== null ? record.dynamodb?.SequenceNumber : undefined));
      if (seq === undefined) continue;
      if (typeof seq !== 'string') {
        report(invalidValueError(`A stream record's SequenceNumber must be a string, got ${describeValue(seq)}`), record);
        continue;
      }
      let outcome: Outcome;
      try {
        outcome = await handleRecord(record, seq);
      } catch (error) {
        outcome = 'busy';
        report(error, record);
      }
      // Only a transaction held by another delivery (or a failure) makes the record come again:
      // a transaction still waiting for its parts never holds up its shard.
      if (outcome === 'busy') failures.push({ itemIdentifier: seq });
    }
    if (mode === 'image') {
      try {
        await sweep();
      } catch (error) {
        report(error, {});
      }
    }
    return { batchItemFailures: failures };
  };
}

/**
 * A stream image as an attribute value the SDK writes back unchanged: Lambda events carry
 * binary values as base64 text, the SDK wants bytes.
 */
function storable(image: StreamImage): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(image)) out[name] = storableValue(value);
  return out;
}

function storableValue(value: StreamImage[string]): AttributeValue {
  const v = value as Record<string, unknown>;
  if (typeof v.B === 'string') return { B: Buffer.from(v.B, 'base64') };
  if (Array.isArray(v.BS)) return { BS: v.BS.map((b) => (typeof b === 'string' ? Buffer.from(b, 'base64') : (b as Uint8Array))) };
  if (Array.isArray(v.L)) return { L: v.L.map((x) => storableValue(x as StreamImage[string])) };
  if (typeof v.M === 'object' && v.M !== null) return { M: storable(v.M as StreamImage) };
  return value as unknown as AttributeValue;
}
