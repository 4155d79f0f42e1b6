import { TransactGetItemsCommand, type AttributeValue, type DynamoDBClient, type ReturnConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { GetNode } from '../nodes/get-node.js';
import { compileGets } from '../compiler/get-compiler.js';
import { retryPolicy, type RetryOptions, type RetryPolicy } from './retry-policy.js';
import { atBoundary } from '../errors/errors.js';
import { sendWithRetry } from './send-with-retry.js';
import { formatItem } from './cancellation.js';
import { TransactionExecutionError } from './execution-errors.js';
import { checkClient, checkExecuteOptions } from './write-executor.js';

/** Options of a `txGet()`'s `execute()`: retries and cancellation by signal. */
export interface GetExecuteOptions {
  readonly retry?: RetryOptions | false;
  readonly signal?: AbortSignal;
  readonly returnConsumedCapacity?: Exclude<ReturnConsumedCapacity, 'NONE'>;
}

export function executeGets(gets: readonly GetNode[], client: DynamoDBClient, givenOptions?: GetExecuteOptions): Promise<never> {
  let prepared: { command: TransactGetItemsCommand; options: GetExecuteOptions; policy: RetryPolicy };
  try {
    prepared = atBoundary('execute()', () => {
      checkClient(client);
      const options = checkExecuteOptions(givenOptions);
      const policy = retryPolicy(options.retry);
      const input = compileGets(gets);
      if (options.returnConsumedCapacity !== undefined) input.ReturnConsumedCapacity = options.returnConsumedCapacity;
      return { command: new TransactGetItemsCommand(input), options, policy };
    });
  } catch (error) {
    return Promise.reject(error);
  }
  return sendGets(gets, client, prepared.command, prepared.options, prepared.policy);
}

async function sendGets(gets: readonly GetNode[], client: DynamoDBClient, command: TransactGetItemsCommand, options: GetExecuteOptions, policy: RetryPolicy): Promise<never> {
  const outcome = await sendWithRetry((abortSignal) => client.send(command, { abortSignal }), {
    policy,
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
  const items = atBoundary('execute()', () =>
    gets.map((get, index) => {
      const item = responses[index]?.Item as Record<string, AttributeValue> | undefined;
      return item === undefined ? undefined : formatItem(get, item);
    }),
  );
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
