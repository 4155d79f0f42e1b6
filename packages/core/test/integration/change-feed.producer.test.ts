/**
 * The change feed's producer side on DynamoDB Local: the manifest a transaction writes, what a
 * cancelled transaction leaves (nothing), retries after a lost response (one manifest), and
 * durable idempotency: a re-send under the same transaction id after the client request token's
 * window is reported as already committed and applies nothing.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { injectFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { describe, expect, test } from 'vitest';
import { DynatxError, TransactionIdReusedError, changeFeed, tx, txGet } from '../../src/index.js';
import { Counter, Event, Tenant } from '../fixtures/audit-entities.js';

const table = useTable([Event, Counter, Tenant]);
const feed = () => changeFeed({ name: 'audit', table: table.tableName, entities: [Event, Counter, Tenant], include: { putItems: true } });

let sequence = 0;
const tenantName = () => `feed-tenant-${++sequence}`;

function append(tenant: string, eventId: string, f = feed()) {
  return tx({ feed: f })
    .put(Event, { tenant, eventId, at: 1750756440, type: 'login' }, { if: (e, op) => op.notExists(e.eventId), label: 'event' })
    .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'count' });
}

async function manifestOf(transactionId: string, name = 'audit') {
  const Key = { pk: { S: `dynatx#feed#${name}#tx#${transactionId}` }, sk: { S: 'dynatx#manifest' } };
  return (await table.client.send(new GetItemCommand({ TableName: table.tableName, Key, ConsistentRead: true }))).Item;
}

async function count(tenant: string) {
  const read = await txGet().get(Counter, { tenant }).execute(table.client);
  return (read.items[0] as { eventCount?: number } | undefined)?.eventCount;
}

describe('the manifest', () => {
  test('one item per committed transaction, listing every action, with the marker on puts and updates', async () => {
    const tenant = tenantName();
    const result = await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-e1` });
    expect(result.committed).toBe(true);
    if (!result.committed) return;
    expect(result.alreadyCommitted).toBe(false);
    expect(result.feed?.transactionId).toBe(`${tenant}-e1`);
    expect(result.feed!.manifestWriteUnits).toBe(2 * Math.ceil(result.feed!.manifestBytes / 1024));
    const manifest = await manifestOf(`${tenant}-e1`);
    expect(manifest?.count).toEqual({ N: '2' });
    expect(manifest?.feed).toEqual({ S: 'audit' });
    expect(Number(manifest?.ttl?.N)).toBeGreaterThan(Date.now() / 1000 + 6 * 24 * 3600);
    const actions = manifest!.actions!.L!.map((a) => a.M!);
    expect(actions.map((a) => [a.index!.N, a.kind!.S, a.entity!.S, a.label!.S])).toEqual([
      ['0', 'put', 'Event', 'event'],
      ['1', 'update', 'Counter', 'count'],
    ]);
    expect(actions[0]!.key).toEqual({ M: { eventId: { S: 'e1' }, tenant: { S: tenant } } });
    expect(actions[0]!.item!.M!.type).toEqual({ S: 'login' });
    // The marker: each put and update names its transaction.
    const event = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: tx().delete(Event, { tenant, eventId: 'e1' }).params().TransactItems![0]!.Delete!.Key!, ConsistentRead: true }),
    );
    expect(event.Item?.dynatxTx).toEqual({ S: `${tenant}-e1` });
    // ElectroDB reads the item as before: the marker is not in its schema.
    const read = await txGet().get(Event, { tenant, eventId: 'e1' }).execute(table.client);
    expect(Object.keys(read.items[0] as object)).not.toContain('dynatxTx');
  });

  test('a cancelled transaction writes no manifest', async () => {
    const tenant = tenantName();
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-first` });
    const again = await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-second` });
    expect(again.committed).toBe(false);
    expect(await manifestOf(`${tenant}-second`)).toBeUndefined();
    expect(await count(tenant)).toBe(1);
  });

  test('a lost response and a retry: one manifest, the writes applied once', async () => {
    const tenant = tenantName();
    const client = table.createClient();
    injectFaults(client).loseResponseOfNext(1);
    const result = await append(tenant, 'e1').execute(client, { transactionId: `${tenant}-lost` });
    expect(result.committed).toBe(true);
    expect(result.attempts).toBe(2);
    expect(await manifestOf(`${tenant}-lost`)).toBeDefined();
    expect(await count(tenant)).toBe(1);
    client.destroy();
  });
});

describe('durable idempotency', () => {
  test('a re-send after the token window (a fresh token, the same transaction id) is already committed and applies nothing', async () => {
    const tenant = tenantName();
    const transactionId = `${tenant}-order`;
    const first = await append(tenant, 'e1').execute(table.client, { transactionId });
    expect(first.committed && first.alreadyCommitted).toBe(false);
    // A restarted process: a new token (the old one's 10 minutes are over), the same id.
    const again = await append(tenant, 'e1').execute(table.client, { transactionId, clientRequestToken: 'a-fresh-token-after-ten-minutes' });
    expect(again.committed).toBe(true);
    if (again.committed) {
      expect(again.alreadyCommitted).toBe(true);
      expect(again.feed?.committedAt).toBeGreaterThan(0);
    }
    expect(await count(tenant)).toBe(1);
  });

  test('another transaction under a used id is refused, naming the id, and applies nothing', async () => {
    const tenant = tenantName();
    const transactionId = `${tenant}-reused`;
    await append(tenant, 'e1').execute(table.client, { transactionId });
    const other = append(tenant, 'e2').execute(table.client, { transactionId, clientRequestToken: 'another-token' });
    await expect(other).rejects.toBeInstanceOf(TransactionIdReusedError);
    await expect(append(tenant, 'e2').execute(table.client, { transactionId, clientRequestToken: 'yet-another' })).rejects.toThrow(new RegExp(`^Transaction id ${transactionId} was already used`));
    expect(await count(tenant)).toBe(1);
  });
});

describe('the manifest takes one of the 100 actions', () => {
  test('99 actions and the manifest run; a 100th action is refused before sending', async () => {
    const tenant = tenantName();
    let t: any = tx({ feed: feed() });
    for (let i = 0; i < 99; i++) t = t.update(Counter, { tenant: `${tenant}-${i}` }, (u: any) => u.add({ eventCount: 1 }));
    expect(t.size).toBe(100);
    expect(() => t.update(Counter, { tenant: `${tenant}-99` }, (u: any) => u.add({ eventCount: 1 }))).toThrow(DynatxError);
    const result = await t.execute(table.client, { transactionId: `${tenant}-99` });
    expect(result.committed).toBe(true);
    expect(await count(`${tenant}-98`)).toBe(1);
  });

  test('params() of a transaction with a feed needs its transaction id', () => {
    expect(() => append('x', 'y').params()).toThrow(/needs its transactionId/);
    expect(append('x', 'y').params({ transactionId: 'x-y' }).TransactItems).toHaveLength(3);
    expect(() => tx().update(Counter, { tenant: 'x' }, (u) => u.add({ eventCount: 1 })).params({ transactionId: 'no-feed' } as never)).toThrow(/start the transaction with tx\(\{ feed \}\)/);
  });
});
