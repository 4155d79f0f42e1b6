import { describe, expect, test } from 'vitest';
import { tx } from '../src/index.js';
import { Entity } from 'electrodb';
import { Counter, Event, Tenant } from './fixtures/audit-entities.js';

const Account = new Entity(
  {
    model: { entity: 'Account', version: '1', service: 'bank' } as const,
    attributes: { accountId: { type: 'string', required: true }, balance: { type: 'number', required: true } },
    indexes: { byId: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'ledger' },
);

describe('params(): the exact TransactWriteItems input', () => {
  test('the audit-log transaction, placeholder for placeholder', () => {
    const append = tx()
      .put(Event, { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' }, { if: (e, op) => op.notExists(e.eventId) })
      .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }))
      .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));

    expect(append.params()).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: 'audit',
            Item: {
              tenant: { S: 'acme' },
              eventId: { S: 'a1' },
              at: { N: '1750756440' },
              type: { S: 'login' },
              flagged: { BOOL: false },
              pk: { S: '$audit#tenant_acme' },
              sk: { S: '$event_1#eventid_a1' },
              __edb_e__: { S: 'Event' },
              __edb_v__: { S: '1' },
            },
            ConditionExpression: 'attribute_not_exists(#0)',
            ExpressionAttributeNames: { '#0': 'eventId' },
          },
        },
        {
          Update: {
            TableName: 'audit',
            Key: { pk: { S: '$audit#tenant_acme' }, sk: { S: '$counter_1' } },
            UpdateExpression: 'SET #0 = :0, #1 = :1, #2 = :2 ADD #3 :3',
            ExpressionAttributeNames: { '#0': 'tenant', '#1': '__edb_e__', '#2': '__edb_v__', '#3': 'eventCount' },
            ExpressionAttributeValues: { ':0': { S: 'acme' }, ':1': { S: 'Counter' }, ':2': { S: '1' }, ':3': { N: '1' } },
          },
        },
        {
          ConditionCheck: {
            TableName: 'audit',
            Key: { pk: { S: '$audit#tenant_acme' }, sk: { S: '$tenant_1' } },
            ConditionExpression: '#0 = :0',
            ExpressionAttributeNames: { '#0': 'status' },
            ExpressionAttributeValues: { ':0': { S: 'active' } },
          },
        },
      ],
    });
  });

  test('names and values appear only when used, ALL_OLD only when asked for', () => {
    const [del] = tx().delete(Counter, { tenant: 'x' }).params().TransactItems!;
    expect(del).toEqual({ Delete: { TableName: 'audit', Key: { pk: { S: '$audit#tenant_x' }, sk: { S: '$counter_1' } } } });

    const [guarded] = tx()
      .delete(Counter, { tenant: 'x' }, { if: (c, op) => op.exists(c.tenant), returnOldItemOnFailure: true })
      .params().TransactItems!;
    expect(guarded!.Delete).toEqual({
      TableName: 'audit',
      Key: { pk: { S: '$audit#tenant_x' }, sk: { S: '$counter_1' } },
      ConditionExpression: 'attribute_exists(#0)',
      ExpressionAttributeNames: { '#0': 'tenant' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  test('a client request token is passed through', () => {
    expect(tx().delete(Counter, { tenant: 'x' }).params({ clientRequestToken: 'tok-1' }).ClientRequestToken).toBe('tok-1');
  });

  test('every update operation, and a name used twice shares one placeholder', () => {
    const [item] = tx()
      .update(
        Event,
        { tenant: 't', eventId: 'e' },
        (u) =>
          u
            .set({ actor: 'ann' })
            .setIfNotExists({ at: 5 })
            .append({ notes: ['n1'] })
            .add({ tags: ['x'] })
            .remove(['flagged']),
        { if: (e, op) => op.and(op.exists(e.actor), op.gt(e.at, 1)) },
      )
      .params().TransactItems!;
    const update = item!.Update!;
    expect(update.UpdateExpression).toBe(
      // append as ElectroDB writes it: a missing list counts as empty
      'SET #0 = :0, #1 = if_not_exists(#1, :1), #2 = list_append(if_not_exists(#2, :3), :2), #3 = :4, #4 = :5, #5 = :6, #6 = :7 REMOVE #7 ADD #8 :8',
    );
    expect(update.ExpressionAttributeNames).toMatchObject({ '#0': 'actor', '#1': 'at', '#2': 'notes', '#7': 'flagged', '#8': 'tags' });
    expect(update.ExpressionAttributeValues![':3']).toEqual({ L: [] });
    expect(update.ConditionExpression).toBe('attribute_exists(#0) AND #1 > :9');
    expect(update.ExpressionAttributeValues![':8']).toEqual({ SS: ['x'] });
  });

  test('subtract and deleteFromSet', () => {
    const [item] = tx()
      .update(Tenant, { tenant: 't' }, (u) => u.subtract({ seats: 2 }).deleteFromSet({ admins: new Set(['bob']) }))
      .params().TransactItems!;
    // subtract as ElectroDB writes it: a missing number counts as 0
    expect(item!.Update!.UpdateExpression).toBe('SET #0 = (if_not_exists(#0, :1) - :0), #1 = :2, #2 = :3, #3 = :4 DELETE #4 :5');
    expect(item!.Update!.ExpressionAttributeValues![':1']).toEqual({ N: '0' });
    expect(item!.Update!.ExpressionAttributeValues![':5']).toEqual({ SS: ['bob'] });
  });

  test('conditions: every operator compiles to DynamoDB syntax', () => {
    const condition = (fn: (e: any, op: any) => unknown) =>
      tx().check(Event, { tenant: 't', eventId: 'e' }, fn as never).params().TransactItems![0]!.ConditionCheck!;
    expect(condition((e: any, op: any) => op.between(e.at, 1, 9)).ConditionExpression).toBe('#0 BETWEEN :0 AND :1');
    expect(condition((e: any, op: any) => op.in(e.type, ['login', 'logout'])).ConditionExpression).toBe('#0 IN (:0, :1)');
    expect(condition((e: any, op: any) => op.beginsWith(e.actor, 'a')).ConditionExpression).toBe('begins_with(#0, :0)');
    expect(condition((e: any, op: any) => op.contains(e.tags, 'x')).ExpressionAttributeValues).toEqual({ ':0': { S: 'x' } });
    expect(condition((e: any, op: any) => op.isType(e.detail, 'M')).ConditionExpression).toBe('attribute_type(#0, :0)');
    expect(condition((e: any, op: any) => op.gte(op.size(e.notes), 2)).ConditionExpression).toBe('size(#0) >= :0');
    expect(condition((e: any, op: any) => op.not(op.or(op.eq(e.type, 'login'), op.ne(e.at, 3)))).ConditionExpression).toBe(
      'NOT (#0 = :0 OR #1 <> :1)',
    );
    expect(
      condition((e: any, op: any) => op.and(op.or(op.lt(e.at, 1), op.lte(e.at, 2)), op.notExists(e.actor))).ConditionExpression,
    ).toBe('(#0 < :0 OR #0 <= :1) AND attribute_not_exists(#1)');
  });

  test('conditions reach into maps: each path segment gets its own name placeholder', () => {
    const [item] = tx()
      .check(Event, { tenant: 't', eventId: 'e' }, (e, op) => op.and(op.eq(e.detail.ip, '::1'), op.gt(e.detail.attempts, 2), op.exists(e.detail)))
      .params().TransactItems!;
    expect(item!.ConditionCheck!.ConditionExpression).toBe('#0.#1 = :0 AND #0.#2 > :1 AND attribute_exists(#0)');
    expect(item!.ConditionCheck!.ExpressionAttributeNames).toEqual({ '#0': 'detail', '#1': 'ip', '#2': 'attempts' });
    expect(item!.ConditionCheck!.ExpressionAttributeValues).toEqual({ ':0': { S: '::1' }, ':1': { N: '2' } });
    expect(() => tx().check(Event, { tenant: 't', eventId: 'e' }, (e, op) => op.eq(e.detail.ip, 7 as never))).toThrow(
      'Event.detail.ip must be a string, got number 7',
    );
  });

  test('params() is deterministic: the same transaction gives the same input every time', () => {
    const make = () =>
      tx()
        .put(Event, { tenant: 'a', eventId: 'b', at: 1, type: 'logout', tags: ['q', 'r'], detail: { ip: '::1' } })
        .update(Counter, { tenant: 'a' }, (u) => u.add({ eventCount: 2 }).set({ note: 'n' }));
    expect(JSON.stringify(make().params())).toBe(JSON.stringify(make().params()));
  });

  test('entities of several tables in one transaction', () => {
    const items = tx()
      .put(Event, { tenant: 'a', eventId: 'b', at: 1, type: 'login' })
      .delete(Account, { accountId: 'a' })
      .params().TransactItems!;
    expect(items.map((i) => (i.Put ?? i.Delete)!.TableName)).toEqual(['audit', 'ledger']);
  });
});

describe('immutability', () => {
  test('branching from a base never changes the base', () => {
    const base = tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
    const withEvent = base.put(Event, { tenant: 'acme', eventId: 'e1', at: 1, type: 'login' });
    const withCheck = base.check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));
    expect(base.size).toBe(1);
    expect(withEvent.size).toBe(2);
    expect(withCheck.size).toBe(2);
    expect(base.params().TransactItems).toHaveLength(1);
    expect(withEvent.params().TransactItems![1]!.Put).toBeDefined();
    expect(withCheck.params().TransactItems![1]!.ConditionCheck).toBeDefined();
    expect(Object.isFrozen(base)).toBe(true);
  });
});
