import { randomUUID } from 'node:crypto';
import { TransactWriteItemsCommand, type DynamoDBClient, type ReturnConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { ActionNode } from '../nodes/action-node.js';
import type { ActionInfo } from '../builder/transaction-builder.js';
import { compileTransaction } from '../compiler/transaction-compiler.js';
import { retryPolicy, type RetryOptions, type RetryPolicy } from './retry-policy.js';
import { sendWithRetry } from './send-with-retry.js';
import { explainCancellation, summarize } from './cancellation.js';
import type { TransactionResult } from './outcome.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';

export interface ExecuteOptions {
  /**
   * The idempotency token (1-36 characters). Give one to make a re-send after a crash safe;
   * by default a new one is made per `execute` call and kept for every retry of that call.
   */
  readonly clientRequestToken?: string;
  /** Retry policy for conflicts, throttling and network errors, or `false` for a single attempt. */
  readonly retry?: RetryOptions | false;
  /** Stops retrying (and the request in flight) when it fires. */
  readonly signal?: AbortSignal;
  /** Ask DynamoDB for the capacity the transaction consumed. */
  readonly returnConsumedCapacity?: Exclude<ReturnConsumedCapacity, 'NONE'>;
}

/** The token DynamoDB accepts: 1 to 36 characters. */
export function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token.length < 1 || token.length > 36) {
    throw invalidValueError(`clientRequestToken must be 1 to 36 characters, got ${describeValue(token)}`);
  }
  return token;
}

/** Options from untyped callers: an object, an AbortSignal, a known capacity mode. */
export function checkExecuteOptions(options: unknown): ExecuteOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw invalidValueError(`execute() takes an options object, got ${describeValue(options)}`);
  // Read once, into an object of our own: a getter or Proxy cannot answer differently later.
  const { clientRequestToken, retry, signal, returnConsumedCapacity } = options as ExecuteOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidValueError(`signal must be an AbortSignal, got ${describeValue(signal)}`);
  if (returnConsumedCapacity !== undefined && returnConsumedCapacity !== 'TOTAL' && returnConsumedCapacity !== 'INDEXES') {
    throw invalidValueError(`returnConsumedCapacity must be 'TOTAL' or 'INDEXES', got ${describeValue(returnConsumedCapacity)}`);
  }
  return Object.freeze({ clientRequestToken, retry: retry === undefined || retry === false ? retry : { ...retry }, signal, returnConsumedCapacity });
}

/** The client must be an AWS SDK v3 client: something with `send`. */
export function checkClient(client: unknown): DynamoDBClient {
  if (typeof client !== 'object' || client === null || typeof (client as { send?: unknown }).send !== 'function') {
    throw invalidValueError(`execute() takes your DynamoDBClient (AWS SDK v3) first, got ${describeValue(client)}`);
  }
  return client as DynamoDBClient;
}

interface PreparedWrite {
  readonly client: DynamoDBClient;
  readonly command: TransactWriteItemsCommand;
  readonly clientRequestToken: string;
  readonly policy: RetryPolicy;
  readonly signal: AbortSignal | undefined;
}

/**
 * Sends a transaction through the caller's own client (its middleware, logging, region and
 * credentials stay in force) and returns its typed outcome. Everything about the caller's
 * arguments is checked before the first request, and a mistake there rejects with a typed
 * error; nothing is sent.
 */
export function executeWrite<Actions extends ActionInfo>(
  actions: readonly ActionNode[],
  client: DynamoDBClient,
  givenOptions?: ExecuteOptions,
): Promise<TransactionResult<Actions>> {
  let prepared: PreparedWrite;
  try {
    prepared = atBoundary('execute()', () => prepareWrite(actions, client, givenOptions));
  } catch (error) {
    return Promise.reject(error);
  }
  return sendWrite<Actions>(actions, prepared);
}

function prepareWrite(actions: readonly ActionNode[], client: DynamoDBClient, givenOptions: ExecuteOptions | undefined): PreparedWrite {
  checkClient(client);
  const options = checkExecuteOptions(givenOptions);
  const clientRequestToken = checkToken(options.clientRequestToken ?? randomUUID());
  const policy = retryPolicy(options.retry);
  const input = compileTransaction(actions, { clientRequestToken });
  if (options.returnConsumedCapacity !== undefined) input.ReturnConsumedCapacity = options.returnConsumedCapacity;
  return { client, command: new TransactWriteItemsCommand(input), clientRequestToken, policy, signal: options.signal };
}

async function sendWrite<Actions extends ActionInfo>(actions: readonly ActionNode[], prepared: PreparedWrite): Promise<TransactionResult<Actions>> {
  const { client, command, clientRequestToken } = prepared;
  const outcome = await sendWithRetry((abortSignal) => client.send(command, { abortSignal }), {
    policy: prepared.policy,
    signal: prepared.signal,
    clientRequestToken,
    tables: [...new Set(actions.map((a) => a.table))],
  });
  if (outcome.kind === 'ok') {
    return Object.freeze({
      committed: true,
      attempts: outcome.attempts,
      clientRequestToken,
      consumedCapacity: outcome.output.ConsumedCapacity,
      retries: outcome.retries,
    });
  }
  const reasons = explainCancellation(actions, outcome.reasons);
  return Object.freeze({
    committed: false,
    attempts: outcome.attempts,
    clientRequestToken,
    retries: outcome.retries,
    reasons,
    failed: reasons.filter((r) => r.code !== 'None'),
    summary: summarize(reasons, actions),
  }) as unknown as TransactionResult<Actions>;
}
