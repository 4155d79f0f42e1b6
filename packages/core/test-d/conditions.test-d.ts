/**
 * Conditions: each operator takes an attribute reference first and types its values from it.
 * `when` runs a condition as the check of one Kitchen item, the way users write it.
 */
import { expectError, expectType } from 'tsd';
import { tx, type AttributeRef, type Condition, type ConditionFn } from '../dist/index.js';
import { Event, Kitchen, Tenant } from './entities.js';

const when = (condition: ConditionFn<typeof Kitchen>) => tx().check(Kitchen, { id: 'k1' }, condition);

// ----- references carry the attribute's value type -----

tx().check(Kitchen, { id: 'k1' }, (k, op) => {
  expectType<AttributeRef<string, 'string', 'Kitchen.title'>>(k.title);
  expectType<AttributeRef<'red' | 'green' | 'blue', 'enum', 'Kitchen.color'>>(k.color);
  expectType<AttributeRef<number, 'size', 'size(Kitchen.lines)'>>(op.size(k.lines));
  return op.exists(k.title);
});
// Only the entity's own attributes are there.
expectError(when((k, op) => op.exists(k.status)));

// ----- eq / ne: a value of the attribute's type -----

when((k, op) => op.eq(k.title, 'Pantry'));
when((k, op) => op.ne(k.count, 3));
when((k, op) => op.eq(k.active, false));
when((k, op) => op.eq(k.color, 'blue'));
expectError(when((k, op) => op.eq(k.title, 3)));
expectError(when((k, op) => op.eq(k.count, '3')));
expectError(when((k, op) => op.ne(k.active, 'false')));
// An optional attribute is compared with a value, not with undefined (use notExists).
expectError(when((k, op) => op.eq(k.count, undefined)));
// Only lt/lte/gt/gte/between are limited to ordered kinds; eq and ne take any attribute with
// a value of its type (DynamoDB's = and <> compare lists, maps, sets and values of any type).
when((k, op) => op.eq(k.lines, ['a', 'b']));
when((k, op) => op.eq(k.profile, { email: 'ana@example.com' }));
when((k, op) => op.ne(k.labels, ['a']));
when((k, op) => op.eq(k.blob, 1));

// ----- enums: only their members -----

tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.ne(t.status, 'suspended'));
expectError(tx().check(Tenant, { tenant: 'acme' }, (t, op) => op.eq(t.status, 'archived')));
expectError(when((k, op) => op.ne(k.color, 'purple')));
expectError(when((k, op) => op.gt(k.stage, 'retired')));

// ----- lt / lte / gt / gte / between: strings, numbers, enums -----

when((k, op) => op.lt(k.count, 10));
when((k, op) => op.lte(k.title, 'M'));
when((k, op) => op.gt(k.revision, 1));
when((k, op) => op.gte(k.color, 'green'));
when((k, op) => op.between(k.count, 1, 9));
when((k, op) => op.between(k.title, 'A', 'M'));
expectError(when((k, op) => op.lt(k.count, '10')));
expectError(when((k, op) => op.between(k.count, 1, '9')));
// ...but not booleans, lists, maps or sets.
expectError(when((k, op) => op.lt(k.active, true)));
expectError(when((k, op) => op.gt(k.lines, ['a'])));
expectError(when((k, op) => op.gte(k.profile, { email: 'a' })));
expectError(when((k, op) => op.lte(k.labels, ['a'])));
expectError(when((k, op) => op.between(k.scores, [1], [2])));

// ----- beginsWith: strings and enums -----

when((k, op) => op.beginsWith(k.title, 'Pan'));
when((k, op) => op.beginsWith(k.color, 'gr'));
expectError(when((k, op) => op.beginsWith(k.count, '1')));
expectError(when((k, op) => op.beginsWith(k.labels, 'a')));
expectError(when((k, op) => op.beginsWith(k.title, 1)));

// ----- contains: strings (substring), sets (member), lists (element) -----

