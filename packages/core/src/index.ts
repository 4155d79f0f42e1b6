export { tx, dynamicTx } from './builder/transaction-builder.js';
export { txGet } from './builder/get-builder.js';
export type { GetTransaction, GetResult } from './builder/get-builder.js';
export type { GetExecuteOptions } from './executor/get-executor.js';
export type {
  WriteTransaction,
  DynamicWriteTransaction,
  WriteOptions,
  CheckOptions,
  ActionInfo,
  TransactionTypeError,
} from './builder/transaction-builder.js';
export type { Condition, ConditionFn, ConditionOperators, DynamoDBType } from './builder/condition-builder.js';
export type { UpdateFn, UpdateOperations } from './builder/update-builder.js';
export type {
  AnyEntity,
  AttributeRef,
  AttributeRefs,
  EntityItem,
  EntityKey,
  EntityName,
  EntityPutItem,
  KeyAttributeName,
} from './schema/entity-types.js';
export type { ItemIdOf } from './schema/item-id.js';
export { versioned } from './schema/versioning.js';
export type { Versioned, VersionAttributeOf, ExpectedVersion } from './schema/versioning.js';
export { DynatxError, TransactionValidationError, UnsupportedEntityError } from './errors/errors.js';
export type { DynatxErrorCode } from './errors/errors.js';
export * as messages from './errors/messages.js';
export { LIMITS } from './preflight/preflight.js';
export type {
  ActionsOf,
  CancellationCode,
  CancellationReason,
  Cancelled,
  Committed,
  TransactionResult,
} from './executor/outcome.js';
export type { ExecuteOptions } from './executor/write-executor.js';
export { requestTokenFor } from './executor/request-token.js';
export type { RetryOptions } from './executor/retry-policy.js';
export {
  TransactionExecutionError,
  RetriesExhaustedError,
  TransactionAbortedError,
  IdempotentParameterMismatchError,
  TableNotFoundError,
  CredentialsRejectedError,
  DynamoDBValidationError,
  EndpointUnreachableError,
} from './executor/execution-errors.js';
export type { AttemptFailure } from './executor/execution-errors.js';
export { stageEdits, EditSession } from './staging/edit-session.js';
export type { AttributeChange, StagedItemDiff, StagedCommitResult } from './staging/edit-session.js';
