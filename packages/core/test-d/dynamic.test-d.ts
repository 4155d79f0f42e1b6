/**
 * Transactions built in a loop: `dynamicTx()` keeps one type across steps, so reassignment
 * compiles; duplicates and the 100-action cap are left to the run-time pre-flight, while key
 * shapes and values are still checked.
 */
import { expectError, expectType } from 'tsd';
import type { DynamoDBClient, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { dynamicTx, tx, requestTokenFor, type DynamicWriteTransaction, type EntityItem, type EntityKey } from '../dist/index.js';
import { Counter, Event, Tenant } from './entities.js';

declare const tenants: readonly string[];

let t = dynamicTx();
for (const tenant of tenants) t = t.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }));
t = t.put(Event, { tenant: 'acme', eventId: 'e1', at: 1, type: 'login' });
expectType<DynamicWriteTransaction>(t);
expectType<TransactWriteItemsCommandInput>(t.params());

// Literal keys twice: the compiler does not track a dynamic transaction, the pre-flight does.
t.delete(Counter, { tenant: 'acme' }).delete(Counter, { tenant: 'acme' });

// Shapes and values are still checked.
expectError(t.update(Counter, { tenant: 1 }, (u) => u.add({ eventCount: 1 })));
expectError(t.update(Counter, { tenant: 'a', extra: 1 }, (u) => u.add({ eventCount: 1 })));
expectError(t.update(Counter, { tenant: 'a' }, (u) => u.add({ eventCount: 'one' })));

// A plain tx() changes type at every step, so it cannot be reassigned in a loop.
let fixed = tx();
expectError((fixed = fixed.delete(Counter, { tenant: 'a' })));

expectType<string>(requestTokenFor('order', 42));

// ----- typed outcomes of a dynamic transaction -----

declare const client: DynamoDBClient;
let typed = dynamicTx(Counter, Event);
for (const tenant of tenants) typed = typed.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'count' });
typed = typed.put(Event, { tenant: 'acme', eventId: 'e1', at: 1, type: 'login' }, { label: 'event' });
expectType<DynamicWriteTransaction<typeof Counter | typeof Event>>(typed);
const typedResult = await typed.execute(client);
if (!typedResult.committed) {
  for (const reason of typedResult.failed) {
    expectType<'Counter' | 'Event'>(reason.entity);
    expectType<string | undefined>(reason.label);
    if (reason.entity === 'Counter') {
      expectType<EntityKey<typeof Counter>>(reason.key);
      expectType<string>(reason.key.tenant);
      expectType<EntityItem<typeof Counter> | undefined>(reason.oldItem);
      expectType<number | undefined>(reason.oldItem?.eventCount);
    } else {
      expectType<'login' | 'logout' | 'purchase' | undefined>(reason.oldItem?.type);
      expectType<string>(reason.key.eventId);
    }
  }
}
// An entity it was not made with is refused (on the key), so the loop's type stays the same.
expectError(typed.delete(Tenant, { tenant: 'acme' }));

// Without entities, any entity goes, and the outcome is plain records (not "every property undefined").
const untypedResult = await dynamicTx().delete(Counter, { tenant: 'a' }).execute(client);
if (!untypedResult.committed) {
  const reason = untypedResult.failed[0]!;
  expectType<string>(reason.entity);
  expectType<Readonly<Record<string, unknown>>>(reason.key);
  expectType<Readonly<Record<string, unknown>> | undefined>(reason.oldItem);
}

// The loop's hint: a tx() reassigned changes type, and cannot be assigned back.
let fixedAgain = tx().delete(Counter, { tenant: 'a' });
expectError((fixedAgain = fixedAgain.delete(Counter, { tenant: 'b' })));

// ----- labels declared for an entity narrow too -----

let labelled = dynamicTx({ shard: Counter }, { audit: Event, login: Event });
for (const tenant of tenants) labelled = labelled.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'shard' });
labelled = labelled.put(Event, { tenant: 'acme', eventId: 'e2', at: 1, type: 'login' }, { label: 'login' });
// A label that was not declared for that entity, or no entity, is refused.
expectError(labelled.put(Event, { tenant: 'acme', eventId: 'e3', at: 1, type: 'login' }, { label: 'shard' }));
expectError(labelled.delete(Tenant, { tenant: 'acme' }));
const labelledResult = await labelled.execute(client);
if (!labelledResult.committed) {
  for (const reason of labelledResult.reasons) {
    if (reason.label === 'shard') {
      expectType<'Counter'>(reason.entity);
      expectType<number | undefined>(reason.oldItem?.eventCount);
    }
    if (reason.label === 'audit') expectType<string>(reason.key.eventId);
  }
}
