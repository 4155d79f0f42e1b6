import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityPlan, IndexPlan, KeyPlan } from './entity-plan.js';
import type { UpdateOperationNode, UpdateRequest } from '../nodes/update-node.js';
import type { DocumentPath } from '../nodes/condition-node.js';
import { marshalValue } from './marshal.js';
import { formatKey } from './key-format.js';
import { checkKeySize, toKeyAttribute } from './key-rules.js';
import { invalidValueError } from '../errors/errors.js';
import { notUpdatableMessage } from '../errors/messages.js';
import { shownText } from '../errors/user-text.js';

/**
 * dynatx's own update writer (for entities without hooks): the caller's operations with their
 * values checked and marshalled, then what ElectroDB adds to every update, so that the item an
 * update leaves behind (also one it creates) is the item ElectroDB would leave:
 *
 * - secondary-index keys, rebuilt half by half as ElectroDB does: setting any composite of an
 *   index's partition-key half rewrites that half (all its composites must then be known, from
 *   the update or the item's key), likewise the sort-key half; a sort key without composites
 *   is written with its partition key. Removing a composite removes the key halves it is in.
 * - the key composites as attributes, and the entity's identifiers.
 */
export function writeUpdate(
  plan: EntityPlan,
  keyComposites: Readonly<Record<string, unknown>>,
  requests: readonly UpdateRequest[],
): UpdateOperationNode[] {
  const operations = writeOperations(plan, requests);
  const assigned: Record<string, unknown> = {};
  let removed: Set<string> | undefined;
  for (const request of requests) {
    const { target } = request;
    const topLevel = target.steps.length === 0;
    if (plan.indexComposites.has(target.root.name) && !(topLevel && (request.kind === 'set' || request.kind === 'remove'))) {
      throw invalidValueError(
        notUpdatableMessage(
          plan.name,
          target.root.name,
          `it is part of an index key, which only set() and remove() keep right (ElectroDB would build the key from the ${request.kind}() operand, not the result)`,
        ),
      );
    }
    if (!topLevel) continue;
    if (request.kind === 'remove') (removed ??= new Set()).add(target.root.name);
    else if (request.kind === 'set') assigned[target.root.name] = request.value;
  }
  const userOperations = operations.length;
  // A field the table's key holds, or one the caller's operations already write, is not written again.
  const implicit = (field: string) => {
    if (field === plan.primary.pk.field || field === plan.primary.sk?.field) return false;
    for (let i = 0; i < userOperations; i++) {
      const path = operations[i]!.path;
      if (path.length === 1 && path[0] === field) return false;
    }
    return true;
  };

  if (plan.secondary.length > 0) {
    const { written, deleted } = indexKeysFor(plan, assigned, removed ?? new Set(), keyComposites);
    for (const field in written) {
      if (implicit(field)) operations.push({ kind: 'set', path: [field], value: toKeyAttribute(written[field]!) });
    }
    for (const field of deleted) {
      if (implicit(field)) operations.push({ kind: 'remove', path: [field] });
    }
  }
  // The key composites as attributes, so that an update which creates the item leaves one ElectroDB reads.
  for (const name in keyComposites) {
    const attribute = plan.attributes.get(name)!;
    if (!implicit(attribute.field)) continue;
    operations.push({ kind: 'set', path: [attribute.field], value: marshalValue(plan.name, attribute, keyComposites[name], { bytes: 0 }) });
  }
  operations.push({ kind: 'set', path: [plan.identifierFields.entity], value: { S: plan.name } });
  operations.push({ kind: 'set', path: [plan.identifierFields.version], value: { S: plan.entityVersion } });
  return operations;
}

/**
 * The caller's operations with their values checked against the schema and marshalled, in the
 * order given; overlapping paths refused.
 */
export function writeOperations(plan: EntityPlan, requests: readonly UpdateRequest[]): UpdateOperationNode[] {
  const operations: UpdateOperationNode[] = [];
  for (const request of requests) {
    const { target } = request;
    if (request.kind === 'remove') {
      operations.push({ kind: 'remove', path: target.path });
      continue;
    }
    const value = marshalValue(plan.name, target.attribute, request.value, { bytes: 0 });
    checkOperand(plan, request, value);
    operations.push({ kind: request.kind, path: target.path, value });
  }
  refuseOverlaps(plan, operations);
  return operations;
}

