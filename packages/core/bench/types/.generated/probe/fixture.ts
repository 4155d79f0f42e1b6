import { tx } from '../../../../dist/index.js';
import type { ActionsOf, TransactionResult } from '../../../../dist/executor/outcome.js';
import { Event, Counter, Tenant } from './entities.js';
export const t = tx()
  .put(Event, { tenant: 't0', eventId: 'e0', at: 1750756440, type: 'login' }, { if: (e, op) => op.notExists(e.eventId) })
  .update(Counter, { tenant: 't1' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 't2' }, (t, op) => op.eq(t.status, 'active'));
declare const result: TransactionResult<ActionsOf<typeof t>>;
if (!result.committed) { const r = result.reasons[0]; if (r && r.entity === 'Counter') { const n: number | undefined = r.oldItem?.eventCount; } }
