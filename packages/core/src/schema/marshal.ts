import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { convertToAttr } from '@aws-sdk/util-dynamodb';
import type { AttributePlan } from './entity-plan.js';
import { invalidValueError } from '../errors/errors.js';
import { unknownPropertyMessage, wrongTypeMessage } from '../errors/messages.js';

/**
 * Schema-directed marshalling: the entity already tells us each attribute's type, so we
 * check the value and build its AttributeValue in one pass, and count DynamoDB's size of it
 * on the way (for the 400 KB / 4 MB pre-flight). This is what lets `params()` stay close to
 * hand-written cost: the generic `marshall` has to discover every type by inspection.
 */
export interface SizeCounter {
  bytes: number;
}

export function marshalValue(entityName: string, plan: AttributePlan, value: unknown, size: SizeCounter): AttributeValue {
  switch (plan.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(entityName, plan, 'a string', value);
      size.bytes += utf8Length(value);
      return { S: value };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(entityName, plan, 'a finite number', value);
      return marshalNumber(value, size);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(entityName, plan, 'a boolean', value);
      size.bytes += 1;
      return { BOOL: value };
    case 'enum':
      if (!plan.enumValues!.has(value as string | number)) {
        throw wrongType(entityName, plan, `one of ${[...plan.enumValues!].map((v) => JSON.stringify(v)).join(', ')}`, value);
      }
      if (typeof value === 'number') return marshalNumber(value, size);
      size.bytes += utf8Length(value as string);
      return { S: value as string };
    case 'set':
      return marshalSet(entityName, plan, value, size);
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(entityName, plan, 'an array (list)', value);
      size.bytes += 3 + value.length;
      const item = plan.listItem;
      return {
        L: value.map((element) => (item ? marshalValue(entityName, item, element, size) : marshalAny(element, size))),
      };
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Set) {
        throw wrongType(entityName, plan, 'an object (map)', value);
      }
      return { M: marshalMap(entityName, plan, value as Record<string, unknown>, size) };
    }
    case 'any':
      return marshalAny(value, size);
  }
}

function marshalMap(
  entityName: string,
  plan: AttributePlan,
  value: Record<string, unknown>,
  size: SizeCounter,
): Record<string, AttributeValue> {
  const properties = plan.properties!;
  const out: Record<string, AttributeValue> = {};
  size.bytes += 3;
  for (const name in value) {
    const property = properties.get(name);
    if (property === undefined) {
      throw invalidValueError(unknownPropertyMessage(`${entityName}.${plan.path}`, name));
    }
    const propertyValue = value[name];
    if (propertyValue === undefined) continue;
    size.bytes += 1 + utf8Length(name);
    out[name] = marshalValue(entityName, property, propertyValue, size);
  }
  for (const property of properties.values()) {
    if (property.required && value[property.name] === undefined) {
      throw invalidValueError(`${entityName}.${property.path} is required`);
    }
  }
  return out;
}

function marshalSet(entityName: string, plan: AttributePlan, value: unknown, size: SizeCounter): AttributeValue {
  const members = value instanceof Set ? [...value] : Array.isArray(value) ? value : undefined;
  const expected = `a non-empty array or Set of ${plan.setMember}s`;
  if (members === undefined || members.length === 0) throw wrongType(entityName, plan, expected, value);
  if (plan.setMember === 'number') {
    const out: string[] = [];
    for (const member of members) {
      if (typeof member !== 'number' || !Number.isFinite(member)) throw wrongType(entityName, plan, expected, value);
      if (plan.enumValues && !plan.enumValues.has(member)) throw wrongType(entityName, plan, `members of ${[...plan.enumValues].join(', ')}`, member);
      const text = String(member);
      size.bytes += numberSize(text);
      out.push(text);
    }
    return { NS: out };
  }
  for (const member of members) {
    if (typeof member !== 'string') throw wrongType(entityName, plan, expected, value);
    if (plan.enumValues && !plan.enumValues.has(member)) {
      throw wrongType(entityName, plan, `members of ${[...plan.enumValues].map((v) => JSON.stringify(v)).join(', ')}`, member);
    }
    size.bytes += utf8Length(member);
  }
  return { SS: members as string[] };
}

function marshalNumber(value: number, size: SizeCounter): AttributeValue {
  const text = String(value);
  size.bytes += numberSize(text);
  return { N: text };
}

/** Untyped attributes ('any', 'custom'): the SDK's own conversion, then measured. */
export function marshalAny(value: unknown, size: SizeCounter): AttributeValue {
  const attribute = convertToAttr(value, { removeUndefinedValues: true, convertClassInstanceToMap: true });
  size.bytes += attributeValueSize(attribute);
  return attribute;
}

/** DynamoDB's size of a number: about one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  // Count significant digits: skip sign, point and exponent; trim leading and trailing zeros.
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 101 || code === 69) break; // e, E: the exponent does not count
    if (code < 48 || code > 57) continue; // '-', '.'
    if (first === -1 && code === 48) continue; // leading zero
    if (first === -1) first = count;
    if (code !== 48) last = count;
    count++;
  }
  const digits = first === -1 ? 1 : last - first + 1;
  return Math.ceil(digits / 2) + 1;
}

/** The size DynamoDB bills and limits for an AttributeValue (not counting its name). */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Length(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8Length(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return value.L.reduce((sum, v) => sum + 1 + attributeValueSize(v), 3);
  if (value.M !== undefined) {
    let sum = 3;
    for (const name in value.M) sum += 1 + utf8Length(name) + attributeValueSize(value.M[name]!);
    return sum;
  }
  return 0;
}

/** UTF-8 byte length without allocating: ASCII-only strings are by far the common case. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    return Buffer.byteLength(text, 'utf8');
  }
  return bytes;
}

function wrongType(entityName: string, plan: AttributePlan, expected: string, got: unknown) {
  return invalidValueError(wrongTypeMessage(entityName, plan.path, expected, got));
}
