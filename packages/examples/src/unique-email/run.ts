/**
 * `node dist/unique-email/run.js`: the unique-email example against a DynamoDB Local it
 * starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import { runExample } from '../shared/run-example.js';
import { EmailClaim, User } from './entities.js';
import { runUniqueEmailScenario } from './scenario.js';

await runExample([User, EmailClaim], (newClient) => runUniqueEmailScenario(newClient()));
