import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePlan, EntityPlan } from './entity-plan.js';
import type { UpdateRequest, WrittenUpdateExpression } from '../nodes/update-node.js';
import { isPlainObject, marshalDocumentValue, MAX_NESTED_CONTAINERS, utf8Length, type SizeCounter } from './marshal.js';
import { checkItemKeys } from './key-rules.js';
import { DynatxError, TransactionValidationError, invalidValueError } from '../errors/errors.js';
import { unknownPropertyMessage, wrongTypeMessage } from '../errors/messages.js';
import { shownText } from '../errors/user-text.js';

/**
 * The writer for entities whose functions only ElectroDB runs exactly (setters, watchers,
 * validators, attribute casts, index conditions): ElectroDB's own `params()` builds the item,
 * key or update expression, hooks and all, exactly as `entity.put(...).go()` would, and dynatx
 * then checks what it built against DynamoDB's rules and marshals it with its own value policy.
 * What ElectroDB refuses (a failed `validate`, a missing composite) is refused here, before
 * anything is sent, as a typed error naming the entity and attribute.
 *
 * This module only calls ElectroDB's public chain (`put`, `update`, `delete`, `upsert`,
 * `params`), so it works with every ElectroDB version that has them.
 */

/** The part of ElectroDB's entity API this writer calls. */
interface ElectroChain {
  set(values: Record<string, unknown>): ElectroChain;
  add(values: Record<string, unknown>): ElectroChain;
  subtract(values: Record<string, unknown>): ElectroChain;
  append(values: Record<string, unknown>): ElectroChain;
  delete(values: Record<string, unknown>): ElectroChain;
  remove(names: string[]): ElectroChain;
  data(callback: (attributes: Record<string, unknown>, operations: Record<string, (...args: unknown[]) => unknown>) => void): ElectroChain;
  params(): ElectroParams;
}
interface ElectroParams {
  Item?: Record<string, unknown>;
  Key?: Record<string, unknown>;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}
interface ElectroEntity {
  put(item: Record<string, unknown>): ElectroChain;
  update(key: Record<string, unknown>): ElectroChain;
  upsert(item: Record<string, unknown>): ElectroChain;
  delete(key: Record<string, unknown>): ElectroChain;
}

const electro = (plan: EntityPlan) => plan.entity as unknown as ElectroEntity;

export interface ElectroWrittenItem {
  readonly item: Record<string, AttributeValue>;
  readonly key: Record<string, AttributeValue>;
  /** The key composites as written (after defaults), to name the item. */
  readonly composites: Readonly<Record<string, unknown>>;
  readonly size: number;
}

/** A put's whole item, as ElectroDB builds it from the caller's values (defaults, casts, validation, setters, keys). */
export function electrodbItem(plan: EntityPlan, values: Readonly<Record<string, unknown>>): ElectroWrittenItem {
  const params = ask(plan, 'put', () => electro(plan).put(readyValues(plan, values)).params());
  const document = params.Item ?? {};
  const composites: Record<string, unknown> = {};
  for (const name of plan.keyNames) composites[name] = values[name] ?? document[plan.attributes.get(name)!.field];
  const size: SizeCounter = { bytes: 0 };
  const item = marshalDocument(plan, document, size);
  checkItemKeys(plan, item, composites);
  return { item, key: tableKeyOf(plan, item), composites, size: size.bytes };
}

/** An item's table key as ElectroDB builds it for a delete, check or get (no hooks run on keys there). */
export function electrodbKey(plan: EntityPlan, composites: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  const params = ask(plan, 'key', () => electro(plan).delete({ ...composites }).params());
  const key = marshalDocument(plan, params.Key ?? {}, { bytes: 0 });
  checkItemKeys(plan, key, composites);
  return key;
}

/**
 * An update as ElectroDB writes it: each operation through ElectroDB's own chain (top-level
 * ones through `set`/`add`/`subtract`/`append`/`delete`/`remove`, nested paths and
 * `setIfNotExists` through `data()`), so its validators, setters and watchers run and its index
 * keys follow. Operations ElectroDB has no form for (`prepend`) are returned for dynatx to write;
 * their values still go through ElectroDB's checks (as an `append` of the same value).
 */
export function electrodbUpdate(
  plan: EntityPlan,
  composites: Readonly<Record<string, unknown>>,
  requests: readonly UpdateRequest[],
): { key: Record<string, AttributeValue>; written: WrittenUpdateExpression; ownRequests: UpdateRequest[] } {
  const ownRequests: UpdateRequest[] = [];
  const params = ask(plan, 'update', () => {
    let chain = electro(plan).update({ ...composites });
    for (const request of requests) {
      if (request.kind === 'prepend') {
        // ElectroDB cannot prepend; validate the value as ElectroDB would an append.
        electro(plan).update({ ...composites }).append({ [request.target.root.name]: readyValue(plan.name, request.target.attribute, request.value) }).params();
        ownRequests.push(request);
        continue;
      }
      chain = applyRequest(plan, chain, request);
    }
    return chain.params();
  });
  return { key: tableKeyOf(plan, marshalDocument(plan, params.Key ?? {}, { bytes: 0 })), written: writtenExpression(plan, params), ownRequests };
}

