import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ActionNode, CheckNode, DeleteNode, PutNode, UpdateNode } from '../nodes/action-node.js';
import type { UpdateOperationNode } from '../nodes/update-node.js';
import { isEntity, planOf, type EntityPlan } from '../schema/entity-plan.js';
import { secondaryKeysFor, toKeyAttribute, writeItem, writeKey } from '../schema/item-writer.js';
import { buildCondition } from '../builder/condition-builder.js';
import { buildUpdateOperations } from '../builder/update-builder.js';
import { marshalValue } from '../schema/marshal.js';
import { invalidValueError } from '../errors/errors.js';
import { allOf, versionGuard } from './version-guard.js';
import { emptyUpdateMessage } from '../errors/messages.js';

/**
 * User arguments to action nodes. Everything a user can get wrong from untyped JavaScript is
 * caught here, at the call that introduced it, with a message that names the entity and
 * attribute.
 */

export interface ActionOptions {
  readonly if?: unknown;
  readonly label?: unknown;
  readonly returnOldItemOnFailure?: unknown;
  readonly expectedVersion?: unknown;
}

export function parsePut(entity: unknown, item: unknown, options: ActionOptions | undefined): PutNode {
  const plan = entityPlan(entity, 'put');
  refuseManagedVersion(plan, item);
  const itemId = plan.version === undefined ? '' : writeKey(plan, pickKey(plan, item)).itemId;
  const guard = versionGuard(plan, itemId, 'put', options?.expectedVersion);
  const written = writeItem(plan, guard?.nextVersion === undefined ? item : { ...(item as object), [plan.version!.name]: guard.nextVersion });
  const base = common(plan, written.itemId, written.key, written.composites, options, 'put');
  return Object.freeze({
    kind: 'put',
    ...base,
    condition: allOf(guard?.condition, base.condition),
    item: written.item,
    itemSize: written.size,
  });
}

export function parseUpdate(entity: unknown, key: unknown, operations: unknown, options: ActionOptions | undefined): UpdateNode {
  const plan = entityPlan(entity, 'update');
  const written = writeKey(plan, key);
  const built = buildUpdateOperations(plan, operations);
  if (built.operations.length === 0) throw invalidValueError(emptyUpdateMessage(written.itemId));
  const guard = versionGuard(plan, written.itemId, 'update', options?.expectedVersion);
  const bump: UpdateOperationNode[] =
    guard?.nextVersion === undefined ? [] : [{ kind: 'set', field: plan.version!.field, value: { N: String(guard.nextVersion) } }];
  const allOperations = [...built.operations, ...bump];
  refuseOverlaps(plan, allOperations);
  const base = common(plan, written.itemId, written.key, written.composites, options, 'update');
  return Object.freeze({
    kind: 'update',
    ...base,
    condition: allOf(guard?.condition, base.condition),
    operations: [...allOperations, ...implicitUpdateSets(plan, written.composites, built.assigned)],
  });
}

export function parseDelete(entity: unknown, key: unknown, options: ActionOptions | undefined): DeleteNode {
  const plan = entityPlan(entity, 'delete');
  const written = writeKey(plan, key);
  const guard = versionGuard(plan, written.itemId, 'delete', options?.expectedVersion);
  const base = common(plan, written.itemId, written.key, written.composites, options, 'delete');
  return Object.freeze({ kind: 'delete', ...base, condition: allOf(guard?.condition, base.condition) });
}

export function parseCheck(entity: unknown, key: unknown, condition: unknown, options: ActionOptions | undefined): CheckNode {
  const plan = entityPlan(entity, 'check');
  const written = writeKey(plan, key);
  const base = common(plan, written.itemId, written.key, written.composites, options, 'check');
  const guard = versionGuard(plan, written.itemId, 'check', options?.expectedVersion);
  const userCondition = buildCondition(plan, condition, `check() on ${written.itemId}`);
  return Object.freeze({ kind: 'check', ...base, condition: allOf(guard?.condition, userCondition)! });
}

