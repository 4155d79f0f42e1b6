import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ActionNode, ActionVerb, CheckNode, DeleteNode, PutNode, UpdateNode } from '../nodes/action-node.js';
import type { ConditionNode } from '../nodes/condition-node.js';
import type { UpdateRequest } from '../nodes/update-node.js';
import { isEntity, planOf, type EntityPlan } from '../schema/entity-plan.js';
import { itemIdOf, writeItem, writeKey, type WrittenKey } from '../schema/item-writer.js';
import { writeOperations, writeUpdate } from '../schema/update-writer.js';
import { electrodbUpdate, electrodbUpsert } from '../schema/electrodb-writer.js';
import { buildCondition } from '../builder/condition-builder.js';
import { buildUpdateRequests, requestFor } from '../builder/update-builder.js';
import { invalidValueError } from '../errors/errors.js';
import { allOf, versionGuard } from './version-guard.js';
import { emptyUpdateMessage, managedVersionMessage, missingConditionMessage, unknownAttributeMessage } from '../errors/messages.js';
import { describeValue } from '../errors/user-text.js';

/**
 * User arguments to action nodes. Everything a user can get wrong from untyped JavaScript is
 * caught here, at the call that introduced it, with a message that names the entity and
 * attribute.
 *
 * The verbs are ElectroDB's: `create` is a put whose item must not exist yet, `patch` an update
 * and `remove` a delete whose item must exist (each with ElectroDB's own condition on the table
 * key), and `upsert` ElectroDB's upsert.
 */

export interface ActionOptions {
  readonly if?: unknown;
  readonly label?: unknown;
  readonly returnOldItemOnFailure?: unknown;
  readonly expectedVersion?: unknown;
}

export function parsePut(entity: unknown, item: unknown, options: ActionOptions | undefined, verb: 'put' | 'create' = 'put'): PutNode {
  const plan = entityPlan(entity, verb);
  checkOptions(options, verb);
  refuseManagedVersion(plan, item);
  const itemId = plan.version === undefined ? '' : writeKey(plan, pickKey(plan, item)).itemId;
  const guard = versionGuard(plan, itemId, verb === 'create' ? 'create' : 'put', options?.expectedVersion);
  const written = writeItem(plan, guard?.nextVersion === undefined ? item : withVersion(plan, item, guard.nextVersion));
  const userCondition = conditionOption(plan, written.itemId, options, verb);
  // create's own condition already says the item is new; a version guard for 'new' would repeat it.
  const condition = verb === 'create' ? allOf(allOf(keyCondition(plan, 'attribute_not_exists'), guard?.expected === 'new' ? undefined : guard?.condition), userCondition) : allOf(guard?.condition, userCondition);
  const node = common<PutNode>('put', verb, plan, written, options, condition);
  node.item = written.item;
  node.itemSize = written.size;
  return node;
}

export function parseUpdate(entity: unknown, key: unknown, operations: unknown, options: ActionOptions | undefined, verb: 'update' | 'patch' = 'update'): UpdateNode {
  const plan = entityPlan(entity, verb);
  checkOptions(options, verb);
  const written = writeKey(plan, key);
  const requests = buildUpdateRequests(plan, operations);
  if (requests.length === 0) throw invalidValueError(emptyUpdateMessage(written.itemId));
  const guard = versionGuard(plan, written.itemId, 'update', options?.expectedVersion);
  const all: UpdateRequest[] = guard?.nextVersion === undefined ? [...requests] : [...requests, requestFor(plan, 'set', plan.version!, guard.nextVersion)];
  const userCondition = conditionOption(plan, written.itemId, options, verb);
  const condition = verb === 'patch' ? allOf(allOf(keyCondition(plan, 'attribute_exists'), guard?.condition), userCondition) : allOf(guard?.condition, userCondition);
  if (plan.writer === 'native') {
    const node = common<UpdateNode>('update', verb, plan, written, options, condition);
    node.operations = writeUpdate(plan, written.composites, all);
    node.written = undefined;
    return node;
  }
  const byElectroDB = electrodbUpdate(plan, written.composites, all);
  const node = common<UpdateNode>('update', verb, plan, { ...written, key: byElectroDB.key }, options, condition);
  node.operations = writeOperations(plan, byElectroDB.ownRequests);
  node.written = byElectroDB.written;
  return node;
}

/** ElectroDB's upsert: the item is created, or its given attributes are set (read-only ones only when absent). */
export function parseUpsert(entity: unknown, item: unknown, options: ActionOptions | undefined): UpdateNode {
  const plan = entityPlan(entity, 'upsert');
  checkOptions(options, 'upsert');
  refuseManagedVersion(plan, item);
  const values = ownAttributes(plan, item, 'upsert');
  // Named (for the version guard's messages) as put() names it: key values checked first.
  const named = plan.version === undefined ? '' : writeKey(plan, pickKey(plan, values)).itemId;
  const guard = versionGuard(plan, named, 'update', options?.expectedVersion);
  const byElectroDB = electrodbUpsert(plan, guard?.nextVersion === undefined ? values : withVersion(plan, values, guard.nextVersion));
  const itemId = itemIdOf(plan, byElectroDB.composites);
  const userCondition = conditionOption(plan, itemId, options, 'upsert');
  const written = { key: byElectroDB.key, composites: byElectroDB.composites, itemId };
  const node = common<UpdateNode>('update', 'upsert', plan, written, options, allOf(guard?.condition, userCondition));
  node.operations = [];
  node.written = byElectroDB.written;
  return node;
}

