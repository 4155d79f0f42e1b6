/** The bank-transfer example against a DynamoDB Local started by this file. */
import { RetriesExhaustedError, TransactionValidationError } from '@dynatx/core';
import { injectFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { describe, expect, test } from 'vitest';
import { Account } from '../src/bank-transfer/entities.js';
import { runBankTransferScenario } from '../src/bank-transfer/scenario.js';
import { readBalances, transfer, transferTransaction } from '../src/bank-transfer/transfer.js';

// Also points Account (table name and client) at the test table, so ElectroDB reads back.
const table = useTable([Account]);

/** A client per test, so that injected faults stay in their test. */
const freshClient = () => table.createClient();

let sequence = 0;
/** Two accounts of this test's own. */
async function openAccounts(fromBalance: number, toBalance = 0) {
  const from = `from-${++sequence}`;
  const to = `to-${sequence}`;
  await Account.create({ accountId: from, owner: 'Ann', balance: fromBalance }).go();
  await Account.create({ accountId: to, owner: 'Bo', balance: toBalance }).go();
  return { from, to };
}

describe('transfer', () => {
  test('moves money from one account to the other', async () => {
    const { from, to } = await openAccounts(100, 5);
    expect(await transfer(table.client, { from, to, amount: 40 })).toEqual({ status: 'transferred', attempts: 1 });
    expect(await readBalances(table.client, from, to)).toEqual({ [from]: 60, [to]: 45 });
    // ElectroDB reads back what dynatx wrote.
    expect((await Account.get({ accountId: from }).go()).data).toEqual({ accountId: from, owner: 'Ann', balance: 60 });
  });

  test('an overdraft is cancelled by the debit, and nothing changes', async () => {
    const { from, to } = await openAccounts(100);
    const result = await transferTransaction({ from, to, amount: 101 }).execute(table.client);
    expect(result.committed).toBe(false);
    if (result.committed) return;
    expect(result.failed.map((r) => [r.label, r.itemId, r.code])).toEqual([['debit', `Account{accountId:${from}}`, 'ConditionalCheckFailed']]);
    expect(result.failed[0]!.oldItem).toEqual({ accountId: from, owner: 'Ann', balance: 100 });
    expect(await readBalances(table.client, from, to)).toEqual({ [from]: 100, [to]: 0 });

    // The same refusal in the application's terms.
    expect(await transfer(table.client, { from, to, amount: 101 })).toEqual({ status: 'insufficient-funds', available: 100, attempts: 1 });
  });

  test('the whole balance can go, but not a cent more', async () => {
    const { from, to } = await openAccounts(100);
    expect((await transfer(table.client, { from, to, amount: 100 })).status).toBe('transferred');
    expect(await transfer(table.client, { from, to, amount: 1 })).toMatchObject({ status: 'insufficient-funds', available: 0 });
    expect(await readBalances(table.client, from, to)).toEqual({ [from]: 0, [to]: 100 });
  });

  test('a credit to an unknown account is cancelled and does not create it', async () => {
    const { from } = await openAccounts(100);
    const result = await transferTransaction({ from, to: 'nobody', amount: 10 }).execute(table.client);
    if (result.committed) throw new Error('expected a cancellation');
    expect(result.failed.map((r) => r.label)).toEqual(['credit']);
    expect(await transfer(table.client, { from, to: 'nobody', amount: 10 })).toEqual({ status: 'no-such-account', accountId: 'nobody', attempts: 1 });
    expect(await readBalances(table.client, from, 'nobody')).toEqual({ [from]: 100, nobody: undefined });
  });

  test('a debit from an unknown account is reported as such', async () => {
    const { to } = await openAccounts(0);
    expect(await transfer(table.client, { from: 'ghost', to, amount: 10 })).toEqual({ status: 'no-such-account', accountId: 'ghost', attempts: 1 });
  });

  test('the debit condition is in the params DynamoDB receives', () => {
    const params = transferTransaction({ from: 'a', to: 'b', amount: 10 }).params();
    const [debit, credit] = params.TransactItems!;
    expect(debit!.Update!.ConditionExpression).toMatch(/>=/);
    expect(debit!.Update!.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(credit!.Update!.ConditionExpression).toMatch(/^attribute_exists\(/);
  });

  test('amounts that are not whole cents above zero are refused before anything is sent', () => {
    for (const amount of [0, -5, 1.5, Number.NaN]) {
      expect(() => transferTransaction({ from: 'a', to: 'b', amount })).toThrow(RangeError);
    }
  });

  test('a transfer to the same account is refused before sending: one item cannot be in a transaction twice', async () => {
    const { from } = await openAccounts(100);
    const error = await transfer(table.client, { from, to: from, amount: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionValidationError);
    expect(error).toMatchObject({ code: 'DuplicateItem', message: `Account{accountId:${from}} is already in this transaction` });
    expect(await readBalances(table.client, from, 'nobody')).toMatchObject({ [from]: 100 });
  });
});

describe('concurrent transfers', () => {
  test('20 concurrent transfers of 10 out of 100: exactly 10 commit, nothing is overdrawn, money is conserved', async () => {
    const { from, to } = await openAccounts(100);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => transfer(table.client, { from, to, amount: 10 })));
    expect(outcomes.filter((o) => o.status === 'transferred')).toHaveLength(100 / 10);
    expect(outcomes.filter((o) => o.status === 'insufficient-funds')).toHaveLength(10);
    const balances = await readBalances(table.client, from, to);
    expect(balances[from]).toBeGreaterThanOrEqual(0);
    expect(balances).toEqual({ [from]: 0, [to]: 100 });
  });

  test('with injected transaction conflicts, the retried transfers still commit exactly 10 times', async () => {
    const { from, to } = await openAccounts(100);
    const client = freshClient();
    const faults = injectFaults(client).failNext(6, 'transactionConflict');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => transfer(client, { from, to, amount: 10 }, { retry: { baseDelayMs: 1 } })),
    );
    expect(faults.log.map((f) => f.kind)).toEqual(Array(6).fill('transactionConflict'));
    expect(outcomes.reduce((retries, o) => retries + o.attempts - 1, 0)).toBe(6);
    expect(outcomes.filter((o) => o.status === 'transferred')).toHaveLength(10);
    expect(await readBalances(table.client, from, to)).toEqual({ [from]: 0, [to]: 100 });
    client.destroy();
  });

  test('conflicts beyond the retry budget reject the transfer, and it is not applied', async () => {
    const { from, to } = await openAccounts(100);
    const client = freshClient();
    injectFaults(client).failNext(3, 'transactionConflict');
    await expect(transfer(client, { from, to, amount: 10 }, { retry: { maxAttempts: 3, baseDelayMs: 1 } })).rejects.toBeInstanceOf(
      RetriesExhaustedError,
    );
    expect(await readBalances(table.client, from, to)).toEqual({ [from]: 100, [to]: 0 });
    client.destroy();
  });
});

test('the runnable scenario passes its own checks', async () => {
  const client = freshClient();
  const checks = await runBankTransferScenario(client, () => {});
  client.destroy();
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  expect(checks).toHaveLength(7);
});
