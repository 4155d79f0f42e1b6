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
 * The rules both builders (writes and gets) enforce at compile time, so that the error sits
 * on the offending argument and names the culprit in a sentence. Each costs a constant number
 * of instantiations per action: a union lookup for the seen items, a tuple length for the count.
 *
 * Each guard is `unknown` when the argument is fine, and a `Refusal` carrying the message when
 * it is not. The builders intersect it with the argument's own type behind `NoInfer`
 * (`key: Key & NoInfer<KeyGuard<...>>`): the argument is inferred from its plain type, and the
 * guard only checks it. Inferring through a conditional parameter type instead costs about
 * five times the instantiations per action (see BENCHMARKS.md).
 */

/** An object type with no call signature, so that calling it shows the message. */
export interface TransactionTypeError<Message extends string> {
  readonly 'dynatx error': Message;
}

/**
 * A requirement no value meets, named by the message: the compiler reports
 * `Property '<message>' is missing in type ...`. (A bare string literal would be intersected
 * with the argument, and a key named like a String method, `at` or `length`, would then
 * produce a confusing error about that method.)
 */
export type Refusal<Message extends string> = { readonly [M in Message]: never };

/** The 101st action: the entity argument meets the message. */
export type RoomGuard<Count extends number> = Count extends 100 ? Refusal<TooManyActionsMessage> : unknown;

export type KeyGuard<E extends AnyEntity, Key, Seen extends string> = [Exclude<keyof Key, KeyAttributeName<E>>] extends [never]
  ? DuplicateGuard<ItemIdOf<E, Key>, Seen, E, Key>
  : Refusal<NotAKeyAttributeMessage<EntityName<E>, Exclude<keyof Key, KeyAttributeName<E>> & string>>;

export type ItemGuard<E extends AnyEntity, Item, Seen extends string> = [Exclude<keyof Item, keyof EntityPutItem<E>>] extends [never]
  ? [ExcessProperties<E, Item>] extends [never]
    ? DuplicateGuard<ItemIdOf<E, Item>, Seen, E, Item>
    : Refusal<ExcessProperties<E, Item>>
  : Refusal<UnknownAttributeMessage<EntityName<E>, Exclude<keyof Item, keyof EntityPutItem<E>> & string>>;

type DuplicateGuard<Id extends string, Seen extends string, E extends AnyEntity, Key> = [Id] extends [never]
  ? unknown
  : string extends Seen // a dynamic transaction: what it has seen is not known
    ? unknown
    : [Id] extends [Seen]
    ? Refusal<DuplicateItemMessage<ItemTextOf<E, Key>>>
    : unknown;

/**
 * Map properties the schema does not declare, at any depth of maps and lists of maps: the
 * excess-property check TypeScript skips for an inferred (`const`) argument.
 */
type ExcessProperties<E extends AnyEntity, Item> = {
  [A in keyof Item & NestedAttributeName<E>]: ExcessIn<Item[A], E['schema']['attributes'][A], `${EntityName<E>}.${A}`>;
}[keyof Item & NestedAttributeName<E>];

/** Attributes that hold objects: maps, and lists (of maps). Items without them skip the walk. */
type NestedAttributeName<E extends AnyEntity> = {
  [A in keyof E['schema']['attributes'] & string]: E['schema']['attributes'][A] extends { readonly type: 'map' | 'list' } ? A : never;
}[keyof E['schema']['attributes'] & string];

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

