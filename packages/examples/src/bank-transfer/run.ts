/**
 * `node dist/bank-transfer/run.js`: the bank-transfer example against a DynamoDB Local it
 * starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import { runExample } from '../shared/run-example.js';
import { Account } from './entities.js';
import { runBankTransferScenario } from './scenario.js';

await runExample([Account], (newClient) => runBankTransferScenario(newClient()));
