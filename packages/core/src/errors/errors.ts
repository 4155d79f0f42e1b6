import {
  duplicateItemMessage,
  emptyTransactionMessage,
  tooManyActionsMessage,
} from './messages.js';

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

export type DynatxErrorCode =
  | 'EmptyTransaction'
  | 'TooManyActions'
  | 'DuplicateItem'
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
  | 'ExecutionFailed';

/** The transaction breaks one of DynamoDB's rules; it was not sent. */
export class TransactionValidationError extends DynatxError {
  override readonly name: string = 'TransactionValidationError';
}

export const emptyTransactionError = () => new TransactionValidationError('EmptyTransaction', emptyTransactionMessage());
export const tooManyActionsError = () => new TransactionValidationError('TooManyActions', tooManyActionsMessage());
export const duplicateItemError = (itemId: string) =>
  new TransactionValidationError('DuplicateItem', duplicateItemMessage(itemId));
export const invalidValueError = (message: string) => new TransactionValidationError('InvalidValue', message);

/** The entity uses an ElectroDB feature whose output dynatx cannot reproduce exactly. */
export class UnsupportedEntityError extends DynatxError {
  override readonly name: string = 'UnsupportedEntityError';
  constructor(message: string) {
    super('UnsupportedEntity', message);
  }
}
