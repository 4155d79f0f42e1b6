/**
 * Every message a user can meet, written once. Each runtime writer sits next to the
 * template-literal type that the compiler shows for the same mistake, so the red squiggle
 * in the editor and the thrown error read the same sentence. The run-time tests (`test/*.test.ts`) and
 * `scripts/check-type-messages.mjs` hold the two worlds to that promise. Exported as
 * `messages`, so that your tests can match dynatx's refusals by sentence.
 *
 * @module
 */

import { describeValue, shownText } from './user-text.js';

/** The most actions DynamoDB accepts in one TransactWriteItems or TransactGetItems call. */
export const MAX_ACTIONS = 100;

// ----- the transaction as a whole -----

/** The sentence for: The same item twice in one transaction (DynamoDB refuses the whole request). */
export type DuplicateItemMessage<ItemId extends string> = `${ItemId} is already in this transaction`;
/** Writes the {@link DuplicateItemMessage} sentence at run time, word for word as the compiler shows it. */
export const duplicateItemMessage = <ItemId extends string>(itemId: ItemId): DuplicateItemMessage<ItemId> =>
  `${itemId} is already in this transaction`;

/** The sentence for: A 101st action (or a 100th beside a change feed's manifest). */
export type TooManyActionsMessage = `A transaction holds at most 100 actions: this would be action 101`;
/** Writes the {@link TooManyActionsMessage} sentence at run time, word for word as the compiler shows it. */
export const tooManyActionsMessage = (): TooManyActionsMessage =>
  `A transaction holds at most ${MAX_ACTIONS} actions: this would be action ${MAX_ACTIONS + 1}` as TooManyActionsMessage;

/** The sentence for: A transaction with no action, which DynamoDB refuses. */
export type EmptyTransactionMessage = `An empty transaction cannot be sent: add at least one action`;
/** Writes the {@link EmptyTransactionMessage} sentence at run time, word for word as the compiler shows it. */
export const emptyTransactionMessage = (): EmptyTransactionMessage =>
  `An empty transaction cannot be sent: add at least one action`;

/** A `tx()` assigned back to itself: its type changes with every action. */
export type LoopMessage = `tx() changes type with every action: use dynamicTx() to build in a loop`;
/** Writes the {@link LoopMessage} sentence at run time. */
export const loopMessage = (): LoopMessage => `tx() changes type with every action: use dynamicTx() to build in a loop`;

/** An entity a `dynamicTx(...entities)` was not made with (named with its service: names repeat across services). */
export type UndeclaredEntityMessage<EntityName extends string, Service extends string> =
  `${EntityName} of ${Service} is not one of this dynamicTx()'s entities: add it to dynamicTx(...)`;
/** Writes the {@link UndeclaredEntityMessage} sentence at run time. */
export const undeclaredEntityMessage = <EntityName extends string, Service extends string>(
  entityName: EntityName,
  service: Service,
): UndeclaredEntityMessage<EntityName, Service> => `${entityName} of ${service} is not one of this dynamicTx()'s entities: add it to dynamicTx(...)`;

/** A label a `dynamicTx({ label: Entity })` was not made with, for that entity. */
export type UndeclaredLabelMessage<Label extends string, EntityName extends string> =
  `label '${Label}' is not one of this dynamicTx()'s labels for ${EntityName}: add it, dynamicTx({ ${Label}: ${EntityName} })`;
/** Writes the {@link UndeclaredLabelMessage} sentence at run time. */
export const undeclaredLabelMessage = <Label extends string, EntityName extends string>(
  label: Label,
  entityName: EntityName,
): UndeclaredLabelMessage<Label, EntityName> =>
  `label '${label}' is not one of this dynamicTx()'s labels for ${entityName}: add it, dynamicTx({ ${label}: ${entityName} })`;

/** An action with no label on an entity a `dynamicTx({ label: Entity })` declared with labels only. */
export type MissingDeclaredLabelMessage<EntityName extends string> =
  `${EntityName} was declared with labels in this dynamicTx(): give the action one of them, { label }`;
/** Writes the {@link MissingDeclaredLabelMessage} sentence at run time. */
export const missingDeclaredLabelMessage = <EntityName extends string>(entityName: EntityName): MissingDeclaredLabelMessage<EntityName> =>
  `${entityName} was declared with labels in this dynamicTx(): give the action one of them, { label }`;

// ----- keys and items -----

/** The sentence for: An attribute the entity's schema does not declare. */
export type UnknownAttributeMessage<EntityName extends string, Attribute extends string> =
  `${EntityName} has no attribute '${Attribute}'`;
/** Writes the {@link UnknownAttributeMessage} sentence at run time, word for word as the compiler shows it. */
export const unknownAttributeMessage = <EntityName extends string, Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
): UnknownAttributeMessage<EntityName, Attribute> =>
  `${entityName} has no attribute '${shownText(attribute) as Attribute}'`;

