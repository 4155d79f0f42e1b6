import type { DynamoDBClient, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { TransactionResult } from '../executor/outcome.js';
import { executeWrite, type ExecuteOptions } from '../executor/write-executor.js';
import type { ActionNode } from '../nodes/action-node.js';
import type { AnyEntity, EntityKey, EntityPutItem } from '../schema/entity-types.js';
import type { ItemIdOf, RecordableId } from '../schema/item-id.js';
import type { ItemGuard, KeyGuard, RoomGuard, TransactionTypeError } from './compile-time-rules.js';
import type { ExpectedVersion, VersionAttributeOf } from '../schema/versioning.js';
import type { ConditionFn } from './condition-builder.js';
import type { UpdateFn } from './update-builder.js';
import type { EmptyTransactionMessage } from '../errors/messages.js';
import { MAX_ACTIONS } from '../errors/messages.js';
import { atBoundary, invalidValueError, tooManyActionsError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';
import { checkExecuteOptions, checkToken, feedIdentity } from '../executor/write-executor.js';
import { isChangeFeed, type ChangeFeed } from '../feed/change-feed.js';
import { withManifest } from '../feed/manifest.js';
import { parseCheck, parseDelete, parsePut, parseUpdate, parseUpsert, type ActionOptions } from '../parser/action-parser.js';
import { compileTransaction } from '../compiler/transaction-compiler.js';

/** What the type of a transaction remembers about each action, for typed outcomes. */
export interface ActionInfo<E extends AnyEntity = AnyEntity, Label extends string = string> {
  readonly entity: E;
  readonly label: Label;
}

/** Options every write action takes. */
export interface WriteOptions<E extends AnyEntity, Label extends string> {
  /** A condition the item must meet, or the whole transaction is cancelled. */
  readonly if?: ConditionFn<E>;
  /** A name for this action in outcomes and cancellation reasons. */
  readonly label?: Label;
  /** When the condition fails, return the item as it was (ReturnValuesOnConditionCheckFailure ALL_OLD). */
  readonly returnOldItemOnFailure?: boolean;
}

export type CheckOptions<Label extends string> = Omit<WriteOptions<AnyEntity, Label>, 'if'>;

/**
 * The options argument: optional, except on a versioned entity, where it must say which
 * version was read (`expectedVersion`), so that opting into locking cannot be forgotten.
 */
type OptionsFor<E extends AnyEntity, Options, Version> = [VersionAttributeOf<E>] extends [never]
  ? [options?: Options]
  : [options: Options & { readonly expectedVersion: Version }];

export type { TransactionTypeError } from './compile-time-rules.js';

// Type-only keys of a transaction's compile-time state; no value ever has them.
declare const seenItems: unique symbol;
declare const actionCount: unique symbol;
declare const actionList: unique symbol;

/** Any transaction: what a method's `this` must be. */
type AnyWriteTransaction = WriteTransaction<string, readonly 0[], ActionInfo>;
/** The ids (`Counter{tenant:acme}`) of the items already in it, where known. */
type SeenOf<This extends AnyWriteTransaction> = This[typeof seenItems];
/** A tuple as long as the number of actions. */
type CountOf<This extends AnyWriteTransaction> = This[typeof actionCount];
/** The entities and labels of its actions, for typed outcomes. */
type ActionListOf<This extends AnyWriteTransaction> = This[typeof actionList];

/**
 * The actions remembered by a transaction's type. Read from the one property that holds them:
 * matching the whole `WriteTransaction` instead would compare 100 nested steps.
 */
export type ActionsOf<T> = T extends { readonly [actionList]: infer Actions extends ActionInfo } ? Actions : never;

/**
 * A transaction being built. It is immutable: every method returns a new transaction, so a
 * base can be shared and branched.
 *
 * The actions live on `WriteActions`, a non-generic interface that reads the state from
 * `this`, and the state itself sits in type-only properties, so that relating a
 * step to `AnyWriteTransaction` is a cheap comparison of type arguments. Were they declared here, every new step's type would re-instantiate every action
 * signature with fresh type parameters; this way a step costs a few dozen instantiations
 * instead of several hundred (see BENCHMARKS.md).
 */
export interface WriteTransaction<
  Seen extends string = never,
  Count extends readonly 0[] = [],
  Actions extends ActionInfo = never,
> extends WriteActions {
  // Type-only state, read by the actions through `this`. No value has these properties; their
  // keys are symbols that only exist in the type declarations, so no code can reach them.
  readonly [seenItems]: Seen;
  readonly [actionCount]: Count;
  readonly [actionList]: Actions;

  /** The exact TransactWriteItems input this transaction sends, after the pre-flight checks. */
  readonly params: Count extends readonly []
    ? TransactionTypeError<EmptyTransactionMessage>
    : (options?: { readonly clientRequestToken?: string; readonly transactionId?: string }) => TransactWriteItemsCommandInput;

  /**
   * Sends the transaction through your DynamoDBClient and resolves to its typed outcome:
   * `{ committed: true, ... }`, or `{ committed: false, reasons, failed, summary }` when
   * DynamoDB cancelled it. Other failures (retries exhausted, an unknown table, rejected
   * credentials, a reused token) reject with a typed error.
   */
  readonly execute: Count extends readonly []
    ? TransactionTypeError<EmptyTransactionMessage>
    : (client: DynamoDBClient, options?: ExecuteOptions) => Promise<TransactionResult<Actions>>;

  /** How many actions the transaction holds. */
  readonly size: Count['length'];
}

/**
 * The four actions, shared by every transaction type. Each returns the transaction after one
 * more action. The return type is written out in each signature rather than through an alias:
 * TypeScript defers type arguments written inside an alias, and a 100-action chain would then
 * resolve them 100 levels deep at the end (TS2589).
 */
export interface WriteActions {
  /** Write a whole item, replacing any item with the same key. */
  put<This extends AnyWriteTransaction, E extends AnyEntity, const Item extends EntityPutItem<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    item: Item & NoInfer<ItemGuard<E, Item, SeenOf<This>>>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, ExpectedVersion>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Item>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /** Change attributes of an item (creating it when missing, as DynamoDB's UpdateItem does). */
  update<This extends AnyWriteTransaction, E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    key: Key & NoInfer<KeyGuard<E, Key, SeenOf<This>>>,
    operations: UpdateFn<E>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, ExpectedVersion>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Key>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /** Delete an item. */
  delete<This extends AnyWriteTransaction, E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    key: Key & NoInfer<KeyGuard<E, Key, SeenOf<This>>>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, number>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Key>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /** Write a whole item that must not exist yet (ElectroDB's `create`): cancelled when it does. */
  create<This extends AnyWriteTransaction, E extends AnyEntity, const Item extends EntityPutItem<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    item: Item & NoInfer<ItemGuard<E, Item, SeenOf<This>>>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, 'new'>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Item>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /** Change attributes of an item that must exist (ElectroDB's `patch`): cancelled when it does not. */
  patch<This extends AnyWriteTransaction, E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    key: Key & NoInfer<KeyGuard<E, Key, SeenOf<This>>>,
    operations: UpdateFn<E>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, ExpectedVersion>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Key>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /**
   * Create the item, or set the given attributes of the existing one (ElectroDB's `upsert`:
   * defaults and setters apply, read-only attributes are only written when absent).
   */
  upsert<This extends AnyWriteTransaction, E extends AnyEntity, const Item extends EntityPutItem<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    item: Item & NoInfer<ItemGuard<E, Item, SeenOf<This>>>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, ExpectedVersion>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Item>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /** Delete an item that must exist (ElectroDB's `remove`): cancelled when it does not. */
  remove<This extends AnyWriteTransaction, E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    key: Key & NoInfer<KeyGuard<E, Key, SeenOf<This>>>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, number>
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Key>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;

  /** Require a condition of an item the transaction does not write. */
  check<This extends AnyWriteTransaction, E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<CountOf<This>['length']>>,
    key: Key & NoInfer<KeyGuard<E, Key, SeenOf<This>>>,
    condition: ConditionFn<E>,
    options?: [VersionAttributeOf<E>] extends [never] ? CheckOptions<Label> : CheckOptions<Label> & { readonly expectedVersion?: number },
  ): WriteTransaction<SeenOf<This> | RecordableId<ItemIdOf<E, Key>>, [...CountOf<This>, 0], ActionListOf<This> | ActionInfo<E, Label>>;
}

/** A persistent list of actions, newest first: branching a transaction copies nothing. */
interface ActionLink {
  readonly action: ActionNode;
  readonly previous: ActionLink | undefined;
  readonly count: number;
}

class WriteTransactionImpl {
  readonly #last: ActionLink | undefined;
  /** The change feed the transaction is recorded in: its manifest is one more action. */
  readonly #feed: ChangeFeed | undefined;

  constructor(last: ActionLink | undefined, feed: ChangeFeed | undefined) {
    this.#last = last;
    this.#feed = feed;
    Object.freeze(this);
  }

  /** The actions the transaction sends, a change feed's manifest included. */
  get size(): number {
    return (this.#last?.count ?? 0) + (this.#feed === undefined ? 0 : 1);
  }

  put(entity: unknown, item: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('put()', () => parsePut(entity, item, options)));
  }

  update(entity: unknown, key: unknown, operations: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('update()', () => parseUpdate(entity, key, operations, options)));
  }

  delete(entity: unknown, key: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('delete()', () => parseDelete(entity, key, options)));
  }

  create(entity: unknown, item: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('create()', () => parsePut(entity, item, options, 'create')));
  }

  patch(entity: unknown, key: unknown, operations: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('patch()', () => parseUpdate(entity, key, operations, options, 'patch')));
  }

  upsert(entity: unknown, item: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('upsert()', () => parseUpsert(entity, item, options)));
  }

  remove(entity: unknown, key: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('remove()', () => parseDelete(entity, key, options, 'remove')));
  }

  check(entity: unknown, key: unknown, condition: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(atBoundary('check()', () => parseCheck(entity, key, condition, checkOptions(options))));
  }

  params(options?: { readonly clientRequestToken?: unknown; readonly transactionId?: unknown }): TransactWriteItemsCommandInput {
    return atBoundary('params()', () => {
      if (options !== undefined && (typeof options !== 'object' || options === null)) {
        throw invalidValueError(`params() takes an options object, got ${describeValue(options)}`);
      }
      const token = options?.clientRequestToken;
      const feed = this.#feed;
      if (feed === undefined) {
        if (options?.transactionId !== undefined) throw invalidValueError('transactionId names a transaction in a change feed: start the transaction with tx({ feed })');
        return compileTransaction(this.actions(), token === undefined ? {} : { clientRequestToken: checkToken(token) });
      }
      // With a change feed, the manifest is named by the transaction id (or the token given).
      if (token === undefined && options?.transactionId === undefined) {
        throw invalidValueError('params() of a transaction with a change feed needs its transactionId (or clientRequestToken): the manifest is named by it');
      }
      const identity = feedIdentity(feed, checkExecuteOptions(options));
      const sent = withManifest(this.actions(), { feed, transactionId: identity.transactionId!, committedAt: Date.now() });
      // A token only when given: execute() makes a new one per call.
      return compileTransaction(sent, token === undefined ? {} : { clientRequestToken: identity.clientRequestToken });
    });
  }

  execute(client: DynamoDBClient, options?: ExecuteOptions) {
    // Checks every argument before sending; a mistake rejects with a typed error.
    return executeWrite(this.actions(), client, options, this.#feed);
  }

  /** The caller's action nodes in request order (a change feed's manifest is added when sending). */
  actions(): ActionNode[] {
    const count = this.#last?.count ?? 0;
    const actions: ActionNode[] = new Array(count);
    for (let link = this.#last; link !== undefined; link = link.previous) actions[link.count - 1] = link.action;
    return actions;
  }

  #ensureRoom() {
    if (this.size >= MAX_ACTIONS) throw tooManyActionsError();
  }

  #with(action: ActionNode) {
    return new WriteTransactionImpl({ action, previous: this.#last, count: (this.#last?.count ?? 0) + 1 }, this.#feed);
  }
}

/** A check's options: its condition is the third argument, so an `if` here is a mistake, not ignored. */
function checkOptions(options: unknown): ActionOptions | undefined {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidValueError(`The options of check() must be an object, got ${describeValue(options)}`);
  }
  if (options !== undefined && (options as ActionOptions).if !== undefined) {
    throw invalidValueError("check() takes its condition as the third argument; its options have no 'if'");
  }
  return options as ActionOptions | undefined;
}

