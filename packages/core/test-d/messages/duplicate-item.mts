// Negative fixture for scripts/check-type-messages.mjs (not a tsd test: `.mts` keeps it out of
// tsd's `test-d/**/*.ts` glob). The same item twice: the error names the item and sits on its
// first key attribute, in code-unit order.
import { tx } from '../../dist/index.js';
import { AuditRow, Counter, Event, Shipment, Tenant } from '../entities.js';

const counted = tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));

// expect-error: at tenant names Counter{tenant:acme} says duplicateItemMessage('Counter{tenant:acme}')
counted.check(Counter, { tenant: 'acme' }, (c, op) => op.exists(c.eventCount));

// expect-error: at tenant names Counter{tenant:acme} says duplicateItemMessage('Counter{tenant:acme}')
counted.put(Counter, { tenant: 'acme', eventCount: 0 });

// expect-error: at tenant names Counter{tenant:acme} says duplicateItemMessage('Counter{tenant:acme}')
counted.delete(Counter, { tenant: 'acme' });

const appended = tx()
  .put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' })
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));

// Key attributes are named in code-unit order, whatever order the key was written in.
// expect-error: at eventId names Event{eventId:a1,tenant:acme} says duplicateItemMessage('Event{eventId:a1,tenant:acme}')
appended.delete(Event, { tenant: 'acme', eventId: 'a1' });

// A two-attribute key, declared eventId then at: the id lists at first.
const row = tx().delete(AuditRow, { eventId: 'e1', at: 17 });
// expect-error: at at names AuditRow{at:17,eventId:e1} says duplicateItemMessage("AuditRow{at:17,eventId:e1}")
row.put(AuditRow, { eventId: 'e1', at: 17, message: 'again' });

// A partition key plus a two-attribute sort key.
const shipped = tx().delete(Shipment, { tenant: 'acme', region: 'eu', orderId: 'o1' });
// expect-error: at orderId names Shipment{orderId:o1,region:eu,tenant:acme} says duplicateItemMessage('Shipment{orderId:o1,region:eu,tenant:acme}')
shipped.update(Shipment, { tenant: 'acme', region: 'eu', orderId: 'o1' }, (u) => u.set({ weight: 3 }));

// A different item of the same entities is fine.
// expect-ok
row.put(AuditRow, { eventId: 'e1', at: 18 });
// expect-ok
shipped.delete(Shipment, { tenant: 'acme', region: 'us', orderId: 'o1' });
// The same key values on another entity are another item.
// expect-ok
counted.check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));