when((k, op) => op.contains(k.title, 'ant'));
when((k, op) => op.contains(k.labels, 'a'));
when((k, op) => op.contains(k.scores, 3));
when((k, op) => op.contains(k.levels, 'high'));
when((k, op) => op.contains(k.lines, 'one'));
when((k, op) => op.contains(k.parts, { sku: 'x1' }));
expectError(when((k, op) => op.contains(k.title, 1)));
expectError(when((k, op) => op.contains(k.labels, 1)));
expectError(when((k, op) => op.contains(k.scores, '3')));
expectError(when((k, op) => op.contains(k.levels, 'medium')));
expectError(when((k, op) => op.contains(k.lines, 1)));
expectError(when((k, op) => op.contains(k.parts, { qty: 1 })));
expectError(when((k, op) => op.contains(k.count, 1)));
expectError(when((k, op) => op.contains(k.profile, 'email')));
expectError(when((k, op) => op.contains(k.active, true)));

// ----- exists / notExists / isType: any attribute -----

when((k, op) => op.and(op.exists(k.count), op.exists(k.active), op.exists(k.profile), op.exists(k.blob)));
when((k, op) => op.and(op.notExists(k.lines), op.notExists(k.labels), op.notExists(k.secret)));
when((k, op) => op.or(op.isType(k.blob, 'S'), op.isType(k.blob, 'M'), op.isType(k.parts, 'L')));
expectError(when((k, op) => op.isType(k.blob, 'STRING')));
expectError(when((_k, op) => op.exists('title')));

// ----- size(): a number to compare -----

when((k, op) => op.gt(op.size(k.labels), 2));
when((k, op) => op.eq(op.size(k.title), 0));
when((k, op) => op.between(op.size(k.parts), 1, 10));
when((k, op) => op.lte(op.size(k.profile), 5));
when((k, op) => op.in(op.size(k.lines), [1, 2, 3]));
expectError(when((k, op) => op.gt(op.size(k.labels), '2')));
// size() of a number or boolean is not a thing.
expectError(when((k, op) => op.gt(op.size(k.count), 2)));
expectError(when((k, op) => op.eq(op.size(k.active), 1)));

// ----- in() -----

when((k, op) => op.in(k.color, ['red', 'blue']));
when((k, op) => op.in(k.count, [1, 2, 3]));
expectError(when((k, op) => op.in(k.color, ['red', 'purple'])));
expectError(when((k, op) => op.in(k.count, ['1'])));
expectError(when((k, op) => op.in(k.count, 1)));

// ----- and / or / not -----

expectType<Condition>(null! as ReturnType<ConditionFn<typeof Kitchen>>);
when((k, op) => op.and(op.eq(k.title, 'a'), op.or(op.gt(k.count, 1), op.not(op.exists(k.blob)))));
when((k, op) => op.and(op.exists(k.title)));
expectError(when((_k, op) => op.and()));
expectError(when((k, op) => op.or(op.exists(k.title), true)));
expectError(when((k, op) => op.not(k.title)));

// ----- the same operators in `if` of a write -----

tx().put(Event, { tenant: 'acme', eventId: 'a1', at: 1, type: 'login' }, {
  if: (e, op) => op.or(op.notExists(e.eventId), op.and(op.eq(e.type, 'login'), op.contains(e.tags, 'x'))),
});
expectError(
  tx().put(Event, { tenant: 'acme', eventId: 'a1', at: 1, type: 'login' }, { if: (e, op) => op.eq(e.type, 'signup') }),
);

// ----- into maps -----

tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.eq(e.detail.ip, '::1'));
tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.lt(e.detail.attempts, 3));
tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.exists(e.detail));
expectError(tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.eq(e.detail.ip, 7)));
expectError(tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.exists(e.detail.port)));
expectError(tx().check(Event, { tenant: 'acme', eventId: 'a1' }, (e, op) => op.exists(e.tenant.ip)));
