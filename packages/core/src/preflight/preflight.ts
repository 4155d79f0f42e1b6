import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ActionNode } from '../nodes/action-node.js';
import {
  TransactionValidationError,
  duplicateItemError,
  emptyTransactionError,
  tooManyActionsError,
} from '../errors/errors.js';
import {
  MAX_ACTIONS,
  expressionTooLongMessage,
  itemTooLargeMessage,
  transactionTooLargeMessage,
} from '../errors/messages.js';
import { utf8Length } from '../schema/marshal.js';

/** DynamoDB's limits, from the TransactWriteItems reference and the service quotas page. */
export const LIMITS = Object.freeze({
  actions: MAX_ACTIONS,
  itemBytes: 400 * 1024,
  transactionBytes: 4 * 1024 * 1024,
  expressionBytes: 4 * 1024,
});

/**
 * The run-time half of the rules the compiler enforces, plus the ones only run time can see:
 * the action count, the same item twice (by table and marshalled key, which also catches
 * keys that were only `string` at compile time), item and transaction size, and expression
 * length. It compiles each action on the way, so the checks cost one pass.
 */
export function preflight(
  actions: readonly ActionNode[],
  compile: (action: ActionNode) => TransactWriteItem,
): TransactWriteItem[] {
  if (actions.length === 0) throw emptyTransactionError();
  if (actions.length > LIMITS.actions) throw tooManyActionsError();
  const seen = new Set<string>();
  const items: TransactWriteItem[] = new Array(actions.length);
  let totalBytes = 0;
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    if (seen.has(action.identity)) throw duplicateItemError(action.itemId);
    seen.add(action.identity);
    if (action.kind === 'put') {
      if (action.itemSize > LIMITS.itemBytes) {
        throw new TransactionValidationError('ItemTooLarge', itemTooLargeMessage(action.itemId, action.itemSize, LIMITS.itemBytes));
      }
      totalBytes += action.itemSize;
    }
    const item = compile(action);
    const body = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck!;
    checkExpression(action.itemId, 'ConditionExpression', body.ConditionExpression);
    checkExpression(action.itemId, 'UpdateExpression', (body as { UpdateExpression?: string }).UpdateExpression);
    items[i] = item;
  }
  if (totalBytes > LIMITS.transactionBytes) {
    throw new TransactionValidationError('TransactionTooLarge', transactionTooLargeMessage(totalBytes, LIMITS.transactionBytes));
  }
  return items;
}

function checkExpression(itemId: string, which: string, expression: string | undefined) {
  if (expression === undefined || expression.length <= LIMITS.expressionBytes / 4) return;
  const bytes = utf8Length(expression);
  if (bytes > LIMITS.expressionBytes) {
    throw new TransactionValidationError('ExpressionTooLong', expressionTooLongMessage(itemId, which, bytes, LIMITS.expressionBytes));
  }
}
