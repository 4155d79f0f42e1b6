import type { IndexPlan, KeyPlan } from './entity-plan.js';

/**
 * Formats one key attribute (pk or sk) the way ElectroDB does: the prefix, then
 * `#label_value` for each composite (or `label value` for custom templates), stopping at the
 * first missing composite, then the postfix once every composite is present, then casing.
 * A key cast to number is the number itself.
 *
 * Returns `undefined` where ElectroDB would leave the key out (an empty key).
 */
export function formatKey(plan: KeyPlan, values: Readonly<Record<string, unknown>>): string | number | undefined {
  if (plan.castToNumber) return castKeyToNumber(values[plan.composites[0]?.name ?? '']);
  let key = plan.prefix;
  let complete = true;
  for (const { name, label, attribute } of plan.segments) {
    if (attribute === undefined) {
      key += label; // literal text of a template
      continue;
    }
    key += plan.isCustom ? label : `#${label}_`;
    const value = values[name];
    if (value === undefined) {
      complete = false;
      break;
    }
    const text = `${value as string | number}`;
    key += attribute.padding ? text.padStart(attribute.padding.length, attribute.padding.char) : text;
  }
  if (complete && plan.postfix !== undefined) key += plan.postfix;
  const cased = plan.casing === 'lower' ? key.toLowerCase() : plan.casing === 'upper' ? key.toUpperCase() : key;
  return cased === '' ? undefined : cased;
}

function castKeyToNumber(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const parsed = Number.parseInt(String(value), 10);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The key fields of one index as plain JS values, e.g. `{ pk: '$audit#tenant_acme', sk: '...' }`. */
export function formatIndexKey(index: IndexPlan, values: Readonly<Record<string, unknown>>): Record<string, string | number> {
  const key: Record<string, string | number> = {};
  const pk = formatKey(index.pk, values);
  if (pk !== undefined) key[index.pk.field] = pk;
  if (index.sk !== undefined) {
    const sk = formatKey(index.sk, values);
    if (sk !== undefined) key[index.sk.field] = sk;
  }
  return key;
}
