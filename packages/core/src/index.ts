export { tx, actionsOf } from './builder/transaction-builder.js';
export type {
  WriteTransaction,
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
export { DynatxError, TransactionValidationError, UnsupportedEntityError } from './errors/errors.js';
export type { DynatxErrorCode } from './errors/errors.js';
export * as messages from './errors/messages.js';
export { LIMITS } from './preflight/preflight.js';