/** The sentence for: A key given an attribute that is not part of the entity's primary key. */
export type NotAKeyAttributeMessage<EntityName extends string, Attribute extends string> =
  `'${Attribute}' is not part of ${EntityName}'s key`;
/** Writes the {@link NotAKeyAttributeMessage} sentence at run time, word for word as the compiler shows it. */
export const notAKeyAttributeMessage = <EntityName extends string, Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
): NotAKeyAttributeMessage<EntityName, Attribute> =>
  `'${shownText(attribute) as Attribute}' is not part of ${entityName}'s key`;

/** The sentence for: A map property the schema does not declare. */
export type UnknownPropertyMessage<Path extends string, Property extends string> = `${Path} has no property '${Property}'`;
/** Writes the {@link UnknownPropertyMessage} sentence at run time, word for word as the compiler shows it. */
export const unknownPropertyMessage = <Path extends string, Property extends string>(
  path: Path,
  property: Property,
): UnknownPropertyMessage<Path, Property> => `${path} has no property '${shownText(property) as Property}'`;

/** `t.nope` in a condition: a name the entity (or map) does not have. */
export type NoSuchNameMessage<Owner extends string, What extends 'attribute' | 'property'> = `${Owner} has no ${What} by that name`;
/** The sentence for a name that is neither an attribute nor a property of its owner, listing the names there are. */
export const noSuchNameMessage = <Owner extends string, What extends 'attribute' | 'property'>(
  owner: Owner,
  what: What,
): NoSuchNameMessage<Owner, What> => `${owner} has no ${what} by that name`;

/** The sentence for: A required attribute or key composite left out. */
export type MissingAttributeMessage<EntityName extends string, Role extends 'key' | 'item', Attribute extends string> =
  `${EntityName} ${Role} is missing required attribute '${Attribute}'`;
/** Writes the {@link MissingAttributeMessage} sentence at run time, word for word as the compiler shows it. */
export const missingAttributeMessage = <EntityName extends string, Role extends 'key' | 'item', Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
  role: Role,
): MissingAttributeMessage<EntityName, Role, Attribute> => `${entityName} ${role} is missing required attribute '${attribute}'`;

// ----- optimistic locking -----

/** A write of a versioned entity that does not say which version it read. */
export type NeedsExpectedVersionMessage<EntityName extends string, Action extends string, Version extends string> =
  `${EntityName} is versioned: ${Action}() needs { expectedVersion }, the ${Version} you read${Action extends 'delete'
    ? ''
    : " or 'new'"}`;
/** The sentence for a write of a versioned entity without `expectedVersion`. */
export const needsExpectedVersionMessage = <EntityName extends string, Action extends string, Version extends string>(
  entityName: EntityName,
  action: Action,
  version: Version,
): NeedsExpectedVersionMessage<EntityName, Action, Version> =>
  `${entityName} is versioned: ${action}() needs { expectedVersion }, the ${version} you read${
    action === 'delete' ? '' : " or 'new'"
  }` as NeedsExpectedVersionMessage<EntityName, Action, Version>;

/** The sentence for: `expectedVersion` given for an entity that is not `versioned()`. */
export type NotVersionedMessage<EntityName extends string> =
  `${EntityName} is not versioned: wrap it with versioned(entity, attribute) to use expectedVersion`;
/** Writes the {@link NotVersionedMessage} sentence at run time, word for word as the compiler shows it. */
export const notVersionedMessage = <EntityName extends string>(entityName: EntityName): NotVersionedMessage<EntityName> =>
  `${entityName} is not versioned: wrap it with versioned(entity, attribute) to use expectedVersion`;

/** The sentence for: `expectedVersion: 'new'` where the item must already exist. */
export type NewVersionRefusedMessage<Action extends string> =
  `expectedVersion 'new' means the item does not exist, which a ${Action} cannot use`;
/** Writes the {@link NewVersionRefusedMessage} sentence at run time, word for word as the compiler shows it. */
export const newVersionRefusedMessage = <Action extends string>(action: Action): NewVersionRefusedMessage<Action> =>
  `expectedVersion 'new' means the item does not exist, which a ${action} cannot use`;

/** The sentence for: A versioned entity's version attribute set by hand (dynatx writes it). */
export type ManagedVersionMessage<EntityName extends string, Attribute extends string> =
  `${EntityName}.${Attribute} is the version attribute: dynatx writes it; pass expectedVersion instead`;
/** Writes the {@link ManagedVersionMessage} sentence at run time, word for word as the compiler shows it. */
export const managedVersionMessage = <EntityName extends string, Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
): ManagedVersionMessage<EntityName, Attribute> =>
  `${entityName}.${attribute} is the version attribute: dynatx writes it; pass expectedVersion instead`;

// ----- checks and conditions -----

