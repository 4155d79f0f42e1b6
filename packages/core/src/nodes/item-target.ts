import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityPlan } from '../schema/entity-plan.js';

/** The one item a node acts on: what writes and gets have in common. */
export interface ItemTarget {
  readonly entity: EntityPlan;
  readonly table: string;
  /** Table and key: two nodes with the same identity are the same DynamoDB item. */
  readonly identity: string;
  /** `Counter{tenant:acme}`: names the item in messages and outcomes. */
  readonly itemId: string;
  readonly key: Readonly<Record<string, AttributeValue>>;
  readonly keyComposites: Readonly<Record<string, unknown>>;
  /** The name the caller gave this action, if any. */
  readonly label: string | undefined;
}
