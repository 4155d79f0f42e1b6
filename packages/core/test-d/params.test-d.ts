/** `params()`: the exact TransactWriteItems input, typed as the AWS SDK's own type. */
import { expectError, expectType } from 'tsd';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { tx } from '../dist/index.js';
import { Counter, Event, Tenant } from './entities.js';

const append = tx()
  .put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' }, { if: (e, op) => op.notExists(e.eventId), label: 'event' })
  .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));

expectType<TransactWriteItemsCommandInput>(append.params());
expectType<TransactWriteItemsCommandInput>(append.params({ clientRequestToken: 'signup-acme-1' }));
expectType<TransactWriteItemsCommandInput>(tx().delete(Counter, { tenant: 'acme' }).params());
expectError(append.params({ clientRequestToken: 1 }));
expectError(append.params({ token: 'x' }));
