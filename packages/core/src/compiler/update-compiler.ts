import type { UpdateOperationNode, WrittenUpdateExpression } from '../nodes/update-node.js';
import type { ExpressionContext } from './expression-context.js';

type Clause = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
const CLAUSE_ORDER: readonly Clause[] = ['SET', 'REMOVE', 'ADD', 'DELETE'];
const CLAUSE_OF: Record<UpdateOperationNode['kind'], Clause> = {
  set: 'SET',
  setIfNotExists: 'SET',
  subtract: 'SET',
  append: 'SET',
  prepend: 'SET',
  remove: 'REMOVE',
  add: 'ADD',
  deleteFromSet: 'DELETE',
};

/**
 * Update operations to one UpdateExpression, `SET ... REMOVE ... ADD ... DELETE ...`.
 * Placeholders are handed out in the order they appear in the expression, so the output
 * reads top to bottom. An expression ElectroDB wrote (`written`, for entities whose hooks only
 * ElectroDB runs) comes first in each clause, its placeholders mapped onto this action's.
 */
export function compileUpdate(
  operations: readonly UpdateOperationNode[],
  context: ExpressionContext,
  written?: WrittenUpdateExpression,
): string {
  const writtenParts = written === undefined ? undefined : splitClauses(written.expression);
  const valuePlaceholders = new Map<string, string>();
  let expression = '';
  for (const clause of CLAUSE_ORDER) {
    let parts = '';
    for (const part of writtenParts?.[clause] ?? []) {
      parts += `${parts ? ', ' : ''}${remap(part, written!, context, valuePlaceholders)}`;
    }
    for (const operation of operations) {
      if (CLAUSE_OF[operation.kind] !== clause) continue;
      parts += `${parts ? ', ' : ''}${compileOperation(operation, context)}`;
    }
    if (parts) expression += `${expression ? ' ' : ''}${clause} ${parts}`;
  }
  return expression;
}

/**
 * Each operation in ElectroDB's own form, so that dynatx writes what ElectroDB writes: a missing
 * number counts as 0 for `subtract`, a missing list as empty for `append` and `prepend`.
 */
function compileOperation(operation: UpdateOperationNode, context: ExpressionContext): string {
  const path = context.path(operation.path);
  switch (operation.kind) {
    case 'set':
      return `${path} = ${context.value(operation.value)}`;
    case 'setIfNotExists':
      return `${path} = if_not_exists(${path}, ${context.value(operation.value)})`;
    case 'subtract': {
      const value = context.value(operation.value);
      return `${path} = (if_not_exists(${path}, ${context.value({ N: '0' })}) - ${value})`;
    }
    case 'append': {
      const value = context.value(operation.value);
      return `${path} = list_append(if_not_exists(${path}, ${context.value({ L: [] })}), ${value})`;
    }
    case 'prepend': {
      const value = context.value(operation.value);
      return `${path} = list_append(${value}, if_not_exists(${path}, ${context.value({ L: [] })}))`;
    }
    case 'add':
    case 'deleteFromSet':
      return `${path} ${context.value(operation.value)}`;
    case 'remove':
      return path;
  }
}

/**
 * An update expression split into its clauses and their comma-separated parts, at the top level
 * (a comma inside `list_append(a, b)` does not split). Placeholders hold every name and value,
 * so the keywords can only appear as keywords.
 */
export function splitClauses(expression: string): Partial<Record<Clause, string[]>> {
  const clauses: Partial<Record<Clause, string[]>> = {};
  let clause: Clause | undefined;
  let depth = 0;
  let part = '';
  const flush = () => {
    const text = part.trim();
    if (text !== '' && clause !== undefined) (clauses[clause] ??= []).push(text);
    part = '';
  };
  for (let i = 0; i < expression.length; i++) {
    if (depth === 0 && (i === 0 || expression[i - 1] === ' ')) {
      const keyword = /^(SET|REMOVE|ADD|DELETE) /.exec(expression.slice(i, i + 7));
      if (keyword) {
        flush();
        clause = keyword[1] as Clause;
        i += keyword[0].length - 1;
        continue;
      }
    }
    const char = expression[i]!;
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    if (char === ',' && depth === 0) flush();
    else part += char;
  }
  flush();
  return clauses;
}

/** One part of ElectroDB's expression with its placeholders replaced by this action's. */
function remap(part: string, written: WrittenUpdateExpression, context: ExpressionContext, values: Map<string, string>): string {
  return part.replace(/[#:][A-Za-z0-9_]+/g, (token) => {
    if (token[0] === '#') {
      const name = written.names[token];
      if (name === undefined) throw new TypeError(`dynatx: ElectroDB's update expression names ${token} without a value for it`);
      return context.name(name);
    }
    let placeholder = values.get(token);
    if (placeholder === undefined) {
      const value = written.values[token];
      if (value === undefined) throw new TypeError(`dynatx: ElectroDB's update expression uses ${token} without a value for it`);
      placeholder = context.value(value);
      values.set(token, placeholder);
    }
    return placeholder;
  });
}
