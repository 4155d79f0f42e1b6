import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEntityKeyLayout, type AnyEntity, type EntityIndexKeys, type KeyAttributeType } from './entity-model.js';

/** What a table's stream records carry (DynamoDB's StreamViewType). */
export type TableStreamView = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';

/** Options of `createTableFor` and `tableDefinitionFor`: another table name, and a stream. */
export interface TableForOptions {
  /** Overrides the table name configured on the entities. */
  tableName?: string;
  /**
   * Enable DynamoDB Streams on the table: `true` for NEW_AND_OLD_IMAGES (what dynatx's change
   * feed consumers read best), or a view type. Default: no stream.
   */
  stream?: boolean | TableStreamView;
}

/** A table `createTableFor` made (ACTIVE when returned), with what it was made from and `drop()`. */
export interface TestTable {
  readonly tableName: string;
  /** What was sent to CreateTable, for assertions and debugging. */
  readonly definition: CreateTableCommandInput;
  /** The ARN of the table's stream, when it was created with `stream`. */
  readonly streamArn: string | undefined;
  /** Deletes the table and waits until it is gone; a missing table is fine. */
  drop(): Promise<void>;
}

// Real DynamoDB takes seconds to minutes per table state change; DynamoDB Local
// is instant. The bound only stops a test from hanging forever.
const TABLE_STATE_TIMEOUT_MS = 5 * 60_000;

/**
 * The CreateTable input for the table the given ElectroDB entities live in:
 * primary key and every GSI they declare, merged across entities that share
 * the table. Key attributes are strings unless ElectroDB casts them to numbers.
 */
export function tableDefinitionFor(
  entities: readonly AnyEntity[],
  options: TableForOptions = {},
): CreateTableCommandInput {
  if (entities.length === 0) {
    throw new Error('tableDefinitionFor needs at least one ElectroDB entity');
  }
  const layouts = entities.map(readEntityKeyLayout);
  const tableName = resolveTableName(layouts, options.tableName);

  const attributes = new Map<string, { type: KeyAttributeType; owner: string }>();
  const defineAttribute = (field: string, type: KeyAttributeType, owner: string): void => {
    const known = attributes.get(field);
    if (known === undefined) {
      attributes.set(field, { type, owner });
    } else if (known.type !== type) {
      throw new Error(
        `Key attribute "${field}" of table "${tableName}" is ${describeType(known.type)} in ${known.owner} ` +
          `but ${describeType(type)} in ${owner}; entities sharing a table must store a key field with one type`,
      );
    }
  };
  const defineIndexAttributes = (index: EntityIndexKeys, owner: string): void => {
    defineAttribute(index.pk.field, index.pk.type, owner);
    if (index.sk !== undefined) defineAttribute(index.sk.field, index.sk.type, owner);
  };

  const [first, ...rest] = layouts;
  if (first === undefined) throw new Error('unreachable: entities is not empty');
  for (const layout of rest) {
    if (!sameKeyFields(first.primary, layout.primary)) {
      throw new Error(
        `Entities ${first.label} and ${layout.label} cannot share table "${tableName}": their primary keys differ ` +
          `(${describeKeyFields(first.primary)} vs ${describeKeyFields(layout.primary)})`,
      );
    }
  }

  const gsis = new Map<string, { keys: EntityIndexKeys; owner: string }>();
  for (const layout of layouts) {
    defineIndexAttributes(layout.primary, layout.label);
    for (const index of layout.secondary) {
      defineIndexAttributes(index, layout.label);
      const known = gsis.get(index.indexName);
      if (known === undefined) {
        gsis.set(index.indexName, { keys: index, owner: layout.label });
      } else if (!sameKeyFields(known.keys, index)) {
        throw new Error(
          `Index "${index.indexName}" of table "${tableName}" has keys ${describeKeyFields(known.keys)} in ` +
            `${known.owner} but ${describeKeyFields(index)} in ${layout.label}`,
        );
      }
    }
  }

  const definition: CreateTableCommandInput = {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([field, { type }]): AttributeDefinition => ({ AttributeName: field, AttributeType: type })),
    KeySchema: keySchema(first.primary),
  };
  // DynamoDB rejects an empty GlobalSecondaryIndexes list, so it is only set when there is one.
  const stream = streamView(options.stream);
  if (stream !== undefined) definition.StreamSpecification = { StreamEnabled: true, StreamViewType: stream };
  if (gsis.size > 0) {
    definition.GlobalSecondaryIndexes = [...gsis.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([indexName, { keys }]): GlobalSecondaryIndex => ({
          IndexName: indexName,
          KeySchema: keySchema(keys),
          Projection: { ProjectionType: 'ALL' },
        }),
      );
  }
  return definition;
}

