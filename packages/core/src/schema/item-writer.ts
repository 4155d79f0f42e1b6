import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePlan, EntityPlan, IndexPlan } from './entity-plan.js';
import { formatIndexKey, formatKey } from './key-format.js';
import { checkedStringBytes, marshalValue, utf8Length, type SizeCounter } from './marshal.js';
export { KEY_LIMITS, itemIdOf, toKeyAttribute };
import { numberTextSize } from './number-value.js';
import { invalidValueError } from '../errors/errors.js';
import { missingAttributeMessage, notAKeyAttributeMessage, unknownAttributeMessage } from '../errors/messages.js';
import { KEY_LIMITS, checkKeySize, itemIdOf, toKeyAttribute } from './key-rules.js';
import { electrodbItem, electrodbKey } from './electrodb-writer.js';


/**
 * Turns user input into what goes on the wire for one entity: a full item for a put, a key
 * for the other actions. Input from untyped JavaScript is checked here, so a value of the
 * wrong type never reaches DynamoDB.
 */

export interface WrittenKey {
  /** The primary key as DynamoDB sees it, e.g. `{ pk: { S: '$audit#tenant_acme' } }`. */
  readonly key: Record<string, AttributeValue>;
  /** The key composites as the user gave them, e.g. `{ tenant: 'acme' }`. */
  readonly composites: Readonly<Record<string, unknown>>;
  /** `Counter{tenant:acme}`: how messages name this item. */
  readonly itemId: string;
}

export interface WrittenItem extends WrittenKey {
  readonly item: Record<string, AttributeValue>;
  readonly size: number;
}

export function writeKey(plan: EntityPlan, input: unknown): WrittenKey {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidValueError(`${plan.name} key must be an object with ${plan.keyNames.join(', ')}`);
  }
  const values = input as Record<string, unknown>;
  for (const name in values) {
    if (!hasOwn(values, name)) continue; // inherited properties are not the caller's values
    if (!plan.attributes.get(name)?.isPrimaryKeyComposite) throw invalidValueError(notAKeyAttributeMessage(plan.name, name));
  }
  const size: SizeCounter = { bytes: 0 };
  const composites: Record<string, unknown> = {};
  for (const name of plan.keyNames) {
    const value = own(values, name);
    if (value === undefined) throw invalidValueError(missingAttributeMessage(plan.name, name, 'key'));
    checkKeyValue(plan, plan.attributes.get(name)!, value, size);
    composites[name] = value;
  }
  const key = plan.writer === 'native' ? primaryKey(plan, composites) : electrodbKey(plan, composites);
  return { key, composites, itemId: itemIdOf(plan, composites) };
}

export function writeItem(plan: EntityPlan, input: unknown): WrittenItem {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidValueError(`${plan.name} item must be an object`);
  }
  if (plan.writer === 'electrodb') return writeItemWithElectroDB(plan, input as Record<string, unknown>);
  const given = input as Record<string, unknown>;
  const size: SizeCounter = { bytes: plan.identifierBytes };
  const item: Record<string, AttributeValue> = {};
  // The given attributes first (the common case touches nothing else), then the defaults of
  // the missing ones, then the check that nothing required is missing.
  let values = given;
  for (const name in given) {
    if (!hasOwn(given, name)) continue;
    const attribute = plan.attributes.get(name);
    if (attribute === undefined) throw invalidValueError(unknownAttributeMessage(plan.name, name));
    const value = given[name];
    if (value === undefined) continue;
    size.bytes += attribute.fieldBytes;
    item[attribute.field] = marshalValue(plan.name, attribute, value, size, 0, true);
  }
  // Only the item's own properties count: an inherited one (from a prototype) is not the caller's value.
  if (Object.getPrototypeOf(given) !== Object.prototype) values = ownValues(given);
  // Defaults go into the item; into `values` (what keys are built from) only when they are key
  // composites, so the common case copies nothing.
  let defaulted: string[] | undefined;
  for (const attribute of plan.defaulted) {
    if (values[attribute.name] !== undefined) continue;
    const value = resolveDefault(attribute);
    if (value === undefined) continue;
    if (attribute.isKeyComposite) {
      if (values === given) values = { ...given };
      defineOwn(values, attribute.name, value);
    } else (defaulted ??= []).push(attribute.name);
    size.bytes += attribute.fieldBytes;
    item[attribute.field] = marshalValue(plan.name, attribute, value, size, 0, true);
  }
  // The first missing attribute in code-unit order, the one the compiler names.
  let missing: string | undefined;
  for (const attribute of plan.requiredOnPut) {
    if (values[attribute.name] === undefined && !defaulted?.includes(attribute.name) && (missing === undefined || attribute.name < missing)) {
      missing = attribute.name;
    }
  }
  if (missing !== undefined) throw invalidValueError(missingAttributeMessage(plan.name, missing, 'item'));
  for (const index of plan.secondary) {
    if (!hasAnyComposite(index.compositeNames, values)) continue; // a sparse index: no keys
    requireWholeKeyParts(plan, index, values);
    addKeyFields(item, checkedIndexKey(plan, index, formatIndexKey(index, values), values), size);
  }
  const key = primaryKey(plan, values);
  for (const field in key) {
    item[field] = key[field]!;
    size.bytes += utf8Length(field) + attributeSizeOfKey(key[field]!);
  }
  // Fresh objects: what params() returns belongs to the caller, who may change it.
  item[plan.identifierFields.entity] = { S: plan.name };
  item[plan.identifierFields.version] = { S: plan.entityVersion };
  const composites: Record<string, unknown> = {};
  for (const name of plan.keyNames) composites[name] = values[name];
  return { item, key, composites, itemId: itemIdOf(plan, composites), size: size.bytes };
}

