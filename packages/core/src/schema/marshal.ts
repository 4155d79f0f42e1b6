import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePlan } from './entity-plan.js';
import { invalidValueError } from '../errors/errors.js';
import { unknownPropertyMessage, wrongTypeMessage } from '../errors/messages.js';
import { describeObject, shownText } from '../errors/user-text.js';
import {
  canonicalNumber,
  describeNumberProblem,
  jsNumberProblem,
  normalizedNumberSize,
  normalizeNumberText,
  numberProblem,
  numberTextSize,
  type NormalizedNumber,
} from './number-value.js';

/**
 * Schema-directed marshalling: the entity tells us each attribute's type, so we check the value
 * and build its AttributeValue in one pass, and count DynamoDB's size of it on the way (for the
 * 400 KB / 4 MB pre-flight). This is what keeps `params()` close to hand-written cost.
 *
 * It is also the one place where a JavaScript value becomes a DynamoDB value, so it holds the
 * whole value policy: what `params()` shows is exactly what DynamoDB stores, or the call is
 * refused with a typed error. No value reaches the SDK's own converter.
 *
 * - strings: as given (refused when they hold a lone UTF-16 surrogate, which UTF-8 cannot carry);
 * - numbers: finite, magnitude from 1E-130 to below 1E+126; in untyped (`any`) values also
 *   `bigint` and the SDK's `NumberValue`, exactly, at most 38 significant digits;
 * - lists: every element present (no holes, no `undefined`), so indices never shift;
 * - maps: plain objects only (`{}` or `Object.create(null)`), their own enumerable string
 *   keys; properties whose value is `undefined` are left out, as for top-level attributes;
 *   a key named `__proto__` is an ordinary key;
 * - sets: non-empty, of one kind (strings, numbers or binary), no duplicates once normalized;
 * - binary: `Uint8Array` (including `Buffer`) and `ArrayBuffer`, copied;
 * - `Map`, `Date`, `RegExp`, `Error`, `Promise`, class instances, functions, symbols: refused,
 *   never silently written as `{}`;
 * - at most 31 lists and maps nested in one attribute value (DynamoDB's 32 levels counting the
 *   attribute itself), which also ends any cyclic value.
 */
export interface SizeCounter {
  bytes: number;
}

/** Lists and maps nested inside one attribute value, at most (DynamoDB Local refuses 32). */
export const MAX_NESTED_CONTAINERS = 31;
/** DynamoDB's limit on an attribute name or map key, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 65_535;

/**
 * `withDefaults`: fill in map properties' defaults, as ElectroDB does for the values of a put
 * (not for an update's).
 */
export function marshalValue(entityName: string, plan: AttributePlan, value: unknown, size: SizeCounter, depth = 0, withDefaults = false): AttributeValue {
  switch (plan.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(entityName, plan.path, 'a string', value);
      size.bytes += stringBytes(entityName, plan.path, value);
      return { S: value };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(entityName, plan.path, 'a finite number', value);
      return marshalJsNumber(entityName, plan.path, value, size);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(entityName, plan.path, 'a boolean', value);
      size.bytes += 1;
      return { BOOL: value };
    case 'enum':
      if (!plan.enumValues!.has(value as string | number)) {
        throw wrongType(entityName, plan.path, `one of ${listValues(plan.enumValues!)}`, value);
      }
      if (typeof value === 'number') return marshalJsNumber(entityName, plan.path, value, size);
      size.bytes += stringBytes(entityName, plan.path, value as string);
      return { S: value as string };
    case 'set':
      return marshalTypedSet(entityName, plan, value, size);
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(entityName, plan.path, 'an array (list)', value);
      enterContainer(entityName, plan.path, value, depth, undefined);
      size.bytes += 3 + value.length;
      const element = plan.listItem;
      const list: AttributeValue[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const member = elementOf(entityName, plan.path, value, i);
        list[i] = element
          ? marshalValue(entityName, element, member, size, depth + 1, withDefaults)
          : marshalUntyped(entityName, `${plan.path}[${i}]`, member, size, depth + 1, undefined);
      }
      return { L: list };
    }
    case 'map': {
      if (!isPlainObject(value)) throw wrongType(entityName, plan.path, 'a plain object (map)', value);
      enterContainer(entityName, plan.path, value, depth, undefined);
      return { M: marshalTypedMap(entityName, plan, value, size, depth, withDefaults) };
    }
    case 'any':
      return marshalUntyped(entityName, plan.path, value, size, depth, undefined);
  }
}

