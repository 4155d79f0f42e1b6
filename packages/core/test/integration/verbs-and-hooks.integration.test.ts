/**
 * ElectroDB's verbs and attribute hooks, on a real DynamoDB Local: `create`, `patch`, `remove`,
 * `upsert`, `prepend`, nested paths, and an entity with `set`, `get`, `watch: '*'` and
 * `validate`, whose items dynatx writes through ElectroDB's own code.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { useTable } from '@dynatx/testing/vitest';
import { Entity } from 'electrodb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TransactionValidationError, tx, txGet } from '../../src/index.js';

/** The common idiom: timestamps kept by hooks, a value stored as a code, a validated email. */
const Ticket = new Entity(
  {
    model: { entity: 'Ticket', version: '1', service: 'hooks' } as const,
    attributes: {
      id: { type: 'string', required: true },
      title: { type: 'string', set: (value?: string) => value?.trim() },
      priority: {
        type: ['high', 'low'] as const,
        set: (value?: string) => (value === undefined ? undefined : value === 'high' ? 'H' : 'L'),
        get: (value?: string) => (value === 'H' ? 'high' : value === 'L' ? 'low' : value),
      },
      email: { type: 'string', validate: /^[^@\s]+@[^@\s]+$/ },
      notes: { type: 'list', items: { type: 'string' } },
      detail: { type: 'map', properties: { ip: { type: 'string' }, geo: { type: 'map', properties: { city: { type: 'string' } } } } },
      createdAt: { type: 'number', readOnly: true, default: () => Date.now(), set: () => Date.now() },
      updatedAt: { type: 'number', readOnly: true, watch: '*', set: () => Date.now() },
    },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'hooks' },
);

/** An entity without hooks, which dynatx writes itself. */
const Page = new Entity(
  {
    model: { entity: 'Page', version: '1', service: 'hooks' } as const,
    attributes: {
      id: { type: 'string', required: true },
      title: { type: 'string' },
      views: { type: 'number' },
      lines: { type: 'list', items: { type: 'string' } },
      meta: { type: 'map', properties: { author: { type: 'string' }, tags: { type: 'list', items: { type: 'string' } } } },
    },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'hooks' },
);

/** A get hook that throws on one stored value: the caller's own code, run where dynatx reads items. */
class HookFailed extends Error {}
const Fragile = new Entity(
  {
    model: { entity: 'Fragile', version: '1', service: 'hooks' } as const,
    attributes: {
      id: { type: 'string', required: true },
      shown: { type: 'string', get: (value?: string) => (value === 'boom' ? (() => { throw new HookFailed('the get hook failed'); })() : value) },
    },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'hooks' },
);

const table = useTable([Ticket, Page, Fragile]);