function entityPlan(entity: unknown, action: string): EntityPlan {
  if (!isEntity(entity)) throw invalidValueError(`${action}() takes an ElectroDB Entity as its first argument`);
  return planOf(entity);
}

function common(
  plan: EntityPlan,
  itemId: string,
  key: Record<string, AttributeValue>,
  keyComposites: Readonly<Record<string, unknown>>,
  options: ActionOptions | undefined,
  action: ActionNode['kind'],
) {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidValueError(`The options of ${action}() on ${itemId} must be an object`);
  }
  const label = options?.label;
  if (label !== undefined && typeof label !== 'string') throw invalidValueError(`label on ${itemId} must be a string`);
  const condition =
    options?.if === undefined ? undefined : buildCondition(plan, options.if, `the 'if' of ${action}() on ${itemId}`);
  const table = plan.tableName();
  if (typeof table !== 'string' || table === '') {
    throw invalidValueError(`${plan.name} has no table: give it one with new Entity(schema, { table }) or entity.setTableName()`);
  }
  return {
    entity: plan,
    table,
    itemId,
    key,
    keyComposites,
    label,
    condition,
    returnOldItemOnFailure: options?.returnOldItemOnFailure === true,
  };
}

/** A versioned entity's version is written by dynatx alone, from `expectedVersion`. */
function refuseManagedVersion(plan: EntityPlan, values: unknown) {
  const version = plan.version;
  if (version !== undefined && typeof values === 'object' && values !== null && (values as Record<string, unknown>)[version.name] !== undefined) {
    throw invalidValueError(`${plan.name}.${version.name} is the version attribute: dynatx writes it; pass expectedVersion instead`);
  }
}

/** The key composites of an item, to name it before the whole item is checked. */
function pickKey(plan: EntityPlan, item: unknown): Record<string, unknown> {
  if (typeof item !== 'object' || item === null) return {};
  const key: Record<string, unknown> = {};
  for (const name of plan.keyNames) key[name] = (item as Record<string, unknown>)[name];
  return key;
}

/** DynamoDB rejects an update expression that names one attribute twice; say so first. */
function refuseOverlaps(plan: EntityPlan, operations: readonly UpdateOperationNode[]) {
  const seen = new Set<string>();
  for (const operation of operations) {
    if (seen.has(operation.field)) {
      throw invalidValueError(`${plan.name}: one update changes '${operation.field}' twice; combine the two operations`);
    }
    seen.add(operation.field);
  }
}

/**
 * What ElectroDB adds to every update, so that an update which creates the item ("upsert")
 * leaves one ElectroDB can read: rebuilt secondary-index keys, the key composites, and the
 * entity identifiers.
 */
function implicitUpdateSets(
  plan: EntityPlan,
  keyComposites: Readonly<Record<string, unknown>>,
  assigned: Readonly<Record<string, unknown>>,
): UpdateOperationNode[] {
  const sets: UpdateOperationNode[] = [];
  const indexKeys = secondaryKeysFor(plan, assigned, keyComposites);
  for (const field in indexKeys) sets.push({ kind: 'set', field, value: toKeyAttribute(indexKeys[field]!) });
  const tableKeyFields = new Set([plan.primary.pk.field, plan.primary.sk?.field]);
  for (const name in keyComposites) {
    const attribute = plan.attributes.get(name)!;
    if (tableKeyFields.has(attribute.field)) continue;
    sets.push({ kind: 'set', field: attribute.field, value: marshalValue(plan.name, attribute, keyComposites[name], { bytes: 0 }) });
  }
  sets.push({ kind: 'set', field: plan.identifierFields.entity, value: { S: plan.name } });
  sets.push({ kind: 'set', field: plan.identifierFields.version, value: { S: plan.entityVersion } });
  return sets;
}
