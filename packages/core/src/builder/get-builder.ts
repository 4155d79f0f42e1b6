import type { ConsumedCapacity, DynamoDBClient, TransactGetItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { AnyEntity, EntityItem, EntityKey } from '../schema/entity-types.js';
import type { ItemIdOf, RecordableId } from '../schema/item-id.js';
import type { KeyGuard, RoomGuard, TransactionTypeError } from './compile-time-rules.js';
import type { EmptyTransactionMessage } from '../errors/messages.js';
import type { GetNode } from '../nodes/get-node.js';
import { MAX_ACTIONS } from '../errors/messages.js';
import { atBoundary, invalidValueError, tooManyActionsError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';
import { parseGet } from '../parser/get-parser.js';
import { compileGets } from '../compiler/get-compiler.js';
import { executeGets, type GetExecuteOptions } from '../executor/get-executor.js';

/** The outcome of a TransactGetItems: every item formatted by its entity, `undefined` when missing. */
export interface GetResult<Items extends readonly unknown[], Labeled> {
  /** In request order. */
  readonly items: Items;
  /** The items of labelled gets, by label. */
  readonly byLabel: Labeled;
  readonly attempts: number;
  readonly consumedCapacity: readonly ConsumedCapacity[] | undefined;
}

// Type-only keys of a read's compile-time state; no value ever has them.
declare const seenItems: unique symbol;
declare const getCount: unique symbol;
declare const itemTuple: unique symbol;
declare const labeledItems: unique symbol;

type AnyGetTransaction = GetTransaction<string, readonly 0[], readonly unknown[], unknown>;

/**
 * A read of up to 100 items as one serializable snapshot (TransactGetItems), with the same
 * compile-time rules as writes: key shape, no item twice, at most 100 gets. Immutable.
 * Like `WriteTransaction`, its method lives on a non-generic interface and reads the state
 * from `this`, which keeps a long chain cheap to type-check.
 */
export interface GetTransaction<
  Seen extends string = never,
  Count extends readonly 0[] = [],
  Items extends readonly unknown[] = [],
  Labeled = {},
> extends GetAction {
  readonly [seenItems]: Seen;
  readonly [getCount]: Count;
  readonly [itemTuple]: Items;
  readonly [labeledItems]: Labeled;

  /** The exact TransactGetItems input. */
  readonly params: Count extends readonly [] ? TransactionTypeError<EmptyTransactionMessage> : () => TransactGetItemsCommandInput;

  /** Reads the items through your DynamoDBClient. */
  readonly execute: Count extends readonly []
    ? TransactionTypeError<EmptyTransactionMessage>
    : (client: DynamoDBClient, options?: GetExecuteOptions) => Promise<GetResult<Items, Labeled>>;

  readonly size: Count['length'];
}

export interface GetAction {
  /** Reads one item; it comes back formatted by its entity, or `undefined` when missing. */
  get<This extends AnyGetTransaction, E extends AnyEntity, const Key extends EntityKey<E>, const Label extends string = never>(
    this: This,
    entity: E & NoInfer<RoomGuard<This[typeof getCount]['length']>>,
    key: Key & NoInfer<KeyGuard<E, Key, This[typeof seenItems]>>,
    options?: { readonly label?: Label },
  ): GetTransaction<
    This[typeof seenItems] | RecordableId<ItemIdOf<E, Key>>,
    [...This[typeof getCount], 0],
    [...This[typeof itemTuple], EntityItem<E> | undefined],
    [Label] extends [never] ? This[typeof labeledItems] : This[typeof labeledItems] & { readonly [L in Label]: EntityItem<E> | undefined }
  >;

  /**
   * Reads one item per key, in order: for a list of keys known only at run time. The items
   * join the result as an array; from here on, the item-twice and 100-get rules are checked
   * at run time only, since the compiler cannot count or compare the keys.
   */
  getAll<This extends AnyGetTransaction, E extends AnyEntity, const Key extends EntityKey<E>>(
    this: This,
    entity: E,
    keys: readonly (Key & NoInfer<KeyGuard<E, Key, never>>)[],
  ): GetTransaction<string, readonly 0[], [...This[typeof itemTuple], ...(EntityItem<E> | undefined)[]], This[typeof labeledItems]>;
}

interface GetLink {
  readonly get: GetNode;
  readonly previous: GetLink | undefined;
  readonly count: number;
}

class GetTransactionImpl {
  readonly #last: GetLink | undefined;

  constructor(last: GetLink | undefined) {
    this.#last = last;
    Object.freeze(this);
  }

  get size(): number {
    return this.#last?.count ?? 0;
  }

  get(entity: unknown, key: unknown, options?: { readonly label?: unknown }) {
    if (this.size >= MAX_ACTIONS) throw tooManyActionsError();
    return new GetTransactionImpl({ get: atBoundary('get()', () => parseGet(entity, key, options)), previous: this.#last, count: this.size + 1 });
  }

  getAll(entity: unknown, keys: unknown) {
    return atBoundary('getAll()', () => {
      if (!Array.isArray(keys)) throw invalidValueError(`getAll() takes an array of keys, got ${describeValue(keys)}`);
      let read: GetTransactionImpl = this;
      for (let i = 0; i < keys.length; i++) {
        if (!(i in keys)) throw invalidValueError(`getAll(): key ${i} is missing (a hole in the array)`);
        read = read.get(entity, keys[i]);
      }
      return read;
    });
  }

  params(): TransactGetItemsCommandInput {
    return compileGets(this.gets());
  }

  execute(client: DynamoDBClient, options?: GetExecuteOptions) {
    // Checks every argument before sending; a mistake rejects with a typed error.
    return executeGets(this.gets(), client, options);
  }

  /** The get nodes in request order. */
  gets(): GetNode[] {
    const gets: GetNode[] = new Array(this.size);
    for (let link = this.#last; link !== undefined; link = link.previous) gets[link.count - 1] = link.get;
    return gets;
  }
}

/** Starts an empty read transaction. */
export function txGet(): GetTransaction {
  return new GetTransactionImpl(undefined) as unknown as GetTransaction;
}

/** The get nodes of a read built with `txGet()`, for code in this package that runs it itself. */
export function getsOf(read: object): GetNode[] {
  if (!(read instanceof GetTransactionImpl)) throw new TypeError('Expected a read made with txGet()');
  return read.gets();
}
