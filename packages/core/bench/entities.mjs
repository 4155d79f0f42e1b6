// The audit-log entities used by the benchmarks: the same three entities as
// test/fixtures/audit-entities.ts, kept here as plain JavaScript so that the benchmarks run
// on the built package alone (no TypeScript loader in the timed process).
import { Entity, Service } from 'electrodb';

export const table = 'audit';

export const Event = new Entity(
  {
    model: { entity: 'Event', version: '1', service: 'audit' },
    attributes: {
      tenant: { type: 'string', required: true },
      eventId: { type: 'string', required: true },
      at: { type: 'number', required: true },
      type: { type: ['login', 'logout', 'purchase'], required: true },
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
    model: { entity: 'Counter', version: '1', service: 'audit' },
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
    model: { entity: 'Tenant', version: '1', service: 'audit' },
    attributes: {
      tenant: { type: 'string', required: true },
      status: { type: ['active', 'suspended'], required: true },
      plan: { type: ['free', 'pro'], default: 'free' },
      seats: { type: 'number' },
      admins: { type: 'set', items: 'string' },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table },
);

export const service = new Service({ Event, Counter, Tenant });
