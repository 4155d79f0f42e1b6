import type { GetNode } from '../nodes/get-node.js';
import { isEntity, planOf } from '../schema/entity-plan.js';
import { writeKey } from '../schema/item-writer.js';
import { invalidValueError } from '../errors/errors.js';
import { itemIdentity } from './action-parser.js';
import { describeValue } from '../errors/user-text.js';

export function parseGet(entity: unknown, key: unknown, options: { readonly label?: unknown } | undefined): GetNode {
  if (!isEntity(entity)) throw invalidValueError('get() takes an ElectroDB Entity as its first argument');
  const plan = planOf(entity);
  const written = writeKey(plan, key);
  const label = options?.label;
  if (label !== undefined && typeof label !== 'string') throw invalidValueError(`label on ${written.itemId} must be a string, got ${describeValue(label)}`);
  const table = plan.tableName();
  if (typeof table !== 'string' || table === '') throw invalidValueError(`${plan.name} has no table`);
  return Object.freeze({
    kind: 'get',
    entity: plan,
    table,
    identity: itemIdentity(table, written.key),
    itemId: written.itemId,
    key: written.key,
    keyComposites: written.composites,
    label,
  });
}
