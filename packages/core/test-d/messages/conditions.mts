// Negative fixture for scripts/check-type-messages.mjs: condition operators on an attribute of
// the wrong kind say which operator, what it takes, and what the attribute is.
import { tx } from '../../dist/index.js';
import { Event, Kitchen, Tenant } from '../entities.js';

// expect-error: at '1' names beginsWith says operatorKindMessage('beginsWith', 'Kitchen.count', 'number')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.beginsWith(k.count, '1'));

// expect-error: at 1) names contains says operatorKindMessage('contains', 'Kitchen.count', 'number')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.contains(k.count, 1));

// expect-error: at 'email' names contains says operatorKindMessage('contains', 'Kitchen.profile', 'map')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.contains(k.profile, 'email'));

// expect-error: at k.active names size says operatorKindMessage('size', 'Kitchen.active', 'boolean')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.gt(op.size(k.active), 1));

// expect-error: at ['a']) names lt says operatorKindMessage('lt', 'Kitchen.lines', 'list')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.lt(k.lines, ['a']));

// expect-error: at ['a'] names between says operatorKindMessage('between', 'Kitchen.labels', 'set')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.between(k.labels, ['a'], ['b']));

// expect-error: at []) names in says operatorKindMessage('in', 'Kitchen.profile', 'map')
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.in(k.profile, []));

// expect-error: at '1' names beginsWith says operatorKindMessage('beginsWith', 'Event.detail.attempts', 'number')
tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.and(op.exists(e.detail.ip), op.beginsWith(e.detail.attempts, '1')));

// A value outside the enum names the value and the members.
// expect-error: at 'archived' names archived
tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'archived'));

// check() needs its condition.
// expect-error: at tenant says missingConditionMessage('Tenant', 'tenant')
tx().check(Tenant, { tenant: 'acme' });

// An attribute the entity does not have.
// expect-error: at t.nope names Tenant says noSuchNameMessage('Tenant', 'attribute')
tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.exists(t.nope));

// expect-error: at e.detail.port names Event.detail says noSuchNameMessage('Event.detail', 'property')
tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.exists(e.detail.port));

// expect-ok
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.and(op.beginsWith(k.title, 'P'), op.contains(k.labels, 'a'), op.gt(op.size(k.parts), 1)));
// expect-ok
tx().check(Kitchen, { id: 'k1' }, (k, op) => op.or(op.between(k.count, 1, 9), op.in(k.color, ['red', 'blue']), op.lte(k.stage, 'live')));
// expect-ok
tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.and(op.eq(e.detail.ip, '::1'), op.lt(e.detail.attempts, 3)));
