// Negative fixture for scripts/check-type-messages.mjs: the 101st action, reported on the
// method's name (at 100 actions the methods are not callable).
import { AuditRow, Counter, Event } from '../entities.js';
import { hundred } from '../hundred.js';

// expect-error: at put names 101 says tooManyActionsMessage()
hundred.put(Event, { tenant: 'acme', eventId: 'one-more', at: 101, type: 'logout' });

// expect-error: at delete names 101 says tooManyActionsMessage()
hundred.delete(AuditRow, { eventId: 'one-more', at: 101 });

// expect-error: at delete names 101 says tooManyActionsMessage()
hundred.delete(Counter, { tenant: 'one-more' });

// The 100th action itself is fine, and so is sending 100.
// expect-ok
hundred.params();
