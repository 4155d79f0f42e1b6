// Building transactions: writes, reads, and the types their methods take.
export { tx, dynamicTx } from './builder/transaction-builder.js';
export type {
  TransactionOptions,
  WriteTransaction,
  DynamicWriteTransaction,
  WriteOptions,
  CheckOptions,
  ActionInfo,
  Rejected,
  EmptyCount,
  NextCount,
  WriteActions,
  DynamicDeclaration,
} from './builder/transaction-builder.js';
export { txGet } from './builder/get-builder.js';
export type { GetTransaction, GetResult } from './builder/get-builder.js';
export type { Condition, ConditionFn, ConditionOperators, DynamoDBType } from './builder/condition-builder.js';
export type { UpdateFn, UpdateOperations } from './builder/update-builder.js';

// What dynatx reads from ElectroDB entities.
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
// How dynatx reads an ElectroDB entity's key layout (for tools built on dynatx, such as @dynatx/testing).
export { readElectroModel } from './schema/electrodb-model.js';
export type { ElectroModelView, ElectroIndex, ElectroKey, ElectroAttribute } from './schema/electrodb-model.js';

// Optimistic locking and staged edits.
export { versioned } from './schema/versioning.js';
export { NumberValue } from './schema/unmarshal.js';
export type { Versioned, VersionAttributeOf, ExpectedVersion } from './schema/versioning.js';
export { stageEdits, EditSession } from './staging/edit-session.js';
export type { AttributeChange, StagedItemDiff, StagedCommitResult } from './staging/edit-session.js';

// The change feed: transactions recorded with a manifest, and durable idempotency.
export { changeFeed } from './feed/change-feed.js';
export type { ChangeFeed, ChangeFeedOptions } from './feed/change-feed.js';
export type { ManifestAction } from './feed/manifest.js';

// Running transactions and their outcomes.
export type { ExecuteOptions } from './executor/write-executor.js';
export type { GetExecuteOptions } from './executor/get-executor.js';
export type { RetryOptions } from './executor/retry-policy.js';
export { requestTokenFor } from './executor/request-token.js';
export type {
  ActionsOf,
  CancellationCode,
  CancellationReason,
  Cancelled,
  Committed,
  FeedCommit,
  TransactionResult,
} from './executor/outcome.js';

// Errors: raised before sending (validation) and while sending (execution).
export { DynatxError, TransactionValidationError, UnsupportedEntityError } from './errors/errors.js';
export type { DynatxErrorCode } from './errors/errors.js';
export * as messages from './errors/messages.js';
export { LIMITS } from './preflight/preflight.js';
export {
  TransactionExecutionError,
  RetriesExhaustedError,
  TransactionAbortedError,
  IdempotentParameterMismatchError,
  TableNotFoundError,
  CredentialsRejectedError,
  DynamoDBValidationError,
  EndpointUnreachableError,
  TransactionIdReusedError,
} from './executor/execution-errors.js';
export type { AttemptFailure } from './executor/execution-errors.js';

// The change feed's consumers: typed events from a table's stream (intent and image feeds),
// a pure assembler, a poller with checkpoints, and a handler for Lambda stream batches.
export { FeedAssembler, feedAssembler } from './feed/assembler.js';
export type { FeedMode, FeedAssemblerOptions, FeedAssemblerStats, FeedConsumerState, StreamBatch } from './feed/assembler.js';
export { FeedConsumer, openFeedConsumer, memoryCheckpointStore } from './feed/consumer.js';
export type { FeedCheckpointStore, MemoryCheckpointStore, FeedConsumerOptions } from './feed/consumer.js';
export { createFeedPoller } from './feed/poller.js';
export type { FeedPoller, FeedPollerOptions, FeedPollRound } from './feed/poller.js';
export type {
  FeedAction,
  FeedActionOf,
  FeedImageAction,
  FeedImageActionOf,
  FeedTransactionEvent,
  FeedImagesEvent,
  FeedIncompleteReport,
  FeedOutput,
  FeedEntities,
} from './feed/events.js';
export { feedStreamHandler } from './feed/lambda-handler.js';
export type { FeedStreamHandlerOptions, FeedStreamEvent, FeedStreamBatchResponse, FeedDeliveryInfo } from './feed/lambda-handler.js';
export { compareSequence } from './feed/stream-records.js';
export type { StreamRecord, StreamImage, StreamAttributeValue, StreamsClientLike } from './feed/stream-records.js';
