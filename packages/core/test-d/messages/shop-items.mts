// Compile-time suite over the e-commerce schema (test/fixtures/shop-entities.ts): items, keys,
// and which items are the same. Three services each have an entity named `customer`.
import { tx, txGet } from '../../dist/index.js';
import { BillingCustomer, Customer, CrmCustomer, Order, Stock, Ticket } from '../../test/fixtures/shop-entities.js';

const placed = { customerId: 'c1', placedAt: 1767225600, orderId: 'o1', status: 'pending', total: 42 } as const;

// ----- the same name in three services: three different items -----

// expect-ok
tx().put(Customer, { customerId: 'c1', email: 'ann@example.com' }).put(CrmCustomer, { customerId: 'c1', segment: 'new' });
// expect-ok
tx().put(Customer, { customerId: 'c1', email: 'ann@example.com' }).update(BillingCustomer, { customerId: 'c1' }, (u) => u.add({ balance: 5 }));
// expect-ok
tx().delete(CrmCustomer, { customerId: 'c1' }).check(BillingCustomer, { customerId: 'c1' }, (b, op) => op.exists(b.iban));
// expect-ok
tx().check(Customer, { customerId: 'c1' }, (c, op) => op.eq(c.tier, 'gold')).check(CrmCustomer, { customerId: 'c1' }, (c, op) => op.eq(c.segment, 'vip')).check(BillingCustomer, { customerId: 'c1' }, (c, op) => op.gt(c.balance, 0));

const customer = tx().put(Customer, { customerId: 'c1', email: 'ann@example.com' });
const crm = tx().update(CrmCustomer, { customerId: 'c1' }, (u) => u.set({ score: 3 }));

// ...while the same service's customer twice is the same item.
// expect-error: at customerId names customer{customerId:c1} says duplicateItemMessage('customer{customerId:c1}')
customer.check(Customer, { customerId: 'c1' }, (c, op) => op.exists(c.email));
// expect-error: at customerId names customer{customerId:c1} says duplicateItemMessage('customer{customerId:c1}')
crm.delete(CrmCustomer, { customerId: 'c1' });
// expect-ok
crm.put(Customer, { customerId: 'c1', email: 'ann@example.com' }).delete(BillingCustomer, { customerId: 'c1' });

// ----- composite sort keys -----

const order = tx().put(Order, placed);
// expect-ok
order.put(Order, { ...placed, placedAt: 1767225601 });
// expect-ok
order.delete(Order, { customerId: 'c1', placedAt: 1767225600, orderId: 'o2' });
// expect-error: at customerId names order{customerId:c1,orderId:o1,placedAt:1767225600} says duplicateItemMessage('order{customerId:c1,orderId:o1,placedAt:1767225600}')
order.update(Order, { customerId: 'c1', placedAt: 1767225600, orderId: 'o1' }, (u) => u.set({ status: 'paid' }));

const stocked = tx().update(Stock, { sku: 's1', warehouse: 'ams' }, (u) => u.add({ onHand: 5 }));
// expect-ok
stocked.update(Stock, { sku: 's1', warehouse: 'fra' }, (u) => u.subtract({ onHand: 1 }));
// expect-error: at sku names stock{sku:s1,warehouse:ams} says duplicateItemMessage('stock{sku:s1,warehouse:ams}')
stocked.check(Stock, { sku: 's1', warehouse: 'ams' }, (s, op) => op.gte(s.onHand, 1));

// A two-attribute partition key: every attribute counts.
const ticket = tx().put(Ticket, { customerId: 'c1', channel: 'mail', ticketId: 't1', subject: 'Late', open: true });
// expect-ok
ticket.put(Ticket, { customerId: 'c1', channel: 'chat', ticketId: 't1', subject: 'Late', open: true });
// expect-error: at channel names ticket{channel:mail,customerId:c1,ticketId:t1} says duplicateItemMessage('ticket{channel:mail,customerId:c1,ticketId:t1}')
ticket.update(Ticket, { customerId: 'c1', channel: 'mail', ticketId: 't1' }, (u) => u.set({ open: false }));

// ----- keys -----

