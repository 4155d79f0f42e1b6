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
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { PutNode } from '../nodes/action-node.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import { fingerprintOf, withManifest, type FeedWrite } from '../feed/manifest.js';
import { unmarshalItem } from '../schema/unmarshal.js';
import { IdempotentParameterMismatchError, TransactionIdReusedError } from './execution-errors.js';
import { describeValue } from '../errors/user-text.js';

/** Options of `execute()`: the idempotency token or transaction id, retries, cancellation by signal, and consumed capacity. */
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
  /**
   * For a transaction with a change feed: its id (1-128 characters: letters, digits and
   * `-_.:#`), the key of its manifest. Give one that your application can compute again (from
   * an order id, say) to make a re-send idempotent for as long as the manifest lives: a re-send
   * under the same id reports `alreadyCommitted` and applies nothing. By default the id is the
   * client request token.
   */
  readonly transactionId?: string;
}

const TRANSACTION_ID = /^[A-Za-z0-9_.:#-]{1,128}$/;

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
  const { clientRequestToken, retry, signal, returnConsumedCapacity, transactionId } = options as ExecuteOptions;
  if (transactionId !== undefined && (typeof transactionId !== 'string' || !TRANSACTION_ID.test(transactionId))) {
    throw invalidValueError(`transactionId must be 1-128 letters, digits or -_.:#, got ${describeValue(transactionId)}`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidValueError(`signal must be an AbortSignal, got ${describeValue(signal)}`);
  if (returnConsumedCapacity !== undefined && returnConsumedCapacity !== 'TOTAL' && returnConsumedCapacity !== 'INDEXES') {
    throw invalidValueError(`returnConsumedCapacity must be 'TOTAL' or 'INDEXES', got ${describeValue(returnConsumedCapacity)}`);
  }
  return Object.freeze({ clientRequestToken, retry: retry === undefined || retry === false ? retry : { ...retry }, signal, returnConsumedCapacity, transactionId });
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
  /** The actions as sent: the caller's, and a change feed's manifest last. */
  readonly sent: readonly ActionNode[];
  readonly feed: FeedWrite | undefined;
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
  feed?: ChangeFeed,
): Promise<TransactionResult<Actions>> {
  let prepared: PreparedWrite;
  try {
    prepared = atBoundary('execute()', () => prepareWrite(actions, client, givenOptions, feed));
  } catch (error) {
    return Promise.reject(error);
  }
  return sendWrite<Actions>(actions, prepared);
}

/**
 * The transaction id and token of a transaction with a change feed: the id given, else the
 * token given, else a new random one; the token given, else a new random one per call.
 *
 * With a feed, the manifest is what makes a re-send safe, at any time within its TTL, so the
 * token need not be derived from the id. It must not be: a manifest carries the time it was
 * sent, so two sends of one transaction are never byte-identical requests, which DynamoDB
 * would refuse under one token (IdempotentParameterMismatch).
 */
export function feedIdentity(feed: ChangeFeed | undefined, options: ExecuteOptions): { transactionId: string | undefined; clientRequestToken: string } {
  if (feed === undefined) {
    if (options.transactionId !== undefined) throw invalidValueError('transactionId names a transaction in a change feed: start the transaction with tx({ feed })');
    return { transactionId: undefined, clientRequestToken: checkToken(options.clientRequestToken ?? randomUUID()) };
  }
  const clientRequestToken = checkToken(options.clientRequestToken ?? randomUUID());
  return { transactionId: options.transactionId ?? clientRequestToken, clientRequestToken };
}

function prepareWrite(actions: readonly ActionNode[], client: DynamoDBClient, givenOptions: ExecuteOptions | undefined, feed: ChangeFeed | undefined): PreparedWrite {
  checkClient(client);
  const options = checkExecuteOptions(givenOptions);
  const { transactionId, clientRequestToken } = feedIdentity(feed, options);
  const policy = retryPolicy(options.retry);
  const write = feed === undefined ? undefined : { feed, transactionId: transactionId!, committedAt: Date.now() };
  const sent = write === undefined ? actions : withManifest(actions, write);
  const input = compileTransaction(sent, { clientRequestToken });
  if (options.returnConsumedCapacity !== undefined) input.ReturnConsumedCapacity = options.returnConsumedCapacity;
  return { client, command: new TransactWriteItemsCommand(input), clientRequestToken, policy, signal: options.signal, sent, feed: write };
}

async function sendWrite<Actions extends ActionInfo>(actions: readonly ActionNode[], prepared: PreparedWrite): Promise<TransactionResult<Actions>> {
  const { client, sent, feed } = prepared;
  let { command, clientRequestToken } = prepared;
  const send = () =>
    sendWithRetry((abortSignal) => client.send(command, { abortSignal }), {
      policy: prepared.policy,
      signal: prepared.signal,
      clientRequestToken,
      tables: [...new Set(sent.map((a) => a.table))],
    });
  let outcome;
  try {
    outcome = await send();
  } catch (error) {
    // With a feed, a token used before with other parameters (a re-send whose manifest carries a
    // later time) is not the last word: a fresh token lets the manifest answer, already
    // committed or not, and the manifest never lets the writes apply twice.
    if (!(feed !== undefined && error instanceof IdempotentParameterMismatchError)) throw error;
    clientRequestToken = randomUUID();
    command = new TransactWriteItemsCommand({ ...command.input, ClientRequestToken: clientRequestToken });
    outcome = await send();
  }
  const manifest = feed === undefined ? undefined : (sent.at(-1) as PutNode);
  const feedInfo = manifest === undefined ? undefined : Object.freeze({ transactionId: feed!.transactionId, manifestBytes: manifest.itemSize, manifestWriteUnits: 2 * Math.ceil(manifest.itemSize / 1024) });
  if (outcome.kind === 'ok') {
    return Object.freeze({
      committed: true,
      alreadyCommitted: false,
      attempts: outcome.attempts,
      clientRequestToken,
      consumedCapacity: outcome.output.ConsumedCapacity,
      retries: outcome.retries,
      feed: feedInfo,
    });
  }
  if (manifest !== undefined) {
    // The manifest exists already: this transaction id was committed before. The same
    // transaction is reported as such; another one under the same id is an error.
    const reason = outcome.reasons[sent.length - 1];
    if (reason?.Code === 'ConditionalCheckFailed') {
      const previous = reason.Item === undefined ? undefined : (unmarshalItem(reason.Item as Record<string, AttributeValue>) as Record<string, unknown>);
      const expected = fingerprintOf(actions);
      if (previous?.fingerprint !== expected) throw new TransactionIdReusedError(feed!.transactionId, feed!.feed.name);
      return Object.freeze({
        committed: true,
        alreadyCommitted: true,
        attempts: outcome.attempts,
        clientRequestToken,
        consumedCapacity: undefined,
        retries: outcome.retries,
        feed: Object.freeze({ ...feedInfo!, committedAt: Number(previous.committedAt) }),
      });
    }
  }
  const reasons = explainCancellation(actions, outcome.reasons.slice(0, actions.length));
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
