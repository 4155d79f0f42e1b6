// Negative fixture for scripts/check-type-messages.mjs (not a tsd test: `.mts` keeps it out of
// tsd's `test-d/**/*.ts` glob). Each `expect-message` line names the runtime message writer
// whose sentence the compiler error on the next line must contain.
import { tx } from '../../dist/index.js';
import { AuditRow, Counter, Event, Shipment, Tenant } from '../entities.js';

const counted = tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));

// expect-message: duplicateItemMessage('Counter{tenant:acme}')
counted.check(Counter, { tenant: 'acme' }, (c, op) => op.exists(c.eventCount));

// expect-message: duplicateItemMessage('Counter{tenant:acme}')
counted.put(Counter, { tenant: 'acme', eventCount: 0 });

const appended = tx()
  .put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' })
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));

// Key attributes are named in code-unit order, whatever order the key was written in.
// expect-message: duplicateItemMessage('Event{eventId:a1,tenant:acme}')
appended.delete(Event, { tenant: 'acme', eventId: 'a1' });

// A two-attribute key, declared eventId then at: the id lists at first.
const row = tx().delete(AuditRow, { eventId: 'e1', at: 17 });
// expect-message: duplicateItemMessage("AuditRow{at:17,eventId:e1}")
row.put(AuditRow, { eventId: 'e1', at: 17, message: 'again' });

// A partition key plus a two-attribute sort key.
const shipped = tx().delete(Shipment, { tenant: 'acme', region: 'eu', orderId: 'o1' });
// expect-message: duplicateItemMessage('Shipment{orderId:o1,region:eu,tenant:acme}')
shipped.update(Shipment, { tenant: 'acme', region: 'eu', orderId: 'o1' }, (u) => u.set({ weight: 3 }));

// Fine: a different item of the same entities (no marker, no error).
row.put(AuditRow, { eventId: 'e1', at: 18 });
shipped.delete(Shipment, { tenant: 'acme', region: 'us', orderId: 'o1' });
