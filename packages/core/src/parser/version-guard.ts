import type { ConditionNode } from '../nodes/condition-node.js';
import type { EntityPlan } from '../schema/entity-plan.js';
import type { ActionNode } from '../nodes/action-node.js';
import { invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';
import { needsExpectedVersionMessage, newVersionRefusedMessage, notVersionedMessage } from '../errors/messages.js';

/**
 * Optimistic locking for a versioned entity: the condition that the stored version is the
 * one the caller read (or that the item does not exist yet), and the version to write.
 */
export interface VersionGuard {
  readonly condition: ConditionNode;
  /** The version the caller said it read. */
  readonly expected: number | 'new';
  /** The version the write leaves behind; `undefined` for a check, which writes nothing. */
  readonly nextVersion: number | undefined;
}

export function versionGuard(
  plan: EntityPlan,
  itemId: string,
  action: ActionNode['kind'] | 'create',
  expected: unknown,
): VersionGuard | undefined {
  const version = plan.version;
  if (version === undefined) {
    if (expected !== undefined) throw invalidValueError(notVersionedMessage(plan.name));
    return undefined;
  }
  if (expected !== 'new' && action === 'create' && expected !== undefined) {
    throw invalidValueError(`${itemId}: create() writes a new item, so its expectedVersion is 'new'`);
  }
  if (expected === undefined) {
    if (action === 'check') return undefined;
    throw invalidValueError(`${itemId}: ${needsExpectedVersionMessage(plan.name, action, version.name)}`);
  }
  if (expected === 'new') {
    if (action === 'delete' || action === 'check') {
      throw invalidValueError(`${itemId}: ${newVersionRefusedMessage(action)}`);
    }
    return {
      condition: { kind: 'function', name: 'attribute_not_exists', args: [{ kind: 'path', path: [plan.primary.pk.field] }] },
      expected: 'new',
      nextVersion: 1,
    };
  }
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw invalidValueError(`${itemId}: expectedVersion must be a whole number of at least 0, or 'new', got ${describeValue(expected)}`);
  }
  return {
    condition: {
      kind: 'compare',
      operator: '=',
      left: { kind: 'path', path: [version.field] },
      right: { kind: 'value', value: { N: String(expected) } },
    },
    expected,
    nextVersion: action === 'check' ? undefined : expected + 1,
  };
}

/** Both conditions must hold; either may be absent. */
export function allOf(first: ConditionNode | undefined, second: ConditionNode | undefined): ConditionNode | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return { kind: 'and', conditions: [first, second] };
}