/** A put of an entity ElectroDB writes: the caller's own attributes (each one the entity has), then ElectroDB's item. */
function writeItemWithElectroDB(plan: EntityPlan, given: Record<string, unknown>): WrittenItem {
  const values: Record<string, unknown> = {};
  for (const name in given) {
    if (!hasOwn(given, name)) continue;
    if (!plan.attributes.has(name)) throw invalidValueError(unknownAttributeMessage(plan.name, name));
    defineOwn(values, name, given[name]);
  }
  const written = electrodbItem(plan, values);
  return { item: written.item, key: written.key, composites: written.composites, itemId: itemIdOf(plan, written.composites), size: written.size };
}

/** A key composite's type check; strings and numbers, the usual keys, allocate nothing. */
function checkKeyValue(plan: EntityPlan, attribute: AttributePlan, value: unknown, size: SizeCounter) {
  if (attribute.kind === 'string' && typeof value === 'string') {
    checkedStringBytes(plan.name, attribute.path, value);
    return;
  }
  if (attribute.kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return;
  marshalValue(plan.name, attribute, value, size);
}

/** The secondary-index keys ElectroDB rewrites when an update changes their composites. */
export function secondaryKeysFor(
  plan: EntityPlan,
  changed: Readonly<Record<string, unknown>>,
  keyComposites: Readonly<Record<string, unknown>>,
): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  for (const index of plan.secondary) {
    if (!hasAnyComposite(index.compositeNames, changed)) continue;
    const values = { ...keyComposites, ...changed };
    for (const name of index.compositeNames) {
      if (values[name] === undefined) {
        throw invalidValueError(
          `${plan.name}: updating ${[...index.compositeNames].filter((n) => changed[n] !== undefined).join(', ')} rewrites index '${index.name}', which also needs ${name}: set it in the same update`,
        );
      }
    }
    Object.assign(fields, checkedIndexKey(plan, index, formatIndexKey(index, values), values));
  }
  return fields;
}

/**
 * ElectroDB writes an index key only from all of its composites: giving some of a pk's (or
 * an sk's) composites but not the others is an error, not a partial key.
 */
function requireWholeKeyParts(plan: EntityPlan, index: IndexPlan, values: Readonly<Record<string, unknown>>) {
  for (const part of [index.pk, index.sk]) {
    if (part === undefined) continue;
    const missing = part.composites.filter((c) => values[c.name] === undefined).map((c) => c.name);
    if (missing.length > 0 && missing.length < part.composites.length) {
      throw invalidValueError(
        `${plan.name} index '${index.name}' needs ${missing.join(', ')} too: its ${part === index.pk ? 'partition' : 'sort'} key is built from ${part.composites.map((c) => c.name).join(', ')}`,
      );
    }
  }
}

function primaryKey(plan: EntityPlan, values: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  const key: Record<string, AttributeValue> = {};
  const pk = formatKey(plan.primary.pk, values);
  key[plan.primary.pk.field] = toKeyAttribute(checkKeySize(plan, values, 'partition', plan.primary.pk.field, pk));
  if (plan.primary.sk !== undefined) {
    const sk = formatKey(plan.primary.sk, values);
    key[plan.primary.sk.field] = toKeyAttribute(checkKeySize(plan, values, 'sort', plan.primary.sk.field, sk));
  }
  return key;
}

/** Secondary-index key fields within DynamoDB's key limits (an empty one is never written). */
function checkedIndexKey(plan: EntityPlan, index: IndexPlan, fields: Record<string, string | number>, values: Readonly<Record<string, unknown>>) {
  for (const field in fields) {
    const role = field === index.pk.field ? 'partition' : 'sort';
    checkKeySize(plan, values, role, field, fields[field], index.name);
  }
  return fields;
}

export const hasOwn = (values: object, name: string) => Object.prototype.hasOwnProperty.call(values, name);

/** A property of the caller's object only when it is its own. */
function own(values: Readonly<Record<string, unknown>>, name: string): unknown {
  return hasOwn(values, name) ? values[name] : undefined;
}

function ownValues(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(values)) defineOwn(copy, name, values[name]);
  return copy;
}

/** `target[name] = value`, also for a name like `__proto__` (which plain assignment would not store). */
function defineOwn(target: Record<string, unknown>, name: string, value: unknown) {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}

function hasAnyComposite(names: ReadonlySet<string>, values: Readonly<Record<string, unknown>>): boolean {
  for (const name of names) if (values[name] !== undefined) return true;
  return false;
}

function addKeyFields(item: Record<string, AttributeValue>, fields: Record<string, string | number>, size: SizeCounter) {
  for (const field in fields) {
    const attribute = toKeyAttribute(fields[field]!);
    item[field] = attribute;
    size.bytes += utf8Length(field) + attributeSizeOfKey(attribute);
  }
}

function attributeSizeOfKey(value: AttributeValue): number {
  return value.S !== undefined ? utf8Length(value.S) : numberTextSize(value.N!);
}

function resolveDefault(attribute: AttributePlan): unknown {
  return typeof attribute.defaultValue === 'function' ? (attribute.defaultValue as () => unknown)() : attribute.defaultValue;
}
