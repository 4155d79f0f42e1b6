import { Entity } from 'electrodb';

export const BANK_TABLE = 'bank';

/**
 * A bank account. `balance` is in cents: whole numbers add and subtract exactly, which
 * floating-point euros would not.
 *
 * No `version` attribute, on purpose: see `transfer.ts` for why a transfer needs no
 * optimistic locking.
 */
export const Account = new Entity(
  {
    model: { entity: 'Account', version: '1', service: 'bank' } as const,
    attributes: {
      accountId: { type: 'string', required: true },
      owner: { type: 'string', required: true },
      balance: { type: 'number', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: BANK_TABLE },
);
