// Negative fixture for scripts/check-type-messages.mjs: options, and optimistic locking.
import { tx, versioned } from '../../dist/index.js';
import { Account } from '../../test/fixtures/audit-entities.js';
import { Counter, Event, Tenant } from '../entities.js';

const Locked = versioned(Account, 'version');

// A versioned entity's write says which version it read; the error names the entity and the option.
// expect-error: at accountId names expectedVersion says needsExpectedVersionMessage('Account', 'put', 'version')
tx().put(Locked, { accountId: 'a1', owner: 'ann', balance: 5 });

// expect-error: at accountId names expectedVersion says needsExpectedVersionMessage('Account', 'update', 'version')
tx().update(Locked, { accountId: 'a1' }, (u) => u.set({ balance: 3 }), { label: 'pay' });

// expect-error: at accountId names expectedVersion says needsExpectedVersionMessage('Account', 'delete', 'version')
tx().delete(Locked, { accountId: 'a1' });

// expect-error: at expectedVersion says newVersionRefusedMessage('delete')
tx().delete(Locked, { accountId: 'a1' }, { expectedVersion: 'new' });

// expect-error: at expectedVersion names Account says notVersionedMessage('Account')
tx().delete(Account, { accountId: 'a1' }, { expectedVersion: 1 });

// expect-error: at version says managedVersionMessage('Account', 'version')
tx().put(Locked, { accountId: 'a1', owner: 'ann', balance: 5, version: 3 }, { expectedVersion: 'new' });

// expect-error: at version says notUpdatableMessage('Account', 'version', 'it is the version attribute, which dynatx writes from expectedVersion')
tx().update(Locked, { accountId: 'a1' }, (u) => u.add({ version: 1 }), { expectedVersion: 4 });

// expect-ok
tx().put(Locked, { accountId: 'a1', owner: 'ann', balance: 5 }, { expectedVersion: 'new', if: (a, op) => op.notExists(a.accountId) });
// expect-ok
tx().update(Locked, { accountId: 'a2' }, (u) => u.set({ balance: 3 }), { expectedVersion: 7, label: 'pay' });
// expect-ok
tx().delete(Locked, { accountId: 'a3' }, { expectedVersion: 2 }).check(Locked, { accountId: 'a4' }, (a, op) => op.gt(a.balance, 0));
// A check of a versioned entity may require a version too.
// expect-ok
tx().check(Locked, { accountId: 'a5' }, (a, op) => op.exists(a.owner), { expectedVersion: 3 });

// check() takes its condition as the third argument, not as 'if'.
// expect-error: at if names condition
tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.exists(t.tenant), { if: (_t: unknown, _op: unknown) => true });

// An update function must choose an operation.
// expect-error: at u#2 names operation says noOperationMessage()
tx().update(Counter, { tenant: 'acme' }, (u) => u);

// expect-ok
tx().put(Event, { tenant: 'acme', eventId: 'e1', at: 1, type: 'login' }, { label: 'event', returnOldItemOnFailure: true, if: (e, op) => op.notExists(e.eventId) });
// expect-ok
tx().delete(Counter, { tenant: 'acme' }, {});
