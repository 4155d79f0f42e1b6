import type { TransactGetItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { GetNode } from '../nodes/get-node.js';
import { duplicateItemError, emptyTransactionError, tooManyActionsError } from '../errors/errors.js';
import { MAX_ACTIONS } from '../errors/messages.js';

/** Get nodes to the TransactGetItems input, after the same count and duplicate checks as writes. */
export function compileGets(gets: readonly GetNode[]): TransactGetItemsCommandInput {
  if (gets.length === 0) throw emptyTransactionError();
  if (gets.length > MAX_ACTIONS) throw tooManyActionsError();
  const seen = new Set<string>();
  return {
    TransactItems: gets.map((get) => {
      if (seen.has(get.identity)) throw duplicateItemError(get.itemId);
      seen.add(get.identity);
      return { Get: { TableName: get.table, Key: { ...get.key } } };
    }),
  };
}
