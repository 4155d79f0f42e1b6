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
import { isPlainObject } from '../schema/marshal.js';
import { normalizeNumberText, numberProblem } from '../schema/number-value.js';
import { invalidValueError } from '../errors/errors.js';
import { describeValue, shownText } from '../errors/user-text.js';

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
  /** Sends a DynamoDB Streams command, as `DynamoDBStreamsClient.send` does. */
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
 *
 * A record this feed needs (its manifest, a marked item) that is not what DynamoDB Streams
 * writes is refused with a typed error naming it (`where`: `of shard s1 (sequence 42)`),
 * never half read: its images are checked whole before anything is taken from them.
 */
export function decodeRecord(feed: ChangeFeed, record: StreamRecord, table: string | undefined, where = 'in the stream'): DecodedRecord {
  if (typeof record !== 'object' || record === null) throw malformed(where, `it is ${describeValue(record)}, not a record`);
  const data = record.dynamodb;
  const image = typeof data === 'object' && data !== null ? data.NewImage : undefined;
  if (image === undefined || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return OTHER;
  if (!isPlainObject(image)) throw malformed(where, `its NewImage is ${describeValue(image)}, not an item`);
  const onFeedTable = table === undefined || table === feed.table;
  if (textOf(image, '__edb_e__') === MANIFEST_ENTITY) {
    if (!onFeedTable || record.eventName !== 'INSERT' || textOf(image, 'feed') !== feed.name) return OTHER;
    checkImage(image, 'NewImage', where);
    return { kind: 'manifest', manifest: decodeManifest(image, `${where} holds a manifest of feed '${shownText(feed.name)}' that`) };
  }
  if (feed.marker === undefined) return OTHER;
  const transactionId = textOf(image, feed.marker);
  if (transactionId === undefined) return OTHER;
  const oldImage = data!.OldImage;
  if (oldImage !== undefined && !isPlainObject(oldImage)) throw malformed(where, `its OldImage is ${describeValue(oldImage)}, not an item`);
  const previous = oldImage === undefined ? undefined : textOf(oldImage, feed.marker);
  if (previous === transactionId) return OTHER;
  const keys = data!.Keys;
  if (keys === undefined) return OTHER;
  checkImage(keys, 'Keys', where);
  checkImage(image, 'NewImage', where);
  if (oldImage !== undefined) checkImage(oldImage, 'OldImage', where);
  for (const field of Object.keys(keys)) {
    const type = Object.keys(keys[field]!)[0];
    if (type !== 'S' && type !== 'N' && type !== 'B') throw malformed(where, `its key attribute '${shownText(field)}' is of type ${type}, not a string, number or binary`);
  }
  return {
    kind: 'item',
    change: {
      transactionId,
      itemKey: itemKeyOfRecord(table ?? feed.table, keys),
      eventName: record.eventName as 'INSERT' | 'MODIFY',
      newImage: image,
      oldImage,
      previousTransactionId: previous,
    },
  };
}

/** A string attribute of an image (`{ S: '...' }`), read without trusting the image's shape. */
function textOf(image: StreamImage, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(image, name)) return undefined;
  const value = image[name] as { S?: unknown } | null | undefined;
  return typeof value === 'object' && value !== null && typeof value.S === 'string' ? value.S : undefined;
}

function malformed(where: string, what: string) {
  return invalidValueError(`A stream record ${where} is malformed: ${what}`);
}

/** At most this many lists and maps nested in one value (DynamoDB's 32 levels). */
const MAX_DEPTH = 32;

/** An item image as DynamoDB Streams writes it: every attribute one well-formed attribute value. */
function checkImage(image: unknown, path: string, where: string): asserts image is StreamImage {
  if (!isPlainObject(image)) throw malformed(where, `its ${path} is ${describeValue(image)}, not an item`);
  for (const name of Object.keys(image)) checkValue(image[name], `${path}.${shownText(name)}`, 0, where);
}

