// orders.test.ts
import { injectFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { expect, test } from 'vitest';
import { Order, placeOrder, Stock } from './orders.js';

// A fresh table for this file. Until the file ends, Order and Stock use it, and the
// table's client, for everything ElectroDB does.
const table = useTable([Order, Stock]);

test('an order takes its stock, and only once', async () => {
  await Stock.create({ sku: 'pen', available: 5 }).go();
  expect(await placeOrder({ orderId: 'o1', sku: 'pen', quantity: 2 })).toEqual({ status: 'placed', attempts: 1 });
  expect((await Stock.get({ sku: 'pen' }).go()).data?.available).toBe(3);
  expect(await placeOrder({ orderId: 'o1', sku: 'pen', quantity: 2 })).toEqual({ status: 'refused', attempts: 1 });
  expect((await Order.get({ orderId: 'o1' }).go()).data?.quantity).toBe(2);
});

test('a transaction conflict is retried', async () => {
  await Stock.create({ sku: 'ink', available: 5 }).go();
  const faults = injectFaults(table.client).failNext(1, 'transactionConflict');
  try {
    expect(await placeOrder({ orderId: 'o2', sku: 'ink', quantity: 1 })).toEqual({ status: 'placed', attempts: 2 });
    expect(faults.log.map((fault) => fault.kind)).toEqual(['transactionConflict']);
  } finally {
    faults.remove();
  }
});

test('under random conflicts (seeded, so every run is the same), each order is placed once', async () => {
  await Stock.create({ sku: 'pad', available: 100 }).go();
  const faults = injectFaults(table.client, { rates: { transactionConflict: 0.3 }, seed: 1 });
  try {
    const orders = Array.from({ length: 20 }, (_, i) => ({ orderId: `p${i}`, sku: 'pad', quantity: 1 }));
    const results = await Promise.all(orders.map((order) => placeOrder(order, 10)));
    expect(results.every((result) => result.status === 'placed')).toBe(true);
    expect(faults.log.length).toBeGreaterThan(0);
    expect((await Stock.get({ sku: 'pad' }).go()).data?.available).toBe(80);
    // Every conflict cost one retry: 20 transactions plus one call per injected fault.
    expect(faults.calls).toBe(20 + faults.log.length);
  } finally {
    faults.remove();
  }
});
