/**
 * The typed events of a change feed. A feed's entities are a tuple; an event's actions are the
 * union of one action type per entity, so narrowing an action on `entity` (`a.entity ===
 * 'Event'`) gives that entity's key, item and images.
 */
import type { ActionVerb } from '../nodes/action-node.js';
import type { AnyEntity, EntityItem, EntityKey, EntityName } from '../schema/entity-types.js';
import type { ChangeFeed } from './change-feed.js';
import type { DecodedManifest, ItemChange, StreamImage } from './stream-records.js';
import { itemKeyOf, unmarshal } from './stream-records.js';

/** One action of a committed transaction, as its manifest describes it, typed by its entity. */
export interface FeedActionOf<E extends AnyEntity> {
  /** Its position in the transaction. */
  readonly index: number;
  readonly kind: 'put' | 'update' | 'delete' | 'check';
  /** The method that made it: `create` is a put, `patch`/`upsert` updates, `remove` a delete. */
  readonly verb: ActionVerb;
  readonly entity: EntityName<E>;
  readonly service: string;
  readonly table: string;
  /** The label given with the action, if any. */
  readonly label?: string;
  /** The key composites, as the caller gave them. */
  readonly key: EntityKey<E>;
  /** The item's DynamoDB key (pk/sk fields and values). */
  readonly keyFields: Readonly<Record<string, unknown>>;
  /** A put's item, formatted by the entity, when the feed includes put items. */
  readonly item?: EntityItem<E>;
  /** An update's expression, names and values, when the feed includes updates. */
  readonly update?: { readonly expression: string; readonly names: Readonly<Record<string, string>>; readonly values: Readonly<Record<string, unknown>> };
}

/** An action of an image event: a put's or update's item as the stream recorded it after (and before) the write. */
export interface FeedImageActionOf<E extends AnyEntity> extends FeedActionOf<E> {
  /** The item after the transaction, formatted by its entity; puts and updates on the streams read. */
  readonly image?: EntityItem<E>;
  /** The item before, for NEW_AND_OLD_IMAGES streams (undefined when the write created it). */
  readonly oldImage?: EntityItem<E>;
}

type Each<Entities extends readonly AnyEntity[], Of extends 'intent' | 'image'> = {
  [I in keyof Entities]: Entities[I] extends AnyEntity ? (Of extends 'intent' ? FeedActionOf<Entities[I]> : FeedImageActionOf<Entities[I]>) : never;
}[number];

/** An action of a feed's events: one of its entities' actions (narrow on `entity`). */
export type FeedAction<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> = Each<Entities, 'intent'>;
/** An action of a feed's image events: with the item's images (narrow on `entity`). */
export type FeedImageAction<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> = Each<Entities, 'image'>;

interface EventBase {
  /** The feed's name. */
  readonly feed: string;
  /** The transaction's id: deduplicate by it where delivery is at least once. */
  readonly transactionId: string;
  /** When the transaction was sent, by the producer's clock (ms since the epoch). */
  readonly committedAt: number;
  /** How many actions the transaction had (the manifest not counted). */
  readonly count: number;
}

/** The intent feed's event: one committed transaction, from its manifest alone. */
export interface FeedTransactionEvent<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> extends EventBase {
  readonly type: 'transaction';
  readonly actions: readonly FeedAction<Entities>[];
}

/** The image feed's event: one committed transaction, with the stream images of its puts and updates. */
export interface FeedImagesEvent<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> extends EventBase {
  readonly type: 'images';
  readonly actions: readonly FeedImageAction<Entities>[];
}

/**
 * The image feed's report of a transaction whose item records did not all arrive within the
 * wait: its manifest, the images that did arrive, and the indexes of the actions whose
 * records are missing. Reported once, like an event; it is never followed by an event.
 */
export interface FeedIncompleteReport<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> extends EventBase {
  readonly type: 'incomplete';
  readonly actions: readonly FeedImageAction<Entities>[];
  /** The `index` of each action whose item record did not arrive. */
  readonly missing: readonly number[];
}

/** Whatever a feed consumer hands out: an intent event, an image event, or an incomplete report. */
export type FeedOutput<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> =
  | FeedTransactionEvent<Entities>
  | FeedImagesEvent<Entities>
  | FeedIncompleteReport<Entities>;

/** The entities of a feed, as its events are typed. */
export type FeedEntities<F> = F extends ChangeFeed<infer Entities> ? Entities : never;

