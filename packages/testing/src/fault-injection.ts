import {
  ThrottlingException,
  TransactionCanceledException,
  TransactionInProgressException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** Errors DynamoDB Local never produces on its own but a real table does. */
export type InjectedFault = 'transactionConflict' | 'throttling' | 'transactionInProgress' | 'network';

/** `lostResponse`: the write reached the engine, the caller got a timeout. */
export type InjectedFaultKind = InjectedFault | 'lostResponse';

export interface InjectedFaultRecord {
  readonly kind: InjectedFaultKind;
  /** SDK command name, e.g. `TransactWriteItemsCommand`. */
  readonly command: string;
  readonly at: Date;
  /** For `lostResponse`: whether the engine accepted the request whose response was dropped. */
  readonly engineSucceeded?: boolean;
}

export interface FaultInjector {
  /** The next `count` TransactWriteItems calls fail with `fault` before reaching the engine. */
  failNext(count: number, fault: InjectedFault): this;
  /** The next `count` TransactWriteItems calls are executed, then answered with a TimeoutError. */
  loseResponseOfNext(count: number): this;
  /** Every fault injected so far, oldest first. */
  readonly log: readonly InjectedFaultRecord[];
  /** Forgets queued faults and the log. */
  clear(): void;
  /** Detaches the middleware from the client; queued faults are dropped. */
  remove(): void;
}

const TARGET_COMMAND = 'TransactWriteItemsCommand';
const INJECTED_MARK = 'dynatxInjected';

/** True for errors thrown by a FaultInjector rather than by DynamoDB or the SDK. */
export function isInjectedFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<string, unknown>)[INJECTED_MARK] === true;
}

let injectorSequence = 0;

/**
 * Adds fault injection to the caller's own client, so the code under test
 * keeps using its real client and command path.
 *
 * The middleware sits in the 'initialize' step, before the SDK's retry
 * middleware: an injected fault reaches the caller exactly as queued instead of
 * being retried away by the SDK, which keeps retry logic in the code under test
 * observable. Only TransactWriteItems is affected (also when sent through the
 * DocumentClient, which runs the same command on the same middleware stack).
 *
 * A client created with `cacheMiddleware: true` resolves its middleware once;
 * inject faults before its first request.
 */
export function injectFaults(client: DynamoDBClient): FaultInjector {
  const name = `dynatxFaultInjection${++injectorSequence}`;
  const queue: InjectedFaultKind[] = [];
  const log: InjectedFaultRecord[] = [];

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (command !== TARGET_COMMAND) return next(args);
      const kind = queue.shift();
      if (kind === undefined) return next(args);

      if (kind !== 'lostResponse') {
        log.push({ kind, command, at: new Date() });
        throw faultError(kind, transactItemCount(args.input));
      }

      let engineSucceeded = true;
      try {
        await next(args);
      } catch {
        // A lost response hides the outcome either way, including a cancellation.
        engineSucceeded = false;
      }
      log.push({ kind, command, at: new Date(), engineSucceeded });
      throw lostResponseError();
    },
    { step: 'initialize', name, tags: ['DYNATX_FAULT_INJECTION'] },
  );

  const injector: FaultInjector = {
    failNext(count, fault) {
      enqueue(queue, count, fault);
      return this;
    },
    loseResponseOfNext(count) {
      enqueue(queue, count, 'lostResponse');
      return this;
    },
    get log() {
      return log;
    },
    clear() {
      queue.length = 0;
      log.length = 0;
    },
    remove() {
      queue.length = 0;
      client.middlewareStack.remove(name);
    },
  };
  return injector;
}

function enqueue(queue: InjectedFaultKind[], count: number, kind: InjectedFaultKind): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`fault count must be a non-negative integer, got ${count}`);
  }
  for (let i = 0; i < count; i++) queue.push(kind);
}

function transactItemCount(input: unknown): number {
  const items = (input as { TransactItems?: unknown } | undefined)?.TransactItems;
  return Array.isArray(items) && items.length > 0 ? items.length : 1;
}

// Shaped like what the SDK's deserializer produces for an HTTP 400 from DynamoDB.
const serviceMetadata = () => ({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });

function faultError(kind: InjectedFault, itemCount: number): Error {
  switch (kind) {
    case 'transactionConflict': {
      // DynamoDB reports one reason per action in request order; the action
      // that hit the conflict carries it, every other one says None.
      const reasons = Array.from({ length: itemCount }, (_, i) =>
        i === 0
          ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
          : { Code: 'None' },
      );
      const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons
        .map((reason) => reason.Code)
        .join(', ')}]`;
      return markInjected(
        new TransactionCanceledException({
          message,
          Message: message,
          CancellationReasons: reasons,
          $metadata: serviceMetadata(),
        }),
      );
    }
    case 'throttling':
      return markInjected(
        new ThrottlingException({
          message: 'Throughput exceeds the current capacity for one or more items in this request (injected)',
          $metadata: serviceMetadata(),
        }),
      );
    case 'transactionInProgress':
      return markInjected(
        new TransactionInProgressException({
          message: 'Another transaction with the same ClientRequestToken is in progress (injected)',
          Message: 'Another transaction with the same ClientRequestToken is in progress (injected)',
          $metadata: serviceMetadata(),
        }),
      );
    case 'network':
      // What Node's http client throws when the peer drops the connection.
      return markInjected(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  }
}

function lostResponseError(): Error {
  const error = Object.assign(
    new Error(
      'Response lost after the request was sent (injected timeout): the transaction may or may not have been applied',
    ),
    { code: 'ETIMEDOUT' },
  );
  error.name = 'TimeoutError';
  return markInjected(error);
}

function markInjected<T extends Error>(error: T): T {
  Object.defineProperty(error, INJECTED_MARK, { value: true, enumerable: false });
  return error;
}
