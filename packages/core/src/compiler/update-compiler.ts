import type { UpdateOperationNode } from '../nodes/update-node.js';
import type { ExpressionContext } from './expression-context.js';

type Clause = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
const CLAUSE_ORDER: readonly Clause[] = ['SET', 'REMOVE', 'ADD', 'DELETE'];
const CLAUSE_OF: Record<UpdateOperationNode['kind'], Clause> = {
  set: 'SET',
  setIfNotExists: 'SET',
  subtract: 'SET',
  append: 'SET',
  remove: 'REMOVE',
  add: 'ADD',
  deleteFromSet: 'DELETE',
};

/**
 * Update operations to one UpdateExpression, `SET ... REMOVE ... ADD ... DELETE ...`.
 * Placeholders are handed out in the order they appear in the expression, so the output
 * reads top to bottom.
 */
export function compileUpdate(operations: readonly UpdateOperationNode[], context: ExpressionContext): string {
  let expression = '';
  for (const clause of CLAUSE_ORDER) {
    let parts = '';
    for (const operation of operations) {
      if (CLAUSE_OF[operation.kind] !== clause) continue;
      parts += `${parts ? ', ' : ''}${compileOperation(operation, context)}`;
    }
    if (parts) expression += `${expression ? ' ' : ''}${clause} ${parts}`;
  }
  return expression;
}

function compileOperation(operation: UpdateOperationNode, context: ExpressionContext): string {
  const name = context.name(operation.field);
  switch (operation.kind) {
    case 'set':
      return `${name} = ${context.value(operation.value)}`;
    case 'setIfNotExists':
      return `${name} = if_not_exists(${name}, ${context.value(operation.value)})`;
    case 'subtract':
      return `${name} = ${name} - ${context.value(operation.value)}`;
    case 'append':
      return `${name} = list_append(${name}, ${context.value(operation.value)})`;
    case 'add':
    case 'deleteFromSet':
      return `${name} ${context.value(operation.value)}`;
    case 'remove':
      return name;
  }
}
