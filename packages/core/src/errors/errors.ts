import {
  duplicateItemMessage,
  emptyTransactionMessage,
  tooManyActionsMessage,
} from './messages.js';
import { describeValue, shownText } from './user-text.js';

/**
 * Every error dynatx raises before sending anything. `code` is stable and meant for
 * `switch`; `message` is the sentence from `messages.ts`.
 */
export class DynatxError extends Error {
  override readonly name: string = 'DynatxError';
  constructor(
    readonly code: DynatxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The `code` of every DynatxError, one per kind of refusal or failure: switch on it rather than on message text. */
export type DynatxErrorCode =
  | 'EmptyTransaction'
  | 'TooManyActions'
  | 'DuplicateItem'
  | 'UndeclaredAction'
  | 'InvalidValue'
  | 'ItemTooLarge'
  | 'TransactionTooLarge'
  | 'ExpressionTooLong'
  | 'UnsupportedEntity'
  | 'RetriesExhausted'
  | 'Aborted'
  | 'IdempotentParameterMismatch'
  | 'TableNotFound'
  | 'CredentialsRejected'
  | 'DynamoDBValidation'
  | 'EndpointUnreachable'
  | 'ExecutionFailed'
  | 'UserCodeFailed'
  | 'TransactionIdReused';

/** The transaction breaks one of DynamoDB's rules; it was not sent. */
export class TransactionValidationError extends DynatxError {
  override readonly name: string = 'TransactionValidationError';
}

export const emptyTransactionError = () => new TransactionValidationError('EmptyTransaction', emptyTransactionMessage());
export const tooManyActionsError = () => new TransactionValidationError('TooManyActions', tooManyActionsMessage());
export const duplicateItemError = (itemId: string) =>
  new TransactionValidationError('DuplicateItem', duplicateItemMessage(itemId));
export const invalidValueError = (message: string) => new TransactionValidationError('InvalidValue', message);

/**
 * Runs one public call at dynatx's boundary. dynatx's own refusals pass through; anything else
 * thrown while it reads the caller's arguments or runs the caller's functions (a getter or Proxy
 * trap that throws, a condition or update function that throws, an entity's default or hook)
 * becomes a typed error that names the call and keeps the original as its cause.
 */
export function atBoundary<T>(call: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DynatxError) throw error;
    throw new TransactionValidationError(
      'UserCodeFailed',
      `${call} failed while reading its arguments or running your functions: ${describeThrown(error)}`,
      { cause: error },
    );
  }
}

function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? `${shownText(error.name, 40)}: ${shownText(error.message, 200)}` : describeValue(error);
  } catch {
    return 'an error that cannot be inspected';
  }
}

/** The entity uses an ElectroDB feature whose output dynatx cannot reproduce exactly. */
export class UnsupportedEntityError extends DynatxError {
  override readonly name: string = 'UnsupportedEntityError';
  constructor(message: string) {
    super('UnsupportedEntity', message);
  }
}