/** ElectroDB's upsert: every given attribute set (read-only ones only if absent), defaults and setters applied. */
export function electrodbUpsert(
  plan: EntityPlan,
  values: Readonly<Record<string, unknown>>,
): { key: Record<string, AttributeValue>; written: WrittenUpdateExpression; composites: Readonly<Record<string, unknown>> } {
  const params = ask(plan, 'upsert', () => electro(plan).upsert(readyValues(plan, values)).params());
  // The key composites as written: given, or filled in by a default (found in the expression).
  const composites: Record<string, unknown> = {};
  for (const name of plan.keyNames) composites[name] = values[name] ?? assignedValue(params, plan.attributes.get(name)!.field);
  const key = tableKeyOf(plan, marshalDocument(plan, params.Key ?? {}, { bytes: 0 }));
  checkItemKeys(plan, key, composites);
  return { key, written: writtenExpression(plan, params), composites };
}

/** The value an expression assigns to a field (`#f = :v`), as ElectroDB gave it. */
function assignedValue(params: ElectroParams, field: string): unknown {
  const names = params.ExpressionAttributeNames ?? {};
  const token = Object.keys(names).find((placeholder) => names[placeholder] === field);
  if (token === undefined) return undefined;
  const assignment = new RegExp(`(?:^|[ ,])${token} = (:[A-Za-z0-9_]+)(?=,|$| )`).exec(params.UpdateExpression ?? '');
  return assignment === null ? undefined : params.ExpressionAttributeValues?.[assignment[1]!];
}

function applyRequest(plan: EntityPlan, chain: ElectroChain, givenRequest: UpdateRequest): ElectroChain {
  const request = givenRequest.value === undefined ? givenRequest : { ...givenRequest, value: readyValue(plan.name, givenRequest.target.attribute, givenRequest.value) };
  const { target } = request;
  const name = target.root.name;
  if (target.steps.length === 0) {
    switch (request.kind) {
      case 'set':
        return chain.set({ [name]: request.value });
      case 'add':
        return chain.add({ [name]: request.value });
      case 'subtract':
        return chain.subtract({ [name]: request.value });
      case 'append':
        return chain.append({ [name]: request.value });
      case 'deleteFromSet':
        return chain.delete({ [name]: request.value });
      case 'remove':
        return chain.remove([name]);
    }
  }
  // Nested paths and if_not_exists: ElectroDB's data() callback, walking its attribute proxy.
  // There ElectroDB turns any value for a string or enum into text (`${value}`: 5 becomes '5'),
  // so such a value is checked here, as ElectroDB's set() would check it.
  const { attribute } = target;
  if (request.value !== undefined && (attribute.kind === 'string' || attribute.kind === 'enum')) {
    const fits = attribute.kind === 'string' ? typeof request.value === 'string' : attribute.enumValues!.has(request.value as string);
    if (!fits) refuse(plan.name, attribute, attribute.kind === 'string' ? 'a string' : `one of ${[...attribute.enumValues!].map((v) => JSON.stringify(v)).join(', ')}`, request.value);
  }
  return chain.data((attributes, operations) => {
    let path: unknown = attributes[name];
    for (const step of target.steps) path = (path as Record<string | number, unknown>)[step];
    switch (request.kind) {
      case 'remove':
        operations.remove!(path);
        break;
      case 'setIfNotExists':
        operations.ifNotExists!(path, request.value);
        break;
      case 'deleteFromSet':
        operations.delete!(path, request.value);
        break;
      default:
        operations[request.kind]!(path, request.value);
    }
  });
}

/** The caller's values as ElectroDB can read them (see readyValue). */
function readyValues(plan: EntityPlan, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const ready: Record<string, unknown> = {};
  for (const name of Object.keys(values)) {
    const attribute = plan.attributes.get(name);
    const value = attribute === undefined ? values[name] : readyValue(plan.name, attribute, values[name]);
    if (name === '__proto__') Object.defineProperty(ready, name, { value, enumerable: true, writable: true, configurable: true });
    else ready[name] = value;
  }
  return ready;
}

/**
 * ElectroDB reads `value.constructor.name` of every map, list and set value it checks, and
 * crashes on an object without a constructor. A map made with `Object.create(null)`, which
 * dynatx accepts, goes to ElectroDB as an ordinary object with the same keys; any other value
 * ElectroDB cannot read is refused here, as dynatx would refuse it.
 */
