import { TransactGetItemsCommand, type AttributeValue, type DynamoDBClient, type ReturnConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { GetNode } from '../nodes/get-node.js';
import { compileGets } from '../compiler/get-compiler.js';
import { retryPolicy, type RetryOptions } from './retry-policy.js';
import { sendWithRetry } from './send-with-retry.js';
import { formatItem } from './cancellation.js';
import { TransactionExecutionError } from './execution-errors.js';
import { checkClient, checkExecuteOptions } from './write-executor.js';

export interface GetExecuteOptions {
  readonly retry?: RetryOptions | false;
  readonly signal?: AbortSignal;
  readonly returnConsumedCapacity?: Exclude<ReturnConsumedCapacity, 'NONE'>;
}

export async function executeGets(gets: readonly GetNode[], client: DynamoDBClient, givenOptions?: GetExecuteOptions) {
  checkClient(client);
  const options = checkExecuteOptions(givenOptions);
  const input = compileGets(gets);
  if (options.returnConsumedCapacity !== undefined) input.ReturnConsumedCapacity = options.returnConsumedCapacity;
  const command = new TransactGetItemsCommand(input);
  const outcome = await sendWithRetry((abortSignal) => client.send(command, { abortSignal }), {
    policy: retryPolicy(options.retry),
    signal: options.signal,
    clientRequestToken: 'none (reads are not idempotency-tracked)',
    tables: [...new Set(gets.map((g) => g.table))],
  });
  if (outcome.kind === 'cancelled') {
    const failed = outcome.reasons
      .map((reason, index) => ({ reason, get: gets[index]! }))
      .filter(({ reason }) => reason.Code !== undefined && reason.Code !== 'None')
      .map(({ reason, get }) => `${get.itemId}: ${reason.Code}`);
    throw new TransactionExecutionError('ExecutionFailed', `DynamoDB cancelled the read: ${failed.join(', ') || 'no reason given'}`);
  }
  const responses = outcome.output.Responses ?? [];
  const items = gets.map((get, index) => {
    const item = responses[index]?.Item as Record<string, AttributeValue> | undefined;
    return item === undefined ? undefined : formatItem(get, item);
  });
  const byLabel: Record<string, unknown> = {};
  gets.forEach((get, index) => {
    // defineProperty: a label such as '__proto__' is an ordinary key here, not the prototype.
    if (get.label !== undefined) Object.defineProperty(byLabel, get.label, { value: items[index], enumerable: true, writable: true, configurable: true });
  });
  return Object.freeze({
    items: Object.freeze(items),
    byLabel: Object.freeze(byLabel),
    attempts: outcome.attempts,
    consumedCapacity: outcome.output.ConsumedCapacity,
  }) as never;
}
