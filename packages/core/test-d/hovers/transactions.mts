// Hover fixture for scripts/check-type-hovers.mjs: each `/*hover*/` marks a name whose quick
// info (the editor's hover) must be a short summary: at most 250 characters, no internal
// separators, no schema.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamicTx, tx, txGet } from '../../dist/index.js';
import { Counter, Event, Tenant } from '../entities.js';

declare const client: DynamoDBClient;

export const /*hover*/three = tx()
  .put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' }, { label: 'event' })
  .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));

export const /*hover*/thirty = tx()
  .put(Event, { tenant: 't0', eventId: 'e0', at: 0, type: 'login' })
  .update(Counter, { tenant: 't1' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't2' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't3', eventId: 'e3', at: 3, type: 'login' })
  .update(Counter, { tenant: 't4' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't5' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't6', eventId: 'e6', at: 6, type: 'login' })
  .update(Counter, { tenant: 't7' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't8' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't9', eventId: 'e9', at: 9, type: 'login' })
  .update(Counter, { tenant: 't10' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't11' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't12', eventId: 'e12', at: 12, type: 'login' })
  .update(Counter, { tenant: 't13' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't14' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't15', eventId: 'e15', at: 15, type: 'login' })
  .update(Counter, { tenant: 't16' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't17' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't18', eventId: 'e18', at: 18, type: 'login' })
  .update(Counter, { tenant: 't19' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't20' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't21', eventId: 'e21', at: 21, type: 'login' })
  .update(Counter, { tenant: 't22' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't23' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't24', eventId: 'e24', at: 24, type: 'login' })
  .update(Counter, { tenant: 't25' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't26' }, (t, op) => op.eq(t.status, 'active'))
  .put(Event, { tenant: 't27', eventId: 'e27', at: 27, type: 'login' })
  .update(Counter, { tenant: 't28' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't29' }, (t, op) => op.eq(t.status, 'active'));

export const /*hover*/result = await three.execute(client);

export const /*hover*/pending = thirty.execute(client);

if (!result.committed) {
  const /*hover*/cancelled = result;
  void cancelled;
}

let /*hover*/loop = dynamicTx(Counter, Event);
for (const tenant of ['a', 'b']) loop = loop.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }));

export const /*hover*/read = txGet().get(Tenant, { tenant: 'acme' }).get(Counter, { tenant: 'acme' });

export const /*hover*/empty = tx();