function marshalTypedMap(
  entityName: string,
  plan: AttributePlan,
  value: Record<string, unknown>,
  size: SizeCounter,
  depth: number,
  withDefaults: boolean,
): Record<string, AttributeValue> {
  const properties = plan.properties!;
  const out: Record<string, AttributeValue> = {};
  size.bytes += 3;
  refuseSymbolKeys(entityName, plan.path, value);
  for (const name of Object.keys(value)) {
    const property = properties.get(name);
    if (property === undefined) throw invalidValueError(unknownPropertyMessage(`${entityName}.${plan.path}`, name));
    const propertyValue = value[name];
    if (propertyValue === undefined) continue;
    size.bytes += 1 + property.fieldBytes;
    setOwn(out, property.field, marshalValue(entityName, property, propertyValue, size, depth + 1, withDefaults));
  }
  for (const property of properties.values()) {
    if (value[property.name] !== undefined) continue;
    if (withDefaults && property.hasDefault) {
      const defaulted = typeof property.defaultValue === 'function' ? (property.defaultValue as () => unknown)() : property.defaultValue;
      if (defaulted !== undefined) {
        size.bytes += 1 + property.fieldBytes;
        setOwn(out, property.field, marshalValue(entityName, property, defaulted, size, depth + 1, withDefaults));
        continue;
      }
    }
    // (A required property with a default is satisfied by it; an update's map is written as given, as ElectroDB writes it.)
    if (property.required && !property.hasDefault) throw invalidValueError(`${entityName}.${property.path} is required`);
  }
  return out;
}

/** A set attribute: members of its declared kind, de-duplicated as ElectroDB does (a JS `Set`). */
function marshalTypedSet(entityName: string, plan: AttributePlan, value: unknown, size: SizeCounter): AttributeValue {
  const given = value instanceof Set ? value : Array.isArray(value) ? value : undefined;
  const expected = `a non-empty array or Set of ${plan.setMember}s`;
  if (given === undefined) throw wrongType(entityName, plan.path, expected, value);
  if (Array.isArray(given)) {
    for (let i = 0; i < given.length; i++) elementOf(entityName, plan.path, given, i);
  }
  const members = given instanceof Set ? given : new Set(given);
  if (members.size === 0) throw wrongType(entityName, plan.path, expected, value);
  const texts: string[] = [];
  for (const member of members) {
    if (plan.setMember === 'number' ? typeof member !== 'number' : typeof member !== 'string') {
      throw wrongType(entityName, `${plan.path}[]`, `a ${plan.setMember}`, member);
    }
    if (plan.enumValues && !plan.enumValues.has(member as string | number)) {
      throw wrongType(entityName, `${plan.path}[]`, `one of ${listValues(plan.enumValues)}`, member);
    }
    if (typeof member === 'number') {
      const problem = jsNumberProblem(member);
      if (problem !== undefined) throw wrongType(entityName, `${plan.path}[]`, describeNumberProblem(problem), member);
      const text = String(member);
      size.bytes += numberTextSize(text);
      texts.push(text);
    } else {
      size.bytes += stringBytes(entityName, `${plan.path}[]`, member as string);
      texts.push(member as string);
    }
  }
  return plan.setMember === 'number' ? { NS: texts } : { SS: texts };
}

// ----- untyped values: `any`, custom types, and the elements of lists without an item type -----

