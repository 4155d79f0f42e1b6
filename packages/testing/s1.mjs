import { startDynamoDBLocal } from '/work/main/packages/testing/dist/dynamodb-local.js';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
const t0 = Date.now();
const h = await startDynamoDBLocal();
console.log('started', h.endpoint, h.pid, h.tempDir, Date.now() - t0);
const c = h.createClient();
console.log((await c.send(new ListTablesCommand({}))).TableNames);
const t1 = Date.now();
if (process.argv[2] === 'exit') { console.log('exiting'); process.exit(0); }
if (process.argv[2] === 'forget') { console.log('forgetting'); } else {
await h.stop();
console.log('stopped', Date.now() - t1);
}