/** Options of a transaction as a whole. */
export interface TransactionOptions {
  /**
   * Record the transaction in a change feed (`changeFeed(...)`): dynatx adds its manifest as one
   * more action, so the transaction has room for 99 of yours.
   */
  readonly feed?: ChangeFeed;
}

/** Starts an empty transaction. */
export function tx(): WriteTransaction;
/** Starts an empty transaction recorded in a change feed: its manifest takes one of the 100 actions. */
export function tx(options: TransactionOptions & { readonly feed: ChangeFeed }): WriteTransaction<never, [0]>;
export function tx(options?: TransactionOptions): WriteTransaction;
export function tx(options?: TransactionOptions): WriteTransaction<never, readonly 0[]> {
  return atBoundary('tx()', () => {
    if (options !== undefined && (typeof options !== 'object' || options === null)) throw invalidValueError(`tx() takes an options object, got ${describeValue(options)}`);
    const feed = options?.feed;
    if (feed !== undefined && !isChangeFeed(feed)) throw invalidValueError(`tx({ feed }) takes a feed made with changeFeed(), got ${describeValue(feed)}`);
    return new WriteTransactionImpl(undefined, feed) as unknown as WriteTransaction<never, readonly 0[]>;
  });
}

/**
 * A transaction whose actions are added in a loop or by other code whose count the compiler
 * cannot follow. Each step has this same type, so `t = t.put(...)` compiles; the item-twice and
 * 100-action rules are then checked by the run-time pre-flight alone (key shapes and values are
 * still checked by the compiler).
 */
export type DynamicWriteTransaction = WriteTransaction<string, readonly 0[], ActionInfo>;

/**
 * Starts a `DynamicWriteTransaction`:
 * ```ts
 * let t = dynamicTx();
 * for (const tenant of tenants) t = t.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }));
 * ```
 */
export function dynamicTx(options?: TransactionOptions): DynamicWriteTransaction {
  const feed = options?.feed;
  if (feed !== undefined && !isChangeFeed(feed)) throw invalidValueError(`dynamicTx({ feed }) takes a feed made with changeFeed(), got ${describeValue(feed)}`);
  return new WriteTransactionImpl(undefined, feed) as unknown as DynamicWriteTransaction;
}
