import { randomInt } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tx, txGet, type ActionInfo, type ExecuteOptions, type TransactionResult } from '@dynatx/core';
import { Counter, CounterShard, Like } from './entities.js';

/**
 * Liking a post stores the like and counts it, in one transaction, so the count can never
 * drift from the likes (the audit-log pattern). The question here is *where* the count lives.
 *
 * Hot counter: every like of a post updates the same Counter item. In DynamoDB, transactions
 * that touch one item at the same time conflict (TransactionConflict, retried with backoff),
 * and one partition takes at most 1,000 write units a second, a transactional write costing
 * 2 per KB: one counter item tops out at a few hundred likes a second, fewer under conflicts.
 *
 * That is fine, and simpler, when the item is not hot: a few writes a second, or when the
 * exact count must be checked in a condition (a quota, "at most 10 seats"), which a sharded
 * count cannot do because no single item holds the total.
 *
 * Sharded counter: the count is spread over SHARD_COUNT items; each like adds 1 to one shard
 * picked at random, so concurrent likes mostly touch different items. Reading the total
 * takes SHARD_COUNT gets instead of one.
 */
export const SHARD_COUNT = 4;

export const likeCounterName = (postId: string) => `likes:${postId}`;

export const randomShard = () => randomInt(SHARD_COUNT);

/** The pitfall: every transaction of every liker writes one and the same Counter item. */
export function likeWithHotCounterTransaction(postId: string, userId: string) {
  return tx()
    .put(Like, { postId, userId }, { if: (l, op) => op.notExists(l.userId), label: 'like' })
    .update(Counter, { name: likeCounterName(postId) }, (u) => u.add({ count: 1 }), { label: 'count' });
}

/** The alternative: the same like, counted on one shard of the counter. */
export function likeWithShardedCounterTransaction(postId: string, userId: string, shard: number = randomShard()) {
  if (!Number.isInteger(shard) || shard < 0 || shard >= SHARD_COUNT) throw new RangeError(`shard must be 0 to ${SHARD_COUNT - 1}, got ${shard}`);
  return tx()
    .put(Like, { postId, userId }, { if: (l, op) => op.notExists(l.userId), label: 'like' })
    .update(CounterShard, { name: likeCounterName(postId), shard }, (u) => u.add({ count: 1 }), { label: 'count shard' });
}

export type LikeOutcome = 'liked' | 'already-liked';

/** Both like transactions end the same way: committed, or refused because the user already liked the post. */
function likeOutcome(result: TransactionResult<ActionInfo>): LikeOutcome {
  if (result.committed) return 'liked';
  if (result.failed.every((r) => r.label === 'like' && r.code === 'ConditionalCheckFailed')) return 'already-liked';
  throw new Error(`The like was cancelled for an unexpected reason:\n${result.summary}`);
}

export async function likeWithHotCounter(client: DynamoDBClient, postId: string, userId: string, options?: ExecuteOptions): Promise<LikeOutcome> {
  return likeOutcome(await likeWithHotCounterTransaction(postId, userId).execute(client, options));
}

/** `shard` picks the shard (tests use it to be deterministic); by default it is random. */
export async function likeWithShardedCounter(
  client: DynamoDBClient,
  postId: string,
  userId: string,
  options: ExecuteOptions & { readonly shard?: number } = {},
): Promise<LikeOutcome> {
  const { shard, ...execute } = options;
  return likeOutcome(await likeWithShardedCounterTransaction(postId, userId, shard).execute(client, execute));
}

export async function readHotCount(client: DynamoDBClient, postId: string): Promise<number> {
  const { items } = await txGet().get(Counter, { name: likeCounterName(postId) }).execute(client);
  return items[0]?.count ?? 0;
}

/**
 * The total of a sharded counter: every shard read in one TransactGetItems, a serializable
 * snapshot, so a like is never counted half (it cannot be, touching one shard) and the
 * shards are all seen at one point in time. The result is a typed tuple, one entry per
 * shard, `undefined` for a shard no like has landed on yet.
 */
export async function readShardedCount(client: DynamoDBClient, postId: string): Promise<{ total: number; perShard: number[] }> {
  const name = likeCounterName(postId);
  // Every shard in one TransactGetItems: a consistent total, never a sum of shards read at
  // different moments.
  const shards = Array.from({ length: SHARD_COUNT }, (_, shard) => ({ name, shard }));
  const { items } = await txGet().getAll(CounterShard, shards).execute(client);
  const perShard = items.map((shard) => shard?.count ?? 0);
  return { total: perShard.reduce((sum, n) => sum + n, 0), perShard };
}
