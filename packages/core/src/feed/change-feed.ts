import { Entity } from 'electrodb';
import type { AnyEntity } from '../schema/entity-types.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { isEntity, planOf } from '../schema/entity-plan.js';
import { describeValue, shownText } from '../errors/user-text.js';

/**
 * A transaction-aware change feed, from the client. DynamoDB Streams records carry nothing that
 * ties together the writes of one transaction; dynatx owns the TransactWriteItems call, so it
 * stamps each transaction as databases with transactional change data do (a transaction id on
 * each change, and a record of what the transaction was):
 *
 * - in the same transaction it writes one *manifest* item, keyed by the transaction id, written
 *   only if absent, with a TTL, listing every action (kind, entity, key, label and, if asked,
 *   the put items and update expressions);
 * - optionally it marks every put and update with the transaction id (the `marker` attribute),
 *   so each of them yields exactly one stream record that can be attributed to it.
 *
 * Consumers (`feed/consumer`) read the manifests from the stream (one event per committed
 * transaction) and, for the image feed, attach the marked item records to them.
 *
 * Because the manifest is written only if absent, it also makes a transaction idempotent for as
 * long as the manifest lives, beyond DynamoDB's 10-minute client request tokens: a re-send with
 * the same transaction id is recognised and reported as already committed.
 */
export interface ChangeFeedOptions<Entities extends readonly AnyEntity[]> {
  /** The feed's name, written into each manifest (several feeds can share a table). */
  readonly name: string;
  /** The table the manifests go to (its stream is what consumers read; it may be your main table). */
  readonly table: string;
  /** The entities whose actions the feed's events describe, for typed events. */
  readonly entities: Entities;
  /** The table's partition-key attribute. Default `pk`. */
  readonly partitionKey?: string;
  /** The table's sort-key attribute, if it has one. Default `sk`; `null` for a table without a sort key. */
  readonly sortKey?: string | null;
  /** The table's TTL attribute (enable TTL on it, on this attribute). Default `ttl`. */
  readonly ttlAttribute?: string;
  /** How long a manifest lives, and with it the durable idempotency. Default 7 days. */
  readonly ttlSeconds?: number;
  /** What manifests include besides each action's kind, entity, key and label. */
  readonly include?: {
    /** The whole item of each put, as written. Default false. */
    readonly putItems?: boolean;
    /** The update expression of each update, with its names and values. Default false. */
    readonly updates?: boolean;
  };
  /**
   * The attribute that puts and updates carry the transaction id in, so that each yields one
   * stream record the image feed can attribute; `false` for none. Default `dynatxTx`.
   * ElectroDB ignores attributes that are not in the entity's schema when it reads items.
   */
  readonly marker?: string | false;
}

declare const feedEntities: unique symbol;

/** A change feed made by changeFeed(): what `tx({ feed })` records transactions in, and what consumers read. */
export interface ChangeFeed<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> {
  readonly name: string;
  readonly table: string;
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
  readonly ttlAttribute: string;
  readonly ttlSeconds: number;
  readonly include: { readonly putItems: boolean; readonly updates: boolean };
  readonly marker: string | undefined;
  /**
   * The ElectroDB entity the manifests are written as: read a manifest with it, or give it to
   * `@dynatx/testing`'s `useTable` with your entities, so that test tables take it along.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly manifestEntity: Entity<any, any, any, any>;
  /** The entities given to changeFeed(): consumers format keys, items and images with them. */
  readonly entities: Entities;
  /** Type-only: the entities of the feed's events. */
  readonly [feedEntities]?: Entities;
}

/** The ElectroDB entity name of manifest items (`__edb_e__`), by which consumers recognise them in a stream. */
export const MANIFEST_ENTITY = 'dynatx.manifest';
const SEVEN_DAYS = 7 * 24 * 60 * 60;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** What DynamoDB accepts as a table name. */
export const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** Defines a change feed; pass it to `tx({ feed })` to record transactions in it. */
export function changeFeed<const Entities extends readonly AnyEntity[]>(options: ChangeFeedOptions<Entities>): ChangeFeed<Entities> {
  return atBoundary('changeFeed()', () => makeChangeFeed(options));
}

