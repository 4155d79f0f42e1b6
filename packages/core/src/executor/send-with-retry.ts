import { classifyError, type ErrorClass, type RawReason } from './error-classifier.js';
import { backoffDelay, sleep, type RetryPolicy } from './retry-policy.js';
import {
  CredentialsRejectedError,
  DynamoDBValidationError,
  EndpointUnreachableError,
  IdempotentParameterMismatchError,
  RetriesExhaustedError,
  TableNotFoundError,
  TransactionAbortedError,
  TransactionExecutionError,
  type AttemptFailure,
} from './execution-errors.js';

export type SendOutcome<T> =
  | { readonly kind: 'ok'; readonly output: T; readonly attempts: number; readonly retries: readonly AttemptFailure[] }
  | {
      readonly kind: 'cancelled';
      readonly reasons: readonly RawReason[];
      readonly attempts: number;
      readonly retries: readonly AttemptFailure[];
    };

/**
 * Sends one request until it succeeds, is cancelled, or fails for good. The request is the
 * same object every time (same client request token), which is what makes a retry after an
 * ambiguous timeout safe: DynamoDB recognises the token and does not apply the writes twice.
 */
export async function sendWithRetry<T>(
  send: (abortSignal: AbortSignal | undefined) => Promise<T>,
  context: { policy: RetryPolicy; signal: AbortSignal | undefined; clientRequestToken: string; tables: readonly string[] },
): Promise<SendOutcome<T>> {
  const { policy, signal, clientRequestToken } = context;
  const failures: AttemptFailure[] = [];
  const startedAt = Date.now();
  let networkOnly = true;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new TransactionAbortedError(failures, clientRequestToken, signal.reason, mayHaveApplied(failures));
    let errorClass: ErrorClass;
    let error: unknown;
    try {
      const output = await send(signal);
      return { kind: 'ok', output, attempts: attempt, retries: failures };
    } catch (caught) {
      error = caught;
      errorClass = classifyError(caught);
    }
    switch (errorClass.kind) {
      case 'cancelled':
        return { kind: 'cancelled', reasons: errorClass.reasons, attempts: attempt, retries: failures };
      case 'aborted':
        // The abort cut this attempt short: it counts, and its request may already have been applied.
        failures.push({ attempt, reason: 'Aborted', error, delayMs: undefined });
        throw new TransactionAbortedError(failures, clientRequestToken, signal?.reason ?? error, true);
      case 'mismatch':
        throw new IdempotentParameterMismatchError(clientRequestToken, error);
      case 'tableNotFound':
        throw new TableNotFoundError(context.tables, error);
      case 'credentials':
        throw new CredentialsRejectedError(error);
      case 'validation':
        throw new DynamoDBValidationError(error);
      case 'other':
        throw new TransactionExecutionError(
          'ExecutionFailed',
          `The transaction failed with an error dynatx does not retry: ${describe(error)}`,
          { cause: error },
        );
      case 'retryable':
      case 'network': {
        if (errorClass.kind === 'retryable') networkOnly = false;
        const last = attempt >= policy.maxAttempts;
        const outOfWindow = Date.now() - startedAt > policy.tokenWindowMs;
        const delayMs = last || outOfWindow ? undefined : backoffDelay(policy, attempt);
        failures.push({ attempt, reason: errorClass.reason, error, delayMs });
        if (last || outOfWindow) {
          if (networkOnly && isUnreachable(error)) throw new EndpointUnreachableError(failures, error);
          throw new RetriesExhaustedError(
            failures,
            clientRequestToken,
            !last
              ? 'the 10-minute client request token window is nearly over'
              : policy.maxAttempts === 1
                ? 'retries are off'
                : `the retry budget of ${policy.maxAttempts} attempts is spent`,
            mayHaveApplied(failures),
          );
        }
        try {
          await sleep(delayMs!, signal);
        } catch (reason) {
          throw new TransactionAbortedError(failures, clientRequestToken, reason, mayHaveApplied(failures));
        }
      }
    }
  }
}

function mayHaveApplied(failures: readonly AttemptFailure[]): boolean {
  return failures.some((f) => mayHaveReachedDynamoDB(f.error));
}

/**
 * Only a failure after the request left can hide a commit: a timeout, a reset connection. A
 * refused connection never carried the request; an error DynamoDB answered with did not apply.
 */
function mayHaveReachedDynamoDB(error: unknown): boolean {
  const kind = classifyError(error).kind;
  return kind === 'network' && !isUnreachable(error);
}

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EAI_AGAIN';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
