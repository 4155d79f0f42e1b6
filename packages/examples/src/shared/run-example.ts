import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFor, startDynamoDBLocal, type DynamoDBLocalHandle } from '@dynatx/testing';
import type { Entity } from 'electrodb';

/** One thing an example checked, printed as `ok` or `FAIL`. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** How a scenario gets its clients: each call is a new client, as a new process would have. */
export type NewClient = () => DynamoDBClient;

/**
 * The `run.js` of every example: start DynamoDB Local, create the table from the entities,
 * point ElectroDB at it (the scenarios read back with ElectroDB), run the scenario, stop the
 * engine, print the checks. Exits 0 when every check holds, 1 when one fails, 2 when the
 * example could not run at all.
 */
export async function runExample(
  // ElectroDB's own entity type: the scenarios' entities get a client here, as an app's would.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: readonly Entity<any, any, any, any>[],
  scenario: (newClient: NewClient) => Promise<readonly Check[]>,
): Promise<never> {
  // The pinned AWS SDK supports Node 20; its notice about future releases is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let engine: DynamoDBLocalHandle | undefined;
  const clients: DynamoDBClient[] = [];
  let checks: readonly Check[] | undefined;
  try {
    console.log('Starting DynamoDB Local');
    const started = (engine = await startDynamoDBLocal());
    const newClient = () => {
      const client = started.createClient();
      clients.push(client);
      return client;
    };
    const client = newClient();
    const table = await createTableFor(client, entities);
    console.log(`Created table '${table.tableName}' at ${started.endpoint}\n`);
    const documents = DynamoDBDocumentClient.from(client);
    for (const entity of entities) entity.setClient(documents);
    checks = await scenario(newClient);
  } catch (error) {
    console.error('The example could not run:', error);
  } finally {
    for (const client of clients) client.destroy();
    await engine?.stop();
  }
  if (checks === undefined) process.exit(2);
  console.log('');
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name} (${c.detail})`);
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}
