import { DescribeTableCommand, ListTablesCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Entity } from 'electrodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTableFor,
  entityTableName,
  startDynamoDBLocal,
  tableDefinitionFor,
  type AnyEntity,
  type DynamoDBLocalHandle,
} from '../src/index.js';
import { accounts, ledger, TABLE, transfers } from './fixtures/entities.js';

function entityWith(
  name: string,
  indexes: Record<string, unknown>,
  attributes: Record<string, unknown>,
  table: string | null = TABLE,
): AnyEntity {
  return new Entity(
    { model: { entity: name, version: '1', service: 'bank' }, attributes, indexes } as never,
    table === null ? {} : { table },
  ) as unknown as AnyEntity;
}

describe('tableDefinitionFor', () => {
  it('merges the keys and GSIs of entities sharing a table', () => {
    expect(tableDefinitionFor([accounts, transfers])).toEqual({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
        { AttributeName: 'gsi2pk', AttributeType: 'S' },
        { AttributeName: 'gsi3pk', AttributeType: 'N' },
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi3',
          KeySchema: [{ AttributeName: 'gsi3pk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('types number attributes used directly as key fields as N', () => {
    const definition = tableDefinitionFor([ledger]);
    expect(definition.TableName).toBe('dynatx-ledger');
    expect(definition.AttributeDefinitions).toEqual([
      { AttributeName: 'accountId', AttributeType: 'S' },
      { AttributeName: 'day', AttributeType: 'N' },
      { AttributeName: 'seq', AttributeType: 'N' },
    ]);
  });

  it('omits GlobalSecondaryIndexes when there are none, and honours tableName', () => {
    const plain = entityWith('plain', { primary: { pk: { field: 'pk', composite: ['id'] } } }, {
      id: { type: 'string' },
    });
    const definition = tableDefinitionFor([plain], { tableName: 'custom' });
    expect(definition.TableName).toBe('custom');
    expect(definition.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(definition).not.toHaveProperty('GlobalSecondaryIndexes');
  });

  it('rejects a key field stored as a string by one entity and a number by another', () => {
    const clash = entityWith(
      'clash',
      {
        primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
        byX: { index: 'gsi9', pk: { field: 'gsi3pk', composite: ['id'] } },
      },
      { id: { type: 'string' } },
    );
    expect(() => tableDefinitionFor([transfers, clash])).toThrow(/"gsi3pk".*number \(N\).*string \(S\)/);
  });

  it('rejects entities whose primary keys differ', () => {
    const other = entityWith('other', { primary: { pk: { field: 'id', composite: ['id'] } } }, {
      id: { type: 'string' },
    });
    expect(() => tableDefinitionFor([accounts, other])).toThrow(/primary keys differ.*\(pk, sk\) vs \(id\)/);
  });

  it('rejects one index name with different key fields', () => {
    const other = entityWith(
      'other',
      {
        primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
        byY: { index: 'gsi1', pk: { field: 'otherpk', composite: ['id'] } },
      },
      { id: { type: 'string' } },
    );
    expect(() => tableDefinitionFor([accounts, other])).toThrow(/Index "gsi1"/);
  });

  it('needs one table name', () => {
    expect(() => tableDefinitionFor([accounts, ledger])).toThrow(/different tables/);
    const tableless = entityWith('tableless', { primary: { pk: { field: 'pk', composite: ['id'] } } }, {
      id: { type: 'string' },
    }, null);
    expect(() => tableDefinitionFor([tableless])).toThrow(/pass options\.tableName/);
    expect(entityTableName([tableless])).toBeUndefined();
    expect(() => tableDefinitionFor([])).toThrow(/at least one/);
    expect(() => tableDefinitionFor([{} as AnyEntity])).toThrow(/ElectroDB Entity/);
  });
});

describe('createTableFor (DynamoDB Local)', () => {
  let engine: DynamoDBLocalHandle;
  let client: DynamoDBClient;

  beforeAll(async () => {
    engine = await startDynamoDBLocal();
    client = engine.createClient();
    for (const entity of [accounts, transfers, ledger]) entity.setClient(client);
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it('creates an ACTIVE table whose key schema and GSIs match the entities', async () => {
    const table = await createTableFor(client, [accounts, transfers]);
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      const gsis = Object.fromEntries(
        (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.KeySchema]),
      );
      expect(gsis).toEqual({
        gsi1: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        gsi2: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }],
        gsi3: [{ AttributeName: 'gsi3pk', KeyType: 'HASH' }],
      });

      // The table really fits the entities: writes and GSI queries go through.
      await accounts.put({ accountId: 'a1', owner: 'ada', branch: 'north', balance: 10 }).go();
      await transfers.put({ transferId: 't1', fromAccount: 'a1', amount: 5 }).go();
      const byOwner = await accounts.query.byOwner({ owner: 'ada' }).go();
      expect(byOwner.data.map((item) => item.accountId)).toEqual(['a1']);
      const byAmount = await transfers.query.byAmount({ amount: 5 }).go();
      expect(byAmount.data.map((item) => item.transferId)).toEqual(['t1']);
    } finally {
      await table.drop();
    }
  });

  it('creates number-typed keys for numeric entities', async () => {
    const table = await createTableFor(client, [ledger]);
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
      expect(Table?.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: 'seq', AttributeType: 'N' },
          { AttributeName: 'day', AttributeType: 'N' },
        ]),
      );
      expect(Table?.GlobalSecondaryIndexes?.[0]?.KeySchema).toEqual([
        { AttributeName: 'day', KeyType: 'HASH' },
        { AttributeName: 'seq', KeyType: 'RANGE' },
      ]);
      await ledger.put({ accountId: 'a1', seq: 1, day: 20240101, amount: 3 }).go();
      const byDay = await ledger.query.byDay({ day: 20240101 }).go();
      expect(byDay.data).toEqual([{ accountId: 'a1', seq: 1, day: 20240101, amount: 3 }]);
    } finally {
      await table.drop();
    }
  });

  it('replaces an existing table with a fresh, empty one', async () => {
    const first = await createTableFor(client, [accounts], { tableName: 'recreated' });
    await accounts
      .put({ accountId: 'a1', owner: 'ada', balance: 1 })
      .go({ table: 'recreated' });
    expect((await client.send(new ScanCommand({ TableName: 'recreated' }))).Count).toBe(1);

    const second = await createTableFor(client, [accounts], { tableName: 'recreated' });
    expect(second.tableName).toBe(first.tableName);
    expect((await client.send(new ScanCommand({ TableName: 'recreated' }))).Count).toBe(0);

    await second.drop();
    await second.drop(); // already gone: not an error
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).not.toContain('recreated');
  });
});
