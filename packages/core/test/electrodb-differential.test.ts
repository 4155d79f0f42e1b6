/**
 * dynatx writes what ElectroDB writes. For many generated items and keys, the Item and Key
 * dynatx puts on the wire must equal ElectroDB's own `put/update/delete(...).params()`,
 * marshalled the way ElectroDB's DocumentClient marshalls them.
 */
import { DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { seededRandom } from '@dynatx/testing';
import { Entity } from 'electrodb';
import { describe, expect, test } from 'vitest';
import { tx } from '../src/index.js';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

const Thing = new Entity(
  {
    model: { entity: 'Thing', version: '2', service: 'Shop' } as const,
    attributes: {
      id: { type: 'string', required: true, padding: { length: 6, char: '0' } },
      n: { type: 'number', required: true, label: 'N' },
      kind: { type: ['Tool', 'toy', 'Book'] as const, required: true },
      cat: { type: 'string' },
      sub: { type: 'string' },
      code: { type: 'number' },
      tags: { type: 'set', items: 'string' },
      nums: { type: 'set', items: 'number' },
      notes: { type: 'list', items: { type: 'string' } },
      info: { type: 'map', properties: { a: { type: 'string' }, b: { type: 'number' } } },
      flag: { type: 'boolean', default: false },
      score: { type: 'number', default: () => 7 },
      Label: { type: 'string', field: 'label_f' },
      secret: { type: 'string', hidden: true },
      createdAt: { type: 'number', readOnly: true },
      anything: { type: 'any' },
    },
    indexes: {
      primary: { pk: { field: 'pk', composite: ['id'], casing: 'none' }, sk: { field: 'sk', composite: ['n', 'kind'] } },
      byCategory: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['cat', 'sub'] }, sk: { field: 'gsi1sk', composite: [] } },
      byCode: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['code'], cast: 'number' },
        sk: { field: 'gsi2sk', composite: ['cat'], template: 'CAT#${cat}' },
      },
    },
  },
  { table: 'things', client },
);

const Audit = new Entity(
  {
    model: { entity: 'AuditRow', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      at: { type: 'number', required: true },
      eventId: { type: 'string', required: true },
      actor: { type: 'string' },
      type: { type: ['login', 'logout'] as const },
    },
    indexes: {
      byTenant: {
        collection: 'tenantView',
        pk: { field: 'PK', composite: ['tenant'], casing: 'upper' },
        sk: { field: 'SK', composite: ['at', 'eventId'] },
      },
      byActor: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['actor'] }, sk: { field: 'gsi1sk', composite: ['type'] } },
    },
  },
  { table: 'audit-rows', client },
);

const Counter = new Entity(
  {
    model: { entity: 'Counter', version: '1', service: 'audit' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventCount: { type: 'number' },
      note: { type: 'string' },
    },
    indexes: { byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'audit-rows', client },
);

const rand = seededRandom(20261127); // the same cases on every run
const int = (max: number) => Math.floor(rand() * max);
const pick = <T>(values: readonly T[]): T => values[int(values.length)]!;
const maybe = <T>(make: () => T): T | undefined => (rand() < 0.5 ? make() : undefined);
const CHARS = 'abcXYZ019#_-. é漢$';
const text = (min = 1) => Array.from({ length: min + int(8) }, () => pick([...CHARS])).join('');
const num = () => pick([0, 1, -3, 42, 3.25, 1e6, -0.5, 123456789, int(1000)]);
const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function thingItem() {
  const gsi1 = rand() < 0.5;
  return strip({
    id: text(),
    n: num(),
    kind: pick(['Tool', 'toy', 'Book'] as const),
    cat: gsi1 ? text() : undefined,
    sub: gsi1 ? text() : undefined,
    code: maybe(() => int(5000)),
    tags: maybe(() => [...new Set([text(), text()])]),
    nums: maybe(() => [...new Set([int(9), int(9) + 10])]),
    notes: maybe(() => [text(), text()]),
    info: maybe(() => strip({ a: maybe(text), b: maybe(num) })),
    flag: maybe(() => rand() < 0.5),
    score: maybe(num),
    Label: maybe(text),
    secret: maybe(text),
    createdAt: maybe(num),
    anything: maybe(() => pick([{ x: [1, 'two', { three: true }] }, 'plain', 5, [null, 'a']])),
  });
}
function auditItem() {
  const gsi = rand() < 0.5;
  return strip({
    tenant: text(),
    at: int(2_000_000_000),
    eventId: text(),
    actor: gsi ? text() : undefined,
    type: gsi ? pick(['login', 'logout'] as const) : maybe(() => pick(['login', 'logout'] as const)),
  });
}

/** What ElectroDB's DocumentClient would send for a params() object. */
const wire = (value: Record<string, unknown>) =>
  marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: true });