/** `check(Entity, key)` without its condition; the example uses the first key attribute. */
export type MissingConditionMessage<EntityName extends string, Attribute extends string> =
  `check() of ${EntityName} needs a condition: (t, op) => op.exists(t.${Attribute})`;
/** The sentence for a `check()` without its condition. */
export const missingConditionMessage = <EntityName extends string, Attribute extends string>(
  entityName: EntityName,
  attribute: Attribute,
): MissingConditionMessage<EntityName, Attribute> => `check() of ${entityName} needs a condition: (t, op) => op.exists(t.${attribute})`;

/** The kinds of attribute each condition operator takes, as the operator messages name them. */
export const OPERATOR_KINDS = {
  lt: 'a string, number or enum',
  lte: 'a string, number or enum',
  gt: 'a string, number or enum',
  gte: 'a string, number or enum',
  between: 'a string, number or enum',
  in: 'a string, number, enum or boolean',
  beginsWith: 'a string',
  contains: 'a string, set or list',
  size: 'a string, set, list or map',
} as const;
/** The condition operators whose messages say which attribute kinds they take. */
export type OperatorName = keyof typeof OPERATOR_KINDS;

/** `op.beginsWith(o.total, '1')` on a number: the operator, what it takes, and what the attribute is. */
export type OperatorKindMessage<Operator extends OperatorName, Path extends string, Kind extends string> =
  `${Operator} needs ${(typeof OPERATOR_KINDS)[Operator]} attribute: ${Path} is ${KindPhrase<Kind>}`;
/** The sentence for a condition operator used on an attribute of the wrong kind (`beginsWith` on a number). */
export const operatorKindMessage = <Operator extends OperatorName, Path extends string, Kind extends string>(
  operator: Operator,
  path: Path,
  kind: Kind,
): OperatorKindMessage<Operator, Path, Kind> =>
  `${operator} needs ${OPERATOR_KINDS[operator]} attribute: ${path} is ${kindPhrase(kind)}` as OperatorKindMessage<Operator, Path, Kind>;

/** `a number`, `an enum`, `any value` (for `type: 'any'`), `a size()`. */
export type KindPhrase<Kind extends string> = Kind extends 'enum'
  ? 'an enum'
  : Kind extends 'any'
    ? 'of any type'
    : Kind extends 'size'
      ? 'a size()'
      : `a ${Kind}`;
/** How a message names an attribute kind ("a number", "a set", ...). */
export const kindPhrase = <Kind extends string>(kind: Kind): KindPhrase<Kind> =>
  (kind === 'enum' ? 'an enum' : kind === 'any' ? 'of any type' : kind === 'size' ? 'a size()' : `a ${kind}`) as KindPhrase<Kind>;

// ----- updates -----

/** The sentence for: An update operation on an attribute it cannot change (key, read-only, version, wrong kind). */
export type NotUpdatableMessage<EntityName extends string, Attribute extends string, Why extends string> =
  `${EntityName}.${Attribute} cannot be updated: ${Why}`;
/** Writes the {@link NotUpdatableMessage} sentence at run time, word for word as the compiler shows it. */
export const notUpdatableMessage = <EntityName extends string, Attribute extends string, Why extends string>(
  entityName: EntityName,
  attribute: Attribute,
  why: Why,
): NotUpdatableMessage<EntityName, Attribute, Why> => `${entityName}.${shownText(attribute) as Attribute} cannot be updated: ${why}`;

/** Why a key, read-only or version attribute cannot be updated (the `why` of NotUpdatableMessage). */
export type FixedAttributeReason = 'it is part of the key' | 'it is read-only' | VersionAttributeReason;
/** Why a versioned entity's version attribute cannot be updated by hand. */
export type VersionAttributeReason = 'it is the version attribute, which dynatx writes from expectedVersion';

/** What each value operation works on, for OperationKindReason. */
export const OPERATION_NOUNS = {
  set: 'any attribute',
  setIfNotExists: 'any attribute',
  add: 'numbers and sets',
  subtract: 'numbers',
  append: 'lists',
  prepend: 'lists',
  deleteFromSet: 'sets',
} as const;
/** The update operations that take a value, named in NotUpdatable messages. */
export type ValueOperationName = keyof typeof OPERATION_NOUNS;

/** `add() works on numbers and sets, and title is a string`. */
export type OperationKindReason<Operation extends ValueOperationName, Attribute extends string, Kind extends string> =
  `${Operation}() works on ${(typeof OPERATION_NOUNS)[Operation]}, and ${Attribute} is ${KindPhrase<Kind>}`;
