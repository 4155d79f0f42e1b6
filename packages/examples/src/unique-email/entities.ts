import { Entity } from 'electrodb';

export const USERS_TABLE = 'users';

/** A user, keyed by id. Its email can change, so it cannot be the key. */
export const User = new Entity(
  {
    model: { entity: 'User', version: '1', service: 'accounts' } as const,
    attributes: {
      userId: { type: 'string', required: true },
      email: { type: 'string', required: true },
      name: { type: 'string', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: USERS_TABLE },
);

/**
 * The uniqueness guard: one item per email address in use, keyed by the address. DynamoDB
 * enforces uniqueness only on primary keys, so "no two users share an email" becomes "no
 * two EmailClaim items share a key", which a conditional put can guarantee.
 */
export const EmailClaim = new Entity(
  {
    model: { entity: 'EmailClaim', version: '1', service: 'accounts' } as const,
    attributes: {
      email: { type: 'string', required: true },
      userId: { type: 'string', required: true },
    },
    indexes: {
      byEmail: { pk: { field: 'pk', composite: ['email'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: USERS_TABLE },
);