/** `SET #a = :a, #b = :b ADD #c :c` with its placeholders resolved: `{ SET: { a: value }, ADD: {...} }`. */
function resolveUpdate(expression: string, names: Record<string, string>, values: Record<string, AttributeValue>) {
  const clauses: Record<string, Record<string, AttributeValue>> = {};
  for (const [, clause, body] of expression.matchAll(/(SET|ADD|REMOVE|DELETE) (.*?)(?= (?:SET|ADD|REMOVE|DELETE) |$)/g)) {
    for (const part of body!.split(', ')) {
      const [name, value] = part.split(/ = | /);
      (clauses[clause!] ??= {})[names[name!]!] = values[value!]!;
    }
  }
  return clauses;
}

const ITEMS = 300;

describe('put: the Item equals ElectroDB put().params().Item', () => {
  test.each([
    ['Thing', Thing, thingItem],
    ['AuditRow', Audit, auditItem],
  ] as const)(`%s, ${ITEMS} generated items`, (_name, entity, make) => {
    for (let i = 0; i < ITEMS; i++) {
      const item = make();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const theirs = wire((entity as any).put(item).params().Item);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const ours = (tx() as any).put(entity, item).params().TransactItems[0].Put;
      expect(ours.Item, JSON.stringify(item)).toEqual(theirs);
      expect(ours.TableName).toBe(entity.getTableName());
    }
  });
});

describe('delete and update: the Key equals ElectroDB', () => {
  test('delete keys', () => {
    for (let i = 0; i < ITEMS; i++) {
      const { id, n, kind } = thingItem();
      const theirs = wire(Thing.delete({ id, n, kind }).params().Key);
      const ours = tx().delete(Thing, { id, n, kind }).params().TransactItems![0]!.Delete!;
      expect(ours.Key).toEqual(theirs);
      const { tenant, at, eventId } = auditItem();
      expect(tx().delete(Audit, { tenant, at, eventId }).params().TransactItems![0]!.Delete!.Key).toEqual(
        wire(Audit.delete({ tenant, at, eventId }).params().Key),
      );
    }
  });

  test('updates: same Key, same values set and added, including rebuilt index keys and identifiers', () => {
    for (let i = 0; i < ITEMS; i++) {
      const { id, n, kind } = thingItem();
      const changes = strip({
        Label: maybe(text),
        notes: maybe(() => [text()]),
        ...(rand() < 0.5 ? { cat: text(), sub: text(), code: int(99) } : {}),
      });
      if (Object.keys(changes).length === 0) changes.Label = 'x';
      const increment = int(5) + 1;
      const theirs = Thing.update({ id, n, kind }).set(changes).add({ score: increment }).params() as {
        Key: Record<string, unknown>;
        UpdateExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Record<string, unknown>;
      };
      const ours = tx()
        .update(Thing, { id, n, kind }, (u) => u.set(changes).add({ score: increment }))
        .params().TransactItems![0]!.Update!;
      expect(ours.Key).toEqual(wire(theirs.Key));
      expect(resolveUpdate(ours.UpdateExpression!, ours.ExpressionAttributeNames!, ours.ExpressionAttributeValues!)).toEqual(
        resolveUpdate(theirs.UpdateExpression, theirs.ExpressionAttributeNames, wire(theirs.ExpressionAttributeValues)),
      );
    }
  });

  test('an update of an entity whose sort key has no composites (a counter)', () => {
    for (let i = 0; i < 50; i++) {
      const tenant = text();
      const theirs = Counter.update({ tenant }).add({ eventCount: 1 }).params() as {
        Key: Record<string, unknown>;
        UpdateExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Record<string, unknown>;
      };
      const ours = tx().update(Counter, { tenant }, (u) => u.add({ eventCount: 1 })).params().TransactItems![0]!.Update!;
      expect(ours.Key).toEqual(wire(theirs.Key));
      expect(resolveUpdate(ours.UpdateExpression!, ours.ExpressionAttributeNames!, ours.ExpressionAttributeValues!)).toEqual(
        resolveUpdate(theirs.UpdateExpression, theirs.ExpressionAttributeNames, wire(theirs.ExpressionAttributeValues)),
      );
    }
  });
});

describe('where ElectroDB refuses, dynatx refuses too', () => {
  test('an index key given only some of its composites', () => {
    const item = { id: 'a', n: 1, kind: 'toy' as const, cat: 'only-cat' };
    expect(() => Thing.put(item).params()).toThrow(/Incomplete composite attributes/);
    expect(() => tx().put(Thing, item)).toThrow("Thing index 'gsi1' needs sub too: its partition key is built from cat, sub");
  });
});