function marshalUntyped(
  entityName: string,
  path: string,
  value: unknown,
  size: SizeCounter,
  depth: number,
  ancestors: object[] | undefined,
): AttributeValue {
  switch (typeof value) {
    case 'string':
      size.bytes += stringBytes(entityName, path, value);
      return { S: value };
    case 'number':
      if (!Number.isFinite(value)) throw wrongType(entityName, path, 'a finite number', value);
      return marshalJsNumber(entityName, path, value, size);
    case 'boolean':
      size.bytes += 1;
      return { BOOL: value };
    case 'bigint':
      return marshalNumberText(entityName, path, value.toString(), size);
    case 'undefined':
    case 'symbol':
    case 'function':
      throw refusedKind(entityName, path, value);
  }
  if (value === null) {
    size.bytes += 1;
    return { NULL: true };
  }
  const object = value as object;
  if (Array.isArray(object)) {
    const chain = enterContainer(entityName, path, object, depth, ancestors);
    size.bytes += 3 + object.length;
    const list: AttributeValue[] = new Array(object.length);
    for (let i = 0; i < object.length; i++) {
      list[i] = marshalUntyped(entityName, `${path}[${i}]`, elementOf(entityName, path, object, i), size, depth + 1, chain);
    }
    return { L: list };
  }
  if (isPlainObject(object)) {
    const chain = enterContainer(entityName, path, object, depth, ancestors);
    refuseSymbolKeys(entityName, path, object);
    const map: Record<string, AttributeValue> = {};
    size.bytes += 3;
    for (const key of Object.keys(object)) {
      const member = object[key];
      if (member === undefined) continue;
      size.bytes += 1 + nameBytes(entityName, path, key);
      setOwn(map, key, marshalUntyped(entityName, `${path}.${key}`, member, size, depth + 1, chain));
    }
    return { M: map };
  }
  if (object instanceof Set) return marshalUntypedSet(entityName, path, object, size);
  if (isDocumentSet(object)) return marshalUntypedSet(entityName, path, new Set(object.values), size);
  const binary = binaryOf(object);
  if (binary !== undefined) {
    size.bytes += binary.byteLength;
    return { B: binary };
  }
  if (isNumberValue(object)) return marshalNumberText(entityName, path, object.value, size);
  throw refusedKind(entityName, path, object);
}

function marshalUntypedSet(entityName: string, path: string, members: ReadonlySet<unknown>, size: SizeCounter): AttributeValue {
  const first = members.values().next().value as unknown;
  if (members.size === 0) throw wrongType(entityName, path, 'a non-empty Set (DynamoDB has no empty sets)', members);
  if (typeof first === 'string') {
    const texts: string[] = [];
    for (const member of members) {
      if (typeof member !== 'string') throw mixedSet(entityName, path);
      size.bytes += stringBytes(entityName, `${path}[]`, member);
      texts.push(member);
    }
    return { SS: texts };
  }
  if (binaryOf(first) !== undefined) {
    const seen = new Set<string>();
    const blobs: Uint8Array[] = [];
    for (const member of members) {
      const bytes = binaryOf(member);
      if (bytes === undefined) throw mixedSet(entityName, path);
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      if (seen.has(text)) throw duplicateMember(entityName, path);
      seen.add(text);
      size.bytes += bytes.byteLength;
      blobs.push(bytes);
    }
    return { BS: blobs };
  }
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const member of members) {
    const text = typeof member === 'number' ? jsNumberText(entityName, `${path}[]`, member) : typeof member === 'bigint' ? member.toString() : isNumberValue(member) ? member.value : undefined;
    if (text === undefined) throw typeof first === 'number' || typeof first === 'bigint' || isNumberValue(first) ? mixedSet(entityName, path) : refusedKind(entityName, `${path}[]`, member);
    const number = checkedNumber(entityName, `${path}[]`, text);
    const canonical = canonicalNumber(number);
    if (seen.has(canonical)) throw duplicateMember(entityName, path);
    seen.add(canonical);
    size.bytes += normalizedNumberSize(number);
    texts.push(text);
  }
  return { NS: texts };
}

