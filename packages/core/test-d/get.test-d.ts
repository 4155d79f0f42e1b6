/** txGet(): typed reads with the same compile-time rules as writes. */
import { expectError, expectType } from 'tsd';
import type { DynamoDBClient, TransactGetItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { txGet, type EntityItem } from '../dist/index.js';
import { Counter, Event, Tenant } from './entities.js';

declare const client: DynamoDBClient;

const read = txGet()
  .get(Tenant, { tenant: 'acme' }, { label: 'tenant' })
  .get(Counter, { tenant: 'acme' })
  .get(Event, { tenant: 'acme', eventId: 'e1' }, { label: 'event' });

expectType<3>(read.size);
expectType<TransactGetItemsCommandInput>(read.params());

const result = await read.execute(client);
// A tuple in request order, each item formatted by its entity or undefined when missing.
expectType<EntityItem<typeof Tenant> | undefined>(result.items[0]);
expectType<EntityItem<typeof Counter> | undefined>(result.items[1]);
expectType<EntityItem<typeof Event> | undefined>(result.items[2]);
expectType<3>(result.items.length);
expectType<number | undefined>(result.items[1]?.eventCount);
expectType<'active' | 'suspended' | undefined>(result.byLabel.tenant?.status);
expectType<string | undefined>(result.byLabel.event?.eventId);
expectError(result.byLabel.counter);

// The same rules as writes.
expectError(read.get(Tenant, { tenant: 'acme' }));
expectError(txGet().get(Counter, { tenant: 1 }));
expectError(txGet().get(Counter, { tenant: 'a', eventCount: 1 }));
expectError(txGet().get(Event, { tenant: 'a' }));
expectError(txGet().params());
expectError(txGet().execute(client));

// Different items of one entity, and the same key value on another entity, are fine.
txGet().get(Counter, { tenant: 'a' }).get(Counter, { tenant: 'b' }).get(Tenant, { tenant: 'a' });

// getAll: keys known at run time; the items join as an array after the tuple.
declare const shardKeys: readonly { tenant: string }[];
const many = txGet().get(Tenant, { tenant: 'acme' }).getAll(Counter, shardKeys);
const manyResult = await many.execute(client);
expectType<EntityItem<typeof Tenant> | undefined>(manyResult.items[0]);
expectType<EntityItem<typeof Counter> | undefined>(manyResult.items[1]);
expectType<number>(manyResult.items.length);
expectError(txGet().getAll(Counter, [{ tenant: 1 }]));
expectError(txGet().getAll(Counter, [{ tenant: 'a', eventCount: 2 }]));
// After getAll the compiler no longer tracks items: the pre-flight does.
many.get(Counter, { tenant: 'acme' }).get(Counter, { tenant: 'acme' });
