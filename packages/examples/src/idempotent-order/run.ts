/**
 * `node dist/idempotent-order/run.js`: the idempotent-order example against a DynamoDB
 * Local it starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import { runExample } from '../shared/run-example.js';
import { Order, Stock } from './entities.js';
import { runIdempotentOrderScenario } from './scenario.js';
import { orderFeed } from './place-order.js';

await runExample([Order, Stock, orderFeed.manifestEntity], (newClient) => runIdempotentOrderScenario(newClient));
