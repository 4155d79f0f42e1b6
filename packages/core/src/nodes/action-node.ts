import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityPlan } from '../schema/entity-plan.js';
import type { ConditionNode } from './condition-node.js';
import type { UpdateOperationNode } from './update-node.js';

/**
 * One action of a transaction, parsed and checked: the builders make these, the compiler
 * turns a list of them into `TransactWriteItemsInput`. Nodes are frozen and shared between
 * every transaction branched from the same base.
 */
export type ActionNode = PutNode | UpdateNode | DeleteNode | CheckNode;

interface ActionNodeBase {
  readonly entity: EntityPlan;
  readonly table: string;
  /** Table and key: two nodes with the same identity are the same DynamoDB item. */
  readonly identity: string;
  /** `Counter{tenant:acme}`: names the item in messages and cancellation reasons. */
  readonly itemId: string;
  readonly key: Readonly<Record<string, AttributeValue>>;
  readonly keyComposites: Readonly<Record<string, unknown>>;
  readonly label: string | undefined;
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
