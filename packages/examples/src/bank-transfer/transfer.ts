import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tx, txGet, type ExecuteOptions } from '@dynatx/core';
import { Account } from './entities.js';

export interface Transfer {
  readonly from: string;
  readonly to: string;
  /** Cents, a whole number above zero. */
  readonly amount: number;
}

/**
 * A transfer is two updates that must happen together: the debit and the credit.
 *
 * - The debit carries `balance >= amount`. DynamoDB evaluates that condition on the item
 *   as it is when the transaction runs, and applies `balance - amount` in the same step, so
 *   twenty transfers racing on one account cannot overdraw it: the ones that would are
 *   cancelled. A condition that fails on a missing item also fails, so a debit from an
 *   unknown account is cancelled too.
 * - The credit requires that the account exists. Without it an update to a mistyped id
 *   would quietly create a new "account" holding only a balance (UpdateItem creates
 *   missing items).
 *
 * Why not `versioned(Account)`? Optimistic locking is for writes computed from a value the
 * application read ("the balance was 100, write 90"). Here both writes are relative
 * (subtract, add) and the only rule, "never below zero", is checked by DynamoDB itself.
 * Versions would force a read before every transfer and make concurrent transfers on one
 * account cancel each other for no gain in safety. Use `versioned()` when the new value
 * depends on a read the condition cannot express (see the staged-edits example).
 */
export function transferTransaction({ from, to, amount }: Transfer) {
  // A negative amount would turn the debit into a credit and slip past the balance check.
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`A transfer moves a whole number of cents above zero, got ${amount}`);
  }
  return tx()
    .update(Account, { accountId: from }, (u) => u.subtract({ balance: amount }), {
      if: (a, op) => op.gte(a.balance, amount),
      label: 'debit',
      // On a refusal, DynamoDB sends back the account as it was: the balance for the message.
      returnOldItemOnFailure: true,
    })
    .update(Account, { accountId: to }, (u) => u.add({ balance: amount }), {
      if: (a, op) => op.exists(a.accountId),
      label: 'credit',
    });
}

export type TransferOutcome =
  | { readonly status: 'transferred'; readonly attempts: number }
  | { readonly status: 'insufficient-funds'; readonly available: number; readonly attempts: number }
  | { readonly status: 'no-such-account'; readonly accountId: string; readonly attempts: number };

/**
 * Runs a transfer and turns DynamoDB's answer into the application's terms. A cancellation
 * is an answer ("not enough money"), not an error; only the unexpected throws.
 */
export async function transfer(client: DynamoDBClient, transfer: Transfer, options?: ExecuteOptions): Promise<TransferOutcome> {
  const result = await transferTransaction(transfer).execute(client, options);
  const attempts = result.attempts;
  if (result.committed) return { status: 'transferred', attempts };

  const refused = (label: 'debit' | 'credit') =>
    result.failed.find((r) => r.label === label && r.code === 'ConditionalCheckFailed');
  const debit = refused('debit');
  if (debit !== undefined) {
    // The condition also fails on a missing item, which comes back without an old item.
    return debit.oldItem === undefined
      ? { status: 'no-such-account', accountId: transfer.from, attempts }
      : { status: 'insufficient-funds', available: debit.oldItem.balance, attempts };
  }
  if (refused('credit') !== undefined) return { status: 'no-such-account', accountId: transfer.to, attempts };
  throw new Error(`Transfer cancelled for an unexpected reason:\n${result.summary}`);
}

/** Several balances read as one snapshot (TransactGetItems), so a transfer is never seen half-done. */
export async function readBalances(client: DynamoDBClient, first: string, second: string) {
  const { items } = await txGet()
    .get(Account, { accountId: first })
    .get(Account, { accountId: second })
    .execute(client);
  const [a, b] = items;
  return { [first]: a?.balance, [second]: b?.balance } as Record<string, number | undefined>;
}
