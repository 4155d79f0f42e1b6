// Negative fixture for scripts/check-type-messages.mjs: keys with an attribute too many, too
// few, or of the wrong type. Each error sits on the property it is about.
import { tx, txGet } from '../../dist/index.js';
import { AuditRow, Counter, Event, Shipment, Tenant } from '../entities.js';

// expect-error: at eventCount says notAKeyAttributeMessage('Counter', 'eventCount')
tx().update(Counter, { tenant: 'acme', eventCount: 3 }, (u) => u.add({ eventCount: 1 }));

// expect-error: at at says notAKeyAttributeMessage('Event', 'at')
tx().delete(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440 });

// expect-error: at status says notAKeyAttributeMessage('Tenant', 'status')
tx().check(Tenant, { tenant: 'acme', status: 'active' }, (t, op) => op.exists(t.plan));

// expect-error: at message says notAKeyAttributeMessage('AuditRow', 'message')
tx().delete(AuditRow, { eventId: 'e1', at: 17, message: 'not a key' });

// An attribute the entity does not have at all.
// expect-error: at bogus says notAKeyAttributeMessage('Counter', 'bogus')
txGet().get(Counter, { tenant: 'acme', bogus: true });

// A missing key attribute is named, on the key attribute that is there.
// expect-error: at tenant names eventId says missingAttributeMessage('Event', 'eventId', 'key')
tx().delete(Event, { tenant: 'acme' });

// expect-error: at orderId names region says missingAttributeMessage('Shipment', 'region', 'key')
tx().delete(Shipment, { tenant: 'acme', orderId: 'o1' });

// A key value that is undefined is a missing one.
// expect-error: at { names tenant says missingAttributeMessage('Counter', 'tenant', 'key')
tx().delete(Counter, { tenant: undefined });

// A value of the wrong type, on its property.
// expect-error: at tenant names Counter.tenant says wrongTypeSentence('Counter', 'tenant', 'a string')
tx().update(Counter, { tenant: 7 }, (u) => u.add({ eventCount: 1 }));

// expect-error: at region names "apac"
tx().delete(Shipment, { tenant: 'acme', region: 'apac', orderId: 'o1' });

// expect-ok
tx().delete(Shipment, { region: 'us', orderId: 'o1', tenant: 'acme' });
