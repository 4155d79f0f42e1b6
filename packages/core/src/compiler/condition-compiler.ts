import type { ConditionNode, OperandNode } from '../nodes/condition-node.js';
import type { ExpressionContext } from './expression-context.js';

/**
 * A condition tree to a ConditionExpression string, placeholders taken from `context`, which
 * also counts what DynamoDB counts against its 300 operators and functions: each comparison,
 * BETWEEN, IN, function call (size() included), NOT, and each AND/OR joining two conditions;
 * parentheses and path dereferences are free (checked against DynamoDB Local).
 */
export function compileCondition(node: ConditionNode, context: ExpressionContext): string {
  switch (node.kind) {
    case 'compare':
      context.operators++;
      return `${operand(node.left, context)} ${node.operator} ${operand(node.right, context)}`;
    case 'between':
      context.operators++;
      return `${operand(node.subject, context)} BETWEEN ${operand(node.low, context)} AND ${operand(node.high, context)}`;
    case 'in':
      context.operators++;
      return `${operand(node.subject, context)} IN (${node.values.map((v) => operand(v, context)).join(', ')})`;
    case 'function':
      context.operators++;
      return `${node.name}(${node.args.map((a) => operand(a, context)).join(', ')})`;
    case 'and':
    case 'or':
      if (node.conditions.length === 1) return compileCondition(node.conditions[0]!, context);
      context.operators += node.conditions.length - 1;
      return node.conditions.map((c) => grouped(c, context)).join(node.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      context.operators++;
      return `NOT ${grouped(node.condition, context)}`;
    default:
      // Nodes only come from `op` and dynatx itself; reaching this is a bug, never a dropped condition.
      throw new TypeError(`dynatx: unknown condition node ${JSON.stringify((node as { kind?: unknown }).kind)}`);
  }
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
      context.operators++;
      return `size(${context.path(node.path)})`;
    case 'value':
      return context.value(node.value);
  }
}
