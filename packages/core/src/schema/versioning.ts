import type { AnyEntity, KindOfDefinition, KeyAttributeName } from './entity-types.js';
import { UnsupportedEntityError, atBoundary, invalidValueError } from '../errors/errors.js';
import { describeValue, shownText } from '../errors/user-text.js';
import { isEntity } from './entity-plan.js';

/**
 * Optimistic locking, opted into per entity: `versioned(Account, 'version')`. The returned
 * entity is the same ElectroDB entity (same table, same client) with one more fact in its
 * type, so every put, update and delete of it in a transaction must say which version it
 * read (`expectedVersion`) and dynatx adds the guard and the bump.
 */
/**
 * The brand's key. A string rather than a symbol so that a function returning a transaction
 * of a versioned entity can have its declaration emitted (TS4058 otherwise: a symbol from an
 * internal module cannot be named in another package's .d.ts).
 */
export const VERSION_ATTRIBUTE = 'dynatx:versionAttribute';

/** An entity wrapped by `versioned()`: the same entity, marked at the type level with its version attribute, so writes to it must state `expectedVersion`. */
export type Versioned<E extends AnyEntity, Attribute extends string> = E & { readonly 'dynatx:versionAttribute': Attribute };

/** The version attribute of a versioned entity, `never` for any other. */
export type VersionAttributeOf<E> = E extends { readonly 'dynatx:versionAttribute': infer A extends string } ? A : never;

/** Number attributes outside the key: what can hold a version. */
export type VersionableAttribute<E extends AnyEntity> = {
  [A in Exclude<keyof E['schema']['attributes'] & string, KeyAttributeName<E>>]: KindOfDefinition<
    E['schema']['attributes'][A]
  > extends 'number'
    ? A
    : never;
}[Exclude<keyof E['schema']['attributes'] & string, KeyAttributeName<E>>];

/** What a versioned write says about the version it read: a number, or 'new' for an item that must not exist yet. */
export type ExpectedVersion = number | 'new';

/** Opts an entity into optimistic locking on a number attribute: every put, update and delete of it must give `expectedVersion` (the version read, or 'new'), which dynatx turns into a guard on that version and a bump to the next. */
export function versioned<E extends AnyEntity, const Attribute extends VersionableAttribute<E>>(
  entity: E,
  attribute: Attribute,
): Versioned<E, Attribute> {
  return atBoundary('versioned()', () => makeVersioned(entity, attribute));
}

function makeVersioned<E extends AnyEntity, Attribute extends string>(entity: E, attribute: Attribute): Versioned<E, Attribute> {
  if (!isEntity(entity)) throw invalidValueError(`versioned() takes an ElectroDB Entity first, got ${describeValue(entity)}`);
  if (typeof attribute !== 'string') throw invalidValueError(`versioned() takes the name of a number attribute second, got ${describeValue(attribute)}`);
  const attributes = (entity.schema as { attributes?: Record<string, { type?: unknown } | undefined> }).attributes ?? {};
  const definition = Object.prototype.hasOwnProperty.call(attributes, attribute) ? attributes[attribute] : undefined;
  if (definition === undefined || definition.type !== 'number') {
    throw new UnsupportedEntityError(`versioned(): '${shownText(attribute)}' must be a number attribute of the entity`);
  }
  // The prototype chain keeps every ElectroDB method and shares its config (table, client).
  const derived = Object.create(entity) as Versioned<E, Attribute>;
  // Not frozen: ElectroDB's own methods assign to the entity (setClient), which must keep working.
  Object.defineProperty(derived, VERSION_ATTRIBUTE, { value: attribute, enumerable: false, writable: false, configurable: false });
  return derived;
}

export function versionAttributeOf(entity: object): string | undefined {
  return (entity as { [VERSION_ATTRIBUTE]?: string })[VERSION_ATTRIBUTE];
}
