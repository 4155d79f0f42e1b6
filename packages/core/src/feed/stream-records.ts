/**
 * DynamoDB Streams records as the change-feed consumers read them: minimal structural types
 * (what GetRecords of `@aws-sdk/client-dynamodb-streams` and a Lambda `DynamoDBStreamEvent`
 * both give), so that `@dynatx/core` needs neither package, and the decoding of manifests and
 * marked item records shared by the assembler and the Lambda handler.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ChangeFeed } from './change-feed.js';
import { MANIFEST_ENTITY } from './change-feed.js';
import type { ManifestAction } from './manifest.js';
import { unmarshalItem } from '../schema/unmarshal.js';

/**
 * An attribute value in a stream record, `{ S: 'x' }`, `{ N: '1' }`, `{ M: {...} }`, ...
 * Binary values are bytes from the SDK and base64 text in a Lambda event.
 */
export type StreamAttributeValue = { readonly [type: string]: unknown };

/** An item image in a stream record. */
export type StreamImage = { readonly [attribute: string]: StreamAttributeValue };

/**
 * One DynamoDB Streams record: the fields the consumers read, as both the Streams API and a
 * Lambda event give them. `userIdentity` is set on TTL deletions (principal
 * `dynamodb.amazonaws.com`), which consumers ignore.
 */
export interface StreamRecord {
  readonly eventID?: string;
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | (string & {});
  /** Lambda events: the stream's ARN (`arn:aws:dynamodb:...:table/NAME/stream/LABEL`), naming the table. */
  readonly eventSourceARN?: string;
  readonly userIdentity?: { readonly type?: string; readonly principalId?: string };
  readonly dynamodb?: {
    readonly Keys?: StreamImage;
    readonly NewImage?: StreamImage;
    readonly OldImage?: StreamImage;
    readonly SequenceNumber?: string;
    readonly ApproximateCreationDateTime?: Date | number | string;
    readonly SizeBytes?: number;
    readonly StreamViewType?: string;
  };
}

/**
 * A client for the DynamoDB Streams API, structurally: an AWS SDK v3 `DynamoDBStreamsClient`
 * (or anything with its `send`). The poller builds the commands itself, loading
 * `@aws-sdk/client-dynamodb-streams` only when it runs.
 */
export interface StreamsClientLike {
  send(command: object, options?: { readonly abortSignal?: AbortSignal }): Promise<unknown>;
}

/** The table a stream ARN belongs to (`arn:aws:dynamodb:region:account:table/NAME/stream/LABEL`). */
export function tableOfStreamArn(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  return /:table\/([^/]+)\/stream\//.exec(arn)?.[1];
}

/**
 * Orders two stream sequence numbers (decimal digit strings, compared as numbers). DynamoDB
 * Local pads them to 21 digits; the service does not.
 */
export function compareSequence(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A manifest read from a stream record. */
export interface DecodedManifest {
  readonly feed: string;
  readonly transactionId: string;
  readonly committedAt: number;
  readonly count: number;
  readonly fingerprint: string;
  readonly marker: string | undefined;
  readonly actions: readonly ManifestAction[];
}

/** A marked item record: one put or update of a transaction, by its marker. */
export interface ItemChange {
  readonly transactionId: string;
  /** Table and key, canonical: the same item gives the same id from a record and from a manifest. */
  readonly itemKey: string;
  readonly eventName: 'INSERT' | 'MODIFY';
  readonly newImage: StreamImage;
  readonly oldImage: StreamImage | undefined;
  /** The transaction that wrote the item before, by the old image's marker (NEW_AND_OLD_IMAGES streams). */
  readonly previousTransactionId: string | undefined;
}

/** What one stream record is to a feed's consumer. */
export type DecodedRecord =
  | { readonly kind: 'manifest'; readonly manifest: DecodedManifest }
  | { readonly kind: 'item'; readonly change: ItemChange }
  | { readonly kind: 'other' };

const OTHER: DecodedRecord = Object.freeze({ kind: 'other' });

/**
 * Reads one record for a feed: the INSERT of one of its manifests, a put or update that carries
 * the feed's marker and changed it (a write that left the marker as it was is not the
 * transaction's: with NEW_AND_OLD_IMAGES the old image tells), or anything else (REMOVEs,
 * TTL deletions, other feeds' manifests, unmarked items).
 */
export function decodeRecord(feed: ChangeFeed, record: StreamRecord, table: string | undefined): DecodedRecord {
  const data = record.dynamodb;
  const image = data?.NewImage;
  if (image === undefined || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return OTHER;
  const onFeedTable = table === undefined || table === feed.table;
  if (image.__edb_e__?.S === MANIFEST_ENTITY) {
    if (!onFeedTable || record.eventName !== 'INSERT' || image.feed?.S !== feed.name) return OTHER;
    return { kind: 'manifest', manifest: decodeManifest(image) };
  }
  if (feed.marker === undefined) return OTHER;
  const transactionId = image[feed.marker]?.S;
  if (typeof transactionId !== 'string') return OTHER;
  const previous = data?.OldImage?.[feed.marker]?.S;
  if (typeof previous === 'string' && previous === transactionId) return OTHER;
  const keys = data?.Keys;
  if (keys === undefined) return OTHER;
  return {
    kind: 'item',
    change: {
      transactionId,
      itemKey: itemKeyOfRecord(table ?? feed.table, keys),
      eventName: record.eventName as 'INSERT' | 'MODIFY',
      newImage: image,
      oldImage: data?.OldImage,
      previousTransactionId: typeof previous === 'string' ? previous : undefined,
    },
  };
}

function decodeManifest(image: StreamImage): DecodedManifest {
  const plain = unmarshal(image);
  const actions = Array.isArray(plain.actions) ? (plain.actions as ManifestAction[]) : [];
  return {
    feed: String(plain.feed),
    transactionId: String(plain.transactionId),
    committedAt: Number(plain.committedAt),
    count: Number(plain.count),
    fingerprint: String(plain.fingerprint ?? ''),
    marker: typeof plain.marker === 'string' ? plain.marker : undefined,
    actions: actions.map((a) => ({ ...a, index: Number(a.index) })),
  };
}

/** A stream image as plain JavaScript values (dynatx's exact unmarshalling). */
export function unmarshal(image: StreamImage): Record<string, unknown> {
  return unmarshalItem(image as unknown as Record<string, AttributeValue>);
}

/** `table|field=S:value|...`, fields sorted: one id per item, whatever the source. */
export function itemKeyOf(table: string, keyFields: Readonly<Record<string, unknown>>): string {
  const parts = Object.keys(keyFields)
    .sort()
    .map((field) => `${field}=${keyText(keyFields[field])}`);
  return [table, ...parts].join('|');
}

/**
 * The same id from a record's Keys (attribute values). Binary key values come as bytes from the
 * SDK and as base64 text in a Lambda event: both give the same id.
 */
export function itemKeyOfRecord(table: string, keys: StreamImage): string {
  const plain: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(keys)) {
    const binary = (value as { B?: unknown }).B;
    plain[field] = typeof binary === 'string' ? Buffer.from(binary, 'base64') : unmarshal({ [field]: value })[field];
  }
  return itemKeyOf(table, plain);
}

function keyText(value: unknown): string {
  if (typeof value === 'string') return `S:${value}`;
  if (value instanceof Uint8Array) return `B:${Buffer.from(value).toString('base64')}`;
  return `N:${String(value)}`;
}
