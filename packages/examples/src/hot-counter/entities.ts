import { Entity } from 'electrodb';

export const LIKES_TABLE = 'likes';

/** One user's like of one post; the key makes a second like by the same user impossible. */
export const Like = new Entity(
  {
    model: { entity: 'Like', version: '1', service: 'social' } as const,
    attributes: {
      postId: { type: 'string', required: true },
      userId: { type: 'string', required: true },
    },
    indexes: {
      byPost: { pk: { field: 'pk', composite: ['postId'] }, sk: { field: 'sk', composite: ['userId'] } },
    },
  },
  { table: LIKES_TABLE },
);

/** A counter kept in one item: the hot spot when every transaction adds to it. */
export const Counter = new Entity(
  {
    model: { entity: 'Counter', version: '1', service: 'social' } as const,
    attributes: {
      name: { type: 'string', required: true },
      count: { type: 'number', required: true, default: 0 },
    },
    indexes: {
      byName: { pk: { field: 'pk', composite: ['name'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: LIKES_TABLE },
);

/**
 * One of the N items a sharded counter is spread over. The shard number is part of the
 * *partition* key, not only of the sort key: DynamoDB's per-partition throughput limit
 * applies to a partition key, so shards under one partition key would still share it.
 */
export const CounterShard = new Entity(
  {
    model: { entity: 'CounterShard', version: '1', service: 'social' } as const,
    attributes: {
      name: { type: 'string', required: true },
      shard: { type: 'number', required: true },
      count: { type: 'number', required: true, default: 0 },
    },
    indexes: {
      byShard: { pk: { field: 'pk', composite: ['name', 'shard'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: LIKES_TABLE },
);