function makeChangeFeed<const Entities extends readonly AnyEntity[]>(options: ChangeFeedOptions<Entities>): ChangeFeed<Entities> {
  if (typeof options !== 'object' || options === null) throw invalidValueError(`changeFeed() takes options, got ${describeValue(options)}`);
  const name = checkedName(options.name, 'name');
  const table = options.table;
  if (typeof table !== 'string' || !TABLE_NAME.test(table)) throw invalidValueError(`changeFeed(): table must be a table name, got ${describeValue(table)}`);
  const partitionKey = checkedName(options.partitionKey ?? 'pk', 'partitionKey');
  const sortKey = options.sortKey === null ? undefined : checkedName(options.sortKey ?? 'sk', 'sortKey');
  const ttlAttribute = checkedName(options.ttlAttribute ?? 'ttl', 'ttlAttribute');
  const ttlSeconds = options.ttlSeconds ?? SEVEN_DAYS;
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > 366 * 24 * 60 * 60) {
    throw invalidValueError(`changeFeed(): ttlSeconds must be a whole number of seconds from 60 to one year, got ${describeValue(ttlSeconds)}`);
  }
  const marker = options.marker === false ? undefined : checkedName(options.marker ?? 'dynatxTx', 'marker');
  const entities: unknown = options.entities;
  if (!Array.isArray(entities)) throw invalidValueError('changeFeed(): entities must be an array of the ElectroDB entities the feed describes');
  // Consumers format keys, items and images with these: each must be an entity dynatx can read.
  const given = [...(entities as unknown[])];
  given.forEach((entity, i) => {
    if (!isEntity(entity)) throw invalidValueError(`changeFeed(): entities[${i}] must be an ElectroDB entity, got ${describeValue(entity)}`);
    planOf(entity);
  });
  // The manifest's key and TTL fields sit next to its own attributes: each name once.
  const fields: [string, string | undefined][] = [['partitionKey', partitionKey], ['sortKey', sortKey], ['ttlAttribute', ttlAttribute]];
  fields.forEach(([option, field], i) => {
    if (field !== undefined && (MANIFEST_FIELDS.has(field) || fields.slice(0, i).some(([, other]) => other === field))) {
      throw invalidValueError(`changeFeed(): ${option} '${field}' is already a field of the manifest; choose another name`);
    }
  });
  const manifestEntity = manifestEntityFor(table, partitionKey, sortKey, ttlAttribute);
  const feed = Object.freeze({
    name,
    table,
    partitionKey,
    sortKey,
    ttlAttribute,
    ttlSeconds,
    include: Object.freeze({ putItems: options.include?.putItems === true, updates: options.include?.updates === true }),
    marker,
    manifestEntity,
    entities: Object.freeze(given) as unknown as Entities,
  }) as unknown as ChangeFeed<Entities>;
  feeds.add(feed);
  return feed;
}

/** The manifest's own attributes (and ElectroDB's identifiers), which the key and TTL fields must not reuse. */
const MANIFEST_FIELDS: ReadonlySet<string> = new Set(['feed', 'transactionId', 'committedAt', 'count', 'fingerprint', 'marker', 'actions', '__edb_e__', '__edb_v__']);

/** The ElectroDB entity manifests are written as; what ElectroDB refuses of the names given is a typed error. */
function manifestEntityFor(table: string, partitionKey: string, sortKey: string | undefined, ttlAttribute: string): ChangeFeed['manifestEntity'] {
  try {
    return new Entity(
      {
        model: { entity: MANIFEST_ENTITY, version: '1', service: 'dynatx' },
        attributes: {
          feed: { type: 'string', required: true },
          transactionId: { type: 'string', required: true },
          committedAt: { type: 'number', required: true },
          expiresAt: { type: 'number', required: true, field: ttlAttribute },
          count: { type: 'number', required: true },
          fingerprint: { type: 'string', required: true },
          marker: { type: 'string' },
          actions: { type: 'any', required: true },
        },
        indexes: {
          byTransaction: {
            pk: { field: partitionKey, composite: ['feed', 'transactionId'], template: 'dynatx#feed#${feed}#tx#${transactionId}', casing: 'none' },
            ...(sortKey === undefined ? {} : { sk: { field: sortKey, composite: [], template: 'dynatx#manifest', casing: 'none' } }),
          },
        },
      } as never,
      { table },
    ) as unknown as ChangeFeed['manifestEntity'];
  } catch (error) {
    // Only names of the caller's go in here (checked strings), so whatever ElectroDB throws, even
    // a TypeError for a name such as 'constructor', is its refusal of them.
    const message = String((error as Error)?.message).replace(/ - For more detail on this error reference: \S+$/, '');
    throw invalidValueError(`changeFeed(): ElectroDB refused the manifest entity for these names: ${shownText(message, 200)}`);
  }
}

/** Feeds made by changeFeed(); a look-alike object is refused. */
const feeds = new WeakSet<object>();

/** True for a feed made by changeFeed() (a look-alike object is not one). */
export function isChangeFeed(value: unknown): value is ChangeFeed {
  return typeof value === 'object' && value !== null && feeds.has(value);
}

function checkedName(value: unknown, option: string): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw invalidValueError(`changeFeed(): ${option} must be 1-64 letters, digits, '_', '-' or '.', got ${describeValue(value)}`);
  }
  // ElectroDB keeps fields in plain objects: '__proto__' there would change Object.prototype.
  if (value in Object.prototype) throw invalidValueError(`changeFeed(): ${option} '${value}' is a name every JavaScript object has; choose another`);
  return value;
}
