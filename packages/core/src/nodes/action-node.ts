import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ItemTarget } from './item-target.js';
import type { ConditionNode } from './condition-node.js';
import type { UpdateOperationNode, WrittenUpdateExpression } from './update-node.js';

/**
 * One action of a transaction, parsed and checked: the builders make these, the compiler
 * turns a list of them into `TransactWriteItemsInput`. Nodes are never changed after they are
 * made, and are shared between every transaction branched from the same base.
 */
export type ActionNode = PutNode | UpdateNode | DeleteNode | CheckNode;

/** The method that made an action: `create` is a put, `patch` and `upsert` updates, `remove` a delete. */
export type ActionVerb = 'put' | 'create' | 'update' | 'patch' | 'upsert' | 'delete' | 'remove' | 'check';

interface ActionNodeBase extends ItemTarget {
  readonly verb: ActionVerb;
  readonly condition: ConditionNode | undefined;
  /** Ask DynamoDB for the item as it was when this action's condition fails (ALL_OLD). */
  readonly returnOldItemOnFailure: boolean;
}

export interface PutNode extends ActionNodeBase {
  readonly kind: 'put';
  readonly item: Readonly<Record<string, AttributeValue>>;
  readonly itemSize: number;
}

export interface UpdateNode extends ActionNodeBase {
  readonly kind: 'update';
  /** Operations dynatx writes itself (all of them, for an entity dynatx writes). */
  readonly operations: readonly UpdateOperationNode[];
  /** The expression ElectroDB wrote, for entities whose hooks only ElectroDB runs (and for upserts). */
  readonly written: WrittenUpdateExpression | undefined;
}

export interface DeleteNode extends ActionNodeBase {
  readonly kind: 'delete';
}

export interface CheckNode extends ActionNodeBase {
  readonly kind: 'check';
  readonly condition: ConditionNode;
}
