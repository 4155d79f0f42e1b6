/** The hot-counter example against a DynamoDB Local started by this file. */
import { useTable } from '@dynatx/testing/vitest';
import { describe, expect, test } from 'vitest';
import { watchContention } from '../src/hot-counter/contention-probe.js';
import { Counter, CounterShard, Like } from '../src/hot-counter/entities.js';
import {
  likeCounterName,
  likeWithHotCounter,
  likeWithHotCounterTransaction,
  likeWithShardedCounter,
  likeWithShardedCounterTransaction,
  readHotCount,
  readShardedCount,
  SHARD_COUNT,
} from '../src/hot-counter/likes.js';
import { runHotCounterScenario } from '../src/hot-counter/scenario.js';

// Also points the entities (table name and client) at the test table, so ElectroDB reads back.
const table = useTable([Like, Counter, CounterShard]);

/** A client of the test's own, so that a probe sees only its test's transactions. */
const freshClient = () => table.createClient();

let sequence = 0;
const post = () => `post-${++sequence}`;
const users = (count: number) => Array.from({ length: count }, (_, i) => `user-${i}`);
const likesStored = async (postId: string) => (await Like.query.byPost({ postId }).go({ pages: 'all' })).data.length;

const K = 40;

describe('sharded counter', () => {
  test(`after ${K} concurrent likes the shards sum to ${K}, read as one typed snapshot`, async () => {
    const postId = post();
    const outcomes = await Promise.all(users(K).map((user) => likeWithShardedCounter(table.client, postId, user)));
    expect(outcomes.every((o) => o === 'liked')).toBe(true);
    const { total, perShard } = await readShardedCount(table.client, postId);
    expect(total).toBe(K);
    expect(perShard).toHaveLength(SHARD_COUNT);
    expect(await likesStored(postId)).toBe(K);
    // ElectroDB reads each shard back too.
    const shards = await Promise.all(perShard.map((_, shard) => CounterShard.get({ name: likeCounterName(postId), shard }).go()));
    expect(shards.reduce((sum, s) => sum + (s.data?.count ?? 0), 0)).toBe(K);
  });

  test('each transaction writes exactly one shard: in its params, and on the wire', async () => {
    const params = likeWithShardedCounterTransaction('p', 'u', 2).params();
    const [like, count] = params.TransactItems!;
    expect(params.TransactItems).toHaveLength(2);
    expect(like!.Put!.ConditionExpression).toMatch(/^attribute_not_exists\(/);
    expect(count!.Update!.Key!.pk!.S).toContain('shard_2');
    const [, name, value] = /ADD (#\w+) (:\w+)/.exec(count!.Update!.UpdateExpression!)!;
    expect(count!.Update!.ExpressionAttributeNames![name!]).toBe('count');
    expect(count!.Update!.ExpressionAttributeValues![value!]).toEqual({ N: '1' });

    // Round-robin shards, so the spread is exact.
    const client = freshClient();
    const probe = watchContention(client);
    const postId = post();
    await Promise.all(users(K).map((user, i) => likeWithShardedCounter(client, postId, user, { shard: i % SHARD_COUNT })));
    expect(probe.transactions).toHaveLength(K);
    for (const items of probe.transactions) {
      expect(items).toHaveLength(2);
      expect(items.filter((item) => item.includes('#shard_'))).toHaveLength(1);
    }
    const shards = probe.report().filter((r) => r.item.includes('#shard_'));
    expect(shards.map((s) => s.transactions)).toEqual(Array(SHARD_COUNT).fill(K / SHARD_COUNT));
    expect((await readShardedCount(client, postId)).perShard).toEqual(Array(SHARD_COUNT).fill(K / SHARD_COUNT));
    client.destroy();
  });

  test('random shards: over many likes every shard is used', async () => {
    const postId = post();
    await Promise.all(users(K).map((user) => likeWithShardedCounter(table.client, postId, user)));
    // 4 shards, 40 random picks: the chance that one shard is never picked is about 4 * 0.75^40, 4 in a million.
    expect((await readShardedCount(table.client, postId)).perShard.every((n) => n > 0)).toBe(true);
  });

  test('a second like by the same user is cancelled naming the like, and no shard moves', async () => {
    const postId = post();
    await likeWithShardedCounter(table.client, postId, 'ann', { shard: 1 });
    const result = await likeWithShardedCounterTransaction(postId, 'ann', 3).execute(table.client);
    if (result.committed) throw new Error('expected a cancellation');
    expect(result.failed.map((r) => [r.label, r.code])).toEqual([['like', 'ConditionalCheckFailed']]);
    expect(await likeWithShardedCounter(table.client, postId, 'ann')).toBe('already-liked');
    expect(await readShardedCount(table.client, postId)).toEqual({ total: 1, perShard: [0, 1, 0, 0] });
  });

  test('a shard outside 0..SHARD_COUNT-1 is refused before sending', () => {
    expect(() => likeWithShardedCounterTransaction('p', 'u', SHARD_COUNT)).toThrow(RangeError);
    expect(() => likeWithShardedCounterTransaction('p', 'u', -1)).toThrow(RangeError);
  });
});

describe('hot counter (the pitfall)', () => {
  test(`${K} concurrent likes all write the one counter item; the count is right, the contention is all on it`, async () => {
    const client = freshClient();
    const probe = watchContention(client);
    const postId = post();
    await Promise.all(users(K).map((user) => likeWithHotCounter(client, postId, user)));
    expect(await readHotCount(client, postId)).toBe(K);
    const [busiest, ...others] = probe.report();
    expect(busiest).toMatchObject({ transactions: K });
    expect(busiest!.item).toContain(`name_${likeCounterName(postId)}`);
    // Every other item (the likes) was written once.
    expect(others.every((r) => r.transactions === 1)).toBe(true);
    client.destroy();
  });

  test('its params: every like, whoever the user, updates the same key', () => {
    const keyOf = (user: string) => likeWithHotCounterTransaction('p', user).params().TransactItems![1]!.Update!.Key;
    expect(keyOf('ann')).toEqual(keyOf('bo'));
  });
});

test('the runnable scenario passes its own checks', async () => {
  const client = freshClient();
  const checks = await runHotCounterScenario(client, { likes: 40, log: () => {} });
  client.destroy();
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  expect(checks).toHaveLength(6);
});