async function raw(entity: typeof Ticket | typeof Page, id: string) {
  const key = (tx() as any).delete(entity, { id }).params().TransactItems[0].Delete.Key;
  return (await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_800_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe('hooks: dynatx writes what ElectroDB writes', () => {
  test("set hooks on put, and watch: '*' writes updatedAt on every update", async () => {
    await tx().put(Ticket, { id: 't1', title: '  Printer on fire  ', priority: 'high' }).execute(table.client);
    let stored = await raw(Ticket, 't1');
    expect(stored?.title).toEqual({ S: 'Printer on fire' });
    expect(stored?.priority).toEqual({ S: 'H' });
    expect(stored?.createdAt).toEqual({ N: '1800000000000' });
    expect(stored?.updatedAt).toEqual({ N: '1800000000000' });

    vi.setSystemTime(1_800_000_005_000);
    await tx().update(Ticket, { id: 't1' }, (u) => u.set({ title: 'Printer fixed ' })).execute(table.client);
    stored = await raw(Ticket, 't1');
    expect(stored?.title).toEqual({ S: 'Printer fixed' });
    expect(stored?.updatedAt).toEqual({ N: '1800000005000' });
    expect(stored?.createdAt).toEqual({ N: '1800000000000' });

    // Any update at all, also one that only appends a note.
    vi.setSystemTime(1_800_000_009_000);
    await tx().update(Ticket, { id: 't1' }, (u) => u.append({ notes: ['called IT'] })).execute(table.client);
    expect((await raw(Ticket, 't1'))?.updatedAt).toEqual({ N: '1800000009000' });
  });

  test('a get hook is applied to txGet() results and to the old item of a cancelled action', async () => {
    await tx().put(Ticket, { id: 't2', priority: 'low' }).execute(table.client);
    const read = await txGet().get(Ticket, { id: 't2' }, { label: 'ticket' }).execute(table.client);
    expect(read.byLabel.ticket?.priority).toBe('low');
    const cancelled = await tx()
      .create(Ticket, { id: 't2', priority: 'high' }, { returnOldItemOnFailure: true, label: 'open ticket' })
      .execute(table.client);
    expect(cancelled.committed).toBe(false);
    if (!cancelled.committed) {
      expect(cancelled.failed[0]).toMatchObject({ label: 'open ticket', code: 'ConditionalCheckFailed', itemId: 'Ticket{id:t2}' });
      expect((cancelled.failed[0]!.oldItem as { priority?: string }).priority).toBe('low');
    }
  });

  test("a get hook that throws: txGet() rejects with UserCodeFailed carrying the hook's own error, not ElectroDB's wrapper", async () => {
    await tx().put(Fragile, { id: 'f1', shown: 'boom' }).execute(table.client);
    const error = await txGet().get(Fragile, { id: 'f1' }).execute(table.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionValidationError);
    expect((error as TransactionValidationError).code).toBe('UserCodeFailed');
    expect((error as Error).cause).toBeInstanceOf(HookFailed);
    expect((error as Error).message).toBe('execute() failed while reading its arguments or running your functions: Error: the get hook failed');
  });

  test('validate: an item ElectroDB refuses is refused before sending, naming entity and attribute', async () => {
    let error: unknown;
    try {
      tx().put(Ticket, { id: 't3', email: 'not an email' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TransactionValidationError);
    expect((error as Error).message).toMatch(/^Ticket\.email is invalid \(ElectroDB refused the put\): /);
    expect(() => tx().update(Ticket, { id: 't3' }, (u) => u.set({ email: 'still not' }))).toThrow(/^Ticket\.email is invalid/);
    expect(await raw(Ticket, 't3')).toBeUndefined();
    await tx().put(Ticket, { id: 't3', email: 'it@example.com' }).execute(table.client);
    expect((await raw(Ticket, 't3'))?.email).toEqual({ S: 'it@example.com' });
  });
});

describe("ElectroDB's verbs", () => {
  test('create on an existing item cancels and names that action; on a new one it writes', async () => {
    const first = await tx().create(Page, { id: 'p1', title: 'one' }).execute(table.client);
    expect(first.committed).toBe(true);
    const again = await tx().create(Page, { id: 'p1', title: 'two' }, { label: 'new page' }).put(Page, { id: 'p1-other', title: 'x' }).execute(table.client);
    expect(again.committed).toBe(false);
    if (!again.committed) {
      expect(again.failed.map((r) => [r.index, r.label, r.code])).toEqual([[0, 'new page', 'ConditionalCheckFailed']]);
      expect(again.summary).toMatch(/^#0 Page\{id:p1\} \(create "new page"\): ConditionalCheckFailed/);
    }
    expect((await raw(Page, 'p1'))?.title).toEqual({ S: 'one' });
    expect(await raw(Page, 'p1-other')).toBeUndefined();
  });

  test('patch on a missing item cancels; on an existing one it updates', async () => {
    const missing = await tx().patch(Page, { id: 'p2' }, (u) => u.set({ title: 'x' })).execute(table.client);
    expect(missing.committed).toBe(false);
    expect(await raw(Page, 'p2')).toBeUndefined();
    await tx().put(Page, { id: 'p2', title: 'old' }).execute(table.client);
    expect((await tx().patch(Page, { id: 'p2' }, (u) => u.set({ title: 'new' })).execute(table.client)).committed).toBe(true);
    expect((await raw(Page, 'p2'))?.title).toEqual({ S: 'new' });
  });

  test('remove of a missing item cancels; of an existing one deletes it', async () => {
    expect((await tx().remove(Page, { id: 'p3' }).execute(table.client)).committed).toBe(false);
    await tx().put(Page, { id: 'p3' }).execute(table.client);
    expect((await tx().remove(Page, { id: 'p3' }).execute(table.client)).committed).toBe(true);
    expect(await raw(Page, 'p3')).toBeUndefined();
  });

  test('upsert creates the item, then updates it (read-only attributes only written when absent, as ElectroDB does)', async () => {
    await tx().upsert(Ticket, { id: 't4', title: 'first' }).execute(table.client);
    let stored = await raw(Ticket, 't4');
    expect(stored?.title).toEqual({ S: 'first' });
    expect(stored?.createdAt).toEqual({ N: '1800000000000' });
    vi.setSystemTime(1_800_000_100_000);
    await tx().upsert(Ticket, { id: 't4', title: 'second' }).execute(table.client);
    stored = await raw(Ticket, 't4');
    expect(stored?.title).toEqual({ S: 'second' });
    expect(stored?.createdAt).toEqual({ N: '1800000000000' });
    // ElectroDB's upsert writes read-only attributes with if_not_exists, updatedAt included.
    expect(stored?.updatedAt).toEqual({ N: '1800000000000' });
  });

  test('prepend and append, on an entity dynatx writes and on one ElectroDB writes', async () => {
    await tx().put(Page, { id: 'p4', lines: ['middle'] }).put(Ticket, { id: 't5', notes: ['middle'] }).execute(table.client);
    await tx()
      .update(Page, { id: 'p4' }, (u) => u.prepend({ lines: ['first'] }))
      .update(Ticket, { id: 't5' }, (u) => u.prepend({ notes: ['first'] }))
      .execute(table.client);
    await tx().update(Page, { id: 'p4' }, (u) => u.append({ lines: ['last'] })).execute(table.client);
    expect((await raw(Page, 'p4'))?.lines).toEqual({ L: [{ S: 'first' }, { S: 'middle' }, { S: 'last' }] });
    expect((await raw(Ticket, 't5'))?.notes).toEqual({ L: [{ S: 'first' }, { S: 'middle' }] });
    // A missing list counts as empty, as in ElectroDB.
    await tx().update(Page, { id: 'p4-new' }, (u) => u.prepend({ lines: ['only'] })).execute(table.client);
    expect((await raw(Page, 'p4-new'))?.lines).toEqual({ L: [{ S: 'only' }] });
  });

  test('nested paths: a map property, a list element, and their removal', async () => {
    await tx()
      .put(Page, { id: 'p5', lines: ['a', 'b', 'c'], meta: { author: 'ann', tags: ['x'] } })
      .put(Ticket, { id: 't6', detail: { ip: '1.1.1.1', geo: { city: 'Oslo' } }, notes: ['a', 'b'] })
      .execute(table.client);
    await tx()
      .update(Page, { id: 'p5' }, (u) => u.setPath((p) => p.meta.author, 'bob').setPath((p) => p.lines.at(1), 'B').removePath((p) => p.lines.at(2)))
      .update(Ticket, { id: 't6' }, (u) => u.setPath((t) => t.detail.geo.city, 'Bergen').removePath((t) => t.notes.at(0)))
      .execute(table.client);
    const page = await raw(Page, 'p5');
    expect(page?.meta).toEqual({ M: { author: { S: 'bob' }, tags: { L: [{ S: 'x' }] } } });
    expect(page?.lines).toEqual({ L: [{ S: 'a' }, { S: 'B' }] });
    const ticket = await raw(Ticket, 't6');
    expect(ticket?.detail).toEqual({ M: { ip: { S: '1.1.1.1' }, geo: { M: { city: { S: 'Bergen' } } } } });
    expect(ticket?.notes).toEqual({ L: [{ S: 'b' }] });
    // A condition on a list element by index.
    const guarded = await tx().check(Page, { id: 'p5' }, (p, op) => op.eq(p.lines.at(1), 'B')).execute(table.client);
    expect(guarded.committed).toBe(true);
  });
});
