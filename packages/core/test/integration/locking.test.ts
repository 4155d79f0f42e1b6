/** Optimistic locking and staged edits against DynamoDB Local. */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { useTable } from '@dynatx/testing/vitest';
import { beforeAll, describe, expect, test } from 'vitest';
import { stageEdits, tx, txGet, versioned } from '../../src/index.js';
import { Account, Counter } from '../fixtures/audit-entities.js';

const table = useTable([Account, Counter]);
const VersionedAccount = versioned(Account, 'version');

beforeAll(() => {
  const documents = DynamoDBDocumentClient.from(table.client);
  for (const entity of [Account, Counter]) entity.setClient(documents);
});

let sequence = 0;
const id = (name: string) => `${name}-${++sequence}`;
const account = async (accountId: string) => (await Account.get({ accountId }).go()).data;

describe('optimistic locking', () => {
  test('new, then updated with the version read: each write bumps it', async () => {
    const accountId = id('acc');
    const created = await tx()
      .put(VersionedAccount, { accountId, owner: 'ann', balance: 10 }, { expectedVersion: 'new' })
      .execute(table.client);
    expect(created.committed).toBe(true);
    expect((await account(accountId))?.version).toBe(1);

    await tx().update(VersionedAccount, { accountId }, (u) => u.add({ balance: 5 }), { expectedVersion: 1 }).execute(table.client);
    expect(await account(accountId)).toMatchObject({ balance: 15, version: 2 });
  });

  test("'new' on an item that exists is cancelled", async () => {
    const accountId = id('acc');
    await tx().put(VersionedAccount, { accountId, owner: 'ann', balance: 10 }, { expectedVersion: 'new' }).execute(table.client);
    const again = await tx().put(VersionedAccount, { accountId, owner: 'bo', balance: 0 }, { expectedVersion: 'new' }).execute(table.client);
    expect(again.committed).toBe(false);
    expect((await account(accountId))?.owner).toBe('ann');
  });

  test('a stale version cancels the transaction, names that action, and applies nothing', async () => {
    const from = id('from');
    const to = id('to');
    const counter = id('counter');
    await tx()
      .put(VersionedAccount, { accountId: from, owner: 'ann', balance: 100 }, { expectedVersion: 'new' })
      .put(VersionedAccount, { accountId: to, owner: 'bo', balance: 0 }, { expectedVersion: 'new' })
      .execute(table.client);
    // Someone else moves `from` to version 2 after we read version 1.
    await tx().update(VersionedAccount, { accountId: from }, (u) => u.set({ owner: 'ann b.' }), { expectedVersion: 1 }).execute(table.client);

    const transfer = await tx()
      .update(VersionedAccount, { accountId: from }, (u) => u.subtract({ balance: 30 }), { expectedVersion: 1, label: 'debit', returnOldItemOnFailure: true })
      .update(VersionedAccount, { accountId: to }, (u) => u.add({ balance: 30 }), { expectedVersion: 1, label: 'credit' })
      .update(Counter, { tenant: counter }, (u) => u.add({ eventCount: 1 }), { label: 'count' })
      .execute(table.client);
    if (transfer.committed) throw new Error('expected the stale version to cancel');
    expect(transfer.failed.map((r) => [r.label, r.itemId, r.code])).toEqual([['debit', `Account{accountId:${from}}`, 'ConditionalCheckFailed']]);
    const debit = transfer.failed[0]!;
    if (debit.entity === 'Account') expect(debit.oldItem).toMatchObject({ owner: 'ann b.', version: 2, balance: 100 });
    expect(await account(from)).toMatchObject({ balance: 100, version: 2 });
    expect(await account(to)).toMatchObject({ balance: 0, version: 1 });
    expect((await Counter.get({ tenant: counter }).go()).data).toBeNull();
  });
});

