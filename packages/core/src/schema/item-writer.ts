import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePlan, EntityPlan, IndexPlan } from './entity-plan.js';
import { formatIndexKey, formatKey } from './key-format.js';
import { marshalValue, utf8Length, type SizeCounter } from './marshal.js';
import { invalidValueError } from '../errors/errors.js';
import { missingAttributeMessage, notAKeyAttributeMessage, unknownAttributeMessage } from '../errors/messages.js';

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
    if (!plan.attributes.get(name)?.isPrimaryKeyComposite) throw invalidValueError(notAKeyAttributeMessage(plan.name, name));
  }
  const size: SizeCounter = { bytes: 0 };
  const composites: Record<string, unknown> = {};
  for (const name of plan.keyNames) {
    const value = values[name];
    if (value === undefined) throw invalidValueError(missingAttributeMessage(plan.name, name, 'key'));
    checkKeyValue(plan, plan.attributes.get(name)!, value, size);
    composites[name] = value;
  }
  return { key: primaryKey(plan, composites), composites, itemId: itemIdOf(plan, composites) };
}

export function writeItem(plan: EntityPlan, input: unknown): WrittenItem {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidValueError(`${plan.name} item must be an object`);
  }
  const given = input as Record<string, unknown>;
  const size: SizeCounter = { bytes: plan.identifierBytes };
  const item: Record<string, AttributeValue> = {};
  // The given attributes first (the common case touches nothing else), then the defaults of
  // the missing ones, then the check that nothing required is missing.
  let values = given;
  for (const name in given) {
    const attribute = plan.attributes.get(name);
    if (attribute === undefined) throw invalidValueError(unknownAttributeMessage(plan.name, name));
    const value = given[name];
    if (value === undefined) continue;
    size.bytes += attribute.fieldBytes;
    item[attribute.field] = marshalValue(plan.name, attribute, value, size);
  }
  for (const attribute of plan.defaulted) {
    if (given[attribute.name] !== undefined) continue;
    const value = resolveDefault(attribute);
    if (value === undefined) continue;
    if (values === given) values = { ...given };
    values[attribute.name] = value;
    size.bytes += attribute.fieldBytes;
    item[attribute.field] = marshalValue(plan.name, attribute, value, size);
  }
  // The first missing attribute in code-unit order, the one the compiler names.
  let missing: string | undefined;
  for (const attribute of plan.requiredOnPut) {
    if (values[attribute.name] === undefined && (missing === undefined || attribute.name < missing)) missing = attribute.name;
  }
  if (missing !== undefined) throw invalidValueError(missingAttributeMessage(plan.name, missing, 'item'));
  for (const index of plan.secondary) {
    if (!hasAnyComposite(index.compositeNames, values)) continue; // a sparse index: no keys
    requireWholeKeyParts(plan, index, values);
    addKeyFields(item, formatIndexKey(index, values), size);
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

/** A key composite's type check; strings and numbers, the usual keys, allocate nothing. */
function checkKeyValue(plan: EntityPlan, attribute: AttributePlan, value: unknown, size: SizeCounter) {
  if (attribute.kind === 'string' && typeof value === 'string') return;
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
    Object.assign(fields, formatIndexKey(index, values));
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
  if (pk !== undefined) key[plan.primary.pk.field] = toKeyAttribute(pk);
  if (plan.primary.sk !== undefined) {
    const sk = formatKey(plan.primary.sk, values);
    if (sk !== undefined) key[plan.primary.sk.field] = toKeyAttribute(sk);
  }
  return key;
}

export function itemIdOf(plan: EntityPlan, composites: Readonly<Record<string, unknown>>): string {
  let text = `${plan.name}{`;
  for (let i = 0; i < plan.keyNames.length; i++) {
    const name = plan.keyNames[i]!;
    text += `${i === 0 ? '' : ','}${name}:${String(composites[name])}`;
  }
  return `${text}}`;
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

export function toKeyAttribute(value: string | number): AttributeValue {
  return typeof value === 'number' ? { N: String(value) } : { S: value };
}

function attributeSizeOfKey(value: AttributeValue): number {
  return value.S !== undefined ? utf8Length(value.S) : (value.N?.length ?? 0);
}

function resolveDefault(attribute: AttributePlan): unknown {
  return typeof attribute.defaultValue === 'function' ? (attribute.defaultValue as () => unknown)() : attribute.defaultValue;
}
