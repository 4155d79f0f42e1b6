import type { DynamoDBClient, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { TransactionResult } from '../executor/outcome.js';
import { executeWrite, type ExecuteOptions } from '../executor/write-executor.js';
import type { ActionNode } from '../nodes/action-node.js';
import type { AnyEntity, EntityName, KeyShape, PutShape } from '../schema/entity-types.js';
import type { ItemIdOf, RecordableId } from '../schema/item-id.js';
import type { ConditionProblem, DeclaredProblem, ItemGuard, KeyGuard, Rejected, VersionProblem } from './compile-time-rules.js';
import type { ExpectedVersion, VersionAttributeOf } from '../schema/versioning.js';
import type { ConditionFn } from './condition-builder.js';
import type { UpdateFn } from './update-builder.js';
import type {
  EmptyTransactionMessage,
  LoopMessage,
  NewVersionRefusedMessage,
  NotVersionedMessage,
  TooManyActionsMessage,
} from '../errors/messages.js';
import { MAX_ACTIONS, missingDeclaredLabelMessage, undeclaredEntityMessage, undeclaredLabelMessage } from '../errors/messages.js';
import { atBoundary, invalidValueError, tooManyActionsError, TransactionValidationError } from '../errors/errors.js';
import { describeValue, shownText } from '../errors/user-text.js';
import { checkExecuteOptions, checkToken, feedIdentity } from '../executor/write-executor.js';
import { isChangeFeed, type ChangeFeed } from '../feed/change-feed.js';
import { withManifest } from '../feed/manifest.js';
import { parseCheck, parseDelete, parsePut, parseUpdate, parseUpsert, type ActionOptions } from '../parser/action-parser.js';
import { compileTransaction } from '../compiler/transaction-compiler.js';
import { isEntity } from '../schema/entity-plan.js';
import { isPlainObject } from '../schema/marshal.js';

/** What the type of a transaction remembers about each action, for typed outcomes. */
export interface ActionInfo<E extends AnyEntity = AnyEntity, Label extends string = string> {
  readonly entity: E;
  readonly label: Label;
}

/** Options of `put`, `update` and `delete`. */
export interface WriteOptions<E extends AnyEntity, Label extends string = string, Version = ExpectedVersion> {
  /** A condition the item must meet, or the whole transaction is cancelled. */
  readonly if?: ConditionFn<E>;
  /** A name for this action in outcomes and cancellation reasons. */
  readonly label?: Label;
  /** When the condition fails, return the item as it was (ReturnValuesOnConditionCheckFailure ALL_OLD). */
  readonly returnOldItemOnFailure?: boolean;
  /** The version you read, for an entity made with `versioned()`: the write is guarded by it. */
  readonly expectedVersion?: VersionOption<E, Version>;
}

/** Options of `check`: its condition is its third argument. */
export interface CheckOptions<E extends AnyEntity, Label extends string = string, Version = number> {
  readonly if?: Rejected<CheckIfMessage>;
  readonly label?: Label;
  readonly returnOldItemOnFailure?: boolean;
  /** For an entity made with `versioned()`: also require that version. */
  readonly expectedVersion?: VersionOption<E, Version>;
}

type CheckIfMessage = `check() takes its condition as the third argument, not as 'if'`;
type VersionOption<E extends AnyEntity, Version> = [VersionAttributeOf<E>] extends [never]
  ? Rejected<NotVersionedMessage<EntityName<E>>>
  : Version;

// Type-only keys of a transaction's compile-time state; no value ever has them.
declare const actionCount: unique symbol;
declare const seenItems: unique symbol;
declare const actionList: unique symbol;

export type { Rejected } from './compile-time-rules.js';

/** What every transaction's type holds, and all a method's `this` needs to be. */
interface TransactionState {
  readonly [actionCount]: string;
  readonly [seenItems]: string;
  readonly [actionList]: ActionInfo;
}

/** How many actions the transaction holds (`'3 actions'`; `string` for a dynamic one). */
type CountOf<This extends TransactionState> = This[typeof actionCount];
/** The ids (`audit/Counter@1{tenant:acme}`) of the items already in it, where known. */
type ItemsOf<This extends TransactionState> = This[typeof seenItems];
/** The entities and labels of its actions, for typed outcomes. */
type ActionListOf<This extends TransactionState> = This[typeof actionList];

/**
 * How many actions a transaction holds, as its type says it: `'3 actions'`. The empty one,
 * what `tx()` returns, says more, since assigning a later step back to it is the mistake of
 * building a `tx()` in a loop, and its count is what TypeScript's message then shows:
 * `Type '"1 action"' is not assignable to type '"0 actions; tx() changes type with every action: use dynamicTx() to build in a loop"'`.
 * A dynamic transaction's count is `string`.
 */
export type EmptyCount = `0 actions; ${LoopMessage}`;
declare const emptyCount: EmptyCount;

/**
 * The count after one more action, by lookup: a tuple that grows by one per action would make
 * TypeScript build a longer tuple at every step (about 60 more instantiations per action at
 * 100 actions). A dynamic transaction's count is `string`, and stays so.
 */
export interface NextCount {
  [emptyCount]: '1 action';
  '1 action': '2 actions';
  '2 actions': '3 actions';
  '3 actions': '4 actions';
  '4 actions': '5 actions';
  '5 actions': '6 actions';
  '6 actions': '7 actions';
  '7 actions': '8 actions';
  '8 actions': '9 actions';
  '9 actions': '10 actions';
  '10 actions': '11 actions';
  '11 actions': '12 actions';
  '12 actions': '13 actions';
  '13 actions': '14 actions';
  '14 actions': '15 actions';
  '15 actions': '16 actions';
  '16 actions': '17 actions';
  '17 actions': '18 actions';
  '18 actions': '19 actions';
  '19 actions': '20 actions';
  '20 actions': '21 actions';
  '21 actions': '22 actions';
  '22 actions': '23 actions';
  '23 actions': '24 actions';
  '24 actions': '25 actions';
  '25 actions': '26 actions';
  '26 actions': '27 actions';
  '27 actions': '28 actions';
  '28 actions': '29 actions';
  '29 actions': '30 actions';
  '30 actions': '31 actions';
  '31 actions': '32 actions';
  '32 actions': '33 actions';
  '33 actions': '34 actions';
  '34 actions': '35 actions';
  '35 actions': '36 actions';
  '36 actions': '37 actions';
  '37 actions': '38 actions';
  '38 actions': '39 actions';
  '39 actions': '40 actions';
  '40 actions': '41 actions';
  '41 actions': '42 actions';
  '42 actions': '43 actions';
  '43 actions': '44 actions';
  '44 actions': '45 actions';
  '45 actions': '46 actions';
  '46 actions': '47 actions';
  '47 actions': '48 actions';
  '48 actions': '49 actions';
  '49 actions': '50 actions';
  '50 actions': '51 actions';
  '51 actions': '52 actions';
  '52 actions': '53 actions';
  '53 actions': '54 actions';
  '54 actions': '55 actions';
  '55 actions': '56 actions';
  '56 actions': '57 actions';
  '57 actions': '58 actions';
  '58 actions': '59 actions';
  '59 actions': '60 actions';
  '60 actions': '61 actions';
  '61 actions': '62 actions';
  '62 actions': '63 actions';
  '63 actions': '64 actions';
  '64 actions': '65 actions';
  '65 actions': '66 actions';
  '66 actions': '67 actions';
  '67 actions': '68 actions';
  '68 actions': '69 actions';
  '69 actions': '70 actions';
  '70 actions': '71 actions';
  '71 actions': '72 actions';
  '72 actions': '73 actions';
  '73 actions': '74 actions';
  '74 actions': '75 actions';
  '75 actions': '76 actions';
  '76 actions': '77 actions';
  '77 actions': '78 actions';
  '78 actions': '79 actions';
  '79 actions': '80 actions';
  '80 actions': '81 actions';
  '81 actions': '82 actions';
  '82 actions': '83 actions';
  '83 actions': '84 actions';
  '84 actions': '85 actions';
  '85 actions': '86 actions';
  '86 actions': '87 actions';
  '87 actions': '88 actions';
  '88 actions': '89 actions';
  '89 actions': '90 actions';
  '90 actions': '91 actions';
  '91 actions': '92 actions';
  '92 actions': '93 actions';
  '93 actions': '94 actions';
  '94 actions': '95 actions';
  '95 actions': '96 actions';
  '96 actions': '97 actions';
  '97 actions': '98 actions';
  '98 actions': '99 actions';
  '99 actions': '100 actions';
  '100 actions': '101 actions';
  [count: string]: string;
}

/** The number of actions of a count, for `size`. */
interface SizeOf {
  [emptyCount]: 0;
  '1 action': 1; '2 actions': 2; '3 actions': 3; '4 actions': 4; '5 actions': 5; '6 actions': 6; '7 actions': 7; '8 actions': 8;
  '9 actions': 9; '10 actions': 10; '11 actions': 11; '12 actions': 12; '13 actions': 13; '14 actions': 14; '15 actions': 15; '16 actions': 16;
  '17 actions': 17; '18 actions': 18; '19 actions': 19; '20 actions': 20; '21 actions': 21; '22 actions': 22; '23 actions': 23; '24 actions': 24;
  '25 actions': 25; '26 actions': 26; '27 actions': 27; '28 actions': 28; '29 actions': 29; '30 actions': 30; '31 actions': 31; '32 actions': 32;
  '33 actions': 33; '34 actions': 34; '35 actions': 35; '36 actions': 36; '37 actions': 37; '38 actions': 38; '39 actions': 39; '40 actions': 40;
  '41 actions': 41; '42 actions': 42; '43 actions': 43; '44 actions': 44; '45 actions': 45; '46 actions': 46; '47 actions': 47; '48 actions': 48;
  '49 actions': 49; '50 actions': 50; '51 actions': 51; '52 actions': 52; '53 actions': 53; '54 actions': 54; '55 actions': 55; '56 actions': 56;
  '57 actions': 57; '58 actions': 58; '59 actions': 59; '60 actions': 60; '61 actions': 61; '62 actions': 62; '63 actions': 63; '64 actions': 64;
  '65 actions': 65; '66 actions': 66; '67 actions': 67; '68 actions': 68; '69 actions': 69; '70 actions': 70; '71 actions': 71; '72 actions': 72;
  '73 actions': 73; '74 actions': 74; '75 actions': 75; '76 actions': 76; '77 actions': 77; '78 actions': 78; '79 actions': 79; '80 actions': 80;
  '81 actions': 81; '82 actions': 82; '83 actions': 83; '84 actions': 84; '85 actions': 85; '86 actions': 86; '87 actions': 87; '88 actions': 88;
  '89 actions': 89; '90 actions': 90; '91 actions': 91; '92 actions': 92; '93 actions': 93; '94 actions': 94; '95 actions': 95; '96 actions': 96;
  '97 actions': 97; '98 actions': 98; '99 actions': 99; '100 actions': 100;
  [count: string]: number;
}

/**
 * The actions of a transaction: at 100, each is `Rejected` (not callable), so a 101st
 * action is reported on the method's name. Adding a verb to `WriteActions` adds it here.
 */
type ActionsAt<Count extends string> = ActionsAtCount<Count extends '100 actions' ? true : false>;
/** Written out per verb (not mapped) so that each keeps its doc comment in editors and API docs. */
interface ActionsAtCount<Full extends boolean> {
  /** Write a whole item, replacing any item with the same key. */
  readonly put: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['put'];
  /** Change attributes of an item (creating it when missing, as DynamoDB's UpdateItem does). */
  readonly update: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['update'];
  /** Delete an item. */
  readonly delete: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['delete'];
  /** Write a whole item that must not exist yet (ElectroDB's `create`): cancelled when it does. */
  readonly create: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['create'];
  /** Change attributes of an item that must exist (ElectroDB's `patch`): cancelled when it does not. */
  readonly patch: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['patch'];
  /** Create the item, or set the given attributes of the existing one (ElectroDB's `upsert`). */
  readonly upsert: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['upsert'];
  /** Delete an item that must exist (ElectroDB's `remove`): cancelled when it does not. */
  readonly remove: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['remove'];
  /** Require a condition of an item the transaction does not write. */
  readonly check: Full extends true ? Rejected<TooManyActionsMessage> : WriteActions['check'];
}

/**
 * The actions remembered by a transaction's type. Read from the one property that
 * holds them: matching the whole `WriteTransaction` instead would compare 100 nested steps.
 */
export type ActionsOf<T> = T extends { readonly [actionList]: infer Actions extends ActionInfo } ? Actions : never;

/**
 * A transaction being built: `WriteTransaction<'3 actions', Items, Actions>` holds 3 actions, on the items
 * `Items` (their compile-time ids, where the keys are literal), and remembers each action's
 * entity and label (`Actions`) for its typed outcome. It is immutable: every method returns a
 * new transaction, so a base can be shared and branched.
 *
 * The actions live on `WriteActions`, a non-generic interface whose methods read the state
 * from `this`, and the state sits in type-only properties, so that relating a step to the
 * `this` a method expects is a cheap comparison of three properties. Were the methods
 * declared here, every new step's type would re-instantiate every action signature with fresh
 * type parameters; this way a step costs a few dozen instantiations instead of several
 * hundred (see BENCHMARKS.md).
 */
export interface WriteTransaction<Count extends string = EmptyCount, Items extends string = never, Actions extends ActionInfo = never>
  extends ActionsAt<Count> {
  // Type-only state, read by the actions through `this`. No value has these properties; their
  // keys are symbols that only exist in the type declarations, so no code can reach them.
  readonly [actionCount]: Count;
  readonly [seenItems]: Items;
  readonly [actionList]: Actions;

  /** The exact TransactWriteItems input this transaction sends, after the pre-flight checks. */
  readonly params: Count extends EmptyCount
    ? Rejected<EmptyTransactionMessage>
    : (options?: { readonly clientRequestToken?: string; readonly transactionId?: string }) => TransactWriteItemsCommandInput;

  /**
   * Sends the transaction through your DynamoDBClient and resolves to its typed outcome:
   * `{ committed: true, ... }`, or `{ committed: false, reasons, failed, summary }` when
   * DynamoDB cancelled it. Other failures (retries exhausted, an unknown table, rejected
   * credentials, a reused token) reject with a typed error.
   */
  readonly execute: Count extends EmptyCount
    ? Rejected<EmptyTransactionMessage>
    : (client: DynamoDBClient, options?: ExecuteOptions) => Promise<TransactionResult<Actions>>;

  /** How many actions the transaction holds. */
  readonly size: SizeOf[Count];
}

/**
 * The four actions, shared by every transaction type. Each returns the transaction after one
 * more action. The return type is written out in each signature rather than through an alias:
 * TypeScript defers type arguments written inside an alias, and a 100-action chain would then
 * resolve them 100 levels deep at the end (TS2589). A new verb is one more signature here.
 */
export interface WriteActions {
  /** Write a whole item, replacing any item with the same key. */
  put<
    This extends TransactionState,
    E extends AnyEntity,
    const Item extends PutShape<E>,
    const Label extends string = never,
    const Version extends ExpectedVersion = never,
  >(
    this: This,
    entity: E,
    item: Item &
      NoInfer<ItemGuard<E, Item, ItemsOf<This>, VersionProblem<E, Version, 'put'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Item>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /** Change attributes of an item (creating it when missing, as DynamoDB's UpdateItem does). */
  update<
    This extends TransactionState,
    E extends AnyEntity,
    const Key extends KeyShape<E>,
    const Label extends string = never,
    const Version extends ExpectedVersion = never,
  >(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, ItemsOf<This>, VersionProblem<E, Version, 'update'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    operations: UpdateFn<E>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Key>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /** Delete an item. */
  delete<
    This extends TransactionState,
    E extends AnyEntity,
    const Key extends KeyShape<E>,
    const Label extends string = never,
    const Version extends number | Rejected<NewVersionRefusedMessage<'delete'>> = never,
  >(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, ItemsOf<This>, VersionProblem<E, Version, 'delete'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Key>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /** Write a whole item that must not exist yet (ElectroDB's `create`): cancelled when it does. */
  create<
    This extends TransactionState,
    E extends AnyEntity,
    const Item extends PutShape<E>,
    const Label extends string = never,
    const Version extends 'new' = never,
  >(
    this: This,
    entity: E,
    item: Item &
      NoInfer<ItemGuard<E, Item, ItemsOf<This>, VersionProblem<E, Version, 'create'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Item>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /** Change attributes of an item that must exist (ElectroDB's `patch`): cancelled when it does not. */
  patch<
    This extends TransactionState,
    E extends AnyEntity,
    const Key extends KeyShape<E>,
    const Label extends string = never,
    const Version extends ExpectedVersion = never,
  >(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, ItemsOf<This>, VersionProblem<E, Version, 'patch'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    operations: UpdateFn<E>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Key>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /**
   * Create the item, or set the given attributes of the existing one (ElectroDB's `upsert`:
   * defaults and setters apply, read-only attributes are only written when absent).
   */
  upsert<
    This extends TransactionState,
    E extends AnyEntity,
    const Item extends PutShape<E>,
    const Label extends string = never,
    const Version extends ExpectedVersion = never,
  >(
    this: This,
    entity: E,
    item: Item &
      NoInfer<ItemGuard<E, Item, ItemsOf<This>, VersionProblem<E, Version, 'upsert'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Item>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /** Delete an item that must exist (ElectroDB's `remove`): cancelled when it does not. */
  remove<
    This extends TransactionState,
    E extends AnyEntity,
    const Key extends KeyShape<E>,
    const Label extends string = never,
    const Version extends number | Rejected<NewVersionRefusedMessage<'remove'>> = never,
  >(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, ItemsOf<This>, VersionProblem<E, Version, 'remove'> | DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    options?: WriteOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Key>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;

  /** Require a condition of an item the transaction does not write. */
  check<
    This extends TransactionState,
    E extends AnyEntity,
    const Key extends KeyShape<E>,
    const Label extends string = never,
    const Version extends number | Rejected<NewVersionRefusedMessage<'check'>> = number,
  >(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, ItemsOf<This>, DeclaredProblem<CountOf<This>, ActionListOf<This>, E, Label>>>,
    condition: ConditionFn<E>,
    options?: CheckOptions<E, Label, Version>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Key>>, string extends CountOf<This> ? ActionListOf<This> : ActionListOf<This> | ActionInfo<E, Label>>;
  /** A check without its condition: chosen only then, to say so on the key. */
  check<This extends TransactionState, E extends AnyEntity, const Key extends KeyShape<E>>(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, ItemsOf<This>, ConditionProblem<E>>>,
  ): WriteTransaction<NextCount[CountOf<This>], ItemsOf<This> | RecordableId<ItemIdOf<E, Key>>, ActionListOf<This> | ActionInfo<E, never>>;
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
  /** What a `dynamicTx(...)` was made with; undefined for `tx()` and a bare `dynamicTx()`. */
  readonly #declared: Declarations | undefined;

  constructor(last: ActionLink | undefined, feed: ChangeFeed | undefined, declared?: Declarations) {
    this.#last = last;
    this.#feed = feed;
    this.#declared = declared;
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
    if (this.#declared !== undefined) checkDeclared(this.#declared, action);
    return new WriteTransactionImpl({ action, previous: this.#last, count: (this.#last?.count ?? 0) + 1 }, this.#feed, this.#declared);
  }
}

/**
 * The run-time half of `dynamicTx(...)`'s declarations, for callers the compiler does not see
 * (plain JavaScript, `any`): the same rule as `DeclaredProblem`, in the same sentences. Entities
 * are matched as the compiler matches their types: by service, name and version, not by object,
 * so a second instance of a declared entity (another table, say) is still declared.
 */
interface Declarations {
  /** Entities declared as such: any label, or none. */
  readonly anyLabel: ReadonlySet<string>;
  /** Entities declared through `{ label: Entity }`: only those labels. */
  readonly labels: ReadonlyMap<string, ReadonlySet<string>>;
}

const declaredName = (entity: AnyEntity) => {
  const { service, entity: name, version } = entity.schema.model;
  return `${service}\u0000${name}\u0000${version}`;
};

function declarationsOf(declarations: readonly unknown[]): Declarations | undefined {
  if (declarations.length === 0) return undefined;
  const anyLabel = new Set<string>();
  const labels = new Map<string, Set<string>>();
  for (const declared of declarations) {
    if (isEntity(declared)) {
      anyLabel.add(declaredName(declared as AnyEntity));
      continue;
    }
    for (const [label, entity] of Object.entries(declared as Record<string, AnyEntity>)) {
      const name = declaredName(entity);
      const known = labels.get(name) ?? new Set<string>();
      known.add(label);
      labels.set(name, known);
    }
  }
  return { anyLabel, labels };
}

function checkDeclared(declarations: Declarations, action: ActionNode) {
  const model = action.entity.entity.schema.model;
  const name = declaredName(action.entity.entity);
  if (declarations.anyLabel.has(name)) return;
  const labels = declarations.labels.get(name);
  if (labels === undefined) throw new TransactionValidationError('UndeclaredAction', undeclaredEntityMessage(model.entity, model.service));
  if (action.label === undefined) throw new TransactionValidationError('UndeclaredAction', missingDeclaredLabelMessage(model.entity));
  if (!labels.has(action.label)) throw new TransactionValidationError('UndeclaredAction', undeclaredLabelMessage(shownText(action.label), model.entity));
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
export function tx(options: TransactionOptions & { readonly feed: ChangeFeed }): WriteTransaction<'1 action'>;
export function tx(options?: TransactionOptions): WriteTransaction;
export function tx(options?: TransactionOptions): WriteTransaction<string> {
  return atBoundary('tx()', () => {
    if (options !== undefined && (typeof options !== 'object' || options === null)) throw invalidValueError(`tx() takes an options object, got ${describeValue(options)}`);
    const feed = options?.feed;
    if (feed !== undefined && !isChangeFeed(feed)) throw invalidValueError(`tx({ feed }) takes a feed made with changeFeed(), got ${describeValue(feed)}`);
    return new WriteTransactionImpl(undefined, feed) as unknown as WriteTransaction<string>;
  });
}

/**
 * A transaction whose actions are added in a loop or by other code whose count the compiler
 * cannot follow. Each step has this same type, so `t = t.put(...)` compiles; the item-twice and
 * 100-action rules are then checked by the run-time pre-flight alone (key shapes and values are
 * still checked by the compiler). `Entities` are the entities it takes, for typed outcomes.
 */
export type DynamicWriteTransaction<Declared extends DynamicDeclaration = AnyEntity> = WriteTransaction<string, string, DeclaredActions<Declared>>;

/**
 * What a dynamic transaction is made with: an entity (its actions take any label), or labels
 * for an entity, `{ shard: Counter }` (its actions take only those labels, so that a reason
 * narrowed on `label` is that entity's).
 */
export type DynamicDeclaration = AnyEntity | { readonly [label: string]: AnyEntity };
type DeclaredActions<D> = D extends AnyEntity
  ? ActionInfo<D, string>
  : { [L in keyof D & string]: D[L] extends AnyEntity ? ActionInfo<D[L], L> : never }[keyof D & string];

/**
 * Starts a `DynamicWriteTransaction` made with the entities given, so that its outcome is
 * typed: narrow a reason on `entity` (or on `label`, for labels declared as `{ label: Entity }`)
 * for its key and old item.
 * ```ts
 * let t = dynamicTx(Counter, { audit: Event });
 * for (const tenant of tenants) t = t.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }));
 * t = t.put(Event, event, { label: 'audit' });
 * ```
 * Made without any, it takes every entity, and its outcome is untyped. To record it in a change
 * feed, pass the options first: `dynamicTx({ feed }, Counter)`.
 */
export function dynamicTx<const Declared extends readonly DynamicDeclaration[] = []>(
  ...declared: Declared
): DynamicWriteTransaction<Declared extends readonly [] ? AnyEntity : Declared[number]>;
export function dynamicTx<const Declared extends readonly DynamicDeclaration[] = []>(
  options: TransactionOptions & { readonly feed: ChangeFeed },
  ...declared: Declared
): DynamicWriteTransaction<Declared extends readonly [] ? AnyEntity : Declared[number]>;
export function dynamicTx(...args: readonly unknown[]): DynamicWriteTransaction {
  return atBoundary('dynamicTx()', () => {
    const first = args[0];
    // The options, when given, come first and hold a feed: entities never do, and a label
    // declaration's values are entities (`{ feed: Counter }` declares the label 'feed').
    const isOptions = typeof first === 'object' && first !== null && !isEntity(first) && 'feed' in first && !isEntity((first as { feed?: unknown }).feed);
    const feed = isOptions ? (first as { feed?: unknown }).feed : undefined;
    if (feed !== undefined && !isChangeFeed(feed)) throw invalidValueError(`dynamicTx({ feed }) takes a feed made with changeFeed(), got ${describeValue(feed)}`);
    const declarations = isOptions ? args.slice(1) : args;
    for (const declared of declarations) {
      if (isEntity(declared) || (isPlainObject(declared) && Object.values(declared).every(isEntity))) continue;
      throw invalidValueError(`dynamicTx() takes entities and label declarations such as { shard: Counter }, got ${describeValue(declared)}`);
    }
    return new WriteTransactionImpl(undefined, feed as ChangeFeed | undefined, declarationsOf(declarations)) as unknown as DynamicWriteTransaction;
  });
}
