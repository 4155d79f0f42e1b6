/**
 * The change feed's consumers on DynamoDB Local with streams enabled: the poller reads the
 * table's stream; the intent feed gives one typed event per committed transaction, the image
 * feed the same with the stream images of its puts and updates.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { injectFaults, LOCAL_CREDENTIALS, LOCAL_REGION } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  changeFeed,
  createFeedPoller,
  dynamicTx,
  memoryCheckpointStore,
  tx,
  type FeedOutput,
  type FeedPoller,
} from '../../src/index.js';
import { Counter, Event, Tenant } from '../fixtures/audit-entities.js';

const table = useTable([Event, Counter, Tenant], { stream: true });
const entities = [Event, Counter, Tenant] as const;
const feed = () => changeFeed({ name: 'audit', table: table.tableName, entities, include: { putItems: true, updates: true } });
type Output = FeedOutput<typeof entities>;

let streams: DynamoDBStreamsClient;
beforeAll(() => {
  streams = new DynamoDBStreamsClient({ endpoint: table.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
});
afterAll(() => streams?.destroy());

let sequence = 0;
const tenantName = () => `consumer-tenant-${++sequence}`;

function append(tenant: string, eventId: string) {
  return tx({ feed: feed() })
    .put(Event, { tenant, eventId, at: 1750756440, type: 'login', tags: new Set(['a', 'b']) }, { if: (e, op) => op.notExists(e.eventId), label: 'event' })
    .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'count' })
    .check(Tenant, { tenant }, (t, op) => op.eq(t.status, 'active'), { label: 'active' });
}

async function seedTenant(tenant: string) {
  await tx().put(Tenant, { tenant, status: 'active' }).execute(table.client);
}

/** Polls until `done` holds for the outputs seen so far (bounded). */
async function drain(poller: FeedPoller<typeof entities>, outputs: Output[], done: () => boolean) {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`the feed did not deliver in time; got ${outputs.map((o) => o.transactionId).join(', ')}`);
    const round = await poller.pollOnce();
    if (round.records === 0) await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the intent feed', () => {
  const outputs: Output[] = [];
  let poller: FeedPoller<typeof entities>;
  beforeAll(() => {
    poller = createFeedPoller(feed(), { streams, dynamodb: table.client, onEvent: (o) => void outputs.push(o) });
  });
  const idsOf = (id: string) => outputs.filter((o) => o.transactionId === id);
  const seen = (id: string) => idsOf(id).length > 0;

  test('one typed event per committed transaction, from the manifest: actions, keys, put items formatted by their entities', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    const result = await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-e1` });
    expect(result.committed).toBe(true);
    await drain(poller, outputs, () => seen(`${tenant}-e1`));
    const [event] = idsOf(`${tenant}-e1`);
    expect(event).toMatchObject({ type: 'transaction', feed: 'audit', transactionId: `${tenant}-e1`, count: 3 });
    expect(event!.committedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(event!.actions.map((a) => [a.index, a.kind, a.verb, a.entity, a.service, a.label])).toEqual([
      [0, 'put', 'put', 'Event', 'audit', 'event'],
      [1, 'update', 'update', 'Counter', 'audit', 'count'],
      [2, 'check', 'check', 'Tenant', 'audit', 'active'],
    ]);
    const put = event!.actions[0]!;
    if (put.entity !== 'Event') throw new Error('narrowing');
    expect(put.key).toEqual({ tenant, eventId: 'e1' });
    // Formatted by the entity: its default applied, the set a Set, no marker, no keys.
    expect(put.item).toEqual({ tenant, eventId: 'e1', at: 1750756440, type: 'login', tags: ['a', 'b'], flagged: false });
    const update = event!.actions[1]!;
    expect(update.update?.expression).toMatch(/ADD/);
    expect(Object.keys(update.keyFields).sort()).toEqual(['pk', 'sk']);
  });

  test('a cancelled transaction produces no event', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-first` });
    const again = await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-cancelled` });
    expect(again.committed).toBe(false);
    await append(tenant, 'e2').execute(table.client, { transactionId: `${tenant}-after` });
    await drain(poller, outputs, () => seen(`${tenant}-after`));
    expect(idsOf(`${tenant}-first`)).toHaveLength(1);
    expect(idsOf(`${tenant}-cancelled`)).toHaveLength(0);
  });

  test('a lost response and a retry: one event', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    const client = table.createClient();
    injectFaults(client).loseResponseOfNext(1);
    const result = await append(tenant, 'e1').execute(client, { transactionId: `${tenant}-lost` });
    expect(result.attempts).toBe(2);
    await append(tenant, 'e2').execute(table.client, { transactionId: `${tenant}-after` });
    await drain(poller, outputs, () => seen(`${tenant}-after`));
    expect(idsOf(`${tenant}-lost`)).toHaveLength(1);
    client.destroy();
  });

  test('a re-send after the token window is already committed, applies nothing and produces no second event', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-order` });
    const again = await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-order`, clientRequestToken: 'fresh-token-after-the-window' });
    expect(again.committed && again.alreadyCommitted).toBe(true);
    await append(tenant, 'e2').execute(table.client, { transactionId: `${tenant}-after` });
    await drain(poller, outputs, () => seen(`${tenant}-after`));
    expect(idsOf(`${tenant}-order`)).toHaveLength(1);
  });

  test('deletes and checks appear in the event, from the manifest', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-e1` });
    const t = tx({ feed: feed() })
      .delete(Event, { tenant, eventId: 'e1' }, { label: 'drop' })
      .delete(Event, { tenant, eventId: 'never-there' })
      .check(Tenant, { tenant }, (x, op) => op.exists(x.status));
    expect((await t.execute(table.client, { transactionId: `${tenant}-deletes` })).committed).toBe(true);
    await drain(poller, outputs, () => seen(`${tenant}-deletes`));
    const [event] = idsOf(`${tenant}-deletes`);
    expect(event!.actions.map((a) => [a.kind, a.verb, a.entity, a.key])).toEqual([
      ['delete', 'delete', 'Event', { tenant, eventId: 'e1' }],
      ['delete', 'delete', 'Event', { tenant, eventId: 'never-there' }],
      ['check', 'check', 'Tenant', { tenant }],
    ]);
  });

  test('99 actions and the manifest: one event of 99 actions', async () => {
    const tenant = tenantName();
    let t = dynamicTx({ feed: feed() });
    for (let i = 0; i < 99; i++) t = t.update(Counter, { tenant: `${tenant}-${i}` }, (u) => u.add({ eventCount: 1 }));
    expect((await t.execute(table.client, { transactionId: `${tenant}-99` })).committed).toBe(true);
    await drain(poller, outputs, () => seen(`${tenant}-99`));
    expect(idsOf(`${tenant}-99`)[0]!.actions).toHaveLength(99);
  });

  test('a poller rebuilt from its checkpoint store repeats nothing and misses nothing', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    const store = memoryCheckpointStore();
    const mine: Output[] = [];
    const first = createFeedPoller(feed(), { streams, dynamodb: table.client, checkpoints: store, onEvent: (o) => void mine.push(o) });
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-a` });
    await drain(first, mine, () => mine.some((o) => o.transactionId === `${tenant}-a`));
    await append(tenant, 'e2').execute(table.client, { transactionId: `${tenant}-b` });
    const second = createFeedPoller(feed(), { streams, dynamodb: table.client, checkpoints: store, onEvent: (o) => void mine.push(o) });
    await drain(second, mine, () => mine.some((o) => o.transactionId === `${tenant}-b`));
    const ids = mine.map((o) => o.transactionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith(tenant))).toEqual([`${tenant}-a`, `${tenant}-b`]);
    expect(Object.keys(store.saved!.checkpoints)).toHaveLength(1);
  });

  test('a handler that throws: the poller stops, and the next round hands the event out again from the saved checkpoint', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    const store = memoryCheckpointStore();
    const delivered: string[] = [];
    let failOnce = true;
    const poller = createFeedPoller(feed(), {
      streams,
      dynamodb: table.client,
      checkpoints: store,
      onEvent: (o) => {
        if (o.transactionId === `${tenant}-b` && failOnce) {
          failOnce = false;
          throw new Error('the handler failed');
        }
        delivered.push(o.transactionId);
      },
    });
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-a` });
    await append(tenant, 'e2').execute(table.client, { transactionId: `${tenant}-b` });
    await append(tenant, 'e3').execute(table.client, { transactionId: `${tenant}-c` });
    let failures = 0;
    const deadline = Date.now() + 20_000;
    while (!delivered.includes(`${tenant}-c`) && Date.now() < deadline) {
      try {
        await poller.pollOnce();
      } catch (error) {
        expect((error as Error).message).toBe('the handler failed');
        expect(poller.consumer).toBeUndefined();
        failures++;
      }
    }
    expect(failures).toBe(1);
    const mine = delivered.filter((id) => id.startsWith(`${tenant}-`));
    // At least once to the handler: what came before the failure in its batch may come again; nothing is lost.
    expect([...new Set(mine)]).toEqual([`${tenant}-a`, `${tenant}-b`, `${tenant}-c`]);
    expect(mine.filter((id) => id === `${tenant}-b`)).toHaveLength(1);
  });

  test('an iterator refused by the stream (expired, trimmed, unknown shard) is acquired again after the last record read', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    const flaky = new DynamoDBStreamsClient({ endpoint: table.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
    let calls = 0;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetRecordsCommand' && ++calls % 3 === 2) {
          const names = ['ExpiredIteratorException', 'TrimmedDataAccessException', 'ResourceNotFoundException'];
          throw Object.assign(new Error('injected'), { name: names[calls % names.length] });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseIterators' },
    );
    const mine: Output[] = [];
    const poller = createFeedPoller(feed(), { streams: flaky, dynamodb: table.client, limit: 5, onEvent: (o) => void mine.push(o) });
    for (let i = 0; i < 6; i++) await append(tenant, `e${i}`).execute(table.client, { transactionId: `${tenant}-${i}` });
    let reacquired = 0;
    await drain({ ...poller, pollOnce: async () => { const r = await poller.pollOnce(); reacquired += r.reacquired; return r; } } as FeedPoller<typeof entities>, mine, () =>
      mine.some((o) => o.transactionId === `${tenant}-5`),
    );
    const ids = mine.map((o) => o.transactionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith(`${tenant}-`))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${tenant}-${i}`));
    expect(reacquired).toBeGreaterThan(0);
    flaky.destroy();
  });
});

describe('the image feed', () => {
  const outputs: Output[] = [];
  let poller: FeedPoller<typeof entities>;
  beforeAll(() => {
    poller = createFeedPoller(feed(), { mode: 'image', streams, dynamodb: table.client, onEvent: (o) => void outputs.push(o) });
  });

  test('the manifest with the images of its puts and updates, formatted by their entities; deletes and checks without', async () => {
    const tenant = tenantName();
    await seedTenant(tenant);
    await append(tenant, 'e1').execute(table.client, { transactionId: `${tenant}-e1` });
    await append(tenant, 'e2').execute(table.client, { transactionId: `${tenant}-e2` });
    await drain(poller, outputs, () => outputs.some((o) => o.transactionId === `${tenant}-e2`));
    const mine = outputs.filter((o) => o.transactionId.startsWith(`${tenant}-`));
    expect(mine.map((o) => [o.type, o.transactionId])).toEqual([
      ['images', `${tenant}-e1`],
      ['images', `${tenant}-e2`],
    ]);
    const second = mine[1]!;
    if (second.type !== 'images') throw new Error('not images');
    for (const action of second.actions) {
      if (action.entity === 'Counter') {
        expect(action.image).toEqual({ tenant, eventCount: 2 });
        expect(action.oldImage).toEqual({ tenant, eventCount: 1 });
      } else if (action.entity === 'Event') {
        expect(action.image).toMatchObject({ tenant, eventId: 'e2', type: 'login', flagged: false });
        expect(action.oldImage).toBeUndefined();
      } else {
        expect(action.kind).toBe('check');
        expect(action.image).toBeUndefined();
      }
    }
  });
});
