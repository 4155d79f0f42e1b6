/**
 * Keys: `update`, `delete` and `check` take exactly the primary-key attributes, typed;
 * `put` takes a whole item, which must contain the key.
 */
import { expectError, expectType } from 'tsd';
import { tx, type EntityKey, type KeyAttributeName } from '../dist/index.js';
import { AuditRow, Counter, Event, Kitchen, Shipment, Tenant } from './entities.js';

// ----- the key types themselves -----

expectType<'tenant'>(null! as KeyAttributeName<typeof Counter>);
expectType<'tenant' | 'eventId'>(null! as KeyAttributeName<typeof Event>);
expectType<'tenant' | 'region' | 'orderId'>(null! as KeyAttributeName<typeof Shipment>);
expectType<{ readonly eventId: string; readonly at: number }>(null! as { readonly [K in keyof EntityKey<typeof AuditRow>]: EntityKey<typeof AuditRow>[K] });

// ----- well-formed keys -----

tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
tx().delete(Event, { tenant: 'acme', eventId: 'a1' });
tx().check(AuditRow, { eventId: 'e1', at: 17 }, (r, op) => op.exists(r.message));
tx().delete(Shipment, { tenant: 'acme', region: 'eu', orderId: 'o1' });
declare const someTenant: string;
declare const someTime: number;
tx().delete(AuditRow, { eventId: someTenant, at: someTime });

// ----- a missing key attribute -----

expectError(tx().update(Counter, {}, (u) => u.add({ eventCount: 1 })));
expectError(tx().delete(Event, { tenant: 'acme' }));
expectError(tx().check(AuditRow, { eventId: 'e1' }, (r, op) => op.exists(r.message)));
expectError(tx().delete(Shipment, { tenant: 'acme', orderId: 'o1' }));

// ----- an extra attribute: a non-key attribute of the entity, or one it does not have -----

expectError(tx().update(Counter, { tenant: 'acme', eventCount: 3 }, (u) => u.add({ eventCount: 1 })));
expectError(tx().delete(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440 }));
expectError(tx().check(Tenant, { tenant: 'acme', status: 'active' }, (t, op) => op.exists(t.plan)));
expectError(tx().update(Counter, { tenant: 'acme', bogus: true }, (u) => u.add({ eventCount: 1 })));
expectError(tx().delete(Counter, { tenant: 'acme', id: 'k1' }));
expectError(tx().check(AuditRow, { eventId: 'e1', at: 17, message: 'hi' }, (r, op) => op.exists(r.message)));

// ----- a key attribute of the wrong type -----

expectError(tx().update(Counter, { tenant: 7 }, (u) => u.add({ eventCount: 1 })));
expectError(tx().delete(AuditRow, { eventId: 'e1', at: '17' }));
expectError(tx().check(Kitchen, { id: null }, (k, op) => op.exists(k.title)));
expectError(tx().delete(Shipment, { tenant: 'acme', region: 'apac', orderId: 'o1' }));
expectError(tx().delete(Counter, { tenant: undefined }));

// ----- put: the item must carry the key -----

tx().put(AuditRow, { eventId: 'e1', at: 17 });
expectError(tx().put(AuditRow, { eventId: 'e1', message: 'no time' }));
expectError(tx().put(Shipment, { tenant: 'acme', region: 'eu' }));
expectError(tx().put(Counter, { eventCount: 1 }));
expectError(tx().put(AuditRow, { eventId: 'e1', at: 'noon' }));
