/**
 * Outcomes: a transaction's type remembers the entity and label of each action, so a
 * cancelled result's reasons narrow (by `entity` or `label`) to that entity's key and item.
 */
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import type { ConsumedCapacity, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import {
  tx,
  type ActionInfo,
  type ActionsOf,
  type CancellationCode,
  type EntityItem,
  type EntityKey,
  type TransactionResult,
} from '../dist/index.js';
import { Counter, Event, Kitchen, Tenant } from './entities.js';

const append = tx()
  .put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' }, { label: 'event' })
  .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }), { label: 'count', returnOldItemOnFailure: true })
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));

type Actions = ActionsOf<typeof append>;
expectType<ActionInfo<typeof Event, 'event'> | ActionInfo<typeof Counter, 'count'> | ActionInfo<typeof Tenant, never>>(
  null! as Actions,
);
expectType<TransactWriteItemsCommandInput>(append.params());

declare const result: TransactionResult<Actions>;

// ----- committed narrows the result -----

if (result.committed) {
  expectType<true>(result.committed);
  expectType<number>(result.attempts);
  expectType<string>(result.clientRequestToken);
  expectType<readonly ConsumedCapacity[] | undefined>(result.consumedCapacity);
  expectError(result.reasons);
} else {
  expectType<false>(result.committed);
  expectType<string>(result.summary);
  expectError(result.consumedCapacity);

  for (const reason of result.reasons) {
    // Before narrowing: any of the three entities.
    expectType<'Event' | 'Counter' | 'Tenant'>(reason.entity);
    expectType<'event' | 'count' | undefined>(reason.label);
    expectType<number>(reason.index);
    expectType<string>(reason.itemId);
    expectType<string | undefined>(reason.message);
    expectError(reason.oldItem?.eventCount);

    // ----- code is the literal union of DynamoDB's cancellation codes -----
    expectType<CancellationCode>(reason.code);
    expectAssignable<typeof reason.code>('ConditionalCheckFailed');
    expectAssignable<typeof reason.code>('None');
    expectNotAssignable<typeof reason.code>('ConditionCheckFailed');
    expectNotAssignable<typeof reason.code>('Conflict');

    // ----- narrowed by entity -----
    if (reason.entity === 'Counter') {
      expectType<EntityItem<typeof Counter> | undefined>(reason.oldItem);
      expectType<number | undefined>(reason.oldItem?.eventCount);
      expectType<EntityKey<typeof Counter>>(reason.key);
      expectType<string>(reason.key.tenant);
      expectType<'count' | undefined>(reason.label);
      expectError(reason.oldItem?.status);
    }
    if (reason.entity === 'Tenant') {
      expectType<'active' | 'suspended' | undefined>(reason.oldItem?.status);
      expectType<'free' | 'pro' | undefined>(reason.oldItem?.plan);
      // No label was given to the check.
      expectType<undefined>(reason.label);
    }

    // ----- narrowed by label -----
    if (reason.label === 'event') {
      expectType<'Event'>(reason.entity);
      expectType<'login' | 'logout' | 'purchase' | undefined>(reason.oldItem?.type);
      expectType<{ readonly tenant: string; readonly eventId: string }>(
        null! as { readonly [K in keyof typeof reason.key]: (typeof reason.key)[K] },
      );
      expectError(reason.oldItem?.eventCount);
    }
    if (reason.label === 'count') {
      expectType<'Counter'>(reason.entity);
      expectType<number | undefined>(reason.oldItem?.eventCount);
    }
  }

  const first = result.failed[0];
  if (first !== undefined && first.entity === 'Counter') {
    expectType<number | undefined>(first.oldItem?.lastEventAt);
  }
}

// ----- hidden attributes are not in an old item -----

declare const kitchenResult: TransactionResult<ActionsOf<ReturnType<typeof kitchenTx>>>;
function kitchenTx() {
  return tx().delete(Kitchen, { id: 'k1' }, { returnOldItemOnFailure: true });
}
if (!kitchenResult.committed) {
  const reason = kitchenResult.reasons[0];
  if (reason !== undefined) {
    expectType<number | undefined>(reason.oldItem?.revision);
    expectError(reason.oldItem?.secret);
  }
}

// ----- ActionsOf of a non-transaction -----

expectType<never>(null! as ActionsOf<{ size: 1 }>);
