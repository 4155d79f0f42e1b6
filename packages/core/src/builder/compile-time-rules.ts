import type { AnyEntity, EntityName, EntityPutItem, KeyAttributeName } from '../schema/entity-types.js';
import type { ItemIdOf, ItemTextOf } from '../schema/item-id.js';
import type {
  DuplicateItemMessage,
  NotAKeyAttributeMessage,
  TooManyActionsMessage,
  UnknownAttributeMessage,
  UnknownPropertyMessage,
} from '../errors/messages.js';

/**
 * The rules both builders (writes and gets) enforce at compile time. Each one turns the
 * offending argument's parameter type into the message, so the error sits on that argument
 * and reads as a sentence. Each costs a constant number of instantiations per action: a
 * union lookup for the seen items, a tuple length for the count.
 */

/** An object type with no call signature, so that calling it shows the message. */
export interface TransactionTypeError<Message extends string> {
  readonly 'dynatx error': Message;
}

/** The entity argument, or the 101st-action message in its place. */
export type RoomFor<Count extends readonly 0[], E> = Count['length'] extends 100 ? TooManyActionsMessage : E;

export type CheckedKey<E extends AnyEntity, Key, Seen extends string> = [Exclude<keyof Key, KeyAttributeName<E>>] extends [never]
  ? NotSeen<ItemIdOf<E, Key>, Seen, Key, E>
  : NotAKeyAttributeMessage<EntityName<E>, Exclude<keyof Key, KeyAttributeName<E>> & string>;

export type CheckedItem<E extends AnyEntity, Item, Seen extends string> = [Exclude<keyof Item, keyof EntityPutItem<E>>] extends [never]
  ? [ExcessProperties<E, Item>] extends [never]
    ? NotSeen<ItemIdOf<E, Item>, Seen, Item, E>
    : ExcessProperties<E, Item>
  : UnknownAttributeMessage<EntityName<E>, Exclude<keyof Item, keyof EntityPutItem<E>> & string>;

type NotSeen<Id extends string, Seen extends string, T, E extends AnyEntity> = [Id] extends [never]
  ? T
  : [Id] extends [Seen]
    ? DuplicateItemMessage<ItemTextOf<E, T>>
    : T;

/**
 * Map properties the schema does not declare, at any depth of maps and lists of maps: the
 * excess-property check TypeScript skips for an inferred (`const`) argument.
 */
type ExcessProperties<E extends AnyEntity, Item> = {
  [A in keyof Item & keyof E['schema']['attributes'] & string]: ExcessIn<Item[A], E['schema']['attributes'][A], `${EntityName<E>}.${A}`>;
}[keyof Item & keyof E['schema']['attributes'] & string];

type ExcessIn<Value, Definition, Path extends string> = Definition extends { readonly type: 'map'; readonly properties: infer P }
  ? Value extends object
    ?
        | UnknownPropertyMessage<Path, Exclude<keyof Value, keyof P> & string>
        | { [K in keyof Value & keyof P & string]: ExcessIn<Value[K], P[K], `${Path}.${K}`> }[keyof Value & keyof P & string]
    : never
  : Definition extends { readonly type: 'list'; readonly items: infer I }
    ? Value extends readonly (infer Element)[]
      ? ExcessIn<Element, I, `${Path}[]`>
      : never
    : never;

