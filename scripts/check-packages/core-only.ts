// The run of the project with @dynatx/core alone, at the oldest AWS SDK client its peer range
// admits (older than @dynatx/testing's floor, so @dynatx/testing is not installed here):
// scripts/check-packages.mjs starts DynamoDB Local and passes its endpoint.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { compileTimeRejections, createTable, CREDENTIALS, REGION, runScenario, sharedSdkVersion } from './scenario.js';

void compileTimeRejections;

async function main(): Promise<void> {
  const endpoint = process.env.DYNATX_CHECK_ENDPOINT;
  if (!endpoint) throw new Error('DYNATX_CHECK_ENDPOINT is not set');
  const sdk = sharedSdkVersion(['@dynatx/core']);
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  try {
    await createTable(client);
    await runScenario(client);
    console.log(`done: @aws-sdk/client-dynamodb ${sdk}`);
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
