import { Entity } from 'electrodb';
export const Event = new Entity({
    model: { entity: 'Event', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventId: { type: 'string', required: true },
      at: { type: 'number', required: true },
      type: { type: ['login', 'logout', 'purchase'] as const, required: true },
      flagged: { type: 'boolean', default: false },
    },
    indexes: { byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: ['eventId'] } } },
  }, { table: 'audit' });
export const Counter = new Entity({
    model: { entity: 'Counter', version: '1', service: 'audit' } as const,
    attributes: { tenant: { type: 'string', required: true }, eventCount: { type: 'number', required: true, default: 0 } },
    indexes: { byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } } },
  }, { table: 'audit' });
export const Tenant = new Entity({
    model: { entity: 'Tenant', version: '1', service: 'audit' } as const,
    attributes: { tenant: { type: 'string', required: true }, status: { type: ['active', 'suspended'] as const, required: true } },
    indexes: { byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } } },
  }, { table: 'audit' });
