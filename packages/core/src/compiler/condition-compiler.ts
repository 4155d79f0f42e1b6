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
      return `size(${context.path(node.path)})`;
    case 'value':
      return context.value(node.value);
  }
}
