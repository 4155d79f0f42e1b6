/**
 * `node dist/staged-edits/run.js`: the staged-edits example against a DynamoDB Local it
 * starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import { runExample } from '../shared/run-example.js';
import { Quota, TenantSettings } from './entities.js';
import { runStagedEditsScenario } from './scenario.js';

await runExample([TenantSettings, Quota], (newClient) => runStagedEditsScenario(newClient()));
