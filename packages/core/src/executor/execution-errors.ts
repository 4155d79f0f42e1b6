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

/**
 * Every attempt failed with a retryable error. Whether the writes happened depends on how the
 * attempts failed: see `mayHaveBeenApplied`.
 */
export class RetriesExhaustedError extends DynatxError {
  override readonly name: string = 'RetriesExhaustedError';
  /**
   * `false` when every attempt was refused before it could apply (conflicts, throttling, a
   * transaction in progress): nothing was written. `true` when an attempt timed out or lost
   * its connection after the request may have reached DynamoDB: the writes may have been
   * applied, once. Resending with `clientRequestToken` within 10 minutes settles it safely.
   */
  readonly mayHaveBeenApplied: boolean;
  constructor(
    readonly attempts: readonly AttemptFailure[],
    readonly clientRequestToken: string,
    why: string,
    mayHaveBeenApplied: boolean,
  ) {
    super(
      'RetriesExhausted',
      `The transaction failed after ${plural(attempts.length, 'attempt')} (${why}): ${attempts
        .map((a) => `#${a.attempt} ${a.reason}`)
        .join(', ')}. ${
        mayHaveBeenApplied
          ? 'An attempt may have reached DynamoDB before failing, so the writes may have been applied.'
          : 'DynamoDB refused every attempt, so nothing was applied.'
      } Every attempt used client request token ${clientRequestToken}; resend with that token within 10 minutes and DynamoDB applies it at most once.`,
      { cause: attempts.at(-1)?.error },
    );
    this.mayHaveBeenApplied = mayHaveBeenApplied;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The caller's AbortSignal fired. `attempts` includes the attempt the abort cut short, if one
 * was in flight; see `mayHaveBeenApplied`.
 */
export class TransactionAbortedError extends DynatxError {
  override readonly name: string = 'TransactionAbortedError';
  /**
   * `true` when an attempt was in flight when the abort came, or an earlier one failed after its
   * request may have reached DynamoDB: the writes may have been applied, once. `false` when no
   * request can have been applied (aborted before sending, or every attempt was refused).
   */
  readonly mayHaveBeenApplied: boolean;
  constructor(
    readonly attempts: readonly AttemptFailure[],
    readonly clientRequestToken: string,
    reason: unknown,
    mayHaveBeenApplied: boolean,
  ) {
    const cutShort = attempts.at(-1)?.reason === 'Aborted';
    super(
      'Aborted',
      `The transaction was aborted ${
        attempts.length === 0 ? 'before its first attempt' : cutShort ? `during attempt ${attempts.length}` : `after ${plural(attempts.length, 'failed attempt')}`
      }: ${
        mayHaveBeenApplied
          ? `its writes may have been applied. Resend with client request token ${clientRequestToken} within 10 minutes to learn the outcome; DynamoDB applies it at most once.`
          : 'nothing was applied.'
      }`,
      { cause: reason },
    );
    this.mayHaveBeenApplied = mayHaveBeenApplied;
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
    super('EndpointUnreachable', `Could not reach the DynamoDB endpoint after ${plural(attempts.length, 'attempt')}: ${detail}`, { cause });
  }
}

/**
 * A transaction id of a change feed was used before for a different transaction (other items,
 * or other actions on them): its manifest says so. Nothing of this transaction was applied.
 */
export class TransactionIdReusedError extends DynatxError {
  override readonly name: string = 'TransactionIdReusedError';
  constructor(
    readonly transactionId: string,
    readonly feed: string,
  ) {
    super(
      'TransactionIdReused',
      `Transaction id ${transactionId} was already used in change feed '${feed}' for a different transaction (other items or actions); nothing was applied: use a new id for a new transaction`,
    );
  }
}
