// Compile-time suite over the e-commerce schema: updates, conditions, optimistic locking and
// transactions built in a loop.
import { dynamicTx, tx, versioned } from '../../dist/index.js';
import { BillingCustomer, Customer, CrmCustomer, Order, Stock } from '../../test/fixtures/shop-entities.js';

const order = { customerId: 'c1', placedAt: 1767225600, orderId: 'o1' } as const;
const LockedStock = versioned(Stock, 'version');

// ----- updates -----

// expect-ok
tx().update(Customer, { customerId: 'c1' }, (u) => u.set({ email: 'new@example.com', name: 'Ann' }).add({ loyaltyPoints: 10, tags: ['vip'] }));
// expect-ok
tx().update(Order, order, (u) => u.append({ notes: ['called'] }).remove(['coupon']).set({ status: 'paid', paid: true }));
// expect-ok
tx().update(Customer, { customerId: 'c1' }, (u) => u.remove(['addresses', 'tags']).setIfNotExists({ tier: 'basic' }));
// expect-error: at tier says notUpdatableMessage('customer', 'tier', 'add() works on numbers and sets, and tier is an enum')
tx().update(Customer, { customerId: 'c1' }, (u) => u.add({ tier: 'gold' }));
// expect-error: at createdAt says notUpdatableMessage('customer', 'createdAt', 'it is read-only')
tx().update(Customer, { customerId: 'c1' }, (u) => u.set({ createdAt: 2 }));
// expect-error: at orderId says notUpdatableMessage('order', 'orderId', 'it is part of the key')
tx().update(Order, order, (u) => u.set({ orderId: 'o2' }));
// expect-error: at 'email' names removable says notRemovableMessage('customer', 'email', 'it is required', 'addresses, loyaltyPoints, name, passwordHash, tags')
tx().update(Customer, { customerId: 'c1' }, (u) => u.remove(['email']));
// expect-error: at coupon says notUpdatableMessage('order', 'coupon', 'append() works on lists, and coupon is a string')
tx().update(Order, order, (u) => u.append({ coupon: 'X' }));
// expect-error: at total says notUpdatableMessage('order', 'total', 'deleteFromSet() works on sets, and total is a number')
tx().update(Order, order, (u) => u.deleteFromSet({ total: 1 }));
tx().update(CrmCustomer, { customerId: 'c1' }, (u) =>
  u.set({
    score: 4,
    // expect-error: at segmant says unknownAttributeMessage('customer', 'segmant')
    segmant: 'vip',
  }),
);
// expect-error: at status names "refunded"
tx().update(Order, order, (u) => u.set({ status: 'refunded' }));
// expect-error: at u#2 names operation says noOperationMessage()
tx().update(BillingCustomer, { customerId: 'c1' }, (u) => u);

// ----- conditions -----

// expect-ok
tx().check(Order, order, (o, op) => op.and(op.eq(o.status, 'paid'), op.gt(o.total, 10), op.contains(o.lines, { sku: 's1', qty: 1 })));
// expect-ok
tx().check(Order, order, (o, op) => op.or(op.eq(o.shipping.address.city, 'Utrecht'), op.beginsWith(o.coupon, 'X'), op.eq(o.shipping.method, 'express')));
// expect-ok
tx().check(Customer, { customerId: 'c1' }, (c, op) => op.and(op.gt(op.size(c.addresses), 0), op.contains(c.tags, 'vip'), op.in(c.tier, ['gold', 'platinum'])));
// expect-error: at '1' names beginsWith says operatorKindMessage('beginsWith', 'order.total', 'number')
tx().check(Order, order, (o, op) => op.beginsWith(o.total, '1'));
// expect-error: at o.total names size says operatorKindMessage('size', 'order.total', 'number')
tx().check(Order, order, (o, op) => op.gt(op.size(o.total), 1));
// expect-error: at true) names lt says operatorKindMessage('lt', 'order.paid', 'boolean')
tx().check(Order, order, (o, op) => op.lt(o.paid, true));
// expect-error: at 'EUR' names contains says operatorKindMessage('contains', 'order.currency', 'enum')
tx().check(Order, order, (o, op) => op.contains(o.currency, 'EUR'));
// expect-error: at 'refunded' names refunded
tx().check(Order, order, (o, op) => op.eq(o.status, 'refunded'));
// expect-error: at o.shipping.address.zip names order.shipping.address says noSuchNameMessage('order.shipping.address', 'property')
tx().check(Order, order, (o, op) => op.exists(o.shipping.address.zip));
// expect-error: at customerId says missingConditionMessage('customer', 'customerId')
tx().check(CrmCustomer, { customerId: 'c1' });

// ----- optimistic locking -----

// expect-error: at sku names expectedVersion says needsExpectedVersionMessage('stock', 'update', 'version')
tx().update(LockedStock, { sku: 's1', warehouse: 'ams' }, (u) => u.add({ onHand: 1 }));
// expect-ok
tx().update(LockedStock, { sku: 's1', warehouse: 'ams' }, (u) => u.add({ onHand: 1 }), { expectedVersion: 3 });
// The versioned entity and the plain one name the same items.
// expect-error: at sku#2 names stock{sku:s1,warehouse:fra} says duplicateItemMessage('stock{sku:s1,warehouse:fra}')
tx().delete(Stock, { sku: 's1', warehouse: 'fra' }).put(LockedStock, { sku: 's1', warehouse: 'fra', onHand: 0 }, { expectedVersion: 'new' });

// ----- in a loop -----

declare const customerIds: readonly string[];
let loop = dynamicTx(Customer, CrmCustomer);
for (const customerId of customerIds) {
  // expect-ok
  loop = loop.update(Customer, { customerId }, (u) => u.add({ loyaltyPoints: 1 })).update(CrmCustomer, { customerId }, (u) => u.set({ segment: 'regular' }));
}
// An entity the dynamic transaction was not made with.
// expect-error: at customerId names billing says undeclaredEntityMessage('customer', 'billing')
loop = loop.put(BillingCustomer, { customerId: 'c9' });
// expect-ok
const untyped = dynamicTx().put(Order, { ...order, status: 'pending', total: 1 }).put(Order, { ...order, status: 'pending', total: 1 });

// Labels declared per entity: a reason narrowed on one is that entity's.
let restock = dynamicTx({ restock: Stock }, Order);
for (const sku of ['s1', 's2']) {
  // expect-ok
  restock = restock.update(Stock, { sku, warehouse: 'ams' }, (u) => u.add({ onHand: 10 }), { label: 'restock' });
}
// expect-error: at sku names recount says undeclaredLabelMessage('recount', 'stock')
restock = restock.update(Stock, { sku: 's3', warehouse: 'fra' }, (u) => u.add({ onHand: 1 }), { label: 'recount' });
// An entity declared with labels only: its actions need one.
// expect-error: at sku names stock says missingDeclaredLabelMessage('stock')
restock = restock.update(Stock, { sku: 's4', warehouse: 'fra' }, (u) => u.add({ onHand: 1 }));
// expect-ok
restock = restock.put(Order, { ...order, status: 'pending', total: 1 }, { label: 'any label' });
