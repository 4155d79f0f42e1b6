/**
 * DynamoDB's transaction rules, caught by the compiler where it can know:
 * - one action per item (same entity, same literal key), whatever the mix of actions;
 * - at most 100 actions;
 * - no empty transaction.
 */
import { expectError, expectType } from 'tsd';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { tx, type AttributeRefs, type ConditionOperators, type EntityName, type UpdateOperations } from '../dist/index.js';
import { AuditRow, Counter, Event, Loose, Quota, Shipment, Tenant } from './entities.js';
import { hundred } from './hundred.js';

const event = { tenant: 'acme', eventId: 'a1', at: 1750756440, type: 'login' } as const;

// ----- the same item twice, any mix of actions -----

const counted = tx().update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
expectError(counted.update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 })));
expectError(counted.check(Counter, { tenant: 'acme' }, (c, op) => op.exists(c.eventCount)));
expectError(counted.delete(Counter, { tenant: 'acme' }));
expectError(counted.put(Counter, { tenant: 'acme', eventCount: 0 }));

const checked = tx().check(Counter, { tenant: 'acme' }, (c, op) => op.lt(c.eventCount, 10));
expectError(checked.update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 })));

const put = tx().put(Event, event);
expectError(put.delete(Event, { tenant: 'acme', eventId: 'a1' }));
expectError(put.put(Event, { ...event, type: 'logout' }));

// An item seen several actions back is still seen.
const longer = put
  .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }))
  .check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));
expectError(longer.check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.exists(e.at)));

// ----- keys of several attributes: the same only when every value is the same -----

const row = tx().delete(AuditRow, { eventId: 'e1', at: 17 });
expectError(row.put(AuditRow, { at: 17, eventId: 'e1', message: 'again' }));
expectError(row.check(AuditRow, { eventId: 'e1', at: 17 }, (r, op) => op.exists(r.message)));
row.put(AuditRow, { eventId: 'e1', at: 18 });
row.put(AuditRow, { eventId: 'e2', at: 17 });

const shipped = tx().delete(Shipment, { tenant: 'acme', region: 'eu', orderId: 'o1' });
expectError(shipped.update(Shipment, { orderId: 'o1', tenant: 'acme', region: 'eu' }, (u) => u.set({ weight: 2 })));
shipped.update(Shipment, { tenant: 'acme', region: 'us', orderId: 'o1' }, (u) => u.set({ weight: 2 }));
shipped.update(Shipment, { tenant: 'globex', region: 'eu', orderId: 'o1' }, (u) => u.set({ weight: 2 }));

// ----- not the same item, or not knowable: accepted -----

// Different key values.
counted.update(Counter, { tenant: 'globex' }, (u) => u.add({ eventCount: 1 }));
// Different entities with the same key value.
counted.update(Quota, { tenant: 'acme' }, (u) => u.set({ limit: 10 }));
counted.check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'active'));
// Keys typed `string` (or `number`): the compiler cannot know, the pre-flight check at run time does.
declare const someTenant: string;
declare const someTime: number;
tx()
  .update(Counter, { tenant: someTenant }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: someTenant }, (u) => u.add({ eventCount: 1 }))
  .delete(AuditRow, { eventId: 'e1', at: someTime })
  .delete(AuditRow, { eventId: 'e1', at: someTime });
// A `string` key after a literal one, and a literal one after a `string` one.
counted.check(Counter, { tenant: someTenant }, (c, op) => op.exists(c.eventCount));
tx()
  .update(Counter, { tenant: someTenant }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 'acme' }, (u) => u.add({ eventCount: 1 }));
// An entity whose name is a plain `string` has no literal item ids.
expectType<string>(null! as EntityName<typeof Loose>);
expectType<'Counter'>(null! as EntityName<typeof Counter>);
tx()
  .update(Loose, { tenant: 'acme' }, (u) => u.add({ hits: 1 }))
  .update(Loose, { tenant: 'acme' }, (u) => u.add({ hits: 1 }));
// A union key might be another item than the literal one.
declare const eitherTenant: 'acme' | 'globex';
counted.update(Counter, { tenant: eitherTenant }, (u) => u.add({ eventCount: 1 }));

// A key built with a template literal is typed `t-${string}` (const type parameters keep
// template types): not one known item, so it is neither recorded nor flagged.
const fromTemplate = tx().update(Counter, { tenant: `t-${someTenant}` }, (u) => u.add({ eventCount: 1 }));
declare const otherTenant: string;
fromTemplate.update(Counter, { tenant: `t-${otherTenant}` }, (u) => u.add({ eventCount: 1 }));
fromTemplate.update(Counter, { tenant: 't-1' }, (u) => u.add({ eventCount: 1 }));

// A branded string key (`string & { brand }`) is no more literal than `string`: not flagged.
type TenantId = string & { readonly __brand: 'TenantId' };
declare const tenantA: TenantId;
declare const tenantB: TenantId;
tx()
  .update(Counter, { tenant: tenantA }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: tenantB }, (u) => u.add({ eventCount: 1 }));

// Values that contain the message text's separators (`,` and `:`) are still told apart: the
// compile-time identity joins names and values with ␟ and ␞.
tx()
  .delete(Event, { eventId: 'a,tenant:b', tenant: 'c' })
  .delete(Event, { eventId: 'a', tenant: 'b,tenant:c' });

// ----- at most 100 actions -----

expectType<100>(hundred.size);
expectType<TransactWriteItemsCommandInput>(hundred.params());
expectError(hundred.put(Counter, { tenant: 'one-more' }));
// At 100 the actions are not callable, so a callback gets no contextual type: typed here.
expectError(hundred.update(Counter, { tenant: 'one-more' }, (u: UpdateOperations<typeof Counter>) => u.add({ eventCount: 1 })));
expectError(hundred.delete(Counter, { tenant: 'one-more' }));
expectError(hundred.check(Counter, { tenant: 'one-more' }, (c: AttributeRefs<typeof Counter>, op: ConditionOperators) => op.exists(c.tenant)));
// The 101st action is refused even when its key is not literal.
expectError(hundred.delete(Counter, { tenant: someTenant }));

// ----- no empty transaction -----

expectError(tx().params());
expectType<0>(tx().size);
expectType<TransactWriteItemsCommandInput>(counted.params());
