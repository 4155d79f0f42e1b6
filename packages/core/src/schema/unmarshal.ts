import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalNumber, normalizeNumberText } from './number-value.js';

/**
 * DynamoDB's AttributeValues back to JavaScript, for items dynatx hands back (read results,
 * old items of a cancelled transaction, staged-edit reads), before the entity formats them.
 *
 * The mirror of the write policy: nothing is silently changed on the way back either. A number
 * becomes a JavaScript number when that number is exactly the stored value, a `bigint` when
 * it is a whole number beyond that, and otherwise a `NumberValue` that keeps DynamoDB's text
 * (dynatx writes it back exactly). Sets become JavaScript `Set`s, binary `Uint8Array`s, and a
 * map key named `__proto__` an ordinary key.
 */
export function unmarshalItem(item: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(item)) setOwn(out, name, unmarshalValue(item[name]!));
  return out;
}

export function unmarshalValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return exactNumber(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return value.B;
  if (value.L !== undefined) return value.L.map(unmarshalValue);
  if (value.M !== undefined) return unmarshalItem(value.M);
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(exactNumber));
  if (value.BS !== undefined) return new Set(value.BS);
  return undefined;
}

/**
 * A DynamoDB number as given back to the caller: exact, or an exact stand-in. Accepted by
 * dynatx's writers wherever a number is, so a value read can always be written back unchanged.
 */
export class NumberValue {
  constructor(readonly value: string) {
    Object.freeze(this);
  }
  /** The number's exact decimal text, as DynamoDB stored it. */
  toString(): string {
    return this.value;
  }
  /** The exact decimal text, so that JSON.stringify loses no digits. */
  toJSON(): string {
    return this.value;
  }
}

function exactNumber(text: string): number | bigint | NumberValue {
  const number = Number(text);
  const normalized = normalizeNumberText(text);
  if (normalized === 'not a number') return new NumberValue(text);
  if (Number.isFinite(number)) {
    const back = normalizeNumberText(String(number));
    if (back !== 'not a number' && canonicalNumber(back) === canonicalNumber(normalized)) return number;
  }
  if (normalized.exponent >= 0) return BigInt(`${normalized.negative ? '-' : ''}${normalized.digits}${'0'.repeat(normalized.exponent)}`);
  return new NumberValue(text);
}

function setOwn(out: Record<string, unknown>, key: string, value: unknown) {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