function checkValue(value: unknown, path: string, depth: number, where: string): void {
  const bad = (why: string) => malformed(where, `${path} ${why}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`is ${describeValue(value)}, not an attribute value`);
  const types = Object.keys(value);
  if (types.length !== 1) throw bad(`is not an attribute value (it has ${types.length === 0 ? 'no type' : `${types.length} types`})`);
  const type = types[0]!;
  const inner = (value as Record<string, unknown>)[type];
  const isNumber = (text: unknown) => {
    if (typeof text !== 'string') return false;
    const number = normalizeNumberText(text);
    return number !== 'not a number' && numberProblem(number) === undefined;
  };
  const isBinary = (bytes: unknown) => bytes instanceof Uint8Array || typeof bytes === 'string';
  const nested = () => {
    if (depth >= MAX_DEPTH) throw bad(`nests lists and maps more than ${MAX_DEPTH} levels deep`);
  };
  switch (type) {
    case 'S':
      if (typeof inner !== 'string') throw bad(`is an S of ${describeValue(inner)}`);
      return;
    case 'N':
      if (!isNumber(inner)) throw bad(`is an N of ${describeValue(inner)}, not a DynamoDB number`);
      return;
    case 'B':
      if (!isBinary(inner)) throw bad(`is a B of ${describeValue(inner)}`);
      return;
    case 'BOOL':
      if (typeof inner !== 'boolean') throw bad(`is a BOOL of ${describeValue(inner)}`);
      return;
    case 'NULL':
      if (inner !== true) throw bad(`is a NULL of ${describeValue(inner)}`);
      return;
    case 'SS':
    case 'NS':
    case 'BS': {
      const ok = type === 'SS' ? (m: unknown) => typeof m === 'string' : type === 'NS' ? isNumber : isBinary;
      if (!Array.isArray(inner) || inner.length === 0 || !Array.from(inner as unknown[]).every(ok)) throw bad(`is an ${type} of ${describeValue(inner)}`);
      return;
    }
    case 'L':
      nested();
      if (!Array.isArray(inner)) throw bad(`is an L of ${describeValue(inner)}`);
      for (let i = 0; i < inner.length; i++) checkValue(inner[i], `${path}[${i}]`, depth + 1, where);
      return;
    case 'M':
      nested();
      if (!isPlainObject(inner)) throw bad(`is an M of ${describeValue(inner)}`);
      for (const name of Object.keys(inner)) checkValue(inner[name], `${path}.${shownText(name)}`, depth + 1, where);
      return;
    default:
      throw bad(`has the unknown type '${shownText(type)}'`);
  }
}

const ACTION_KINDS: ReadonlySet<unknown> = new Set(['put', 'update', 'delete', 'check']);
const ACTION_VERBS: ReadonlySet<unknown> = new Set(['put', 'create', 'update', 'patch', 'upsert', 'delete', 'remove', 'check']);

/** A manifest as dynatx writes it (see manifest.ts), or a typed error naming what is not. */
function decodeManifest(image: StreamImage, culprit: string): DecodedManifest {
  const plain = unmarshal(image);
  const bad = (what: string) => invalidValueError(`A stream record ${culprit} is malformed: ${what}`);
  const text = (value: unknown, what: string) => {
    if (typeof value !== 'string') throw bad(`its ${what} is ${describeValue(value)}, not a string`);
    return value;
  };
  const whole = (value: unknown, what: string) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw bad(`its ${what} is ${describeValue(value)}, not a whole number`);
    return value;
  };
  const map = (value: unknown, what: string) => {
    if (!isPlainObject(value)) throw bad(`its ${what} is ${describeValue(value)}, not a map`);
    return value;
  };
  if (!Array.isArray(plain.actions)) throw bad(`its actions are ${describeValue(plain.actions)}, not a list`);
  const actions = plain.actions.map((given: unknown, i): ManifestAction => {
    const action = map(given, `actions[${i}]`);
    const at = (name: string) => `actions[${i}].${name}`;
    whole(action.index, at('index'));
    if (!ACTION_KINDS.has(action.kind)) throw bad(`its ${at('kind')} is ${describeValue(action.kind)}, not put, update, delete or check`);
    if (!ACTION_VERBS.has(action.verb)) throw bad(`its ${at('verb')} is ${describeValue(action.verb)}, not one of dynatx's verbs`);
    text(action.entity, at('entity'));
    text(action.service, at('service'));
    text(action.table, at('table'));
    if (action.label !== undefined) text(action.label, at('label'));
    map(action.key, at('key'));
    map(action.keyFields, at('keyFields'));
    if (action.item !== undefined) map(action.item, at('item'));
    if (action.update !== undefined) {
      const update = map(action.update, at('update'));
      text(update.expression, at('update.expression'));
      for (const [placeholder, name] of Object.entries(map(update.names, at('update.names')))) text(name, at(`update.names.${shownText(placeholder)}`));
      map(update.values, at('update.values'));
    }
    return action as unknown as ManifestAction;
  });
  const committedAt = plain.committedAt;
  if (typeof committedAt !== 'number' || !Number.isFinite(committedAt)) throw bad(`its committedAt is ${describeValue(committedAt)}, not a time`);
  return {
    feed: text(plain.feed, 'feed'),
    transactionId: text(plain.transactionId, 'transactionId'),
    committedAt,
    count: whole(plain.count, 'count'),
    fingerprint: plain.fingerprint === undefined ? '' : text(plain.fingerprint, 'fingerprint'),
    marker: plain.marker === undefined ? undefined : text(plain.marker, 'marker'),
    actions,
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