export function parseDelete(entity: unknown, key: unknown, options: ActionOptions | undefined, verb: 'delete' | 'remove' = 'delete'): DeleteNode {
  const plan = entityPlan(entity, verb);
  checkOptions(options, verb);
  const written = writeKey(plan, key);
  const guard = versionGuard(plan, written.itemId, 'delete', options?.expectedVersion);
  const userCondition = conditionOption(plan, written.itemId, options, verb);
  const condition = verb === 'remove' ? allOf(allOf(keyCondition(plan, 'attribute_exists'), guard?.condition), userCondition) : allOf(guard?.condition, userCondition);
  return common<DeleteNode>('delete', verb, plan, written, options, condition);
}

export function parseCheck(entity: unknown, key: unknown, condition: unknown, options: ActionOptions | undefined): CheckNode {
  const plan = entityPlan(entity, 'check');
  checkOptions(options, 'check');
  const written = writeKey(plan, key);
  const guard = versionGuard(plan, written.itemId, 'check', options?.expectedVersion);
  if (condition === undefined) throw invalidValueError(missingConditionMessage(plan.name, plan.keyNames[0] ?? 'attribute'));
  const userCondition = buildCondition(plan, condition, `check() on ${written.itemId}`);
  return common<CheckNode>('check', 'check', plan, written, options, allOf(guard?.condition, userCondition));
}

/**
 * The values a staged edit will set, checked now as the update that commits them will check them
 * (types, hooks and validators), so a mistake surfaces at the call that introduced it.
 */
export function checkStagedValues(plan: EntityPlan, composites: Readonly<Record<string, unknown>>, values: unknown): Record<string, unknown> {
  const requests = buildUpdateRequests(plan, (u: { set(values: unknown): unknown }) => u.set(values));
  if (plan.writer === 'native') writeOperations(plan, requests);
  else electrodbUpdate(plan, composites, requests);
  const checked: Record<string, unknown> = {};
  for (const request of requests) checked[request.target.root.name] = request.value;
  return checked;
}

/**
 * ElectroDB's condition for create, patch and remove: on the table key's fields,
 * `attribute_not_exists(pk) AND attribute_not_exists(sk)` (or `attribute_exists`).
 */
function keyCondition(plan: EntityPlan, name: 'attribute_exists' | 'attribute_not_exists'): ConditionNode {
  const fields = [plan.primary.pk.field, ...(plan.primary.sk === undefined ? [] : [plan.primary.sk.field])];
  const checks: ConditionNode[] = fields.map((field) => ({ kind: 'function', name, args: [{ kind: 'path', path: [field] }] }));
  return checks.length === 1 ? checks[0]! : { kind: 'and', conditions: checks };
}

function withVersion(plan: EntityPlan, item: unknown, version: number): Record<string, unknown> {
  return { ...(item as object), [plan.version!.name]: version };
}

/** An item's own attributes, each one the entity has (for writers that ElectroDB runs, which would drop unknown ones silently). */
function ownAttributes(plan: EntityPlan, item: unknown, verb: string): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidValueError(`${verb}() on ${plan.name} takes an item object, got ${describeValue(item)}`);
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(item)) {
    if (!plan.attributes.has(name)) throw invalidValueError(unknownAttributeMessage(plan.name, name));
    values[name] = (item as Record<string, unknown>)[name];
  }
  return values;
}

function entityPlan(entity: unknown, action: string): EntityPlan {
  if (!isEntity(entity)) throw invalidValueError(`${action}() takes an ElectroDB Entity first, got ${describeValue(entity)}`);
  return planOf(entity);
}

function checkOptions(options: ActionOptions | undefined, verb: ActionVerb) {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidValueError(`The options of ${verb}() must be an object, got ${describeValue(options)}`);
  }
}

/**
 * What every action node has. Nodes are not frozen: they are internal, never handed to user
 * code to change, and freezing a hundred of them per transaction is measurable (bench:build).
 */
function common<Node extends ActionNode>(
  kind: Node['kind'],
  verb: ActionVerb,
  plan: EntityPlan,
  written: WrittenKey,
  options: ActionOptions | undefined,
  condition: ConditionNode | undefined,
): { -readonly [K in keyof Node]: Node[K] } {
  const { itemId, key, composites: keyComposites } = written;
  const label = options?.label;
  if (label !== undefined && typeof label !== 'string') throw invalidValueError(`label on ${itemId} must be a string, got ${describeValue(label)}`);
  const table = plan.tableName();
  if (typeof table !== 'string' || table === '') {
    throw invalidValueError(`${plan.name} has no table: give it one with new Entity(schema, { table }) or entity.setTableName()`);
  }
  // Built whole here and finished by the caller, so that no intermediate object is copied.
  return {
    kind,
    verb,
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

function conditionOption(plan: EntityPlan, itemId: string, options: ActionOptions | undefined, action: ActionVerb) {
  return options?.if === undefined ? undefined : buildCondition(plan, options.if, `the 'if' of ${action}() on ${itemId}`);
}

/**
 * Table and key, exactly as DynamoDB tells items apart. The key field names can be left out:
 * every item of one table has the same key attributes, of the same types. Each part carries its
 * type and length, so no key value (one holding a NUL, say) can make two items look alike.
 */
export function itemIdentity(table: string, key: Readonly<Record<string, AttributeValue>>): string {
  let identity = `${table.length}:${table}`;
  for (const field in key) {
    const value = key[field]!;
    identity += value.S !== undefined ? `|S${value.S.length}:${value.S}` : `|N${value.N!.length}:${value.N}`;
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
