import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { useDynamoDB, useTable } from '../src/vitest.js';
import { accounts, ledger, TABLE, transfers } from './fixtures/entities.js';
import { withoutEndpointEnv } from './helpers.js';

// The root vitest config has no globalSetup, so useDynamoDB starts a private
// engine for this file; the env variable must not point elsewhere.
const env = withoutEndpointEnv();
afterAll(() => env.restore());

const db = useDynamoDB();
const bank = useTable([accounts, transfers], { dynamodb: db });

let earlyError: unknown;
try {
  db.client();
} catch (error) {
  earlyError = error;
}

describe('useDynamoDB / useTable without a globalSetup', () => {
  it('is unavailable at module top level, with an explanation', () => {
    expect(String(earlyError)).toMatch(/inside tests or hooks/);
  });

  it('starts a private engine and hands out one client per file', async () => {
    expect(db.endpoint()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(db.client()).toBe(db.client());
    expect(bank.client).toBe(db.client());
  });

  it('creates a uniquely named table and points the entities at it', async () => {
    expect(bank.tableName).toMatch(new RegExp(`^${TABLE}-[0-9a-f]{8}$`));
    expect(accounts.getTableName()).toBe(bank.tableName);
    expect(transfers.getTableName()).toBe(bank.tableName);

    accounts.setClient(bank.client);
    await accounts.put({ accountId: 'u1', owner: 'ada', balance: 1 }).go();
    const scan = await bank.client.send(new ScanCommand({ TableName: bank.tableName }));
    expect(scan.Count).toBe(1);
  });

  describe('a table scoped to a describe block', () => {
    const audit = useTable([ledger], { dynamodb: db, tableName: 'scoped-ledger' });

    it('exists with the exact name requested', async () => {
      expect(audit.tableName).toBe('scoped-ledger');
      expect(ledger.getTableName()).toBe('scoped-ledger');
      const { TableNames } = await db.client().send(new ListTablesCommand({}));
      expect(TableNames).toContain('scoped-ledger');
    });
  });

  it('drops the scoped table and restores the entity table name after its block', async () => {
    expect(ledger.getTableName()).toBe('dynatx-ledger');
    const { TableNames } = await db.client().send(new ListTablesCommand({}));
    expect(TableNames).not.toContain('scoped-ledger');
    expect(TableNames).toContain(bank.tableName);
  });
});
