/**
 * `node dist/idempotent-order/run.js`: the idempotent-order example against a DynamoDB
 * Local it starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableFor, startDynamoDBLocal, type DynamoDBLocalHandle } from '@dynatx/testing';
import { Order, Stock } from './entities.js';
import { runIdempotentOrderScenario, type Check } from './scenario.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let engine: DynamoDBLocalHandle | undefined;
const clients: DynamoDBClient[] = [];
let checks: Check[] | undefined;
try {
  console.log('Starting DynamoDB Local');
  const started = await startDynamoDBLocal();
  engine = started;
  // Each "process" of the story gets a client of its own, as a restarted process would.
  const newClient = () => {
    const client = started.createClient();
    clients.push(client);
    return client;
  };
  const table = await createTableFor(newClient(), [Order, Stock]);
  console.log(`Created table '${table.tableName}' at ${engine.endpoint}\n`);
  checks = await runIdempotentOrderScenario(newClient);
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
