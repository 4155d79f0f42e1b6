import type { ConsumedCapacity, DynamoDBClient, TransactGetItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { AnyEntity, EntityItem, KeyShape } from '../schema/entity-types.js';
import type { ItemIdOf, RecordableId } from '../schema/item-id.js';
import type { KeyGuard, Rejected } from './compile-time-rules.js';

import type { EmptyTransactionMessage, TooManyActionsMessage } from '../errors/messages.js';
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

/** The count after one more get, by lookup (see `NextCount`); `number` stays `number`. */
interface Succ {
  0: 1; 1: 2; 2: 3; 3: 4; 4: 5; 5: 6; 6: 7; 7: 8; 8: 9; 9: 10;
  10: 11; 11: 12; 12: 13; 13: 14; 14: 15; 15: 16; 16: 17; 17: 18; 18: 19; 19: 20;
  20: 21; 21: 22; 22: 23; 23: 24; 24: 25; 25: 26; 26: 27; 27: 28; 28: 29; 29: 30;
  30: 31; 31: 32; 32: 33; 33: 34; 34: 35; 35: 36; 36: 37; 37: 38; 38: 39; 39: 40;
  40: 41; 41: 42; 42: 43; 43: 44; 44: 45; 45: 46; 46: 47; 47: 48; 48: 49; 49: 50;
  50: 51; 51: 52; 52: 53; 53: 54; 54: 55; 55: 56; 56: 57; 57: 58; 58: 59; 59: 60;
  60: 61; 61: 62; 62: 63; 63: 64; 64: 65; 65: 66; 66: 67; 67: 68; 68: 69; 69: 70;
  70: 71; 71: 72; 72: 73; 73: 74; 74: 75; 75: 76; 76: 77; 77: 78; 78: 79; 79: 80;
  80: 81; 81: 82; 82: 83; 83: 84; 84: 85; 85: 86; 86: 87; 87: 88; 88: 89; 89: 90;
  90: 91; 91: 92; 92: 93; 93: 94; 94: 95; 95: 96; 96: 97; 97: 98; 98: 99; 99: 100;
  100: 101;
  [count: number]: number;
}

// Type-only keys of a read's compile-time state; no value ever has them.
declare const seenItems: unique symbol;
declare const getCount: unique symbol;
declare const itemTuple: unique symbol;
declare const labeledItems: unique symbol;

/** What every read's type holds, and all `get`'s `this` needs to be. */
interface ReadState {
  readonly [seenItems]: string;
  readonly [getCount]: number;
  readonly [itemTuple]: readonly unknown[];
  readonly [labeledItems]: unknown;
}

/** `get` and `getAll`; at 100 gets, not callable, so a 101st is reported on the method's name. */
type GetsAt<Count extends number> = GetsAtCount<Count extends 100 ? true : false>;
/** Written out per method (not mapped) so that each keeps its doc comment in editors and API docs. */
interface GetsAtCount<Full extends boolean> {
  /** Reads one item; it comes back formatted by its entity, or `undefined` when missing. */
  readonly get: Full extends true ? Rejected<TooManyActionsMessage> : GetActions['get'];
  /** Reads one item per key, in order: for a list of keys known only at run time. */
  readonly getAll: Full extends true ? Rejected<TooManyActionsMessage> : GetActions['getAll'];
}

/**
 * A read of up to 100 items as one serializable snapshot (TransactGetItems), with the same
 * compile-time rules as writes: key shape, no item twice, at most 100 gets. Immutable.
 * Like `WriteTransaction`, its methods live on a non-generic interface and read the state
 * from `this`, which keeps a long chain cheap to type-check.
 */
export interface GetTransaction<
  Count extends number = 0,
  Items extends readonly unknown[] = [],
  Labeled = {},
  Seen extends string = never,
> extends GetsAt<Count> {
  readonly [getCount]: Count;
  readonly [itemTuple]: Items;
  readonly [labeledItems]: Labeled;
  readonly [seenItems]: Seen;

  /** The exact TransactGetItems input. */
  readonly params: Count extends 0 ? Rejected<EmptyTransactionMessage> : () => TransactGetItemsCommandInput;

  /** Reads the items through your DynamoDBClient. */
  readonly execute: Count extends 0
    ? Rejected<EmptyTransactionMessage>
    : (client: DynamoDBClient, options?: GetExecuteOptions) => Promise<GetResult<Items, Labeled>>;

  readonly size: Count;
}

export interface GetActions {
  /** Reads one item; it comes back formatted by its entity, or `undefined` when missing. */
  get<This extends ReadState, E extends AnyEntity, const Key extends KeyShape<E>, const Label extends string = never>(
    this: This,
    entity: E,
    key: Key & NoInfer<KeyGuard<E, Key, This[typeof seenItems]>>,
    options?: { readonly label?: Label },
  ): GetTransaction<
    Succ[This[typeof getCount]],
    [...This[typeof itemTuple], EntityItem<E> | undefined],
    [Label] extends [never] ? This[typeof labeledItems] : This[typeof labeledItems] & { readonly [L in Label]: EntityItem<E> | undefined },
    This[typeof seenItems] | RecordableId<ItemIdOf<E, Key>>
  >;

  /**
   * Reads one item per key, in order: for a list of keys known only at run time. The items
   * join the result as an array; from here on, the item-twice and 100-get rules are checked
   * at run time only, since the compiler cannot count or compare the keys.
   */
  getAll<This extends ReadState, E extends AnyEntity, const Key extends KeyShape<E>>(
    this: This,
    entity: E,
    keys: readonly (Key & NoInfer<KeyGuard<E, Key, never>>)[],
  ): GetTransaction<number, [...This[typeof itemTuple], ...(EntityItem<E> | undefined)[]], This[typeof labeledItems], string>;
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