// expect-error: at customerId names placedAt says missingAttributeMessage('order', 'placedAt', 'key')
tx().delete(Order, { customerId: 'c1', orderId: 'o1' });
// expect-error: at customerId names channel says missingAttributeMessage('ticket', 'channel', 'key')
tx().check(Ticket, { customerId: 'c1', ticketId: 't1' }, (t, op) => op.eq(t.open, true));
// expect-error: at status says notAKeyAttributeMessage('order', 'status')
tx().delete(Order, { customerId: 'c1', placedAt: 1, orderId: 'o1', status: 'paid' });
// expect-error: at email says notAKeyAttributeMessage('customer', 'email')
txGet().get(Customer, { customerId: 'c1', email: 'ann@example.com' });
// expect-error: at placedAt names order.placedAt says wrongTypeSentence('order', 'placedAt', 'a finite number')
tx().delete(Order, { customerId: 'c1', placedAt: '2026-01-01', orderId: 'o1' });
// expect-error: at warehouse names "ber"
tx().delete(Stock, { sku: 's1', warehouse: 'ber' });

// ----- items -----

// expect-error: at customerId names email says missingAttributeMessage('customer', 'email', 'item')
tx().put(Customer, { customerId: 'c1', name: 'Ann' });
// expect-error: at customerId names total says missingAttributeMessage('order', 'total', 'item')
tx().put(Order, { customerId: 'c1', placedAt: 1, orderId: 'o1', status: 'pending' });

tx().put(Customer, {
  customerId: 'c2',
  email: 'bo@example.com',
  // expect-error: at phone says unknownAttributeMessage('customer', 'phone')
  phone: '+31 20 555 0100',
});

tx().put(Customer, {
  customerId: 'c3',
  email: 'cy@example.com',
  addresses: [
    // expect-error: at country says unknownPropertyMessage('customer.addresses[]', 'country')
    { street: 'Main 1', city: 'Utrecht', country: 'NL' },
  ],
});

tx().put(Order, {
  ...placed,
  shipping: {
    method: 'express',
    // expect-error: at zip says unknownPropertyMessage('order.shipping.address', 'zip')
    address: { street: 'Main 1', city: 'Utrecht', zip: '3511' },
  },
});

// expect-error: at tier names "silver"
tx().put(Customer, { customerId: 'c4', email: 'di@example.com', tier: 'silver' });
// expect-error: at 1 names number
tx().put(Customer, { customerId: 'c5', email: 'ed@example.com', tags: [1] });
// expect-error: at {#2 names sku
tx().put(Order, { ...placed, lines: [{ qty: 1 }] });

// expect-ok
tx().put(Customer, { customerId: 'c6', email: 'fi@example.com', tier: 'gold', tags: ['vip'], addresses: [{ street: 'Main 1', city: 'Utrecht' }], createdAt: 1 });
// expect-ok
tx().put(Order, { ...placed, lines: [{ sku: 's1', qty: 2, price: 21 }], shipping: { method: 'standard', address: { city: 'Utrecht' } }, notes: ['gift'] });
// expect-ok
tx().put(Ticket, { customerId: 'c1', channel: 'phone', ticketId: 't9', subject: 'Refund', open: true, watchers: [1, 2] });
// expect-ok
txGet().get(Customer, { customerId: 'c1' }).get(CrmCustomer, { customerId: 'c1' }).get(BillingCustomer, { customerId: 'c1' });
// expect-error: at customerId#2 names customer{customerId:c1} says duplicateItemMessage('customer{customerId:c1}')
txGet().get(Customer, { customerId: 'c1' }).get(Customer, { customerId: 'c1' });

// ----- values of the wrong type name their attribute -----

// expect-error: at open names ticket.open says wrongTypeSentence('ticket', 'open', 'a boolean')
tx().put(Ticket, { customerId: 'c1', channel: 'mail', ticketId: 't2', subject: 'Late', open: 'yes' });
// expect-error: at email names customer.email says wrongTypeSentence('customer', 'email', 'a string')
tx().update(Customer, { customerId: 'c1' }, (u) => u.set({ email: 42 }));
// expect-error: at onHand names stock.onHand says wrongTypeSentence('stock', 'onHand', 'a finite number')
tx().update(Stock, { sku: 's1', warehouse: 'ams' }, (u) => u.add({ onHand: '5' }));
// expect-ok
tx().update(Stock, { sku: 's1', warehouse: 'ams' }, (u) => u.add({ onHand: 5, bins: ['a1'] }).set({ reserved: 0 }));
// expect-ok
tx().update(Ticket, { customerId: 'c1', channel: 'mail', ticketId: 't2' }, (u) => u.set({ open: false, subject: 'Closed' }).add({ watchers: [3] }));
// expect-ok
tx().check(Ticket, { customerId: 'c1', channel: 'phone', ticketId: 't3' }, (t, op) => op.and(op.eq(t.open, true), op.lt(t.priority, 2), op.contains(t.watchers, 7)));
