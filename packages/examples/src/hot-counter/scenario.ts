import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Like } from './entities.js';
import { watchContention, type ItemContention } from './contention-probe.js';
import { likeCounterName, likeWithHotCounter, likeWithShardedCounter, readHotCount, readShardedCount, SHARD_COUNT } from './likes.js';

export type { Check } from '../shared/run-example.js';
import type { Check } from '../shared/run-example.js';

/**
 * The hot-counter story: `likes` concurrent likes counted on one item, then as many on a
 * sharded counter, with the contention each layout puts on its busiest item. The Like entity
 * needs an ElectroDB client (the likes are counted with a query).
 */
export async function runHotCounterScenario(
  client: DynamoDBClient,
  options: { readonly likes?: number; readonly log?: (line: string) => void } = {},
): Promise<Check[]> {
  const likes = options.likes ?? 60;
  const log = options.log ?? console.log;
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const users = Array.from({ length: likes }, (_, i) => `user-${i}`);
  // The probe sees every item written; the story is about the counter items, not the likes.
  const counterItems = (postId: string, report: ItemContention[]) => report.filter((r) => r.item.includes(`name_${likeCounterName(postId)}`));

  log(`${likes} users like post "hot" at once; its count lives in one Counter item`);
  const hotProbe = watchContention(client);
  await Promise.all(users.map((user) => likeWithHotCounter(client, 'hot', user)));
  hotProbe.remove();
  const [hotCounter] = counterItems('hot', hotProbe.report());
  log(`  the Counter item was written by ${hotCounter?.transactions} transactions, up to ${hotCounter?.peakInFlight} in flight on it at once`);
  const hotCount = await readHotCount(client, 'hot');
  log(`  count: ${hotCount}`);
  check('the hot counter counts every like', hotCount === likes, `${hotCount} of ${likes}`);
  check('every like transaction wrote the same counter item', hotCounter?.transactions === likes, `${hotCounter?.transactions} transactions on it`);

  log(`\n${likes} users like post "cool" at once; its count is spread over ${SHARD_COUNT} CounterShard items`);
  const shardProbe = watchContention(client);
  await Promise.all(users.map((user) => likeWithShardedCounter(client, 'cool', user)));
  shardProbe.remove();
  const shards = counterItems('cool', shardProbe.report());
  for (const shard of shards) log(`  ${shard.item}: ${shard.transactions} transactions, up to ${shard.peakInFlight} in flight at once`);
  const { total, perShard } = await readShardedCount(client, 'cool');
  log(`  total read in one TransactGetItems: ${perShard.join(' + ')} = ${total}`);
  check('the shards add up to every like', total === likes, `${total} of ${likes}`);
  check(
    'each sharded transaction wrote one shard',
    shardProbe.transactions.every((items) => items.filter((item) => item.includes('#shard_')).length === 1),
    `${shardProbe.transactions.length} transactions`,
  );
  const busiest = Math.max(...shards.map((s) => s.peakInFlight));
  check(
    'the busiest shard saw less contention than the single counter',
    busiest < (hotCounter?.peakInFlight ?? 0) || (hotCounter?.peakInFlight ?? 0) <= 1,
    `peak ${busiest} on a shard vs ${hotCounter?.peakInFlight} on the counter`,
  );

  const again = await likeWithShardedCounter(client, 'cool', 'user-0');
  const after = await readShardedCount(client, 'cool');
  const stored = (await Like.query.byPost({ postId: 'cool' }).go({ pages: 'all' })).data.length;
  log(`\nuser-0 likes "cool" again: ${again}; total still ${after.total}, ${stored} likes stored`);
  check('a second like by one user is refused and not counted', again === 'already-liked' && after.total === likes && stored === likes, `${after.total} counted, ${stored} stored`);
  return checks;
}