function readyValue(entityName: string, attribute: AttributePlan, value: unknown, depth = 0): unknown {
  const { kind } = attribute;
  if ((kind !== 'map' && kind !== 'list' && kind !== 'set') || typeof value !== 'object' || value === null || depth > MAX_NESTED_CONTAINERS) return value;
  if (kind === 'list') {
    if (!Array.isArray(value)) return hasConstructor(value) ? value : refuse(entityName, attribute, 'an array (list)', value);
    const item = attribute.listItem;
    return item === undefined ? value : value.map((element) => readyValue(entityName, item, element, depth + 1));
  }
  if (kind === 'set' || !isPlainObject(value)) {
    return hasConstructor(value) ? value : refuse(entityName, attribute, kind === 'set' ? `a non-empty array or Set of ${attribute.setMember}s` : 'a plain object (map)', value);
  }
  const ready: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const property = attribute.properties?.get(name);
    if (property === undefined) throw invalidValueError(unknownPropertyMessage(`${entityName}.${attribute.path}`, name));
    const inner = readyValue(entityName, property, value[name], depth + 1);
    if (name === '__proto__') Object.defineProperty(ready, name, { value: inner, enumerable: true, writable: true, configurable: true });
    else ready[name] = inner;
  }
  return ready;
}

/** Whether ElectroDB can read the value's constructor (`value.constructor.name`). */
function hasConstructor(value: object): boolean {
  const constructor = (value as { constructor?: unknown }).constructor;
  return constructor !== undefined && constructor !== null;
}

function refuse(entityName: string, attribute: AttributePlan, expected: string, value: unknown): never {
  throw invalidValueError(wrongTypeMessage(entityName, attribute.path, expected, value));
}

/** ElectroDB's update expression with its values marshalled by dynatx's policy. */
function writtenExpression(plan: EntityPlan, params: ElectroParams): WrittenUpdateExpression {
  const values: Record<string, AttributeValue> = {};
  for (const [placeholder, value] of Object.entries(params.ExpressionAttributeValues ?? {})) {
    values[placeholder] = marshalDocumentValue(plan.name, placeholder.slice(1), value, { bytes: 0 });
  }
  return { expression: params.UpdateExpression ?? '', names: { ...(params.ExpressionAttributeNames ?? {}) }, values };
}

function marshalDocument(plan: EntityPlan, document: Record<string, unknown>, size: SizeCounter): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {};
  for (const field of Object.keys(document)) {
    const value = document[field];
    if (value === undefined) continue;
    size.bytes += utf8Length(field);
    const attributeValue = marshalDocumentValue(plan.name, field, value, size);
    if (field === '__proto__') Object.defineProperty(item, field, { value: attributeValue, enumerable: true, writable: true, configurable: true });
    else item[field] = attributeValue;
  }
  return item;
}

function tableKeyOf(plan: EntityPlan, item: Readonly<Record<string, AttributeValue>>): Record<string, AttributeValue> {
  const key: Record<string, AttributeValue> = {};
  for (const part of [plan.primary.pk, plan.primary.sk]) {
    if (part !== undefined && item[part.field] !== undefined) key[part.field] = item[part.field]!;
  }
  return key;
}

/**
 * Runs one ElectroDB call. What ElectroDB refuses becomes a typed error naming the entity and,
 * for a validation failure, the attribute and ElectroDB's reason. Anything else thrown (a hook
 * of the caller's that throws) goes on to the call's boundary.
 */
function ask(plan: EntityPlan, what: string, call: () => ElectroParams): ElectroParams {
  try {
    return call();
  } catch (error) {
    if (error instanceof DynatxError || !isElectroError(error)) throw error;
    throw new TransactionValidationError('InvalidValue', electroMessage(plan, what, error), { cause: error });
  }
}

interface ElectroErrorShape {
  readonly message: string;
  readonly fields?: readonly { readonly field?: string; readonly reason?: string }[];
}

function isElectroError(error: unknown): error is ElectroErrorShape {
  return typeof error === 'object' && error !== null && ((error as { isElectroError?: unknown }).isElectroError === true || (error as { name?: unknown }).name === 'ElectroValidationError');
}

function electroMessage(plan: EntityPlan, what: string, error: ElectroErrorShape): string {
  const field = error.fields?.[0];
  if (field?.field !== undefined) {
    const reason = field.reason ?? error.message;
    return `${plan.name}.${shownText(field.field, 80)} is invalid (ElectroDB refused the ${what}): ${shownText(String(reason), 200)}`;
  }
  // ElectroDB's messages end with a documentation link; keep the sentence.
  const message = String(error.message).replace(/ - For more detail on this error reference: \S+$/, '');
  return `${plan.name}: ElectroDB refused the ${what}: ${shownText(message, 300)}`;
}
