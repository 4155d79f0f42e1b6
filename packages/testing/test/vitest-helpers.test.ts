import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { Entity } from 'electrodb';
import { afterAll, describe, expect, it } from 'vitest';
import { useDynamoDB, useTable, type DynamoDBTestHandle } from '../src/vitest.js';
import { accounts, ledger, TABLE, transfers } from './fixtures/entities.js';
import { withoutEndpointEnv } from './helpers.js';

// The root vitest config has no globalSetup, so useDynamoDB starts a private
// engine for this file; the env variable must not point elsewhere.
const env = withoutEndpointEnv();
afterAll(() => env.restore());

const db = useDynamoDB();
const bank = useTable([accounts, transfers], { dynamodb: db });

/** Has a client of its own before useTable, which must get it back afterwards. */
const audited = new Entity(
  {
    model: { entity: 'auditNote', version: '1', service: 'bank' },
    attributes: { noteId: { type: 'string', required: true }, text: { type: 'string' } },
    indexes: { primary: { pk: { field: 'pk', composite: ['noteId'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: TABLE },
);
const ownClient = { send: async () => ({}) };
audited.setClient(ownClient);
const clientOf = (entity: object) => (entity as { client?: { client?: unknown } }).client?.client;

const earlyErrors: string[] = [];
for (const read of [() => db.endpoint, () => db.client, () => db.createClient(), () => bank.endpoint, () => bank.client]) {
  try {
    read();
  } catch (error) {
    earlyErrors.push(String(error));
  }
}

describe('useDynamoDB / useTable without a globalSetup', () => {
  it('are unavailable at module top level, with an explanation', () => {
    expect(earlyErrors).toHaveLength(5);
    for (const message of earlyErrors) expect(message).toMatch(/inside tests or hooks/);
  });

  it('have one shape: endpoint and client properties, createClient() for more clients', () => {
    const handles: DynamoDBTestHandle[] = [db, bank];
    for (const handle of handles) {
      expect(typeof handle.endpoint).toBe('string');
      expect(handle.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(typeof handle.client.send).toBe('function');
      expect(typeof handle.createClient).toBe('function');
    }
    // One client per file, shared by the table handle; createClient() makes new ones.
    expect(db.client).toBe(db.client);
    expect(bank.client).toBe(db.client);
    expect(bank.endpoint).toBe(db.endpoint);
    expect(bank.createClient()).not.toBe(bank.client);
  });

  it('createClient() gives a working client of its own, with config overrides', async () => {
    const client = db.createClient({ region: 'eu-west-1' });
    expect(client).not.toBe(db.client);
    expect(await client.config.region()).toBe('eu-west-1');
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toContain(bank.tableName);
  });

  it('creates a uniquely named table and points the entities at it, client included', async () => {
    expect(bank.tableName).toMatch(new RegExp(`^${TABLE}-[0-9a-f]{8}$`));
    expect(accounts.getTableName()).toBe(bank.tableName);
    expect(transfers.getTableName()).toBe(bank.tableName);

    // No setClient in this file: ElectroDB writes, reads and queries through the file's client.
    await accounts.put({ accountId: 'u1', owner: 'ada', balance: 1 }).go();
    expect((await accounts.get({ accountId: 'u1' }).go()).data).toEqual({ accountId: 'u1', owner: 'ada', balance: 1 });
    expect((await accounts.query.byOwner({ owner: 'ada' }).go()).data).toHaveLength(1);
    expect(clientOf(accounts)).toBe(bank.client);
    const scan = await bank.client.send(new ScanCommand({ TableName: bank.tableName }));
    expect(scan.Count).toBe(1);
  });

  it("ElectroDB's batch reads go through it too", async () => {
    await transfers.put({ transferId: 't1', fromAccount: 'u1', amount: 1 }).go();
    const batch = await transfers.get([{ transferId: 't1' }, { transferId: 'missing' }]).go();
    expect(batch.data.map((item) => item.transferId)).toEqual(['t1']);
  });

  describe('a table scoped to a describe block', () => {
    const audit = useTable([ledger], { dynamodb: db, tableName: 'scoped-ledger' });
    const notes = useTable([audited], { dynamodb: db });

    it('exists with the exact name requested, and the entities use it and the client', async () => {
      expect(audit.tableName).toBe('scoped-ledger');
      expect(ledger.getTableName()).toBe('scoped-ledger');
      expect(clientOf(ledger)).toBe(audit.client);
      expect(clientOf(audited)).toBe(notes.client);
      expect(audited.getTableName()).toBe(notes.tableName);
      const { TableNames } = await db.client.send(new ListTablesCommand({}));
      expect(TableNames).toContain('scoped-ledger');
      await ledger.put({ accountId: 'a1', seq: 1, day: 20240101, amount: 3 }).go();
      expect((await ledger.get({ accountId: 'a1', seq: 1 }).go()).data?.amount).toBe(3);
    });
  });

  it('drops the scoped table and restores the entities afterwards: table name and client', async () => {
    expect(ledger.getTableName()).toBe('dynatx-ledger');
    expect(clientOf(ledger)).toBeUndefined();
    expect((ledger as unknown as { client?: unknown }).client).toBeUndefined();
    expect(audited.getTableName()).toBe(TABLE);
    expect(clientOf(audited)).toBe(ownClient);
    const { TableNames } = await db.client.send(new ListTablesCommand({}));
    expect(TableNames).not.toContain('scoped-ledger');
    expect(TableNames).toContain(bank.tableName);
  });
});