// ----- numbers -----

function marshalJsNumber(entityName: string, path: string, value: number, size: SizeCounter): AttributeValue {
  const text = jsNumberText(entityName, path, value);
  size.bytes += numberTextSize(text);
  return { N: text };
}

function jsNumberText(entityName: string, path: string, value: number): string {
  const problem = jsNumberProblem(value);
  if (problem !== undefined) throw wrongType(entityName, path, problem === 'not a number' ? 'a finite number' : describeNumberProblem(problem), value);
  return String(value);
}

/** Exact numbers (`bigint`, `NumberValue`): sent as their text, once DynamoDB would accept it. */
function marshalNumberText(entityName: string, path: string, text: string, size: SizeCounter): AttributeValue {
  size.bytes += normalizedNumberSize(checkedNumber(entityName, path, text));
  return { N: text };
}

function checkedNumber(entityName: string, path: string, text: string): NormalizedNumber {
  const number = normalizeNumberText(text);
  const problem = number === 'not a number' ? number : numberProblem(number);
  if (problem !== undefined) throw invalidValueError(wrongTypeMessage(entityName, path, describeNumberProblem(problem), text));
  return number as NormalizedNumber;
}

/**
 * A set as ElectroDB builds one when the entity has no client (its own `DynamoDBSet`, shaped
 * like the AWS SDK v2 DocumentClient's): `{ wrapperName: 'Set', values: [...] }`.
 */
function isDocumentSet(value: object): value is { readonly values: readonly unknown[] } {
  return (value as { wrapperName?: unknown }).wrapperName === 'Set' && Array.isArray((value as { values?: unknown }).values);
}

/**
 * A value ElectroDB produced (a put's item, an update's values), in the AWS DocumentClient's
 * form: written with the same value policy as untyped attributes. ElectroDB has already checked
 * it against the schema; this checks it against DynamoDB.
 */
export function marshalDocumentValue(entityName: string, path: string, value: unknown, size: SizeCounter): AttributeValue {
  return marshalUntyped(entityName, path, value, size, 0, undefined);
}

/** A `NumberValue` (the AWS SDK's, or dynatx's own from a read), by shape: the caller may hold another copy of the SDK. */
function isNumberValue(value: unknown): value is { readonly value: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { constructor?: { name?: unknown } }).constructor?.name === 'NumberValue' &&
    typeof (value as { value?: unknown }).value === 'string'
  );
}

// ----- shared checks -----

/** `{}` or `Object.create(null)`: what a map can be. Class instances, `Map`, `Date`, ... are not. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** One more list or map inside an attribute value: within DynamoDB's nesting limit, and not cyclic. */
function enterContainer(entityName: string, path: string, value: object, depth: number, ancestors: object[] | undefined): object[] | undefined {
  if (ancestors?.includes(value)) {
    throw invalidValueError(`${entityName}.${shownText(path)} contains itself (a cyclic value), which DynamoDB cannot store`);
  }
  if (depth >= MAX_NESTED_CONTAINERS) {
    throw invalidValueError(
      `${entityName}.${shownText(path)} nests lists and maps more than ${MAX_NESTED_CONTAINERS} levels deep, DynamoDB's limit`,
    );
  }
  // Ancestors are tracked for untyped values only: typed maps and lists end within the schema.
  return ancestors === undefined ? [value] : [...ancestors, value];
}

function elementOf(entityName: string, path: string, list: readonly unknown[], index: number): unknown {
  const element = list[index];
  if (element === undefined) {
    throw invalidValueError(
      `${entityName}.${shownText(path)}[${index}] is ${index in list ? 'undefined' : 'missing (a hole in the array)'}: a list keeps every element, so indices never shift`,
    );
  }
  return element;
}