/** Why an update operation does not fit an attribute's kind (`add` on a string), for NotUpdatable messages. */
export const operationKindReason = <Operation extends ValueOperationName, Attribute extends string, Kind extends string>(
  operation: Operation,
  attribute: Attribute,
  kind: Kind,
): OperationKindReason<Operation, Attribute, Kind> =>
  `${operation}() works on ${OPERATION_NOUNS[operation]}, and ${attribute} is ${kindPhrase(kind)}` as OperationKindReason<
    Operation,
    Attribute,
    Kind
  >;

/**
 * `remove()` of an attribute it cannot take, with the ones it can: up to six, in code-unit
 * order, then `…` (the same list at compile time and at run time).
 */
export type NotRemovableMessage<EntityName extends string, Attribute extends string, Why extends string, Removable extends string> =
  `${EntityName}.${Attribute} cannot be removed: ${Why} (removable: ${Removable})`;
/** The sentence for `remove` of an attribute that cannot be removed, listing those that can. */
export const notRemovableMessage = <EntityName extends string, Attribute extends string, Why extends string, Removable extends string>(
  entityName: EntityName,
  attribute: Attribute,
  why: Why,
  removable: Removable,
): NotRemovableMessage<EntityName, Attribute, Why, Removable> =>
  `${entityName}.${attribute} cannot be removed: ${why} (removable: ${removable})`;

/** Why remove() cannot take an attribute (the `why` of NotRemovableMessage). */
export type NotRemovableReason = 'it is required' | 'it is part of the key' | 'it is read-only' | 'it is the version attribute' | 'there is no such attribute';

/** How many removable names a message lists before `…`. */
export const REMOVABLE_LISTED = 6;
/** The `removable` of NotRemovableMessage: `active, blob, …`, or `none`. */
export function removableList(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.length > REMOVABLE_LISTED ? `${sorted.slice(0, REMOVABLE_LISTED).join(', ')}, …` : sorted.join(', ');
}

// The messages below exist only at run time: the compiler cannot see these mistakes (sizes).

/** `Order.total must be a finite number`: what the compiler says of a value of the wrong type. */
export type WrongTypeSentence<EntityName extends string, Path extends string, Expected extends string> =
  `${EntityName}.${Path} must be ${Expected}`;
/** The sentence for a value of the wrong type for its attribute, naming entity, path and the type expected. */
export const wrongTypeSentence = <EntityName extends string, Path extends string, Expected extends string>(
  entityName: EntityName,
  path: Path,
  expected: Expected,
): WrongTypeSentence<EntityName, Path, Expected> => `${entityName}.${path} must be ${expected}`;

/** The same sentence at run time, with the value that was given. */
export const wrongTypeMessage = (entityName: string, path: string, expected: string, got: unknown): string =>
  `${wrongTypeSentence(entityName, path, expected)}, got ${describeValue(got)}`;

/** The pre-flight's sentence for an item over DynamoDB's 400 KB. */
export const itemTooLargeMessage = (itemId: string, bytes: number, limit: number): string =>
  `${itemId} is ${bytes} bytes: DynamoDB items are limited to ${limit} bytes (400 KB)`;

/** The pre-flight's sentence for a request over DynamoDB's 4 MB. */
export const transactionTooLargeMessage = (bytes: number, limit: number): string =>
  `The transaction's payload (items, keys, expressions and their values) is ${bytes} bytes: DynamoDB limits a transaction to ${limit} bytes (4 MB)`;

/** The pre-flight's sentence for an expression over DynamoDB's 4 KB. */
export const expressionTooLongMessage = (itemId: string, which: string, bytes: number, limit: number): string =>
  `${itemId}: its ${which} is ${bytes} bytes, over DynamoDB's ${limit}-byte (4 KB) limit`;

/** The pre-flight's sentence for an update whose values alone exceed the item size limit. */
export const updateTooLargeMessage = (itemId: string, bytes: number, limit: number): string =>
  `The update of ${itemId} alone writes ${bytes} bytes: DynamoDB items are limited to ${limit} bytes (400 KB)`;

/** The pre-flight's sentence for a condition with more than 300 operators. */
export const tooManyOperatorsMessage = (itemId: string, count: number, limit: number): string =>
  `${itemId}: its condition has ${count} operators and functions, over DynamoDB's limit of ${limit}`;


/** `(u) => u`: an update function that chooses no operation. */
export type NoOperationMessage = `An update needs at least one operation: (u) => u.set({ ... })`;
/** Writes the {@link NoOperationMessage} sentence at run time. */
export const noOperationMessage = (): NoOperationMessage => `An update needs at least one operation: (u) => u.set({ ... })`;

/** The sentence for an update with no operations. */
export const emptyUpdateMessage = (itemId: string): string =>
  `The update of ${itemId} has no operations: add set/add/subtract/remove/append/deleteFromSet/setIfNotExists`;

/** The sentence for an `in` condition over DynamoDB's 100 operands. */
export const tooManyInOperandsMessage = (count: number): string =>
  `in() takes at most 100 values, got ${count}`;
