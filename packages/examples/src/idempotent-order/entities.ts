import { Entity } from 'electrodb';

export const SHOP_TABLE = 'shop';

export const Order = new Entity(
  {
    model: { entity: 'Order', version: '1', service: 'shop' } as const,
    attributes: {
      orderId: { type: 'string', required: true },
      customer: { type: 'string', required: true },
      sku: { type: 'string', required: true },
      quantity: { type: 'number', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: SHOP_TABLE },
);

/** Units of one product on hand. */
export const Stock = new Entity(
  {
    model: { entity: 'Stock', version: '1', service: 'shop' } as const,
    attributes: {
      sku: { type: 'string', required: true },
      available: { type: 'number', required: true },
    },
    indexes: {
      bySku: { pk: { field: 'pk', composite: ['sku'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: SHOP_TABLE },
);
