import { DynatxError } from '../errors/errors.js';

/**
 * Errors raised while sending a transaction. A cancellation is not among them: it comes
 * back as a typed `Cancelled` result, because it is an answer, not a failure.
 */
export class TransactionExecutionError extends DynatxError {
  override readonly name: string = 'TransactionExecutionError';
}

/** One failed attempt, kept so that a final error can show every cause. */
export interface AttemptFailure {
  readonly attempt: number;
  /** What went wrong, e.g. 'TransactionConflict', 'Throttling', 'Network'. */
  readonly reason: string;
  readonly error: unknown;
  /** How long we waited before the next attempt (ms), if there was one. */
  readonly delayMs: number | undefined;
}

/** Every attempt failed with a retryable error; the writes were not applied by any of them (or, after a lost response, exactly once). */
export class RetriesExhaustedError extends DynatxError {
  override readonly name: string = 'RetriesExhaustedError';
  constructor(
    readonly attempts: readonly AttemptFailure[],
    readonly clientRequestToken: string,
    why: string,
  ) {
    super(
      'RetriesExhausted',
      `The transaction failed after ${attempts.length} attempt${attempts.length === 1 ? '' : 's'} (${why}): ${attempts
        .map((a) => `#${a.attempt} ${a.reason}`)
        .join(', ')}. Every attempt used client request token ${clientRequestToken}; resend with that token within 10 minutes and DynamoDB applies it at most once.`,
      { cause: attempts.at(-1)?.error },
    );
  }
}

/** The caller's AbortSignal fired. If an attempt was in flight, its outcome is unknown. */
export class TransactionAbortedError extends DynatxError {
  override readonly name: string = 'TransactionAbortedError';
  constructor(
    readonly attempts: readonly AttemptFailure[],
    readonly clientRequestToken: string,
    reason: unknown,
  ) {
    super(
      'Aborted',
      `The transaction was aborted after ${attempts.length} failed attempt${attempts.length === 1 ? '' : 's'}; resend with client request token ${clientRequestToken} to learn its outcome safely.`,
      { cause: reason },
    );
  }
}

/** The same client request token was used before with a different request. */
export class IdempotentParameterMismatchError extends DynatxError {
  override readonly name: string = 'IdempotentParameterMismatchError';
  constructor(
    readonly clientRequestToken: string,
    cause: unknown,
  ) {
    super(
      'IdempotentParameterMismatch',
      `Client request token ${clientRequestToken} was already used within the last 10 minutes for a different transaction: use a new token for a new transaction`,
      { cause },
    );
  }
}

/** A table named by the transaction does not exist at the endpoint. */
export class TableNotFoundError extends DynatxError {
  override readonly name: string = 'TableNotFoundError';
  constructor(
    readonly tables: readonly string[],
    cause: unknown,
  ) {
    super(
      'TableNotFound',
      `Table ${tables.map((t) => `'${t}'`).join(' or ')} was not found at this endpoint (region and endpoint as configured on your DynamoDBClient)`,
      { cause },
    );
  }
}

/** The endpoint refused the client's credentials or signature. */
export class CredentialsRejectedError extends DynatxError {
  override readonly name: string = 'CredentialsRejectedError';
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super('CredentialsRejected', `DynamoDB rejected the client's credentials (${detail})`, { cause });
  }
}

/** DynamoDB refused the request as invalid (a rule the pre-flight could not see). */
export class DynamoDBValidationError extends DynatxError {
  override readonly name: string = 'DynamoDBValidationError';
  constructor(cause: unknown) {
    const detail = cause instanceof Error && cause.message ? cause.message : 'no detail given';
    super('DynamoDBValidation', `DynamoDB rejected the transaction as invalid: ${detail}`, { cause });
  }
}

/** The endpoint could not be reached at all. */
export class EndpointUnreachableError extends DynatxError {
  override readonly name: string = 'EndpointUnreachableError';
  constructor(
    readonly attempts: readonly AttemptFailure[],
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('EndpointUnreachable', `Could not reach the DynamoDB endpoint after ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}: ${detail}`, { cause });
  }
}
