// Negative fixture for scripts/check-type-messages.mjs: sending an empty transaction, reported
// on the method's name.
import { tx, txGet } from '../../dist/index.js';
import { Counter } from '../entities.js';

// expect-error: at params names empty says emptyTransactionMessage()
tx().params();

const base = tx();
// expect-ok
base.delete(Counter, { tenant: 'acme' }).params();
// Branching did not change the base: it is still empty.
// expect-error: at params names empty says emptyTransactionMessage()
base.params({ clientRequestToken: 'still-empty' });

// expect-error: at params names empty says emptyTransactionMessage()
txGet().params();
