/**
 * `node dist/hot-counter/run.js [--likes N]`: the hot-counter example against a DynamoDB
 * Local it starts and stops itself. Exits 1 when a check fails, 2 when it could not run.
 */
import { parseArgs } from 'node:util';
import { runExample } from '../shared/run-example.js';
import { Counter, CounterShard, Like } from './entities.js';
import { runHotCounterScenario } from './scenario.js';

const { values } = parseArgs({ options: { likes: { type: 'string', default: '60' } } });
await runExample([Like, Counter, CounterShard], (newClient) => runHotCounterScenario(newClient(), { likes: Number(values.likes) }));
