// The consumer code of scripts/check-packages.mjs, copied into fresh projects that installed
// the packed tarballs with plain npm. Written once for ESM and CommonJS alike: no top-level
// await, no import.meta. It imports only @dynatx/core, ElectroDB and the project's own AWS SDK.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  dynamicTx,
  EndpointUnreachableError,
  IdempotentParameterMismatchError,
  TableNotFoundError,
  tx,
  txGet,
  TransactionValidationError,
} from '@dynatx/core';
import { Entity } from 'electrodb';

export const TABLE = 'dynatx-package-check';
// DynamoDB Local takes any region and letters-and-digits keys.
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'dynatx', secretAccessKey: 'dynatx' };

export const Tenant = new Entity(
  {
    model: { entity: 'Tenant', version: '1', service: 'check' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      status: { type: ['active', 'suspended'] as const, required: true },
    },
    indexes: { byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: TABLE },
);

export const Counter = new Entity(
  {
    model: { entity: 'Counter', version: '1', service: 'check' } as const,
    attributes: {
      tenant: { type: 'string', required: true },
      eventCount: { type: 'number', required: true },
    },
    indexes: { byTenant: { pk: { field: 'pk', composite: ['tenant'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: TABLE },
);

const Elsewhere = new Entity(
  {
    model: { entity: 'Elsewhere', version: '1', service: 'check' } as const,
    attributes: { id: { type: 'string', required: true } },
    indexes: { byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'dynatx-package-check-missing' },
);

// dynatx's types are in force (not `any`) with this TypeScript, this SDK and this ElectroDB:
// each line below must fail to compile, or its @ts-expect-error is itself an error.
export function compileTimeRejections(): void {
  // @ts-expect-error the same item twice in one transaction
  tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 })).update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
  // @ts-expect-error 'archived' is not a status
  tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'archived'));
  // @ts-expect-error an empty transaction cannot be sent
  tx().params();
}

export function expect(ok: boolean, what: string, detail?: unknown): void {
  if (!ok) throw new Error(`${what}${detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
  console.log(`ok  ${what}`);
}

/** The version of the one @aws-sdk/client-dynamodb that the project and @dynatx/core load. */
export function sharedSdkVersion(packages: readonly string[]): string {
  const project = createRequire(join(process.cwd(), 'package.json'));
  const requires = [project, ...packages.map((name) => createRequire(project.resolve(`${name}/package.json`)))];
  const paths = requires.map((r) => r.resolve('@aws-sdk/client-dynamodb'));
  expect(new Set(paths).size === 1, `the project and ${packages.join(', ')} load one @aws-sdk/client-dynamodb`, paths);
  return (JSON.parse(readFileSync(project.resolve('@aws-sdk/client-dynamodb/package.json'), 'utf8')) as { version: string }).version;
}

/** The table, made with the project's SDK alone (for a project without @dynatx/testing). */
export async function createTable(client: DynamoDBClient): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}

/** Transactions through the user's own client, against the (empty) table. */
export async function runScenario(client: DynamoDBClient): Promise<void> {
  const setUp = await tx()
    .put(Tenant, { tenant: 'acme', status: 'active' }, { if: (t, op) => op.notExists(t.tenant) })
    .put(Counter, { tenant: 'acme', eventCount: 0 })
    .execute(client);
  expect(setUp.committed, 'a transaction of two puts commits');

  const token = randomUUID(); // 36 characters, the most a token may have
  const append = await tx()
    .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }))
    .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'), { label: 'tenant is active' })
    .execute(client, { clientRequestToken: token });
  expect(append.committed, 'an update with a condition check commits');

  const refused = await tx()
    .put(Tenant, { tenant: 'acme', status: 'suspended' }, { if: (t, op) => op.notExists(t.tenant), label: 'new tenant', returnOldItemOnFailure: true })
    .execute(client);
  const reason = refused.committed ? undefined : refused.failed[0];
  expect(
    !refused.committed && reason?.code === 'ConditionalCheckFailed' && reason.label === 'new tenant' && reason.oldItem?.status === 'active',
    'a failed condition cancels, with the typed reason and the old item (ALL_OLD)',
    refused.committed ? 'committed' : refused.summary,
  );

  const { items: [tenant, counter] } = await txGet().get(Tenant, { tenant: 'acme' }).get(Counter, { tenant: 'acme' }).execute(client);
  expect(tenant?.status === 'active' && counter?.eventCount === 1, 'txGet reads back what was written', { tenant, counter });

  // Errors as this SDK deserializes them, classified by dynatx.
  const mismatch = await tx()
    .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 2 }))
    .execute(client, { clientRequestToken: token })
    .catch((error: unknown) => error);
  expect(mismatch instanceof IdempotentParameterMismatchError, 'the same token with other parameters: IdempotentParameterMismatchError', String(mismatch));
  const missing = await tx().put(Elsewhere, { id: 'x' }).execute(client).catch((error: unknown) => error);
  expect(missing instanceof TableNotFoundError, 'a table that does not exist: TableNotFoundError', String(missing));
  const closed = new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  const unreachable = await tx().put(Elsewhere, { id: 'x' }).execute(closed, { retry: false }).catch((error: unknown) => error);
  closed.destroy();
  expect(unreachable instanceof EndpointUnreachableError, 'nothing listening: EndpointUnreachableError', String(unreachable));

  let preflight: unknown;
  try {
    dynamicTx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 })).update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 })).params();
  } catch (error) {
    preflight = error;
  }
  expect(preflight instanceof TransactionValidationError, 'the run-time pre-flight refuses the same item twice');
}
