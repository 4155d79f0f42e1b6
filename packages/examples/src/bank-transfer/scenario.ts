import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { injectFaults } from '@dynatx/testing';
import { Account } from './entities.js';
import { readBalances, transfer, type TransferOutcome } from './transfer.js';

export type { Check } from '../shared/run-example.js';
import type { Check } from '../shared/run-example.js';

/**
 * The bank-transfer story, step by step, against whatever DynamoDB `client` points at. The
 * Account entity must already have a table and an ElectroDB client (for seeding).
 */
export async function runBankTransferScenario(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  // Single-item writes need no transaction (which would cost twice the capacity).
  await Account.create({ accountId: 'alice', owner: 'Alice', balance: 100_00 }).go();
  await Account.create({ accountId: 'bob', owner: 'Bob', balance: 0 }).go();
  log('Opened alice (100.00) and bob (0.00)');

  const first = await transfer(client, { from: 'alice', to: 'bob', amount: 30_00 });
  log(`alice -> bob 30.00: ${describe(first)}`);
  check('a covered transfer commits', first.status === 'transferred', first.status);

  const overdraft = await transfer(client, { from: 'alice', to: 'bob', amount: 500_00 });
  log(`alice -> bob 500.00: ${describe(overdraft)}`);
  check('an overdraft is refused by the debit condition', overdraft.status === 'insufficient-funds', overdraft.status);

  const typo = await transfer(client, { from: 'alice', to: 'bbo', amount: 1_00 });
  log(`alice -> bbo 1.00: ${describe(typo)}`);
  check('a credit to an unknown account is refused', typo.status === 'no-such-account', typo.status);

  // 20 transfers of 10.00 race for the 70.00 left, while 5 injected TransactionConflicts
  // (what a busy real table answers; DynamoDB Local never does) force retries.
  const faults = injectFaults(client).failNext(5, 'transactionConflict');
  const race = await Promise.all(
    Array.from({ length: 20 }, () => transfer(client, { from: 'alice', to: 'bob', amount: 10_00 }, { retry: { baseDelayMs: 5 } })),
  );
  faults.remove();
  const committed = race.filter((o) => o.status === 'transferred').length;
  const refused = race.filter((o) => o.status === 'insufficient-funds').length;
  const retries = race.reduce((n, o) => n + o.attempts - 1, 0);
  log(`20 concurrent transfers of 10.00: ${committed} committed, ${refused} refused, ${retries} retried after an injected conflict`);
  check('exactly the transfers the balance covers commit', committed === 7 && refused === 13, `${committed} committed, ${refused} refused`);
  check('every injected conflict was retried', retries === 5, `${retries} retries for 5 conflicts`);

  const balances = await readBalances(client, 'alice', 'bob');
  log(`Balances: alice ${money(balances.alice)}, bob ${money(balances.bob)}`);
  check('no balance is negative', (balances.alice ?? -1) >= 0 && (balances.bob ?? -1) >= 0, `alice ${money(balances.alice)}, bob ${money(balances.bob)}`);
  check('money is conserved', (balances.alice ?? 0) + (balances.bob ?? 0) === 100_00, `total ${money((balances.alice ?? 0) + (balances.bob ?? 0))}`);
  return checks;
}

function describe(outcome: TransferOutcome): string {
  switch (outcome.status) {
    case 'transferred':
      return 'transferred';
    case 'insufficient-funds':
      return `refused, only ${money(outcome.available)} available`;
    case 'no-such-account':
      return `refused, no account '${outcome.accountId}'`;
  }
}

const money = (cents: number | undefined) => (cents === undefined ? '-' : (cents / 100).toFixed(2));
