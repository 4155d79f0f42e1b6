/**
 * ElectroDB's verbs (create, patch, upsert, remove) and the update forms for nested paths and
 * lists (setPath, removePath, prepend, list elements by index in conditions): typed and
 * checked like the rest, compile-time item and count rules included.
 */
import { expectError, expectType } from 'tsd';
import { tx, versioned, type WriteTransaction } from '../dist/index.js';
import { Counter, Event, Kitchen } from './entities.js';

const VersionedKitchen = versioned(Kitchen, 'count');

// ----- create: a put whose item must be new -----

tx().create(Kitchen, { id: 'k1', owner: 'bo' });
tx().create(Kitchen, { id: 'k1', owner: 'bo' }, { label: 'new kitchen', if: (k, op) => op.notExists(k.title) });
expectError(tx().create(Kitchen, { id: 'k1' })); // owner is required
expectError(tx().create(Kitchen, { id: 'k1', owner: 'bo', nope: 1 }));
expectError(tx().create(VersionedKitchen, { id: 'k1', owner: 'bo' })); // a versioned entity needs expectedVersion
tx().create(VersionedKitchen, { id: 'k1', owner: 'bo' }, { expectedVersion: 'new' });
expectError(tx().create(VersionedKitchen, { id: 'k1', owner: 'bo' }, { expectedVersion: 3 })); // create writes a new item

// ----- patch: an update whose item must exist -----

tx().patch(Kitchen, { id: 'k1' }, (u) => u.set({ title: 'Pantry' }));
expectError(tx().patch(Kitchen, { id: 'k1' }, (u) => u.set({ title: 1 })));
expectError(tx().patch(Kitchen, { nope: 'k1' }, (u) => u.set({ title: 'x' })));
expectError(tx().patch(VersionedKitchen, { id: 'k1' }, (u) => u.set({ title: 'x' })));
tx().patch(VersionedKitchen, { id: 'k1' }, (u) => u.set({ title: 'x' }), { expectedVersion: 2 });

// ----- upsert: an item, like put -----

tx().upsert(Kitchen, { id: 'k1', owner: 'bo', title: 'Pantry' });
expectError(tx().upsert(Kitchen, { id: 'k1', owner: 'bo', title: 3 }));
expectError(tx().upsert(VersionedKitchen, { id: 'k1', owner: 'bo' }));

// ----- remove: a delete whose item must exist -----

tx().remove(Counter, { tenant: 'acme' });
expectError(tx().remove(Counter, { tenant: 'acme', eventCount: 1 }));
expectError(tx().remove(VersionedKitchen, { id: 'k1' }));
tx().remove(VersionedKitchen, { id: 'k1' }, { expectedVersion: 4 });

// ----- the item-twice and 100-action rules hold for the verbs too -----

expectError(tx().create(Kitchen, { id: 'k1', owner: 'bo' }).remove(Kitchen, { id: 'k1' }));
expectError(tx().upsert(Kitchen, { id: 'k1', owner: 'bo' }).patch(Kitchen, { id: 'k1' }, (u) => u.set({ title: 'x' })));
tx().create(Kitchen, { id: 'k1', owner: 'bo' }).remove(Kitchen, { id: 'k2' });
declare const full: WriteTransaction<'100 actions'>;
expectError(full.create(Kitchen, { id: 'k101', owner: 'bo' }));
expectError(full.remove(Counter, { tenant: 'k101' }));
expectError(full.upsert(Kitchen, { id: 'k101', owner: 'bo' }));
expectError(full.patch(Counter, { tenant: 'k101' }, (u: any) => u.add({ eventCount: 1 })));

// ----- setPath / removePath: a map property or list element, chosen from the schema -----

tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.profile.email, 'bo@example.com'));
tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.lines.at(0), 'first line'));
tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.parts.at(2).qty, 5));
tx().update(Kitchen, { id: 'k1' }, (u) => u.removePath((k) => k.profile.age).removePath((k) => k.lines.at(3)));
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.profile.nope, 'x'))); // not in the schema
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.profile.email, 42))); // wrong type
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.parts.at(0).qty, 'five')));
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.id, 'k2'))); // a key attribute
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.createdBy, 'me'))); // read-only
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.setPath((k) => k.labels.at(0), 'x'))); // sets have no elements by index

// ----- prepend: lists only -----

tx().update(Kitchen, { id: 'k1' }, (u) => u.prepend({ lines: ['first'] }));
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.prepend({ labels: ['a'] }))); // a set
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.prepend({ lines: [1] })));
expectError(tx().update(Kitchen, { id: 'k1' }, (u) => u.prepend({ count: 1 })));

// ----- conditions on list elements by index -----

tx().check(Event, { tenant: 'acme', eventId: 'e1' }, (e, op) => op.eq(e.notes.at(0), 'first'));
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.gt(k.parts.at(1).qty, 2));
expectError(tx().check(Event, { tenant: 'acme', eventId: 'e1' }, (e, op) => op.eq(e.notes.at(0), 5)));
expectError(tx().check(Event, { tenant: 'acme', eventId: 'e1' }, (e, op) => op.eq(e.tags.at(0), 'x')));

expectType<2>(tx().create(Kitchen, { id: 'k1', owner: 'bo' }).upsert(Kitchen, { id: 'k2', owner: 'bo' }).size);
