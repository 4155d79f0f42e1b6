import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * A condition as data: what `op.eq(t.status, 'active')` and friends produce. Values are
 * already marshalled (checked against their attribute when the node was made), and paths
 * hold DynamoDB attribute names, so the compiler only has to assign placeholders.
 */
export type ConditionNode =
  | { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly left: OperandNode; readonly right: OperandNode }
  | { readonly kind: 'between'; readonly subject: OperandNode; readonly low: OperandNode; readonly high: OperandNode }
  | { readonly kind: 'in'; readonly subject: OperandNode; readonly values: readonly OperandNode[] }
  | { readonly kind: 'function'; readonly name: ConditionFunction; readonly args: readonly OperandNode[] }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly condition: ConditionNode };

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

/** A document path: attribute and property names, and list indexes (`['notes', 0]`). */
export type DocumentPath = readonly (string | number)[];

export type OperandNode =
  | { readonly kind: 'path'; readonly path: DocumentPath }
  | { readonly kind: 'size'; readonly path: DocumentPath }
  | { readonly kind: 'value'; readonly value: AttributeValue };
