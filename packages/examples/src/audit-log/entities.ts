import { Entity } from 'electrodb';

/**
 * The audit log of the seed article: one table holds each tenant's events, its event
 * counter, and the tenant itself. The transaction in `append-event.ts` keeps the events and
 * `eventCount` in agreement.
 */
export const AUDIT_TABLE = 'audit-log';

export const Tenant = new Entity(
  {
    model: { entity: 'Tenant', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      name: { type: 'string', required: true },
      status: { type: ['active', 'suspended'] as const, required: true },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: AUDIT_TABLE },
);

export const Counter = new Entity(
  {
    model: { entity: 'Counter', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventCount: { type: 'number', required: true, default: 0 },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: AUDIT_TABLE },
);

export const Event = new Entity(
  {
    model: { entity: 'Event', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventId: { type: 'string', required: true },
      at: { type: 'number', required: true },
      type: { type: ['login', 'logout', 'export', 'settings'] as const, required: true },
      actor: { type: 'string', required: true },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: ['eventId'] } },
    },
  },
  { table: AUDIT_TABLE },
);

export type AuditEvent = Omit<Parameters<typeof Event.put>[0] & object, 'tenant'>;
