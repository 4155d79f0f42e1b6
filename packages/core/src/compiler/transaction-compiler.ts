import type { TransactWriteItem, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
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
      const put: NonNullable<TransactWriteItem['Put']> = { TableName: table, Item: action.item as NonNullable<TransactWriteItem['Put']>['Item'] };
      if (action.condition) put.ConditionExpression = compileCondition(action.condition, context);
      finish(put, context, action.returnOldItemOnFailure);
      return { Put: put };
    }
    case 'update': {
      const update: NonNullable<TransactWriteItem['Update']> = {
        TableName: table,
        Key: { ...action.key },
        UpdateExpression: compileUpdate(action.operations, context, action.written),
      };
      if (action.condition) update.ConditionExpression = compileCondition(action.condition, context);
      finish(update, context, action.returnOldItemOnFailure);
      return { Update: update };
    }
    case 'delete': {
      const del: NonNullable<TransactWriteItem['Delete']> = { TableName: table, Key: { ...action.key } };
      if (action.condition) del.ConditionExpression = compileCondition(action.condition, context);
      finish(del, context, action.returnOldItemOnFailure);
      return { Delete: del };
    }
    case 'check': {
      const check: NonNullable<TransactWriteItem['ConditionCheck']> = {
        TableName: table,
        Key: { ...action.key },
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
  if (context.values !== undefined) target.ExpressionAttributeValues = context.values;
  if (returnOldItem) target.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
}
