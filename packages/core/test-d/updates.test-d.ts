/**
 * Update operations: each takes only the attributes it fits, with values of their types.
 * Key attributes and readOnly attributes cannot be updated at all.
 */
import { expectError, expectType } from 'tsd';
import { tx, type UpdateFn, type UpdateOperations } from '../dist/index.js';
import { AuditRow, Counter, Event, Kitchen } from './entities.js';

const change = (operations: UpdateFn<typeof Kitchen>) => tx().update(Kitchen, { id: 'k1' }, operations);

// ----- set: any updatable attribute, value typed -----

change((u) => u.set({ owner: 'bo', title: 'Pantry', count: 2, active: true, color: 'red', stage: 'live' }));
change((u) => u.set({ labels: ['a'], scores: new Set([1]), levels: ['low'], lines: ['x'], parts: [{ sku: 's' }] }));
change((u) => u.set({ profile: { email: 'bo@example.com' }, blob: [1, { two: 2 }], secret: 'hidden is writable', revision: 2 }));
expectError(change((u) => u.set({ title: 1 })));
expectError(change((u) => u.set({ count: '2' })));
expectError(change((u) => u.set({ color: 'purple' })));
expectError(change((u) => u.set({ profile: { age: 3 } })));
expectError(change((u) => u.set({ labels: [1] })));
expectError(change((u) => u.set({ nope: 1 })));

// ----- key attributes and readOnly attributes cannot be updated -----

expectError(change((u) => u.set({ id: 'k2' })));
expectError(change((u) => u.set({ createdBy: 'me' })));
expectError(change((u) => u.setIfNotExists({ createdBy: 'me' })));
expectError(tx().update(Event, { tenant: 'acme', eventId: 'a1' }, (u) => u.set({ eventId: 'a2' })));
// AuditRow has no number or set attribute it may update: add() accepts nothing (the key
// attribute `at` included), rather than an empty object type that would accept anything.
expectError(tx().update(AuditRow, { eventId: 'e1', at: 1 }, (u) => u.add({ at: 1 })));
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => u.setIfNotExists({ tenant: 'globex' })));

// ----- setIfNotExists: like set -----

change((u) => u.setIfNotExists({ count: 0, labels: ['first'] }));
expectError(change((u) => u.setIfNotExists({ count: 'zero' })));

// ----- add: numbers and sets -----

change((u) => u.add({ count: 1, revision: 1 }));
change((u) => u.add({ labels: ['b'], scores: [4], levels: new Set(['high'] as const) }));
tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
expectError(change((u) => u.add({ title: 'more' })));
expectError(change((u) => u.add({ lines: ['more'] })));
expectError(change((u) => u.add({ active: true })));
expectError(change((u) => u.add({ profile: { email: 'x' } })));
expectError(change((u) => u.add({ count: '1' })));
expectError(change((u) => u.add({ scores: ['1'] })));

// ----- subtract: numbers -----

change((u) => u.subtract({ count: 1 }));
tx().update(Counter, { tenant: 'acme' }, (u) => u.subtract({ eventCount: 1 }));
expectError(change((u) => u.subtract({ labels: ['a'] })));
expectError(change((u) => u.subtract({ title: 'x' })));
expectError(change((u) => u.subtract({ count: '1' })));

// ----- remove: optional attributes only -----

change((u) => u.remove(['title', 'count', 'blob', 'revision', 'secret']));
// Required attributes cannot be removed, with or without a default...
expectError(change((u) => u.remove(['owner'])));
expectError(change((u) => u.remove(['stage'])));
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => u.remove(['eventCount'])));
// ...nor the key, nor readOnly attributes, nor attributes the entity does not have.
expectError(change((u) => u.remove(['id'])));
expectError(change((u) => u.remove(['createdBy'])));
expectError(change((u) => u.remove(['nope'])));
expectError(change((u) => u.remove('title')));

// ----- append: lists -----

change((u) => u.append({ lines: ['three'], parts: [{ sku: 's2', qty: 1 }] }));
expectError(change((u) => u.append({ lines: [3] })));
expectError(change((u) => u.append({ parts: [{ qty: 1 }] })));
expectError(change((u) => u.append({ labels: ['a'] })));
expectError(change((u) => u.append({ title: 'x' })));
// Counter has no list, so append() accepts nothing, not even the key.
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => u.append({ eventCount: [1] })));
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => u.append({ tenant: ['globex'] })));

// ----- deleteFromSet: sets -----

change((u) => u.deleteFromSet({ labels: ['a'], scores: [1], levels: ['low'] }));
expectError(change((u) => u.deleteFromSet({ levels: ['medium'] })));
expectError(change((u) => u.deleteFromSet({ lines: ['x'] })));
expectError(change((u) => u.deleteFromSet({ count: 1 })));
// Counter has no set, so deleteFromSet() accepts nothing.
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => u.deleteFromSet({ eventCount: 1 })));

// ----- chaining -----

change((u) => u.add({ count: 1 }).set({ title: 'x' }).remove(['color']).append({ lines: ['y'] }));
expectType<UpdateOperations<typeof Kitchen, true>>((null! as UpdateOperations<typeof Kitchen>).add({ count: 1 }));
expectError(change((u) => u.add({ count: 1 }).remove(['owner'])));

// An update must choose at least one operation.
expectError(tx().update(Counter, { tenant: 'acme' }, (u) => u));
