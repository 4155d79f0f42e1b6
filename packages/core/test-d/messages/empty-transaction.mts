// Negative fixture for scripts/check-type-messages.mjs: sending an empty transaction.
import { tx } from '../../dist/index.js';
import { Counter } from '../entities.js';

// expect-message: emptyTransactionMessage()
tx().params();

const base = tx();
base.delete(Counter, { tenant: 'acme' }).params();
// Branching did not change the base: it is still empty.
// expect-message: emptyTransactionMessage()
base.params({ clientRequestToken: 'still-empty' });
