import { Entity } from 'electrodb';

// The audit-log entities are the runtime tests' own, so both kinds of test speak of the same
// Event, Counter and Tenant; the entities below exist for the type tests alone.
export { Counter, Event, Tenant, table } from '../test/fixtures/audit-entities.js';
import { table } from '../test/fixtures/audit-entities.js';

/**
 * One attribute of every kind dynatx types, so each rule can be shown on the kind it is about.
 * Key: `id` alone. `createdBy` is read-only, `secret` hidden, `revision` has a default,
 * `owner` is required without a default, everything else is optional.
 */
export const Kitchen = new Entity(
  {
    model: { entity: 'Kitchen', version: '1', service: 'audit' } as const,
    attributes: {
      id: { type: 'string', required: true },
      owner: { type: 'string', required: true },
      title: { type: 'string' },
      count: { type: 'number' },
      active: { type: 'boolean' },
      color: { type: ['red', 'green', 'blue'] as const },
      labels: { type: 'set', items: 'string' },
      scores: { type: 'set', items: 'number' },
      levels: { type: 'set', items: ['low', 'high'] as const },
      lines: { type: 'list', items: { type: 'string' } },
      parts: {
        type: 'list',
        items: { type: 'map', properties: { sku: { type: 'string', required: true }, qty: { type: 'number' } } },
      },
      profile: {
        type: 'map',
        properties: { email: { type: 'string', required: true }, age: { type: 'number' } },
      },
      blob: { type: 'any' },
      createdBy: { type: 'string', readOnly: true },
      secret: { type: 'string', hidden: true },
      revision: { type: 'number', default: 1 },
      stage: { type: ['draft', 'live'] as const, required: true, default: 'draft' },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table },
);

/**
 * A two-attribute primary key, declared `eventId` then `at`: item ids list them in code-unit
 * order (`AuditRow{at:17,eventId:e1}`), which is not the declared order.
 */
export const AuditRow = new Entity(
  {
    model: { entity: 'AuditRow', version: '1', service: 'audit' } as const,
    attributes: {
      eventId: { type: 'string', required: true },
      at: { type: 'number', required: true },
      message: { type: 'string' },
    },
    indexes: {
      byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['at'] } },
    },
  },
  { table },
);

/** A two-attribute sort key under a one-attribute partition key. */
export const Shipment = new Entity(
  {
    model: { entity: 'Shipment', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      region: { type: ['eu', 'us'] as const, required: true },
      orderId: { type: 'string', required: true },
      weight: { type: 'number' },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenant'] },
        sk: { field: 'sk', composite: ['region', 'orderId'] },
      },
    },
  },
  { table },
);

/** Its model is not `as const`, so its name is a plain `string` and its items have no literal id. */
const looseModel = { entity: 'Loose', version: '1', service: 'audit' };
export const Loose = new Entity(
  {
    model: looseModel,
    attributes: {
      tenant: { type: 'string', required: true },
      hits: { type: 'number' },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table },
);

/** The same key attribute and key value as Counter, on a different entity. */
export const Quota = new Entity(
  {
    model: { entity: 'Quota', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      limit: { type: 'number', required: true },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table },
);
