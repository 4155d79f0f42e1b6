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

// The same two entities with the hooks real entities carry (timestamps kept by `set` and
// `watch: '*'`, a validated attribute): dynatx writes these through ElectroDB's own params(),
// so their figures show what exactness costs. The setters return a constant, so that the
// timings measure the machinery, not the clock.
const stamped = {
  createdAt: { type: 'number', readOnly: true, default: () => 1750756440000, set: () => 1750756440000 },
  updatedAt: { type: 'number', readOnly: true, watch: '*', set: () => 1750756440000 },
};

export const HookedEvent = new Entity(
  {
    model: { entity: 'Event', version: '1', service: 'audit' },
    attributes: { ...Event.schema.attributes, actor: { type: 'string', validate: /^[a-z0-9-]+$/ }, ...stamped },
    indexes: Event.schema.indexes,
  },
  { table },
);

export const HookedCounter = new Entity(
  {
    model: { entity: 'Counter', version: '1', service: 'audit' },
    attributes: { ...Counter.schema.attributes, ...stamped },
    indexes: Counter.schema.indexes,
  },
  { table },
);

export const hookedService = new Service({ Event: HookedEvent, Counter: HookedCounter, Tenant });
