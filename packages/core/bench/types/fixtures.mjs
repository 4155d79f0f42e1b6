// Source text of the type-check fixtures: the audit-log mix (put Event / update Counter /
// check Tenant) in rotation, N actions, each on its own literal key, written once with dynatx
// and once with ElectroDB's own transaction API, plus an empty baseline for each.

/**
 * The three audit-log entities, with literal model names (dynatx needs them for its checks).
 * TypeScript source rather than an import of ../entities.mjs: type-checked as JavaScript, the
 * model names would widen to `string`, and the fixture would measure a different program.
 */
export const ENTITIES_TS = `import { Entity } from 'electrodb';

const table = 'audit';

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
`;

/** Which of the three actions the i-th action of a chain is. */
const KINDS = /** @type {const} */ (['put', 'update', 'check']);
export const kindAt = (i) => KINDS[i % KINDS.length];

/**
 * @param {object} paths  module specifiers, relative to the fixture file
 * @param {string} paths.index  dynatx's built entry point (dist/index.js)
 * @param {string} paths.outcome  where ActionsOf / TransactionResult are exported from
 * @param {string} paths.entities  the shared entities module
 * @param {number} size  number of actions; 0 for the empty baseline
 */
export function dynatxFixture(paths, size) {
  const imports = [
    `import { tx } from '${paths.index}';`,
    `import type { ActionsOf, TransactionResult } from '${paths.outcome}';`,
    `import { Event, Counter, Tenant } from '${paths.entities}';`,
  ];
  if (size === 0) {
    // Imported but unused: the program loads and checks the same declarations and entities,
    // and no transaction is built.
    return `${imports.join('\n')}\n`;
  }
  const chain = [];
  for (let i = 0; i < size; i++) {
    switch (kindAt(i)) {
      case 'put':
        chain.push(
          `  .put(Event, { tenant: 't${i}', eventId: 'e${i}', at: 1750756440, type: 'login' }, { if: (e, op) => op.notExists(e.eventId) })`,
        );
        break;
      case 'update':
        chain.push(`  .update(Counter, { tenant: 't${i}' }, (u) => u.add({ eventCount: 1 }))`);
        break;
      case 'check':
        chain.push(`  .check(Tenant, { tenant: 't${i}' }, (tenant, op) => op.eq(tenant.status, 'active'))`);
        break;
    }
  }
  return `${imports.join('\n')}

export const t = tx()
${chain.join('\n')};

export const input = t.params();

declare const result: TransactionResult<ActionsOf<typeof t>>;

export function oldCount(): number | undefined {
  if (!result.committed) {
    const reason = result.reasons[0];
    if (reason && reason.entity === 'Counter') return reason.oldItem?.eventCount;
  }
  return undefined;
}
`;
}

/**
 * dynatx's fixed cost: the empty baseline plus the entities checked against `AnyEntity`, which
 * the first action of any chain pays once (TypeScript relates ElectroDB's whole `Entity` class
 * to `Entity<any, any, any, any>`). ElectroDB's own baseline pays the same in `new Service`.
 */
export function dynatxSetupFixture(paths) {
  return `import type { AnyEntity } from '${paths.index}';
import { Event, Counter, Tenant } from '${paths.entities}';

// One by one: an array literal would make TypeScript compare the three Entity types with
// each other (subtype reduction), a cost that has nothing to do with dynatx.
export const event: AnyEntity = Event;
export const counter: AnyEntity = Counter;
export const tenant: AnyEntity = Tenant;
`;
}

/**
 * The same transaction with ElectroDB's `Service#transaction.write`. The baseline holds the
 * imports, the entities and the service (setup that does not grow with the transaction).
 */
export function electrodbFixture(paths, size) {
  const head = `import { Service } from 'electrodb';
import { Event, Counter, Tenant } from '${paths.entities}';

const service = new Service({ Event, Counter, Tenant });
`;
  if (size === 0) return head;
  const items = [];
  for (let i = 0; i < size; i++) {
    switch (kindAt(i)) {
      case 'put':
        items.push(
          `      Event.put({ tenant: 't${i}', eventId: 'e${i}', at: 1750756440, type: 'login' }).where((e, op) => op.notExists(e.eventId)).commit(),`,
        );
        break;
      case 'update':
        items.push(`      Counter.update({ tenant: 't${i}' }).add({ eventCount: 1 }).commit(),`);
        break;
      case 'check':
        items.push(`      Tenant.check({ tenant: 't${i}' }).where((tenant, op) => op.eq(tenant.status, 'active')).commit(),`);
        break;
    }
  }
  return `${head}
export async function oldCount(): Promise<number | undefined> {
  const result = await service.transaction
    .write(({ Event, Counter, Tenant }) => [
${items.join('\n')}
    ])
    .go();
  if (result.canceled) {
    const reason = result.data[1];
    return reason.item?.eventCount;
  }
  return undefined;
}
`;
}

/** One tsconfig per fixture, so that only that fixture (and what it imports) is checked. */
export function fixtureTsconfig(file) {
  return `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: true,
        types: [],
        noEmit: true,
      },
      files: [file],
    },
    null,
    2,
  )}\n`;
}
