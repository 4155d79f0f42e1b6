/**
 * `node dist/staged-edits/run.js`: the staged-edits example against a DynamoDB Local it
 * starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableFor, startDynamoDBLocal, type DynamoDBLocalHandle } from '@dynatx/testing';
import { Quota, TenantSettings } from './entities.js';
import { runStagedEditsScenario, type Check } from './scenario.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let engine: DynamoDBLocalHandle | undefined;
let client: DynamoDBClient | undefined;
let checks: Check[] | undefined;
try {
  console.log('Starting DynamoDB Local');
  engine = await startDynamoDBLocal();
  client = engine.createClient();
  const table = await createTableFor(client, [TenantSettings, Quota]);
  console.log(`Created table '${table.tableName}' at ${engine.endpoint}\n`);
  checks = await runStagedEditsScenario(client);
} catch (error) {
  console.error('The example could not run:', error);
} finally {
  client?.destroy();
  await engine?.stop();
}

if (checks === undefined) process.exit(2);
console.log('');
for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name} (${c.detail})`);
process.exit(checks.every((c) => c.ok) ? 0 : 1);
