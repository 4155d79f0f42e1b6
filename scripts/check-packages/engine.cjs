// DynamoDB Local for the core-only project of scripts/check-packages.mjs, started with the
// @dynatx/testing installed in the project this runs in. Prints the endpoint, stops the engine
// when stdin closes (the check script ends it that way, or by exiting).
'use strict';
const { startDynamoDBLocal } = require('@dynatx/testing');

startDynamoDBLocal().then(
  (engine) => {
    console.log(`endpoint ${engine.endpoint}`);
    process.stdin.resume();
    process.stdin.on('end', () => engine.stop().then(() => process.exit(0)));
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
