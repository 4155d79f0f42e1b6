// The same TransactWriteItems request built four ways, from the same list of actions (the
// audit-log mix: put Event / update Counter / check Tenant, in rotation).

import { marshall } from '@aws-sdk/util-dynamodb';
import { tx } from '../../dist/index.js';
import { Counter, Event, HookedCounter, HookedEvent, Tenant, hookedService, service, table } from '../entities.mjs';

/**
 * The actions of an N-action transaction, as an application would hold them before building
 * the request: made once, outside the timed code.
 */
export function auditActions(size) {
  const kinds = ['put', 'update', 'check'];
  return Array.from({ length: size }, (_, i) => ({
    kind: kinds[i % kinds.length],
    tenant: `t${i}`,
    eventId: `e${i}`,
    at: 1750756440 + i,
    type: 'login',
  }));
}

/** dynatx: the chain (built here, as an application builds it) and `params()`. */
export function buildDynatx(actions, entities = { Event, Counter }) {
  const { Event, Counter } = entities;
  let t = tx();
  for (const a of actions) {
    switch (a.kind) {
      case 'put':
        t = t.put(Event, { tenant: a.tenant, eventId: a.eventId, at: a.at, type: a.type }, { if: (e, op) => op.notExists(e.eventId) });
        break;
      case 'update':
        t = t.update(Counter, { tenant: a.tenant }, (u) => u.add({ eventCount: 1 }));
        break;
      case 'check':
        t = t.check(Tenant, { tenant: a.tenant }, (tenant, op) => op.eq(tenant.status, 'active'));
        break;
    }
  }
  return t.params();
}

/**
 * What a careful developer writes by hand for the same request: ElectroDB's key format with
 * template strings (lower-cased, as ElectroDB stores keys), its identifier attributes, the
 * defaults it fills in, and `marshall` for items, keys and values. The placeholders are
 * numbered the way dynatx numbers them, so that the two requests are equal, not just alike.
 */
export function buildHandWritten(actions) {
  const items = new Array(actions.length);
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    switch (a.kind) {
      case 'put':
        items[i] = {
          Put: {
            TableName: table,
            Item: marshall({
              tenant: a.tenant,
              eventId: a.eventId,
              at: a.at,
              type: a.type,
              flagged: false,
              pk: `$audit#tenant_${a.tenant}`.toLowerCase(),
              sk: `$event_1#eventid_${a.eventId}`.toLowerCase(),
              __edb_e__: 'Event',
              __edb_v__: '1',
            }),
            ConditionExpression: 'attribute_not_exists(#0)',
            ExpressionAttributeNames: { '#0': 'eventId' },
          },
        };
        break;
      case 'update':
        items[i] = {
          Update: {
            TableName: table,
            Key: marshall({ pk: `$audit#tenant_${a.tenant}`.toLowerCase(), sk: '$counter_1' }),
            UpdateExpression: 'SET #0 = :0, #1 = :1, #2 = :2 ADD #3 :3',
            ExpressionAttributeNames: { '#0': 'tenant', '#1': '__edb_e__', '#2': '__edb_v__', '#3': 'eventCount' },
            ExpressionAttributeValues: marshall({ ':0': a.tenant, ':1': 'Counter', ':2': '1', ':3': 1 }),
          },
        };
        break;
      case 'check':
        items[i] = {
          ConditionCheck: {
            TableName: table,
            Key: marshall({ pk: `$audit#tenant_${a.tenant}`.toLowerCase(), sk: '$tenant_1' }),
            ConditionExpression: '#0 = :0',
            ExpressionAttributeNames: { '#0': 'status' },
            ExpressionAttributeValues: marshall({ ':0': 'active' }),
          },
        };
        break;
    }
  }
  return { TransactItems: items };
}

/**
 * ElectroDB's own `transaction.write(...).params()`. It returns DocumentClient input (plain JS
 * values), which the DocumentClient marshalls when the request is sent.
 */
export function buildElectroDB(actions, on = service) {
  return on.transaction
    .write(({ Event, Counter, Tenant }) =>
      actions.map((a) => {
        switch (a.kind) {
          case 'put':
            return Event.put({ tenant: a.tenant, eventId: a.eventId, at: a.at, type: a.type })
              .where((e, op) => op.notExists(e.eventId))
              .commit();
          case 'update':
            return Counter.update({ tenant: a.tenant }).add({ eventCount: 1 }).commit();
          default:
            return Tenant.check({ tenant: a.tenant })
              .where((tenant, op) => op.eq(tenant.status, 'active'))
              .commit();
        }
      }),
    )
    .params();
}

/** ElectroDB's params, then marshalled as the DocumentClient would: the same wire format as the others. */
export function buildElectroDBMarshalled(actions) {
  const input = buildElectroDB(actions);
  for (const item of input.TransactItems) {
    const body = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
    if (body.Item) body.Item = marshall(body.Item);
    if (body.Key) body.Key = marshall(body.Key);
    if (body.ExpressionAttributeValues) body.ExpressionAttributeValues = marshall(body.ExpressionAttributeValues);
  }
  return input;
}

export const implementations = {
  'hand-written': buildHandWritten,
  dynatx: buildDynatx,
  ElectroDB: buildElectroDB,
  'ElectroDB+marshall': buildElectroDBMarshalled,
  // The same mix on entities with hooks (see entities.mjs): dynatx runs ElectroDB's params() there.
  'dynatx, hooks': (actions) => buildDynatx(actions, { Event: HookedEvent, Counter: HookedCounter }),
  'ElectroDB, hooks': (actions) => buildElectroDB(actions, hookedService),
};
