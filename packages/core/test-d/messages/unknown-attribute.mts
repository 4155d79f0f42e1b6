// Negative fixture for scripts/check-type-messages.mjs: a put item with an attribute the
// entity does not have.
import { tx } from '../../dist/index.js';
import { Counter, Kitchen } from '../entities.js';

// expect-message: unknownAttributeMessage('Kitchen', 'nope')
tx().put(Kitchen, { id: 'k1', owner: 'ana', nope: 1 });

// expect-message: unknownAttributeMessage('Counter', 'eventcount')
tx().put(Counter, { tenant: 'acme', eventcount: 1 });

// Two unknown attributes: the error names each.
// expect-message: unknownAttributeMessage('Kitchen', 'colour')
// expect-message: unknownAttributeMessage('Kitchen', 'size')
tx().put(Kitchen, { id: 'k1', owner: 'ana', colour: 'red', size: 3 });