type ParsableEntity = AnyEntity & { parse(response: { Item: unknown }, options: { originalErr: boolean }): { data: unknown } };

/** Finds the feed's entity for an action (by service and name), or undefined. */
export function entityFor(feed: ChangeFeed, action: { readonly entity: string; readonly service?: string }): ParsableEntity | undefined {
  const entities = feed.entities as readonly AnyEntity[];
  return (entities.find((e) => e.schema.model.entity === action.entity && (action.service === undefined || e.schema.model.service === action.service)) ??
    undefined) as ParsableEntity | undefined;
}

/**
 * An item formatted by its entity (ElectroDB's `parse`: field names mapped back, getters run,
 * hidden attributes and unknown attributes such as the marker left out). Without the entity,
 * the plain values less the marker.
 */
export function formatWith(entity: ParsableEntity | undefined, plain: Record<string, unknown>, marker: string | undefined): unknown {
  if (entity === undefined) {
    const copy = { ...plain };
    if (marker !== undefined) delete copy[marker];
    return copy;
  }
  // originalErr: a get hook's own error, not ElectroDB's "Error thrown by DynamoDB client" around it.
  return entity.parse({ Item: plain }, { originalErr: true }).data ?? undefined;
}

/** The intent-level actions of a manifest, put items formatted by their entities. */
export function intentActions(feed: ChangeFeed, manifest: DecodedManifest): Record<string, unknown>[] {
  return manifest.actions.map((action) => {
    const out: Record<string, unknown> = { ...action };
    if (action.item !== undefined) out.item = formatWith(entityFor(feed, action), action.item as Record<string, unknown>, manifest.marker);
    return Object.freeze(out);
  });
}

/** The event of a manifest: the intent feed's. */
export function transactionEvent(feed: ChangeFeed, manifest: DecodedManifest): FeedTransactionEvent {
  return Object.freeze({
    type: 'transaction',
    feed: manifest.feed,
    transactionId: manifest.transactionId,
    committedAt: manifest.committedAt,
    count: manifest.count,
    actions: Object.freeze(intentActions(feed, manifest)),
  }) as unknown as FeedTransactionEvent;
}

/** What the image feed waits for: the item id of every put and update on the tables it reads. */
export function expectedItems(feed: ChangeFeed, manifest: DecodedManifest, tables: ReadonlySet<string>): Map<string, number> {
  const expected = new Map<string, number>();
  if (feed.marker === undefined) return expected;
  for (const action of manifest.actions) {
    if ((action.kind === 'put' || action.kind === 'update') && tables.has(action.table)) {
      expected.set(itemKeyOf(action.table, action.keyFields), action.index);
    }
  }
  return expected;
}

/** An image event, or an incomplete report when some expected item changes are missing. */
export function imagesOutput(
  feed: ChangeFeed,
  manifest: DecodedManifest,
  tables: ReadonlySet<string>,
  changes: ReadonlyMap<string, Pick<ItemChange, 'newImage' | 'oldImage'>>,
): FeedImagesEvent | FeedIncompleteReport {
  const missing: number[] = [];
  const actions = intentActions(feed, manifest).map((described, i) => {
    const action = manifest.actions[i]!;
    if (!((action.kind === 'put' || action.kind === 'update') && tables.has(action.table) && feed.marker !== undefined)) return described;
    const change = changes.get(itemKeyOf(action.table, action.keyFields));
    if (change === undefined) {
      missing.push(action.index);
      return described;
    }
    const entity = entityFor(feed, action);
    return Object.freeze({
      ...described,
      image: formatImage(entity, change.newImage, manifest.marker),
      oldImage: change.oldImage === undefined ? undefined : formatImage(entity, change.oldImage, manifest.marker),
    });
  });
  return Object.freeze({
    type: missing.length === 0 ? 'images' : 'incomplete',
    feed: manifest.feed,
    transactionId: manifest.transactionId,
    committedAt: manifest.committedAt,
    count: manifest.count,
    actions: Object.freeze(actions),
    ...(missing.length === 0 ? {} : { missing: Object.freeze(missing) }),
  }) as unknown as FeedImagesEvent | FeedIncompleteReport;
}

function formatImage(entity: ParsableEntity | undefined, image: StreamImage, marker: string | undefined): unknown {
  return formatWith(entity, unmarshal(image), marker);
}
