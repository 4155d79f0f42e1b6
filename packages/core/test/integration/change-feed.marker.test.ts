/**
 * The marker and ElectroDB: an item that a feed transaction wrote carries the transaction id in
 * an attribute outside the entity's schema. ElectroDB's own get, query, patch, update and put
 * of such an item behave exactly as for the same item without it (on the newest and the
 * lowest supported ElectroDB): reads leave the marker out, updates keep it, puts replace the item.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import { Entity as EntityLowest } from 'electrodb-lowest';
import { useTable } from '@dynatx/testing/vitest';
import { beforeAll, describe, expect, test } from 'vitest';
import { changeFeed, tx } from '../../src/index.js';
import { Event } from '../fixtures/audit-entities.js';

const table = useTable([Event]);

const schema = Event.schema as unknown as ConstructorParameters<typeof Entity>[0];
const versions = {
  newest: () => new Entity(schema, { table: table.tableName, client: DynamoDBDocumentClient.from(table.client) }),
  lowest: () => new EntityLowest(schema as never, { table: table.tableName, client: DynamoDBDocumentClient.from(table.client) }),
};

let sequence = 0;

describe.each(Object.keys(versions) as (keyof typeof versions)[])('ElectroDB (%s) on a marked item', (version) => {
  // Both versions' entities, driven the same way (their types differ between versions).
  let entity: any;
  beforeAll(() => {
    entity = versions[version]();
  });
  const feed = () => changeFeed({ name: 'marker', table: table.tableName, entities: [Event] });

  /** The same item twice: one written through the feed (marked), one without. */
  async function twins() {
    const tenant = `marker-${version}-${++sequence}`;
    const item = { at: 1750756440, type: 'login' as const, actor: 'ann', tags: new Set(['a']), detail: { ip: '10.0.0.1' } };
    await tx({ feed: feed() }).put(Event, { tenant, eventId: 'marked', ...item }).execute(table.client, { transactionId: `${tenant}-put` });
    await tx().put(Event, { tenant, eventId: 'plain', ...item }).execute(table.client);
    return tenant;
  }

  async function raw(tenant: string, eventId: string) {
    const Key = tx().delete(Event, { tenant, eventId }).params().TransactItems![0]!.Delete!.Key!;
    return (await table.client.send(new GetItemCommand({ TableName: table.tableName, Key, ConsistentRead: true }))).Item!;
  }

  const withoutId = (data: unknown) => {
    const { eventId: _eventId, ...rest } = data as Record<string, unknown>;
    return rest;
  };

  test('get and query: the same data, no marker', async () => {
    const tenant = await twins();
    expect((await raw(tenant, 'marked')).dynatxTx).toEqual({ S: `${tenant}-put` });
    const marked = await entity.get({ tenant, eventId: 'marked' }).go();
    const plain = await entity.get({ tenant, eventId: 'plain' }).go();
    expect(marked.data).not.toHaveProperty('dynatxTx');
    expect(withoutId(marked.data)).toEqual(withoutId(plain.data));
    const listed = await entity.query.byTenant({ tenant }).go();
    expect((listed.data as unknown[]).map(withoutId)).toEqual([withoutId(plain.data), withoutId(plain.data)]);
  });

  test('patch and update: the same result; the marker stays on the item as it was', async () => {
    const tenant = await twins();
    const patched = await Promise.all(['marked', 'plain'].map((eventId) => entity.patch({ tenant, eventId }).set({ actor: 'bo' }).go({ response: 'all_new' })));
    expect(withoutId(patched[0]!.data)).toEqual(withoutId(patched[1]!.data));
    expect(patched[0]!.data).not.toHaveProperty('dynatxTx');
    const updated = await Promise.all(['marked', 'plain'].map((eventId) => entity.update({ tenant, eventId }).add({ tags: ['b'] }).go({ response: 'all_old' })));
    expect(withoutId(updated[0]!.data)).toEqual(withoutId(updated[1]!.data));
    expect((await raw(tenant, 'marked')).dynatxTx).toEqual({ S: `${tenant}-put` });
    expect((await raw(tenant, 'plain')).dynatxTx).toBeUndefined();
  });

  test('put: the same result; the item is replaced, marker and all', async () => {
    const tenant = await twins();
    const put = await Promise.all(['marked', 'plain'].map((eventId) => entity.put({ tenant, eventId, at: 1, type: 'logout', actor: 'cy' }).go()));
    expect(withoutId(put[0]!.data)).toEqual(withoutId(put[1]!.data));
    expect((await raw(tenant, 'marked')).dynatxTx).toBeUndefined();
    const got = await entity.get({ tenant, eventId: 'marked' }).go();
    expect(got.data).toMatchObject({ at: 1, type: 'logout', actor: 'cy' });
  });
});
