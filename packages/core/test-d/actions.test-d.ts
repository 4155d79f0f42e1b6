/**
 * The four actions and their options: `put`, `update`, `delete` take `if`, `label` and
 * `returnOldItemOnFailure`; `check` takes its condition as the third argument and no `if`.
 */
import { expectAssignable, expectError, expectType } from 'tsd';
import { tx, type ActionInfo, type ConditionFn, type ItemIdOf, type WriteTransaction } from '../dist/index.js';
import { Counter, Event, Tenant } from './entities.js';

const event = { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' } as const;
const isActive: ConditionFn<typeof Tenant> = (t, op) => op.eq(t.status, 'active');
const counterExists: ConditionFn<typeof Counter> = (c, op) => op.exists(c.tenant);

// ----- each action, bare -----

expectType<WriteTransaction<'1 action', ItemIdOf<typeof Event, typeof event>, ActionInfo<typeof Event, never>>>(tx().put(Event, event));
expectType<WriteTransaction<'1 action', ItemIdOf<typeof Counter, { tenant: 'acme' }>, ActionInfo<typeof Counter, never>>>(
  tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 })),
);
expectType<WriteTransaction<'1 action', ItemIdOf<typeof Counter, { tenant: 'acme' }>, ActionInfo<typeof Counter, never>>>(
  tx().delete(Counter, { tenant: 'acme' }),
);
expectType<WriteTransaction<'1 action', ItemIdOf<typeof Tenant, { tenant: 'acme' }>, ActionInfo<typeof Tenant, never>>>(
  tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active')),
);

// ----- check requires its condition -----

expectError(tx().check(Tenant, { tenant: 'acme' }));
// The condition is the third argument, not an option.
expectError(tx().check(Tenant, { tenant: 'acme' }, { if: isActive }));
// check takes no `if` option: its condition is already the third argument.
expectError(tx().check(Tenant, { tenant: 'acme' }, isActive, { if: isActive }));
// A condition function must return a condition.
expectError(tx().check(Tenant, { tenant: 'acme' }, () => true));

// ----- update requires its operations -----

expectError(tx().update(Counter, { tenant: 'acme' }));
expectError(tx().update(Counter, { tenant: 'acme' }, { eventCount: 1 }));
// The update function must return the builder.
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => { u.add({ eventCount: 1 }); }));

// ----- every option on every action -----

const all = tx()
  .put(Event, event, { if: (e, op) => op.notExists(e.eventId), label: 'event', returnOldItemOnFailure: true })
  .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }), {
    if: (c, op) => op.lt(c.eventCount, 1000),
    label: 'count',
    returnOldItemOnFailure: false,
  })
  .delete(Counter, { tenant: 'globex' }, { if: (c, op) => op.exists(c.tenant), label: 'drop', returnOldItemOnFailure: true })
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'), { label: 'tenant', returnOldItemOnFailure: true });
expectType<4>(all.size);
// Labels are kept as literals, per action.
expectType<
  | ActionInfo<typeof Event, 'event'>
  | ActionInfo<typeof Counter, 'count'>
  | ActionInfo<typeof Counter, 'drop'>
  | ActionInfo<typeof Tenant, 'tenant'>
>(null! as typeof all extends WriteTransaction<string, string, infer A> ? A : never);
// An options object may be empty.
tx().delete(Counter, { tenant: 'acme' }, {});

// ----- options are typed -----

expectError(tx().put(Event, event, { label: 7 }));
expectError(tx().delete(Counter, { tenant: 'acme' }, { returnOldItemOnFailure: 'yes' }));
expectError(tx().put(Event, event, { retries: 3 }));
// `if` is a condition on the action's own entity.
expectError(tx().put(Event, event, { if: (e, op) => op.eq(e.status, 'active') }));
expectError(tx().delete(Counter, { tenant: 'acme' }, { if: (c, op) => op.eq(c.eventCount, 'many') }));
// delete takes options, not a bare condition function.
expectError(tx().delete(Counter, { tenant: 'acme' }, counterExists));
tx().delete(Counter, { tenant: 'acme' }, { if: counterExists });

// ----- the entity argument -----

expectError(tx().put({ name: 'Event' }, event));
expectAssignable<WriteTransaction<string, string, ActionInfo>>(all);
