// Negative fixture for scripts/check-type-messages.mjs: a put item with an attribute the
// entity does not have, or a map property its map does not declare: on that property.
import { tx } from '../../dist/index.js';
import { Counter, Event, Kitchen } from '../entities.js';

// expect-error: at nope says unknownAttributeMessage('Kitchen', 'nope')
tx().put(Kitchen, { id: 'k1', owner: 'ana', nope: 1 });

// expect-error: at eventcount says unknownAttributeMessage('Counter', 'eventcount')
tx().put(Counter, { tenant: 'acme', eventcount: 1 });

// Two unknown attributes: each error names its own.
// expect-error: at colour says unknownAttributeMessage('Kitchen', 'colour')
// expect-error: at size says unknownAttributeMessage('Kitchen', 'size')
tx().put(Kitchen, { id: 'k1', owner: 'ana', colour: 'red', size: 3 });

// In a put written over several lines, the error is on the property's own line.
tx().put(Kitchen, {
  id: 'k2',
  owner: 'ana',
  // expect-error: at nope says unknownAttributeMessage('Kitchen', 'nope')
  nope: 1,
});

tx().put(Kitchen, {
  id: 'k3',
  owner: 'ana',
  profile: {
    email: 'ana@example.com',
    // expect-error: at extra says unknownPropertyMessage('Kitchen.profile', 'extra')
    extra: 1,
  },
});

// expect-error: at extra says unknownPropertyMessage('Kitchen.parts[]', 'extra')
tx().put(Kitchen, { id: 'k4', owner: 'ana', parts: [{ sku: 'x1', extra: 1 }] });

// expect-error: at port says unknownPropertyMessage('Event.detail', 'port')
tx().put(Event, { tenant: 'acme', eventId: 'e1', at: 1, type: 'login', detail: { ip: '::1', port: 80 } });

// A required attribute left out is named, on the item's key attribute.
// expect-error: at id names owner says missingAttributeMessage('Kitchen', 'owner', 'item')
tx().put(Kitchen, { id: 'k5' });

// expect-ok
tx().put(Kitchen, { id: 'k6', owner: 'ana', profile: { email: 'ana@example.com', age: 40 }, parts: [{ sku: 'x1', qty: 2 }] });
