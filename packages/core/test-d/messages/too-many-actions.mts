// Negative fixture for scripts/check-type-messages.mjs: the 101st action.
import { AuditRow, Counter, Event } from '../entities.js';
import { hundred } from '../hundred.js';

// expect-message: tooManyActionsMessage()
hundred.put(Event, { tenant: 'acme', eventId: 'one-more', at: 101, type: 'logout' });

// expect-message: tooManyActionsMessage()
hundred.delete(AuditRow, { eventId: 'one-more', at: 101 });

// expect-message: tooManyActionsMessage()
hundred.update(Counter, { tenant: 'one-more' }, (u) => u.add({ eventCount: 1 }));

// The 100th action itself is fine, and so is sending 100.
hundred.params();
