/**
 * Transactions built in a loop: `dynamicTx()` keeps one type across steps, so reassignment
 * compiles; duplicates and the 100-action cap are left to the run-time pre-flight, while key
 * shapes and values are still checked.
 */
import { expectError, expectType } from 'tsd';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { dynamicTx, tx, requestTokenFor, type DynamicWriteTransaction } from '../dist/index.js';
import { Counter, Event } from './entities.js';

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
