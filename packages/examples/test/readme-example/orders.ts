// orders.ts: the code under test
import { Entity, Service } from 'electrodb';

export const Order = new Entity(
  {
    model: { entity: 'order', version: '1', service: 'shop' },
    attributes: {
      orderId: { type: 'string', required: true },
      sku: { type: 'string', required: true },
      quantity: { type: 'number', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: 'shop' },
);

export const Stock = new Entity(
  {
    model: { entity: 'stock', version: '1', service: 'shop' },
    attributes: {
      sku: { type: 'string', required: true },
      available: { type: 'number', required: true },
    },
    indexes: {
      bySku: { pk: { field: 'pk', composite: ['sku'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: 'shop' },
);

const shop = new Service({ Order, Stock });

export type PlaceOrderResult = { status: 'placed' | 'refused' | 'busy'; attempts: number };

/** Stores the order and takes its stock in one transaction; retries transaction conflicts. */
export async function placeOrder(
  order: { orderId: string; sku: string; quantity: number },
  maxAttempts = 3,
): Promise<PlaceOrderResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await shop.transaction
      .write(({ Order, Stock }) => [
        Order.create(order).commit(),
        Stock.patch({ sku: order.sku })
          .subtract({ available: order.quantity })
          .where(({ available }, { gte }) => gte(available, order.quantity))
          .commit(),
      ])
      .go();
    if (!result.canceled) return { status: 'placed', attempts: attempt };
    const conflict = result.data.some((action) => action.code === 'TransactionConflict');
    if (!conflict) return { status: 'refused', attempts: attempt };
    if (attempt >= maxAttempts) return { status: 'busy', attempts: attempt };
  }
}
