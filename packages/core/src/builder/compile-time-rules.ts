import type { AnyEntity, EntityName, EntityPutItem, KeyAttributeName } from '../schema/entity-types.js';
import type { ItemIdOf } from '../schema/item-id.js';
import type {
  DuplicateItemMessage,
  NotAKeyAttributeMessage,
  TooManyActionsMessage,
  UnknownAttributeMessage,
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
  ? NotSeen<ItemIdOf<E, Key>, Seen, Key>
  : NotAKeyAttributeMessage<EntityName<E>, Exclude<keyof Key, KeyAttributeName<E>> & string>;

export type CheckedItem<E extends AnyEntity, Item, Seen extends string> = [Exclude<keyof Item, keyof EntityPutItem<E>>] extends [never]
  ? NotSeen<ItemIdOf<E, Item>, Seen, Item>
  : UnknownAttributeMessage<EntityName<E>, Exclude<keyof Item, keyof EntityPutItem<E>> & string>;

type NotSeen<Id extends string, Seen extends string, T> = [Id] extends [never]
  ? T
  : [Id] extends [Seen]
    ? DuplicateItemMessage<Id>
    : T;

