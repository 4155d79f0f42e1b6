import { tx } from '../../../../dist/index.js';
import type { ActionsOf, TransactionResult } from '../../../../dist/executor/outcome.js';
import { Event, Counter, Tenant } from './entities.js';