/**
 * Creates the table for the entities and waits until it and its indexes are
 * ACTIVE. A table left over under the same name (a crashed earlier run) is
 * deleted first, so every call starts from an empty table.
 */
export async function createTableFor(
  client: DynamoDBClient,
  entities: readonly AnyEntity[],
  options: TableForOptions = {},
): Promise<TestTable> {
  const definition = tableDefinitionFor(entities, options);
  const tableName = definition.TableName as string;
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (errorName(error) !== 'ResourceInUseException') throw error;
    await deleteTableAndWait(client, tableName);
    await client.send(new CreateTableCommand(definition));
  }
  await waitUntilActive(client, tableName);
  const streamArn =
    definition.StreamSpecification === undefined
      ? undefined
      : (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
  return {
    tableName,
    definition,
    streamArn,
    drop: () => deleteTableAndWait(client, tableName),
  };
}

const STREAM_VIEWS: readonly TableStreamView[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];

function streamView(stream: TableForOptions['stream']): TableStreamView | undefined {
  if (stream === undefined || stream === false) return undefined;
  if (stream === true) return 'NEW_AND_OLD_IMAGES';
  if (!STREAM_VIEWS.includes(stream)) {
    throw new Error(`stream must be true, false or one of ${STREAM_VIEWS.join(', ')}; got ${JSON.stringify(stream)}`);
  }
  return stream;
}

async function deleteTableAndWait(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return;
    throw error;
  }
  await pollUntil(`table "${tableName}" to be deleted`, async () => {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return false;
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return true;
      throw error;
    }
  });
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  await pollUntil(`table "${tableName}" to become ACTIVE`, async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return (
      Table?.TableStatus === 'ACTIVE' &&
      (Table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')
    );
  });
}

async function pollUntil(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TABLE_STATE_TIMEOUT_MS;
  // Start fast for DynamoDB Local, back off for the real service.
  for (let delay = 25; ; delay = Math.min(delay * 2, 2_000)) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(delay);
  }
}

/**
 * The table name the entities are configured with, undefined when none has
 * one. Entities configured for different tables are an error: silently
 * merging them into one would hide a modelling mistake.
 */
export function entityTableName(entities: readonly AnyEntity[]): string | undefined {
  return commonTableName(entities.map(readEntityKeyLayout));
}

function commonTableName(layouts: readonly { label: string; tableName: string | undefined }[]): string | undefined {
  const names = new Set(layouts.map((layout) => layout.tableName).filter((name): name is string => !!name));
  if (names.size > 1) {
    const listing = layouts.map((layout) => `${layout.label} -> ${layout.tableName ?? '(none)'}`).join(', ');
    throw new Error(`The entities are configured for different tables (${listing}); pass options.tableName to choose one`);
  }
  const [only] = names;
  return only;
}

function resolveTableName(layouts: readonly { label: string; tableName: string | undefined }[], explicit?: string): string {
  if (explicit !== undefined && explicit !== '') return explicit;
  const name = commonTableName(layouts);
  if (name === undefined) {
    throw new Error('None of the entities has a table name configured; pass options.tableName');
  }
  return name;
}

function keySchema(index: EntityIndexKeys): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: index.pk.field, KeyType: 'HASH' }];
  if (index.sk !== undefined) schema.push({ AttributeName: index.sk.field, KeyType: 'RANGE' });
  return schema;
}

function sameKeyFields(a: EntityIndexKeys, b: EntityIndexKeys): boolean {
  return a.pk.field === b.pk.field && a.sk?.field === b.sk?.field;
}

function describeKeyFields(index: EntityIndexKeys): string {
  return index.sk === undefined ? `(${index.pk.field})` : `(${index.pk.field}, ${index.sk.field})`;
}

function describeType(type: KeyAttributeType): string {
  return type === 'N' ? 'a number (N)' : 'a string (S)';
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined;
}