describe('staged edits', () => {
  async function twoAccounts() {
    const a = id('a');
    const b = id('b');
    await tx()
      .put(VersionedAccount, { accountId: a, owner: 'ann', balance: 50 }, { expectedVersion: 'new' })
      .put(VersionedAccount, { accountId: b, owner: 'bo', balance: 5 }, { expectedVersion: 'new' })
      .execute(table.client);
    return { a, b };
  }

  test('stage, review the diff, commit: all edits land at once, versions bump', async () => {
    const { a, b } = await twoAccounts();
    const session = stageEdits(table.client);
    const first = await session.read(VersionedAccount, { accountId: a });
    await session.read(VersionedAccount, { accountId: b });
    session.change(VersionedAccount, { accountId: a }, { balance: first!.balance - 20 });
    session.change(VersionedAccount, { accountId: b }, { balance: 25, owner: 'bo' });

    expect(session.diff()).toEqual([
      { itemId: `Account{accountId:${a}}`, entity: 'Account', key: { accountId: a }, creates: false, changes: [{ attribute: 'balance', before: 50, after: 30 }] },
      { itemId: `Account{accountId:${b}}`, entity: 'Account', key: { accountId: b }, creates: false, changes: [{ attribute: 'balance', before: 5, after: 25 }] },
    ]);
    const result = await session.commit();
    expect(result).toMatchObject({ committed: true, items: [`Account{accountId:${a}}`, `Account{accountId:${b}}`] });
    expect(await account(a)).toMatchObject({ balance: 30, version: 2 });
    expect(await account(b)).toMatchObject({ balance: 25, version: 2 });
  });

  test('if someone changed a staged item in between, the commit names it and applies nothing', async () => {
    const { a, b } = await twoAccounts();
    const session = stageEdits(table.client);
    await session.read(VersionedAccount, { accountId: a });
    await session.read(VersionedAccount, { accountId: b });
    session.change(VersionedAccount, { accountId: a }, { balance: 0 }).change(VersionedAccount, { accountId: b }, { balance: 55 });

    await tx().update(VersionedAccount, { accountId: b }, (u) => u.set({ owner: 'someone else' }), { expectedVersion: 1 }).execute(table.client);

    const result = await session.commit();
    expect(result.committed).toBe(false);
    if (result.committed) return;
    expect(result.changedSinceRead).toEqual([`Account{accountId:${b}}`]);
    expect(result.summary).toContain(`Account{accountId:${b}} (update "staged edit"): ConditionalCheckFailed`);
    expect(await account(a)).toMatchObject({ balance: 50, version: 1 });
    expect(await account(b)).toMatchObject({ balance: 5, version: 2, owner: 'someone else' });
  });

  test('entities without a version are guarded by the values that were read', async () => {
    const tenant = id('tenant');
    await tx().put(Counter, { tenant, eventCount: 3 }).execute(table.client);
    const session = stageEdits(table.client);
    await session.read(Counter, { tenant });
    session.change(Counter, { tenant }, { eventCount: 4 });
    await tx().update(Counter, { tenant }, (u) => u.add({ eventCount: 10 })).execute(table.client);
    const stale = await session.commit();
    expect(stale).toMatchObject({ committed: false, changedSinceRead: [`Counter{tenant:${tenant}}`] });
    expect((await Counter.get({ tenant }).go()).data?.eventCount).toBe(13);

    const fresh = stageEdits(table.client);
    await fresh.read(Counter, { tenant });
    fresh.change(Counter, { tenant }, { eventCount: 14 });
    expect(await fresh.commit()).toMatchObject({ committed: true });
    expect((await Counter.get({ tenant }).go()).data?.eventCount).toBe(14);
  });

  test('readAll: one consistent snapshot of several items, typed, as the base of the diff', async () => {
    const { a, b } = await twoAccounts();
    const session = stageEdits(table.client);
    const { items } = await session.readAll(
      txGet().get(VersionedAccount, { accountId: a }).get(VersionedAccount, { accountId: b }).get(Counter, { tenant: id('none') }),
    );
    const [first, second, missing] = items;
    expect([first?.balance, second?.balance, missing]).toEqual([50, 5, undefined]);
    session.change(VersionedAccount, { accountId: a }, { balance: first!.balance - 10 });
    session.change(VersionedAccount, { accountId: b }, { balance: second!.balance + 10 });
    expect(session.diff().map((d) => d.changes)).toEqual([
      [{ attribute: 'balance', before: 50, after: 40 }],
      [{ attribute: 'balance', before: 5, after: 15 }],
    ]);
    expect(await session.commit()).toMatchObject({ committed: true });
    expect(await account(a)).toMatchObject({ balance: 40, version: 2 });
    expect(await account(b)).toMatchObject({ balance: 15, version: 2 });
  });

  test('a change to an item that was not read is refused, so it cannot go unguarded', () => {
    expect(() => stageEdits(table.client).change(Counter, { tenant: 'never-read' }, { eventCount: 1 })).toThrow(
      'Counter{tenant:never-read} was not read in this session: read() it first, so its changes can be guarded',
    );
  });
});
