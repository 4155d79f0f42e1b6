import { startDynamoDBLocal } from '/work/main/packages/testing/dist/dynamodb-local.js';
const h = await startDynamoDBLocal();
console.log('started', h.pid, h.tempDir);
setInterval(() => {}, 1000);
