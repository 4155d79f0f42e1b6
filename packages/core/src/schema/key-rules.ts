import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityPlan } from './entity-plan.js';
import { utf8Length } from './marshal.js';
import { invalidValueError } from '../errors/errors.js';
import { shownText } from '../errors/user-text.js';

/**
 * What DynamoDB requires of key values, and how messages name an item by its key: shared by
 * both of an entity's writers (dynatx's own and ElectroDB's).
 */

/** DynamoDB's limits on key values, in bytes: a partition key 1 to 2,048, a sort key 1 to 1,024. */
export const KEY_LIMITS = Object.freeze({ partitionBytes: 2048, sortBytes: 1024 });

/**
 * A key value DynamoDB accepts: 1 to 2,048 bytes for a partition key, 1 to 1,024 for a sort
 * key. DynamoDB reports a table key over the limit as a cancelled transaction and an index key as
 * an invalid request; both are refused here, before anything is sent.
 */
export function checkKeySize(
  plan: EntityPlan,
  values: Readonly<Record<string, unknown>>,
  role: 'partition' | 'sort',
  field: string,
  value: string | number | undefined,
  indexName = '',
): string | number {
  if (value === undefined || value === '') {
    throw invalidValueError(`${itemIdOf(plan, values)}: ${keyName(role, field, indexName)} would be empty, which DynamoDB does not accept for a key`);
  }
  if (typeof value === 'number') return value;
  const limit = role === 'partition' ? KEY_LIMITS.partitionBytes : KEY_LIMITS.sortBytes;
  // Only long keys need counting: a UTF-8 character is at most 3 bytes per UTF-16 code unit.
  if (value.length * 3 > limit) {
    const bytes = utf8Length(value);
    if (bytes > limit) {
      throw invalidValueError(`${itemIdOf(plan, values)}: ${keyName(role, field, indexName)} is ${bytes} bytes; DynamoDB allows at most ${limit}`);
    }
  }
  return value;
}

function keyName(role: string, field: string, indexName: string): string {
  return indexName === '' ? `its ${role} key '${field}'` : `its index '${indexName}' ${role} key '${field}'`;
}

/**
 * `Counter{tenant:acme}`: how messages and outcomes name an item. Each value shows at most 64
 * characters, control characters escaped, so a message stays one short line.
 */
export function itemIdOf(plan: EntityPlan, composites: Readonly<Record<string, unknown>>): string {
  let text = `${plan.name}{`;
  for (let i = 0; i < plan.keyNames.length; i++) {
    const name = plan.keyNames[i]!;
    const value = composites[name];
    text += `${i === 0 ? '' : ','}${name}:${typeof value === 'string' ? shownText(value) : String(value)}`;
  }
  return `${text}}`;
}

/**
 * Every key field of a written item (the table's and each index's) within DynamoDB's limits:
 * for items whose keys ElectroDB built.
 */
export function checkItemKeys(plan: EntityPlan, item: Readonly<Record<string, AttributeValue>>, composites: Readonly<Record<string, unknown>>) {
  for (const index of [plan.primary, ...plan.secondary]) {
    for (const [role, part] of [['partition', index.pk], ['sort', index.sk]] as const) {
      if (part === undefined) continue;
      const value = item[part.field];
      if (value === undefined) {
        if (index === plan.primary) checkKeySize(plan, composites, role, part.field, undefined);
        continue;
      }
      checkKeySize(plan, composites, role, part.field, value.S ?? value.N, index.name);
    }
  }
}

export function toKeyAttribute(value: string | number): AttributeValue {
  return typeof value === 'number' ? { N: String(value) } : { S: value };
}

