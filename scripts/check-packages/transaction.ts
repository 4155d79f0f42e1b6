// The run of a project with both packages (scripts/check-packages.mjs): DynamoDB Local from the
// installed @dynatx/testing (through require() in the CommonJS project), its table made by
// createTableFor, then the scenario through the project's own client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tx, txGet } from '@dynatx/core';
import { createTableFor, injectFaults, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDBLocal } from '@dynatx/testing';
import { compileTimeRejections, Counter, expect, runScenario, sharedSdkVersion, Tenant } from './scenario.js';

void compileTimeRejections;

async function main(): Promise<void> {
  const sdk = sharedSdkVersion(['@dynatx/core', '@dynatx/testing']);
  const engine = await startDynamoDBLocal();
  // The user's own client, made from the project's SDK, not one that @dynatx/testing made.
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await createTableFor(client, [Tenant, Counter]);
    await runScenario(client);

    // Faults that DynamoDB Local never produces, made by @dynatx/testing with this SDK's
    // exception classes, and retried by @dynatx/core with one client request token.
    const faulty = new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    injectFaults(faulty).failNext(1, 'transactionConflict').failNext(1, 'throttling').loseResponseOfNext(1);
    const retried = await tx()
      .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 10 }))
      .execute(faulty, { retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 10 } });
    faulty.destroy();
    const { items: [counter] } = await txGet().get(Counter, { tenant: 'acme' }).execute(client);
    expect(
      retried.committed && retried.attempts === 4 && counter?.eventCount === 11,
      'a conflict, throttling and a lost response are retried; the write applies once',
      { attempts: retried.attempts, eventCount: counter?.eventCount },
    );
    console.log(`done: @aws-sdk/client-dynamodb ${sdk}`);
  } finally {
    client.destroy();
    await engine.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
