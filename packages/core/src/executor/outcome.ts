import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { AttemptFailure } from './execution-errors.js';
import type { ActionInfo } from '../builder/transaction-builder.js';
import type { AnyEntity, EntityItem, EntityKey, EntityName } from '../schema/entity-types.js';

/** The codes DynamoDB gives in `CancellationReasons`, one per action. */
export type CancellationCode =
  | 'None'
  | 'ConditionalCheckFailed'
  | 'ItemCollectionSizeLimitExceeded'
  | 'TransactionConflict'
  | 'ProvisionedThroughputExceeded'
  | 'ThrottlingError'
  | 'ValidationError';

export type { ActionsOf } from '../builder/transaction-builder.js';

/**
 * Why one action of a cancelled transaction was cancelled, typed by its entity: narrow on
 * `entity` or `label` and `oldItem` is that entity's item.
 */
export type CancellationReason<Actions extends ActionInfo = ActionInfo> = Actions extends ActionInfo<infer E, infer Label>
  ? AnyEntity extends E
    ? UntypedReason<Label>
    : ReasonOf<E, Label>
  : never;

/**
 * The reason of an action on an entity the type does not know (a `dynamicTx()` made without
 * entities, `TransactionResult<ActionInfo>`): its key and old item are plain records.
 */
export interface UntypedReason<Label extends string = string> extends ReasonBase<Label> {
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly oldItem: Readonly<Record<string, unknown>> | undefined;
}

interface ReasonBase<Label extends string> {
  /** Position of the action in the request. */
  readonly index: number;
  /** The label given with the action, if any. */
  readonly label: [Label] extends [never] ? undefined : Label | undefined;
  /** `Counter{tenant:acme}` */
  readonly itemId: string;
  readonly code: CancellationCode;
  readonly message: string | undefined;
}

/** Why one action on `E` was cancelled: narrowed on `entity` or `label`, its key and old item are typed. */
export interface ReasonOf<E extends AnyEntity, Label extends string> extends ReasonBase<Label> {
  readonly entity: EntityName<E>;
  readonly key: EntityKey<E>;
  /** The item as it was, for actions that asked with `returnOldItemOnFailure` (formatted by its entity). */
  readonly oldItem: EntityItem<E> | undefined;
}

/** A transaction that DynamoDB applied. */
export interface Committed {
  readonly committed: true;
  /**
   * `true` when this call applied nothing because the transaction had been committed before,
   * under the same change-feed transaction id (its manifest said so): a re-send recognised.
   * Always `false` for transactions without a change feed.
   */
  readonly alreadyCommitted: boolean;
  /** For a transaction recorded in a change feed: its id and what its manifest cost. */
  readonly feed: FeedCommit | undefined;
  /** How many times it was sent (1 unless a retry was needed). */
  readonly attempts: number;
  readonly clientRequestToken: string;
  readonly consumedCapacity: readonly ConsumedCapacity[] | undefined;
  /** The failed attempts before the one that committed, with why each was retried. */
  readonly retries: readonly AttemptFailure[];
}

/** A transaction that DynamoDB cancelled: nothing of it was applied. */
export interface Cancelled<Actions extends ActionInfo> {
  readonly committed: false;
  readonly attempts: number;
  readonly clientRequestToken: string;
  /** The failed attempts before the one that was cancelled. */
  readonly retries: readonly AttemptFailure[];
  /** One reason per action, in request order (code 'None' for the actions that were fine). */
  readonly reasons: readonly CancellationReason<Actions>[];
  /** Only the reasons whose code is not 'None'. */
  readonly failed: readonly CancellationReason<Actions>[];
  /** One line per failed action, e.g. `Tenant{tenant:globex} (check "active"): ConditionalCheckFailed`. */
  readonly summary: string;
}

/** What `execute()` resolves to: `Committed`, or `Cancelled` with a typed reason per action; narrow on `committed`. */
export type TransactionResult<Actions extends ActionInfo> = Committed | Cancelled<Actions>;

/** What recording a transaction in a change feed took. */
export interface FeedCommit {
  readonly transactionId: string;
  /** The manifest item's size (DynamoDB's item size). */
  readonly manifestBytes: number;
  /** The write units the manifest costs (transactional writes: 2 per started KB). */
  readonly manifestWriteUnits: number;
  /** For an `alreadyCommitted` result: when the transaction was first committed (ms since the epoch). */
  readonly committedAt?: number;
}