/** DynamoDB's own operand rules, for `any` attributes whose kind is only known from the value. */
function checkOperand(plan: EntityPlan, request: UpdateRequest, value: AttributeValue) {
  const ok =
    request.kind === 'add'
      ? value.N !== undefined || value.SS !== undefined || value.NS !== undefined || value.BS !== undefined
      : request.kind === 'subtract'
        ? value.N !== undefined
        : request.kind === 'append' || request.kind === 'prepend'
          ? value.L !== undefined
          : request.kind === 'deleteFromSet'
            ? value.SS !== undefined || value.NS !== undefined || value.BS !== undefined
            : true;
  if (!ok) {
    const wants = { add: 'a number or a set', subtract: 'a number', append: 'a list', prepend: 'a list', deleteFromSet: 'a set' } as Record<string, string>;
    throw invalidValueError(`${plan.name}.${shownText(request.target.attribute.path)}: ${request.kind}() takes ${wants[request.kind]}`);
  }
}

/**
 * ElectroDB's index-key rules for an update (its `_getUpdatedKeys` for indexes without a
 * condition), reproduced: which key fields an update writes, and which it removes.
 */
function indexKeysFor(
  plan: EntityPlan,
  assigned: Readonly<Record<string, unknown>>,
  removed: ReadonlySet<string>,
  keyComposites: Readonly<Record<string, unknown>>,
): { written: Record<string, string | number>; deleted: string[] } {
  const written: Record<string, string | number> = {};
  const deleted: string[] = [];
  const values = { ...assigned, ...keyComposites };
  for (const index of plan.secondary) {
    const pkChanged = index.pk.composites.some((c) => c.name in assigned);
    const skChanged = index.sk !== undefined && index.sk.composites.some((c) => c.name in assigned);
    if (pkChanged) requireComposites(plan, index, index.pk, values, 'updated');
    if (skChanged) requireComposites(plan, index, index.sk!, values, 'updated');
    if (pkChanged) writeHalf(plan, index, index.pk, 'partition', values, written);
    if (skChanged) writeHalf(plan, index, index.sk!, 'sort', values, written);
    else if ((pkChanged || skChanged) && index.sk !== undefined && index.sk.composites.length === 0) {
      // A sort key without composites is only its prefix: ElectroDB writes it with the partition key.
      writeHalf(plan, index, index.sk, 'sort', values, written);
    }
    // Removing a composite removes the key halves it is part of (ElectroDB keeps keys and attributes in sync).
    for (const [part] of [[index.pk], [index.sk]] as const) {
      if (part === undefined || !part.composites.some((c) => removed.has(c.name))) continue;
      const present = { ...keyComposites };
      for (const name of removed) present[name] = true;
      requireComposites(plan, index, part, present, 'removed');
      deleted.push(part.field);
    }
  }
  return { written, deleted };
}

function writeHalf(plan: EntityPlan, index: IndexPlan, part: KeyPlan, role: 'partition' | 'sort', values: Readonly<Record<string, unknown>>, out: Record<string, string | number>) {
  const key = formatKey(part, values);
  // ElectroDB writes an updated key only when it is truthy: a numeric key of 0 is left as it was.
  if (!key) return;
  out[part.field] = checkKeySize(plan, values, role, part.field, key, index.name);
}

/** ElectroDB refuses to rebuild a key half from some of its composites: all must be known. */
function requireComposites(plan: EntityPlan, index: IndexPlan, part: KeyPlan, known: Readonly<Record<string, unknown>>, verb: string) {
  const missing = part.composites.filter((c) => known[c.name] === undefined).map((c) => c.name);
  if (missing.length > 0) {
    throw invalidValueError(
      `${plan.name}: the ${verb} attributes change index '${index.name}', whose ${part === index.pk ? 'partition' : 'sort'} key also needs ${missing.join(', ')}: ${verb === 'removed' ? 'remove' : 'set'} ${missing.length === 1 ? 'it' : 'them'} in the same update`,
    );
  }
}

/** DynamoDB rejects an update whose paths overlap (`a` and `a`, or `a` and `a.b`); say so first. */
function refuseOverlaps(plan: EntityPlan, operations: readonly UpdateOperationNode[]) {
  // A handful of operations per update: a pairwise scan allocates nothing.
  for (let i = 1; i < operations.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(operations[i]!.path, operations[j]!.path)) {
        throw invalidValueError(`${plan.name}: one update changes '${shownText(pathText(operations[i]!.path))}' twice (or a path inside it); combine the two operations`);
      }
    }
  }
}

function overlaps(a: DocumentPath, b: DocumentPath): boolean {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pathText(path: DocumentPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : `${i === 0 ? '' : '.'}${step}`)).join('');
}