function refuseSymbolKeys(entityName: string, path: string, value: object) {
  if (Object.getOwnPropertySymbols(value).some((symbol) => Object.prototype.propertyIsEnumerable.call(value, symbol))) {
    throw invalidValueError(`${entityName}.${shownText(path)} has a symbol key, which DynamoDB cannot store`);
  }
}

/** Sets `out[key]`, also when the key is `__proto__` (a plain assignment would set the prototype). */
function setOwn(out: Record<string, AttributeValue>, key: string, value: AttributeValue) {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function nameBytes(entityName: string, path: string, name: string): number {
  if (name === '') throw invalidValueError(`${entityName}.${shownText(path)} has an empty key: DynamoDB map keys need at least one character`);
  const bytes = stringBytes(entityName, `${path}.${name}`, name);
  if (bytes > MAX_NAME_BYTES) {
    throw invalidValueError(`${entityName}.${shownText(path)} has a key of ${bytes} bytes: DynamoDB allows at most ${MAX_NAME_BYTES}`);
  }
  return bytes;
}

// In unicode mode a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

/** UTF-8 length; refuses a lone surrogate, which UTF-8 cannot carry (it would arrive as U+FFFD). */
function stringBytes(entityName: string, path: string, text: string): number {
  const bytes = utf8Length(text);
  if (bytes === text.length || !LONE_SURROGATE.test(text)) return bytes;
  throw invalidValueError(
    `${entityName}.${shownText(path)} holds a lone UTF-16 surrogate, which DynamoDB (UTF-8) cannot store as given`,
  );
}

/** A string value's UTF-8 length, refusing lone surrogates (for callers outside this module: keys). */
export function checkedStringBytes(entityName: string, path: string, text: string): number {
  return stringBytes(entityName, path, text);
}

function binaryOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  return undefined;
}

function refusedKind(entityName: string, path: string, value: unknown) {
  const kind = typeof value === 'object' && value !== null ? describeObject(value) : typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
  return invalidValueError(
    `${entityName}.${shownText(path)} cannot hold ${kind}: DynamoDB stores strings, numbers, booleans, null, binary, lists, plain objects and sets; convert it first`,
  );
}

function mixedSet(entityName: string, path: string) {
  return invalidValueError(`${entityName}.${shownText(path)} is a Set of mixed kinds: a DynamoDB set holds only strings, only numbers or only binary`);
}

function duplicateMember(entityName: string, path: string) {
  return invalidValueError(`${entityName}.${shownText(path)} has duplicate members once normalized (e.g. 1 and 1.0): DynamoDB refuses such a set`);
}

function listValues(values: ReadonlySet<string | number>): string {
  return [...values].map((v) => JSON.stringify(v)).join(', ');
}

// ----- sizes -----

/** The size DynamoDB bills and limits for an AttributeValue (not counting its name). */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Length(value.S);
  if (value.N !== undefined) return numberTextSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8Length(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberTextSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return value.L.reduce((sum, v) => sum + 1 + attributeValueSize(v), 3);
  if (value.M !== undefined) {
    let sum = 3;
    for (const name of Object.keys(value.M)) sum += 1 + utf8Length(name) + attributeValueSize(value.M[name]!);
    return sum;
  }
  return 0;
}

/** An item's size: every attribute name plus its value (DynamoDB's 400 KB rule). */
export function itemSize(item: Readonly<Record<string, AttributeValue>>): number {
  let sum = 0;
  for (const name of Object.keys(item)) sum += utf8Length(name) + attributeValueSize(item[name]!);
  return sum;
}

/** UTF-8 byte length without allocating: ASCII-only strings are by far the common case. */
export function utf8Length(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) return Buffer.byteLength(text, 'utf8');
  }
  return text.length;
}

function wrongType(entityName: string, path: string, expected: string, got: unknown) {
  return invalidValueError(wrongTypeMessage(entityName, path, expected, got));
}
