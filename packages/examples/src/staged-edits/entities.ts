import { Entity } from 'electrodb';
import { versioned } from '@dynatx/core';

export const TENANTS_TABLE = 'tenants';

/** A tenant's plan and seats. It carries a version: see `VersionedSettings`. */
export const TenantSettings = new Entity(
  {
    model: { entity: 'TenantSettings', version: '1', service: 'saas' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      plan: { type: ['free', 'pro', 'enterprise'] as const, required: true },
      seats: { type: 'number', required: true },
      version: { type: 'number' },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: TENANTS_TABLE },
);

/**
 * Settings opt into optimistic locking: every write must say which version it read, and a
 * staged commit is refused if *anything* in the item changed since it was read. That suits
 * an item whose fields are decided together (plan and seats).
 */
export const VersionedSettings = versioned(TenantSettings, 'version');

/**
 * The tenant's limits, and its usage today. No version: `usedToday` changes on every API
 * call, and a version would make each of those writes conflict with an admin's edit. A staged
 * edit of an unversioned item is guarded by the values it read *of the attributes it
 * changes*, so usage can tick on while the limits are being edited.
 */
export const Quota = new Entity(
  {
    model: { entity: 'Quota', version: '1', service: 'saas' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      apiCallsPerDay: { type: 'number', required: true },
      storageGb: { type: 'number', required: true },
      usedToday: { type: 'number', required: true, default: 0 },
    },
    indexes: {
      byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: TENANTS_TABLE },
);
