import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityPlan } from '../schema/entity-plan.js';

/** One `Get` of a TransactGetItems request. */
export interface GetNode {
  readonly kind: 'get';
  readonly entity: EntityPlan;
  readonly table: string;
  readonly identity: string;
  readonly itemId: string;
  readonly key: Readonly<Record<string, AttributeValue>>;
  readonly keyComposites: Readonly<Record<string, unknown>>;
  readonly label: string | undefined;
}
