import type { DynamoDBClient, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { TransactionResult } from '../executor/outcome.js';
import { executeWrite, type ExecuteOptions } from '../executor/write-executor.js';
import type { ActionNode } from '../nodes/action-node.js';
import type { AnyEntity, EntityKey, EntityPutItem } from '../schema/entity-types.js';
import type { ItemIdOf, RecordableId } from '../schema/item-id.js';
import type { CheckedItem, CheckedKey, RoomFor } from './compile-time-rules.js';
import type { ExpectedVersion, VersionAttributeOf } from '../schema/versioning.js';
import type { ConditionFn } from './condition-builder.js';
import type { UpdateFn } from './update-builder.js';
import type { EmptyTransactionMessage } from '../errors/messages.js';
import { MAX_ACTIONS } from '../errors/messages.js';
import { tooManyActionsError } from '../errors/errors.js';
import { parseCheck, parseDelete, parsePut, parseUpdate, type ActionOptions } from '../parser/action-parser.js';
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
import type { TransactionTypeError } from './compile-time-rules.js';

/**
 * A transaction being built. It is immutable: every method returns a new transaction, so a
 * base can be shared and branched. Its type parameters are the compile-time state:
 * - `Seen`: the ids (`Counter{tenant:acme}`) of the items already in it, where known;
 * - `Count`: a tuple as long as the number of actions;
 * - `Actions`: the entities and labels of its actions, for typed outcomes.
 */
export interface WriteTransaction<
  Seen extends string = never,
  Count extends readonly 0[] = [],
  Actions extends ActionInfo = never,
> {
  /** Write a whole item, replacing any item with the same key. */
  put<E extends AnyEntity, const Item extends EntityPutItem<E>, const Label extends string = never>(
    entity: RoomFor<Count, E>,
    item: CheckedItem<E, Item, Seen>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, ExpectedVersion>
  ): WriteTransaction<Seen | RecordableId<ItemIdOf<E, Item>>, [...Count, 0], Actions | ActionInfo<E, Label>>;

  /** Change attributes of an item (creating it when missing, as DynamoDB's UpdateItem does). */
  update<E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    entity: RoomFor<Count, E>,
    key: CheckedKey<E, Key, Seen>,
    operations: UpdateFn<E>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, ExpectedVersion>
  ): WriteTransaction<Seen | RecordableId<ItemIdOf<E, Key>>, [...Count, 0], Actions | ActionInfo<E, Label>>;

  /** Delete an item. */
  delete<E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    entity: RoomFor<Count, E>,
    key: CheckedKey<E, Key, Seen>,
    ...options: OptionsFor<E, WriteOptions<E, Label>, number>
  ): WriteTransaction<Seen | RecordableId<ItemIdOf<E, Key>>, [...Count, 0], Actions | ActionInfo<E, Label>>;

  /** Require a condition of an item the transaction does not write. */
  check<E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    entity: RoomFor<Count, E>,
    key: CheckedKey<E, Key, Seen>,
    condition: ConditionFn<E>,
    options?: [VersionAttributeOf<E>] extends [never] ? CheckOptions<Label> : CheckOptions<Label> & { readonly expectedVersion?: number },
  ): WriteTransaction<Seen | RecordableId<ItemIdOf<E, Key>>, [...Count, 0], Actions | ActionInfo<E, Label>>;

  /** The exact TransactWriteItems input this transaction sends, after the pre-flight checks. */
  readonly params: Count extends readonly []
    ? TransactionTypeError<EmptyTransactionMessage>
    : (options?: { readonly clientRequestToken?: string }) => TransactWriteItemsCommandInput;

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

/** A persistent list of actions, newest first: branching a transaction copies nothing. */
interface ActionLink {
  readonly action: ActionNode;
  readonly previous: ActionLink | undefined;
  readonly count: number;
}

class WriteTransactionImpl {
  readonly #last: ActionLink | undefined;

  constructor(last: ActionLink | undefined) {
    this.#last = last;
    Object.freeze(this);
  }

  get size(): number {
    return this.#last?.count ?? 0;
  }

  put(entity: unknown, item: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(parsePut(entity, item, options));
  }

  update(entity: unknown, key: unknown, operations: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(parseUpdate(entity, key, operations, options));
  }

  delete(entity: unknown, key: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(parseDelete(entity, key, options));
  }

  check(entity: unknown, key: unknown, condition: unknown, options?: ActionOptions) {
    this.#ensureRoom();
    return this.#with(parseCheck(entity, key, condition, { ...options, if: undefined }));
  }

  params(options: { readonly clientRequestToken?: string } = {}): TransactWriteItemsCommandInput {
    return compileTransaction(this.actions(), options);
  }

  execute(client: DynamoDBClient, options?: ExecuteOptions) {
    return executeWrite(this.actions(), client, options);
  }

  /** The action nodes in request order. */
  actions(): ActionNode[] {
    const actions: ActionNode[] = new Array(this.size);
    for (let link = this.#last; link !== undefined; link = link.previous) actions[link.count - 1] = link.action;
    return actions;
  }

  #ensureRoom() {
    if (this.size >= MAX_ACTIONS) throw tooManyActionsError();
  }

  #with(action: ActionNode) {
    return new WriteTransactionImpl({ action, previous: this.#last, count: this.size + 1 });
  }
}

/** Starts an empty transaction. */
export function tx(): WriteTransaction {
  return new WriteTransactionImpl(undefined) as unknown as WriteTransaction;
}

/** The action nodes of a transaction built with `tx()`, for the executor. */
export function actionsOf(transaction: object): ActionNode[] {
  if (!(transaction instanceof WriteTransactionImpl)) throw new TypeError('Expected a transaction made with tx()');
  return transaction.actions();
}
