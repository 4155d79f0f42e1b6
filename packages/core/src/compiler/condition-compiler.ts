import type { ConditionNode, OperandNode } from '../nodes/condition-node.js';
import type { ExpressionContext } from './expression-context.js';

/** A condition tree to a ConditionExpression string, placeholders taken from `context`. */
export function compileCondition(node: ConditionNode, context: ExpressionContext): string {
  switch (node.kind) {
    case 'compare':
      return `${operand(node.left, context)} ${node.operator} ${operand(node.right, context)}`;
    case 'between':
      return `${operand(node.subject, context)} BETWEEN ${operand(node.low, context)} AND ${operand(node.high, context)}`;
    case 'in':
      return `${operand(node.subject, context)} IN (${node.values.map((v) => operand(v, context)).join(', ')})`;
    case 'function':
      return `${node.name}(${node.args.map((a) => operand(a, context)).join(', ')})`;
    case 'and':
    case 'or':
      if (node.conditions.length === 1) return compileCondition(node.conditions[0]!, context);
      return node.conditions.map((c) => grouped(c, context)).join(node.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `NOT ${grouped(node.condition, context)}`;
    default:
      // Nodes only come from `op` and dynatx itself; reaching this is a bug, never a dropped condition.
      throw new TypeError(`dynatx: unknown condition node ${JSON.stringify((node as { kind?: unknown }).kind)}`);
  }
}

/**
 * How many operators and functions DynamoDB counts in a condition (at most 300): each
 * comparison, BETWEEN, IN, function call (size() included), NOT, and each AND/OR joining two
 * conditions. Parentheses and path dereferences are free. Checked against DynamoDB Local.
 */
export function conditionOperatorCount(node: ConditionNode): number {
  switch (node.kind) {
    case 'compare':
      return 1 + operandOperators(node.left) + operandOperators(node.right);
    case 'between':
      return 1 + operandOperators(node.subject) + operandOperators(node.low) + operandOperators(node.high);
    case 'in':
      return 1 + operandOperators(node.subject);
    case 'function':
      return 1 + node.args.reduce((sum, arg) => sum + operandOperators(arg), 0);
    case 'and':
    case 'or':
      return node.conditions.length - 1 + node.conditions.reduce((sum, c) => sum + conditionOperatorCount(c), 0);
    case 'not':
      return 1 + conditionOperatorCount(node.condition);
    default:
      throw new TypeError(`dynatx: unknown condition node ${JSON.stringify((node as { kind?: unknown }).kind)}`);
  }
}

function operandOperators(node: OperandNode): number {
  return node.kind === 'size' ? 1 : 0;
}

/** Parenthesised where precedence could otherwise regroup it. */
function grouped(node: ConditionNode, context: ExpressionContext): string {
  const text = compileCondition(node, context);
  return node.kind === 'and' || node.kind === 'or' || node.kind === 'not' ? `(${text})` : text;
}

function operand(node: OperandNode, context: ExpressionContext): string {
  switch (node.kind) {
    case 'path':
      return context.path(node.path);
    case 'size':
      return `size(${context.path(node.path)})`;
    case 'value':
      return context.value(node.value);
  }
}
