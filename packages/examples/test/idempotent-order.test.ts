/** The idempotent-order example against a DynamoDB Local started by this file. */
import { RetriesExhaustedError, TransactionIdReusedError, tx } from '@dynatx/core';
import { injectFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { describe, expect, test } from 'vitest';
import { Order, Stock } from '../src/idempotent-order/entities.js';
import { orderFeed, orderTransactionId, placeOrder, placeOrderTransaction, type OrderRequest } from '../src/idempotent-order/place-order.js';
import { runIdempotentOrderScenario } from '../src/idempotent-order/scenario.js';

// Also points Order and Stock (table name and client) at the test table, so ElectroDB reads back.
const table = useTable([Order, Stock, orderFeed.manifestEntity]);

/** A client sharing nothing with the others: what a restarted process would construct. */
const newProcessClient = () => table.createClient();

let sequence = 0;
/** A product of this test's own, with `available` units, and an order for `quantity` of it. */
async function stockAndOrder(available: number, quantity: number): Promise<OrderRequest> {
  const n = ++sequence;
  await Stock.create({ sku: `sku-${n}`, available }).go();
  return { orderId: `ord-${n}`, customer: 'ann', sku: `sku-${n}`, quantity };
}
const available = async (sku: string) => (await Stock.get({ sku }).go()).data?.available;
const storedOrder = async (orderId: string) => (await Order.get({ orderId }).go()).data;

describe('the transaction id', () => {
  test('is derived from the order id: the same for every process, different per order; it keys the manifest', () => {
    expect(orderTransactionId('ord-1')).toBe(orderTransactionId('ord-1'));
    expect(orderTransactionId('ord-1')).not.toBe(orderTransactionId('ord-2'));
    const params = placeOrderTransaction({ orderId: 'ord-1', customer: 'c', sku: 's', quantity: 1 }).params({ transactionId: orderTransactionId('ord-1') });
    expect(params.TransactItems).toHaveLength(3);
    expect(params.TransactItems![2]!.Put!.Item!.transactionId).toEqual({ S: 'order-ord-1' });
  });
});

describe('placing an order', () => {
  test('stores the order and takes the stock, in one transaction', async () => {
    const order = await stockAndOrder(5, 2);
    expect(await placeOrder(table.client, order)).toMatchObject({ status: 'placed', attempts: 1, alreadyCommitted: false });
    expect(await storedOrder(order.orderId)).toEqual(order);
    expect(await available(order.sku)).toBe(3);
  });

  test('a replay of the same order from another process applies it once', async () => {
    const order = await stockAndOrder(5, 2);
    const firstProcess = newProcessClient();
    const secondProcess = newProcessClient();
    expect(await placeOrder(firstProcess, order)).toMatchObject({ status: 'placed', alreadyCommitted: false });
    expect(await placeOrder(secondProcess, order)).toMatchObject({ status: 'placed', alreadyCommitted: true });
    expect(await available(order.sku)).toBe(3);
    firstProcess.destroy();
    secondProcess.destroy();
  });

  test('the engine committed but the caller saw a timeout: a re-send from a fresh process applies nothing again', async () => {
    const order = await stockAndOrder(5, 2);
    const crashed = newProcessClient();
    const faults = injectFaults(crashed).loseResponseOfNext(1);
    const error = await placeOrder(crashed, order, { retry: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(faults.log).toMatchObject([{ kind: 'lostResponse', engineSucceeded: true }]);
    crashed.destroy();
    // The writes were applied though nobody was told.
    expect(await available(order.sku)).toBe(3);

    const restarted = newProcessClient();
    expect(await placeOrder(restarted, order)).toMatchObject({ status: 'placed', attempts: 1, alreadyCommitted: true });
    restarted.destroy();
    expect(await available(order.sku)).toBe(3);
    expect(await storedOrder(order.orderId)).toEqual(order);
  });

  test('within one process, a lost response is retried with the same token and applied once', async () => {
    const order = await stockAndOrder(5, 2);
    const client = newProcessClient();
    injectFaults(client).loseResponseOfNext(1);
    expect(await placeOrder(client, order, { retry: { baseDelayMs: 1 } })).toMatchObject({ status: 'placed', attempts: 2 });
    expect(await available(order.sku)).toBe(3);
    client.destroy();
  });

  test('after the token window (a fresh token), the same transaction id is already committed: nothing applied again', async () => {
    const order = await stockAndOrder(5, 2);
    await placeOrder(table.client, order);
    expect(await placeOrder(table.client, order, { clientRequestToken: 'a-token-days-later' })).toMatchObject({ status: 'placed', alreadyCommitted: true });
    expect(await available(order.sku)).toBe(3);
  });

  test('without the feed, a re-send is a new transaction, and only the order condition stops it', async () => {
    const order = await stockAndOrder(5, 2);
    await placeOrder(table.client, order);
    const result = await tx().put(Order, order, { if: (o, op) => op.notExists(o.orderId), label: 'order' }).execute(table.client);
    if (result.committed) throw new Error('expected a cancellation');
    expect(result.failed.map((r) => [r.label, r.code])).toEqual([['order', 'ConditionalCheckFailed']]);
    expect(await available(order.sku)).toBe(3);
  });

  test('an order of other items under a used transaction id is a TransactionIdReusedError, and changes nothing', async () => {
    const order = await stockAndOrder(5, 2);
    const other = await stockAndOrder(5, 1);
    await placeOrder(table.client, order);
    const error = await placeOrder(table.client, { ...order, sku: other.sku }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionIdReusedError);
    expect(await available(order.sku)).toBe(3);
    expect(await available(other.sku)).toBe(5);
  });

  test('out of stock: cancelled naming the stock action; no order is stored', async () => {
    const order = await stockAndOrder(1, 2);
    const result = await placeOrderTransaction(order).execute(table.client);
    if (result.committed) throw new Error('expected a cancellation');
    expect(result.failed.map((r) => [r.label, r.itemId, r.code])).toEqual([['stock', `Stock{sku:${order.sku}}`, 'ConditionalCheckFailed']]);
    expect(await storedOrder(order.orderId)).toBeNull();
    expect(await available(order.sku)).toBe(1);

    const next = { ...order, orderId: `${order.orderId}-b` };
    expect(await placeOrder(table.client, next)).toEqual({ status: 'out-of-stock', available: 1 });
  });

  test('an order stored without its manifest (say, before the feed existed) is reported as already placed', async () => {
    const order = await stockAndOrder(5, 2);
    await tx().put(Order, order).update(Stock, { sku: order.sku }, (u) => u.subtract({ available: order.quantity })).execute(table.client);
    expect(await placeOrder(table.client, order)).toEqual({
      status: 'already-placed',
      existing: { customer: order.customer, sku: order.sku, quantity: order.quantity },
    });
    expect(await available(order.sku)).toBe(3);
  });

  test('quantities that are not whole units above zero are refused before sending', () => {
    for (const quantity of [0, -1, 0.5]) {
      expect(() => placeOrderTransaction({ orderId: 'o', customer: 'c', sku: 's', quantity })).toThrow(RangeError);
    }
  });
});

test('the runnable scenario passes its own checks', async () => {
  const checks = await runIdempotentOrderScenario(newProcessClient, () => {});
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  expect(checks).toHaveLength(7);
});
