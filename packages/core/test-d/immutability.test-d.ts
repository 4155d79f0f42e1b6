/**
 * A transaction is immutable: each method returns a new one, and a base can be branched
 * without the branches seeing each other. `size` is the literal number of actions.
 */
import { expectError, expectType } from 'tsd';
import { tx, type ActionInfo, type EmptyCount, type ItemIdOf, type WriteTransaction } from '../dist/index.js';
import { Counter, Event, Tenant } from './entities.js';

const empty = tx();
const base = empty.put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' });
const counted = base.update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
const checked = base.check(Counter, { tenant: 'acme' }, (c, op) => op.lt(c.eventCount, 100));

// ----- size is a literal -----

expectType<0>(empty.size);
expectType<1>(base.size);
expectType<2>(counted.size);
expectType<2>(checked.size);
expectType<3>(counted.check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active')).size);

// ----- the base keeps its own type after being branched -----

expectType<WriteTransaction<EmptyCount, never, never>>(empty);
type EventA1 = ItemIdOf<typeof Event, { tenant: 'acme'; eventId: 'a1' }>;
type CounterAcme = ItemIdOf<typeof Counter, { tenant: 'acme' }>;
expectType<WriteTransaction<'1 action', EventA1, ActionInfo<typeof Event, never>>>(base);
expectType<
  WriteTransaction<
    '2 actions',
    EventA1 | CounterAcme,
    ActionInfo<typeof Event, never> | ActionInfo<typeof Counter, never>
  >
>(counted);

// The base has not seen Counter{tenant:acme}, so a branch of it may still take it...
base.delete(Counter, { tenant: 'acme' });
// ...while each branch that took it has seen it.
expectError(counted.delete(Counter, { tenant: 'acme' }));
expectError(checked.delete(Counter, { tenant: 'acme' }));
// Every branch has seen what the base had.
expectError(counted.delete(Event, { tenant: 'acme', eventId: 'a1' }));
expectError(checked.delete(Event, { tenant: 'acme', eventId: 'a1' }));

// The empty base can still not be sent, after a branch of it was made.
expectError(empty.params());
base.params();

// ----- nothing on a transaction can be reassigned -----

expectError((base.size = 2));
expectError((base.params = counted.params));
