import { describe, expect, test } from 'vitest';
import { TransactionValidationError, tx, versioned } from '../src/index.js';
import { Account } from './fixtures/audit-entities.js';

const VersionedAccount = versioned(Account, 'version');
const untyped = () => tx() as any;

describe('optimistic locking: params', () => {
  test('put of a new item: it must not exist yet, and its version starts at 1', () => {
    const [item] = tx().put(VersionedAccount, { accountId: 'a', owner: 'ann', balance: 5 }, { expectedVersion: 'new' }).params().TransactItems!;
    expect(item!.Put!.Item!.version).toEqual({ N: '1' });
    expect(item!.Put!.ConditionExpression).toBe('attribute_not_exists(#0)');
    expect(item!.Put!.ExpressionAttributeNames).toEqual({ '#0': 'pk' });
  });

  test('put over a read item: the stored version must be the one read, and it is bumped', () => {
    const [item] = tx()
      .put(VersionedAccount, { accountId: 'a', owner: 'ann', balance: 5 }, { expectedVersion: 3, if: (a, op) => op.gt(a.balance, 0) })
      .params().TransactItems!;
    expect(item!.Put!.Item!.version).toEqual({ N: '4' });
    expect(item!.Put!.ConditionExpression).toBe('#0 = :0 AND #1 > :1');
    expect(item!.Put!.ExpressionAttributeValues).toEqual({ ':0': { N: '3' }, ':1': { N: '0' } });
  });

  test('update: guard and bump', () => {
    const [item] = tx()
      .update(VersionedAccount, { accountId: 'a' }, (u) => u.subtract({ balance: 2 }), { expectedVersion: 7 })
      .params().TransactItems!;
    expect(item!.Update!.UpdateExpression).toBe('SET #0 = (if_not_exists(#0, :1) - :0), #1 = :2, #2 = :3, #3 = :4, #4 = :5');
    expect(item!.Update!.ExpressionAttributeNames).toMatchObject({ '#1': 'version' });
    expect(item!.Update!.ExpressionAttributeValues![':1']).toEqual({ N: '0' }); // subtract's "missing counts as 0"
    expect(item!.Update!.ExpressionAttributeValues![':2']).toEqual({ N: '8' });
    expect(item!.Update!.ConditionExpression).toBe('#1 = :6');
    expect(item!.Update!.ExpressionAttributeValues![':6']).toEqual({ N: '7' });
  });

  test('delete and check carry the guard; a check writes no version', () => {
    const items = tx()
      .delete(VersionedAccount, { accountId: 'a' }, { expectedVersion: 2 })
      .check(VersionedAccount, { accountId: 'b' }, (a, op) => op.exists(a.owner), { expectedVersion: 9 })
      .params().TransactItems!;
    expect(items[0]!.Delete!.ConditionExpression).toBe('#0 = :0');
    expect(items[1]!.ConditionCheck!.ConditionExpression).toBe('#0 = :0 AND attribute_exists(#1)');
  });

  test('the plain entity is unchanged: no version, no guard', () => {
    const [item] = tx().put(Account, { accountId: 'a', owner: 'ann', balance: 5 }).params().TransactItems!;
    expect(item!.Put!.ConditionExpression).toBeUndefined();
    expect(item!.Put!.Item!.version).toBeUndefined();
  });

  test.each([
    ['a missing expectedVersion', () => untyped().update(VersionedAccount, { accountId: 'a' }, (u: any) => u.set({ owner: 'x' })), "Account{accountId:a}: Account is versioned: update() needs { expectedVersion }, the version you read or 'new'"],
    ['a version given by hand', () => untyped().put(VersionedAccount, { accountId: 'a', owner: 'o', balance: 1, version: 4 }, { expectedVersion: 3 }), 'Account.version is the version attribute: dynatx writes it; pass expectedVersion instead'],
    ['an update of the version', () => untyped().update(VersionedAccount, { accountId: 'a' }, (u: any) => u.add({ version: 1 }), { expectedVersion: 1 }), 'Account.version cannot be updated: it is the version attribute, which dynatx writes from expectedVersion'],
    ["'new' on a delete", () => untyped().delete(VersionedAccount, { accountId: 'a' }, { expectedVersion: 'new' }), "Account{accountId:a}: expectedVersion 'new' means the item does not exist, which a delete cannot use"],
    ['a negative version', () => untyped().delete(VersionedAccount, { accountId: 'a' }, { expectedVersion: -1 }), "Account{accountId:a}: expectedVersion must be a whole number of at least 0, or 'new', got number -1"],
    ['expectedVersion on an entity that is not versioned', () => untyped().delete(Account, { accountId: 'a' }, { expectedVersion: 1 }), 'Account is not versioned: wrap it with versioned(entity, attribute) to use expectedVersion'],
  ])('refused: %s', (_what, run, message) => {
    expect(run).toThrow(TransactionValidationError);
    expect(run).toThrow(message);
  });

  test('only a number attribute can hold the version', () => {
    expect(() => versioned(Account, 'owner' as never)).toThrow("versioned(): 'owner' must be a number attribute of the entity");
  });
});
