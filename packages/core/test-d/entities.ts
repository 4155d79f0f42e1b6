import { Entity } from 'electrodb';

/** The audit-log entities from the seed article, shared by the core tests. */
export const table = 'audit';

export const Event = new Entity(
  {
    model: { entity: 'Event', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventId: { type: 'string', required: true },
      at: { type: 'number', required: true },
      type: { type: ['login', 'logout', 'purchase'] as const, required: true },
      actor: { type: 'string' },
      tags: { type: 'set', items: 'string' },
      detail: { type: 'map', properties: { ip: { type: 'string' }, attempts: { type: 'number' } } },
      notes: { type: 'list', items: { type: 'string' } },
      flagged: { type: 'boolean', default: false },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: ['eventId'] } },
    },
  },
  { table },
);

export const Counter = new Entity(
  {
    model: { entity: 'Counter', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventCount: { type: 'number', required: true, default: 0 },
      lastEventAt: { type: 'number' },
      note: { type: 'string' },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table },
);

export const Tenant = new Entity(
  {
    model: { entity: 'Tenant', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      status: { type: ['active', 'suspended'] as const, required: true },
      plan: { type: ['free', 'pro'] as const, default: 'free' },
      seats: { type: 'number' },
      admins: { type: 'set', items: 'string' },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table },
);
