/**
 * Every message a user can meet, written once. Each runtime writer sits next to the
 * template-literal type that the compiler shows for the same mistake, so the red squiggle
 * in the editor and the thrown error read the same sentence. `test/messages.test.ts` and
 * `scripts/check-type-messages.mjs` hold the two worlds to that promise.
 */

import { describeValue, shownText } from './user-text.js';

/** The most actions DynamoDB accepts in one TransactWriteItems or TransactGetItems call. */
export const MAX_ACTIONS = 100;

export type DuplicateItemMessage<ItemId extends string> = `${ItemId} is already in this transaction`;
export const duplicateItemMessage = <ItemId extends string>(itemId: ItemId): DuplicateItemMessage<ItemId> =>
  `${itemId} is already in this transaction`;

export type TooManyActionsMessage = `A transaction holds at most 100 actions: this would be action 101`;
export const tooManyActionsMessage = (): TooManyActionsMessage =>
  `A transaction holds at most ${MAX_ACTIONS} actions: this would be action ${MAX_ACTIONS + 1}` as TooManyActionsMessage;

export type EmptyTransactionMessage = `An empty transaction cannot be sent: add at least one action`;
export const emptyTransactionMessage = (): EmptyTransactionMessage =>
  `An empty transaction cannot be sent: add at least one action`;

export type UnknownAttributeMessage<EntityName extends string, Attribute extends string> =
  `${EntityName} has no attribute '${Attribute}'`;
export const unknownAttributeMessage = <EntityName extends string, Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
): UnknownAttributeMessage<EntityName, Attribute> =>
  `${entityName} has no attribute '${shownText(attribute) as Attribute}'`;

export type NotAKeyAttributeMessage<EntityName extends string, Attribute extends string> =
  `'${Attribute}' is not part of ${EntityName}'s key`;
export const notAKeyAttributeMessage = <EntityName extends string, Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
): NotAKeyAttributeMessage<EntityName, Attribute> =>
  `'${shownText(attribute) as Attribute}' is not part of ${entityName}'s key`;

export type UnknownPropertyMessage<Path extends string, Property extends string> = `${Path} has no property '${Property}'`;
export const unknownPropertyMessage = <Path extends string, Property extends string>(
  path: Path,
  property: Property,
): UnknownPropertyMessage<Path, Property> => `${path} has no property '${shownText(property) as Property}'`;

// The messages below exist only at run time: the compiler rejects these mistakes through
// ordinary assignability errors (a missing property, a value of the wrong type).

export const missingAttributeMessage = (entityName: string, attribute: string, role: 'key' | 'item'): string =>
  `${entityName} ${role} is missing required attribute '${attribute}'`;

export const wrongTypeMessage = (entityName: string, path: string, expected: string, got: unknown): string =>
  `${entityName}.${path} must be ${expected}, got ${describeValue(got)}`;

export const itemTooLargeMessage = (itemId: string, bytes: number, limit: number): string =>
  `${itemId} is ${bytes} bytes: DynamoDB items are limited to ${limit} bytes (400 KB)`;

export const transactionTooLargeMessage = (bytes: number, limit: number): string =>
  `The transaction's payload (items, keys, expressions and their values) is ${bytes} bytes: DynamoDB limits a transaction to ${limit} bytes (4 MB)`;

export const expressionTooLongMessage = (itemId: string, which: string, bytes: number, limit: number): string =>
  `${itemId}: its ${which} is ${bytes} bytes, over DynamoDB's ${limit}-byte (4 KB) limit`;

export const updateTooLargeMessage = (itemId: string, bytes: number, limit: number): string =>
  `The update of ${itemId} alone writes ${bytes} bytes: DynamoDB items are limited to ${limit} bytes (400 KB)`;

export const tooManyOperatorsMessage = (itemId: string, count: number, limit: number): string =>
  `${itemId}: its condition has ${count} operators and functions, over DynamoDB's limit of ${limit}`;

export const notUpdatableMessage = (entityName: string, attribute: string, why: string): string =>
  `${entityName}.${shownText(attribute)} cannot be updated: ${why}`;

export const emptyUpdateMessage = (itemId: string): string =>
  `The update of ${itemId} has no operations: add set/add/subtract/remove/append/deleteFromSet/setIfNotExists`;

export const tooManyInOperandsMessage = (count: number): string =>
  `in() takes at most 100 values, got ${count}`;
