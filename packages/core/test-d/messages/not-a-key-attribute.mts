// Negative fixture for scripts/check-type-messages.mjs: a key that carries an attribute of the
// entity that is not part of its primary key.
import { tx } from '../../dist/index.js';
import { AuditRow, Counter, Event, Tenant } from '../entities.js';

// expect-message: notAKeyAttributeMessage('Counter', 'eventCount')
tx().update(Counter, { tenant: 'acme', eventCount: 3 }, (u) => u.add({ eventCount: 1 }));

// expect-message: notAKeyAttributeMessage('Event', 'at')
tx().delete(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440 });

// expect-message: notAKeyAttributeMessage('Tenant', 'status')
tx().check(Tenant, { tenant: 'acme', status: 'active' }, (t, op) => op.exists(t.plan));

// expect-message: notAKeyAttributeMessage('AuditRow', 'message')
tx().delete(AuditRow, { eventId: 'e1', at: 17, message: 'not a key' });
