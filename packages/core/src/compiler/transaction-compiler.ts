import type { AttributeValue, TransactWriteItem, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { ActionNode } from '../nodes/action-node.js';
import { ExpressionContext } from './expression-context.js';
import { compileCondition } from './condition-compiler.js';
import { compileUpdate } from './update-compiler.js';
import { preflight } from '../preflight/preflight.js';

/**
 * Action nodes to the exact TransactWriteItems input. The pre-flight checks run first, so
 * whatever this returns is a request DynamoDB's own validation will accept.
 */
export function compileTransaction(
  actions: readonly ActionNode[],
  options: { clientRequestToken?: string } = {},
): TransactWriteItemsCommandInput {
  const expressions = preflight(actions, compileAction);
  const input: TransactWriteItemsCommandInput = { TransactItems: expressions };
  if (options.clientRequestToken !== undefined) input.ClientRequestToken = options.clientRequestToken;
  return input;
}

/** One action's request item; `context` collects its placeholders, sizes and operator count. */
export function compileAction(action: ActionNode, context: ExpressionContext = new ExpressionContext()): TransactWriteItem {
  const table = action.table;
  switch (action.kind) {
    case 'put': {
      const put: NonNullable<TransactWriteItem['Put']> = { TableName: table, Item: copyItem(action.item) };
      if (action.condition) put.ConditionExpression = compileCondition(action.condition, context);
      finish(put, context, action.returnOldItemOnFailure);
      return { Put: put };
    }
    case 'update': {
      const update: NonNullable<TransactWriteItem['Update']> = {
        TableName: table,
        Key: copyItem(action.key),
        UpdateExpression: compileUpdate(action.operations, context, action.written),
      };
      if (action.condition) update.ConditionExpression = compileCondition(action.condition, context);
      finish(update, context, action.returnOldItemOnFailure);
      return { Update: update };
    }
    case 'delete': {
      const del: NonNullable<TransactWriteItem['Delete']> = { TableName: table, Key: copyItem(action.key) };
      if (action.condition) del.ConditionExpression = compileCondition(action.condition, context);
      finish(del, context, action.returnOldItemOnFailure);
      return { Delete: del };
    }
    case 'check': {
      const check: NonNullable<TransactWriteItem['ConditionCheck']> = {
        TableName: table,
        Key: copyItem(action.key),
        ConditionExpression: compileCondition(action.condition, context),
      };
      finish(check, context, action.returnOldItemOnFailure);
      return { ConditionCheck: check };
    }
  }
}

/** Names and values only when used; ALL_OLD only when asked for. */
function finish(
  target: {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: TransactWriteItem['Put'] extends infer P ? P extends { ExpressionAttributeValues?: infer V } ? V : never : never;
    ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
  },
  context: ExpressionContext,
  returnOldItem: boolean,
) {
  if (context.names !== undefined) target.ExpressionAttributeNames = context.names;
  if (context.values !== undefined) target.ExpressionAttributeValues = copyItem(context.values);
  if (returnOldItem) target.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
}

/**
 * The request's values are copies: what params() returns belongs to the caller, who may change
 * it, while the transaction's nodes are shared by every params() and execute() of it and of
 * every transaction branched from it.
 */
function copyItem(item: Readonly<Record<string, AttributeValue>>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name of Object.keys(item)) {
    const value = copyValue(item[name]!);
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}

function copyValue(value: AttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: new Uint8Array(value.B) };
  if (value.L !== undefined) return { L: value.L.map(copyValue) };
  if (value.M !== undefined) return { M: copyItem(value.M) };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => new Uint8Array(bytes)) };
  return { ...value };
}
