import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ActionNode, CheckNode, DeleteNode, PutNode, UpdateNode } from '../nodes/action-node.js';
import type { UpdateOperationNode } from '../nodes/update-node.js';
import type { ConditionNode } from '../nodes/condition-node.js';
import { isEntity, planOf, type EntityPlan } from '../schema/entity-plan.js';
import { secondaryKeysFor, toKeyAttribute, writeItem, writeKey } from '../schema/item-writer.js';
import { buildCondition } from '../builder/condition-builder.js';
import { buildUpdateOperations } from '../builder/update-builder.js';
import { marshalValue } from '../schema/marshal.js';
import { invalidValueError } from '../errors/errors.js';
import { allOf, versionGuard } from './version-guard.js';
import { emptyUpdateMessage, managedVersionMessage, missingConditionMessage } from '../errors/messages.js';

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
  const userCondition = conditionOption(plan, written.itemId, options, 'put');
  const node = common<PutNode>('put', plan, written.itemId, written.key, written.composites, options, allOf(guard?.condition, userCondition));
  node.item = written.item;
  node.itemSize = written.size;
  return node;
}

export function parseUpdate(entity: unknown, key: unknown, operations: unknown, options: ActionOptions | undefined): UpdateNode {
  const plan = entityPlan(entity, 'update');
  const written = writeKey(plan, key);
  const built = buildUpdateOperations(plan, operations);
  if (built.operations.length === 0) throw invalidValueError(emptyUpdateMessage(written.itemId));
  const guard = versionGuard(plan, written.itemId, 'update', options?.expectedVersion);
  const nodes = built.operations.slice();
  if (guard?.nextVersion !== undefined) nodes.push({ kind: 'set', field: plan.version!.field, value: { N: String(guard.nextVersion) } });
  refuseOverlaps(plan, nodes);
  const userCondition = conditionOption(plan, written.itemId, options, 'update');
  const node = common<UpdateNode>('update', plan, written.itemId, written.key, written.composites, options, allOf(guard?.condition, userCondition));
  node.operations = addImplicitUpdateSets(nodes, plan, written.composites, built.assigned);
  return node;
}

export function parseDelete(entity: unknown, key: unknown, options: ActionOptions | undefined): DeleteNode {
  const plan = entityPlan(entity, 'delete');
  const written = writeKey(plan, key);
  const guard = versionGuard(plan, written.itemId, 'delete', options?.expectedVersion);
  const userCondition = conditionOption(plan, written.itemId, options, 'delete');
  return common<DeleteNode>('delete', plan, written.itemId, written.key, written.composites, options, allOf(guard?.condition, userCondition));
}

export function parseCheck(entity: unknown, key: unknown, condition: unknown, options: ActionOptions | undefined): CheckNode {
  const plan = entityPlan(entity, 'check');
  const written = writeKey(plan, key);
  const guard = versionGuard(plan, written.itemId, 'check', options?.expectedVersion);
  if (condition === undefined) throw invalidValueError(missingConditionMessage(plan.name, plan.keyNames[0] ?? 'attribute'));
  const userCondition = buildCondition(plan, condition, `check() on ${written.itemId}`);
  return common<CheckNode>('check', plan, written.itemId, written.key, written.composites, options, allOf(guard?.condition, userCondition));
}

function entityPlan(entity: unknown, action: string): EntityPlan {
  if (!isEntity(entity)) throw invalidValueError(`${action}() takes an ElectroDB Entity as its first argument`);
  return planOf(entity);
}

/**
 * What every action node has. Nodes are not frozen: they are internal, never handed to user
 * code to change, and freezing a hundred of them per transaction is measurable (bench:build).
 */
function common<Node extends ActionNode>(
  kind: Node['kind'],
  plan: EntityPlan,
  itemId: string,
  key: Record<string, AttributeValue>,
  keyComposites: Readonly<Record<string, unknown>>,
  options: ActionOptions | undefined,
  condition: ConditionNode | undefined,
): { -readonly [K in keyof Node]: Node[K] } {
  const label = options?.label;
  if (label !== undefined && typeof label !== 'string') throw invalidValueError(`label on ${itemId} must be a string`);
  const table = plan.tableName();
  if (typeof table !== 'string' || table === '') {
    throw invalidValueError(`${plan.name} has no table: give it one with new Entity(schema, { table }) or entity.setTableName()`);
  }
  // Built whole here and finished by the caller, so that no intermediate object is copied.
  return {
    kind,
    entity: plan,
    table,
    identity: itemIdentity(table, key),
    itemId,
    key,
    keyComposites,
    label,
    condition,
    returnOldItemOnFailure: options?.returnOldItemOnFailure === true,
  } as { -readonly [K in keyof Node]: Node[K] };
}

function conditionOption(plan: EntityPlan, itemId: string, options: ActionOptions | undefined, action: ActionNode['kind']) {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidValueError(`The options of ${action}() on ${itemId} must be an object`);
  }
  return options?.if === undefined ? undefined : buildCondition(plan, options.if, `the 'if' of ${action}() on ${itemId}`);
}

/**
 * Table and key, exactly as DynamoDB tells items apart. The key field names can be left out:
 * every item of one table has the same key attributes, of the same types.
 */
export function itemIdentity(table: string, key: Readonly<Record<string, AttributeValue>>): string {
  let identity = table;
  for (const field in key) {
    const value = key[field]!;
    identity += `\u0000${value.S ?? value.N}`;
  }
  return identity;
}

/** A versioned entity's version is written by dynatx alone, from `expectedVersion`. */
function refuseManagedVersion(plan: EntityPlan, values: unknown) {
  const version = plan.version;
  if (version !== undefined && typeof values === 'object' && values !== null && (values as Record<string, unknown>)[version.name] !== undefined) {
    throw invalidValueError(managedVersionMessage(plan.name, version.name));
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
  // A handful of operations per update: a pairwise scan allocates nothing.
  for (let i = 1; i < operations.length; i++) {
    for (let j = 0; j < i; j++) {
      if (operations[i]!.field === operations[j]!.field) {
        throw invalidValueError(`${plan.name}: one update changes '${operations[i]!.field}' twice; combine the two operations`);
      }
    }
  }
}

/**
 * What ElectroDB adds to every update, so that an update which creates the item ("upsert")
 * leaves one ElectroDB can read: rebuilt secondary-index keys, the key composites, and the
 * entity identifiers.
 */
function addImplicitUpdateSets(
  sets: UpdateOperationNode[],
  plan: EntityPlan,
  keyComposites: Readonly<Record<string, unknown>>,
  assigned: Readonly<Record<string, unknown>>,
): UpdateOperationNode[] {
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
