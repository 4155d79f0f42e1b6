import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ItemTarget } from './item-target.js';
import type { ConditionNode } from './condition-node.js';
import type { UpdateOperationNode } from './update-node.js';

/**
 * One action of a transaction, parsed and checked: the builders make these, the compiler
 * turns a list of them into `TransactWriteItemsInput`. Nodes are never changed after they are
 * made, and are shared between every transaction branched from the same base.
 */
export type ActionNode = PutNode | UpdateNode | DeleteNode | CheckNode;

interface ActionNodeBase extends ItemTarget {
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
  readonly operations: readonly UpdateOperationNode[];
}

export interface DeleteNode extends ActionNodeBase {
  readonly kind: 'delete';
}

export interface CheckNode extends ActionNodeBase {
  readonly kind: 'check';
  readonly condition: ConditionNode;
}
