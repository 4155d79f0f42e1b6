// Negative fixture for scripts/check-type-messages.mjs: update operations that do not fit
// their attribute, on the attribute's property, with the reason.
import { tx } from '../../dist/index.js';
import { AuditRow, Counter, Event, Kitchen, Tenant } from '../entities.js';

// expect-error: at id#2 says notUpdatableMessage('Kitchen', 'id', 'it is part of the key')
tx().update(Kitchen, { id: 'k1' }, (u) => u.set({ id: 'k2' }));

// expect-error: at createdBy says notUpdatableMessage('Kitchen', 'createdBy', 'it is read-only')
tx().update(Kitchen, { id: 'k1' }, (u) => u.setIfNotExists({ createdBy: 'me' }));

// expect-error: at title says notUpdatableMessage('Kitchen', 'title', 'add() works on numbers and sets, and title is a string')
tx().update(Kitchen, { id: 'k1' }, (u) => u.add({ title: 'more' }));

// expect-error: at lines says notUpdatableMessage('Kitchen', 'lines', 'add() works on numbers and sets, and lines is a list')
tx().update(Kitchen, { id: 'k1' }, (u) => u.add({ lines: ['more'] }));

// expect-error: at labels says notUpdatableMessage('Kitchen', 'labels', 'subtract() works on numbers, and labels is a set')
tx().update(Kitchen, { id: 'k1' }, (u) => u.subtract({ labels: ['a'] }));

// expect-error: at color says notUpdatableMessage('Kitchen', 'color', 'append() works on lists, and color is an enum')
tx().update(Kitchen, { id: 'k1' }, (u) => u.append({ color: 'red' }));

// expect-error: at lines says notUpdatableMessage('Kitchen', 'lines', 'deleteFromSet() works on sets, and lines is a list')
tx().update(Kitchen, { id: 'k1' }, (u) => u.deleteFromSet({ lines: ['x'] }));

// AuditRow has no number or set it may update: add() of its key says why.
// expect-error: at at#2 says notUpdatableMessage('AuditRow', 'at', 'it is part of the key')
tx().update(AuditRow, { eventId: 'e1', at: 1 }, (u) => u.add({ at: 1 }));

// An attribute the entity does not have, in a multi-line update.
tx().update(Tenant, { tenant: 'acme' }, (u) =>
  u.set({
    seats: 3,
    // expect-error: at seat says unknownAttributeMessage('Tenant', 'seat')
    seat: 4,
  }),
);

// expect-error: at 'owner' names removable says notRemovableMessage('Kitchen', 'owner', 'it is required', 'active, blob, color, count, labels, levels, …')
tx().update(Kitchen, { id: 'k1' }, (u) => u.remove(['title', 'owner']));

// expect-error: at 'eventCount' names removable says notRemovableMessage('Counter', 'eventCount', 'it is required', 'lastEventAt, note')
tx().update(Counter, { tenant: 'acme' }, (u) => u.remove(['eventCount']));

// expect-error: at 'tenant' names tenant says notRemovableMessage('Counter', 'tenant', 'it is part of the key', 'lastEventAt, note')
tx().update(Counter, { tenant: 'acme' }, (u) => u.remove(['tenant']));

// expect-error: at 'notes' names notes says notRemovableMessage('Counter', 'notes', 'there is no such attribute', 'lastEventAt, note')
tx().update(Counter, { tenant: 'acme' }, (u) => u.remove(['notes']));

// A value of the wrong type, on its property.
// expect-error: at count names Kitchen.count says wrongTypeSentence('Kitchen', 'count', 'a finite number')
tx().update(Kitchen, { id: 'k1' }, (u) => u.set({ count: 'two' }));

// expect-ok
tx().update(Kitchen, { id: 'k1' }, (u) => u.set({ title: 'Pantry', count: 2 }).add({ labels: ['a'] }).remove(['color', 'blob']));
// expect-ok
tx().update(Event, { tenant: 'acme', eventId: 'a1' }, (u) => u.append({ notes: ['seen'] }).deleteFromSet({ tags: ['x'] }));
// expect-ok
tx().update(Counter, { tenant: 'acme' }, (u) => u.subtract({ eventCount: 1 }).setIfNotExists({ note: 'first' }));
