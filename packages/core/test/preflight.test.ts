/**
 * The run-time pre-flight: every rule the compiler enforces is checked again before anything
 * is sent, for callers whose values the compiler could not see (keys typed `string`, plain
 * JavaScript, `as any`). Each error's message is the sentence the compiler shows.
 */
import { Entity } from 'electrodb';
import { describe, expect, test } from 'vitest';
import { LIMITS, TransactionValidationError, dynamicTx, messages, requestTokenFor, tx, txGet } from '../src/index.js';
import { Counter, Event, Tenant } from './fixtures/audit-entities.js';

/** The builder as plain JavaScript sees it: no compile-time checks at all. */
const untyped = () => tx() as any;

function expectValidationError(run: () => unknown, code: string, message: string | RegExp) {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TransactionValidationError);
  expect((thrown as TransactionValidationError).code).toBe(code);
  if (typeof message === 'string') expect((thrown as Error).message).toBe(message);
  else expect((thrown as Error).message).toMatch(message);
}

describe('the rules the compiler also enforces', () => {
  test('an empty transaction', () => {
    expectValidationError(() => untyped().params(), 'EmptyTransaction', messages.emptyTransactionMessage());
    expect(messages.emptyTransactionMessage()).toBe('An empty transaction cannot be sent: add at least one action');
  });

  test('a 101st action is refused at the call that adds it', () => {
    let t = untyped();
    for (let i = 0; i < 100; i++) t = t.update(Counter, { tenant: `t${i}` }, (u: any) => u.add({ eventCount: 1 }));
    expect(t.params().TransactItems).toHaveLength(100);
    expectValidationError(
      () => t.delete(Counter, { tenant: 'one-more' }),
      'TooManyActions',
      'A transaction holds at most 100 actions: this would be action 101',
    );
  });

  test('the same item twice, when its key was only a string to the compiler', () => {
    const tenant: string = ['acme'][0]!;
    const t = tx()
      .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }))
      .check(Counter, { tenant: 'acme' }, (c, op) => op.exists(c.tenant));
    expectValidationError(() => t.params(), 'DuplicateItem', messages.duplicateItemMessage('Counter{tenant:acme}'));
    expect(messages.duplicateItemMessage('Counter{tenant:acme}')).toBe('Counter{tenant:acme} is already in this transaction');
  });

  test('the same item is recognised by table and marshalled key, across entities and action kinds', () => {
    const eventId: string = 'e1';
    const t = tx()
      .put(Event, { tenant: 'acme', eventId, at: 1, type: 'login' })
      .delete(Event, { tenant: 'acme', eventId: 'e1' });
    expectValidationError(() => t.params(), 'DuplicateItem', 'Event{eventId:e1,tenant:acme} is already in this transaction');
    // Same key values, different entity: a different item (its sort key differs).
    expect(tx().update(Counter, { tenant }, (u) => u.add({ eventCount: 1 })).check(Tenant, { tenant }, (x, op) => op.exists(x.tenant)).params().TransactItems).toHaveLength(2);
  });

  test('an unknown attribute in a put, a non-key attribute in a key', () => {
    expectValidationError(
      () => untyped().put(Event, { tenant: 'a', eventId: 'b', at: 1, type: 'login', colour: 'red' }),
      'InvalidValue',
      messages.unknownAttributeMessage('Event', 'colour'),
    );
    expectValidationError(
      () => untyped().delete(Counter, { tenant: 'a', eventCount: 3 }),
      'InvalidValue',
      messages.notAKeyAttributeMessage('Counter', 'eventCount'),
    );
  });
});
const tenant = 'shared';

describe('values from untyped JavaScript', () => {
  test.each([
    ['a number where a string belongs', { tenant: 1, eventId: 'b', at: 1, type: 'login' }, 'Event.tenant must be a string, got number 1'],
    ['a string where a number belongs', { tenant: 'a', eventId: 'b', at: '1', type: 'login' }, 'Event.at must be a finite number, got the string "1"'],
    ['NaN', { tenant: 'a', eventId: 'b', at: Number.NaN, type: 'login' }, 'Event.at must be a finite number, got number NaN'],
    ['a value outside the enum', { tenant: 'a', eventId: 'b', at: 1, type: 'hack' }, 'Event.type must be one of "login", "logout", "purchase", got the string "hack"'],
    ['a list where a set belongs, with a number in it', { tenant: 'a', eventId: 'b', at: 1, type: 'login', tags: [1] }, "Event.tags[] must be a string, got number 1"],
    ['an empty set', { tenant: 'a', eventId: 'b', at: 1, type: 'login', tags: [] }, /Event.tags must be a non-empty array or Set of strings, got an array/],
    ['a map property of the wrong type', { tenant: 'a', eventId: 'b', at: 1, type: 'login', detail: { ip: 7 } }, 'Event.detail.ip must be a string, got number 7'],
    ['an unknown map property', { tenant: 'a', eventId: 'b', at: 1, type: 'login', detail: { port: 7 } }, "Event.detail has no property 'port'"],
    ['a list element of the wrong type', { tenant: 'a', eventId: 'b', at: 1, type: 'login', notes: ['ok', false] }, 'Event.notes[] must be a string, got boolean false'],
    ['a missing required attribute', { tenant: 'a', eventId: 'b', at: 1 }, "Event item is missing required attribute 'type'"],
    // Several missing: the first in code-unit order, the one the compiler names.
    ['several missing attributes', { tenant: 'a' }, "Event item is missing required attribute 'at'"],
  ])('put with %s', (_what, item, message) => {
    expectValidationError(() => untyped().put(Event, item), 'InvalidValue', message);
  });

  test('keys: missing or wrongly typed composites', () => {
    expectValidationError(() => untyped().delete(Event, { tenant: 'a' }), 'InvalidValue', "Event key is missing required attribute 'eventId'");
    expectValidationError(() => untyped().delete(Event, { tenant: 'a', eventId: 5 }), 'InvalidValue', 'Event.eventId must be a string, got number 5');
    expectValidationError(() => untyped().delete(Event, null), 'InvalidValue', 'Event key must be an object with eventId, tenant');
  });

  test('updates: operations that do not fit the attribute', () => {
    const update = (fn: (u: any) => unknown) => () => untyped().update(Tenant, { tenant: 'a' }, fn);
    expectValidationError(update((u) => u.add({ status: 'active' })), 'InvalidValue', 'Tenant.status cannot be updated: add() works on numbers and sets, and status is an enum');
    expectValidationError(update((u) => u.subtract({ admins: ['x'] })), 'InvalidValue', 'Tenant.admins cannot be updated: subtract() works on numbers, and admins is a set');
    expectValidationError(update((u) => u.remove(['status'])), 'InvalidValue', 'Tenant.status cannot be removed: it is required (removable: admins, plan, seats)');
    expectValidationError(update((u) => u.remove(['tenant'])), 'InvalidValue', 'Tenant.tenant cannot be removed: it is part of the key (removable: admins, plan, seats)');
    expectValidationError(update((u) => u.remove(['nope'])), 'InvalidValue', 'Tenant.nope cannot be removed: there is no such attribute (removable: admins, plan, seats)');
    expectValidationError(update((u) => u.set({ tenant: 'b' })), 'InvalidValue', 'Tenant.tenant cannot be updated: it is part of the key');
    expectValidationError(update((u) => u.set({ seats: 'many' })), 'InvalidValue', 'Tenant.seats must be a finite number, got the string "many"');
    expectValidationError(update((u) => u), 'InvalidValue', /The update of Tenant\{tenant:a\} has no operations/);
    expectValidationError(update(() => ({})), 'InvalidValue', /must return the builder it was given/);
    expectValidationError(update((u) => u.set({ seats: 1 }).add({ seats: 2 })), 'InvalidValue', "Tenant: one update changes 'seats' twice (or a path inside it); combine the two operations");
  });

  test('conditions: values that do not fit the attribute', () => {
    const check = (fn: (t: any, op: any) => unknown) => () => untyped().check(Tenant, { tenant: 'a' }, fn);
    expectValidationError(check((t, op) => op.eq(t.status, 'gone')), 'InvalidValue', 'Tenant.status must be one of "active", "suspended", got the string "gone"');
    expectValidationError(check((t, op) => op.gt(t.seats, '3')), 'InvalidValue', 'Tenant.seats must be a finite number, got the string "3"');
    expectValidationError(check((_t, op) => op.eq('status', 'active')), 'InvalidValue', 'op.eq() takes an attribute reference, such as t.status, got the string "status"');
    expectValidationError(check((t, op) => op.in(t.seats, Array.from({ length: 101 }, (_, i) => i))), 'InvalidValue', 'in() takes at most 100 values, got 101');
    expectValidationError(check(() => 'status = :s'), 'InvalidValue', /takes conditions made with op|check\(\) on Tenant\{tenant:a\}/);
    expectValidationError(() => untyped().check(Tenant, { tenant: 'a' }), 'InvalidValue', 'check() of Tenant needs a condition: (t, op) => op.exists(t.tenant)');
  });

  test('the first argument must be an entity', () => {
    expectValidationError(() => untyped().put({ name: 'Event' }, {}), 'InvalidValue', 'put() takes an ElectroDB Entity first, got an object');
  });
});

describe('sizes and lengths DynamoDB would refuse', () => {
  test('an item over 400 KB', () => {
    const t = tx().put(Event, { tenant: 'a', eventId: 'big', at: 1, type: 'login', actor: 'x'.repeat(LIMITS.itemBytes) });
    expectValidationError(() => t.params(), 'ItemTooLarge', /^Event\{eventId:big,tenant:a\} is 4097\d\d bytes: DynamoDB items are limited to 409600 bytes \(400 KB\)$/);
  });

  test('an item just under 400 KB is fine', () => {
    const t = tx().put(Event, { tenant: 'a', eventId: 'ok', at: 1, type: 'login', actor: 'x'.repeat(LIMITS.itemBytes - 200) });
    expect(t.params().TransactItems).toHaveLength(1);
  });

  test('multi-byte characters count as UTF-8 bytes', () => {
    const t = tx().put(Event, { tenant: 'a', eventId: 'wide', at: 1, type: 'login', actor: '漢'.repeat(LIMITS.itemBytes / 3 + 10) });
    expectValidationError(() => t.params(), 'ItemTooLarge', /is 4097\d\d bytes/);
  });

  test('items that add up to more than 4 MB', () => {
    let t = untyped();
    for (let i = 0; i < 11; i++) t = t.put(Event, { tenant: 'a', eventId: `e${i}`, at: 1, type: 'login', actor: 'x'.repeat(390 * 1024) });
    expectValidationError(() => t.params(), 'TransactionTooLarge', /^The transaction's payload \(items, keys, expressions and their values\) is \d+ bytes: DynamoDB limits a transaction to 4194304 bytes \(4 MB\)$/);
  });

  test('a condition expression over 4 KB', () => {
    // Eight IN lists of 100 values: few operators, many placeholders.
    const values = Array.from({ length: 100 }, (_, i) => i);
    const t = tx().check(Tenant, { tenant: 'a' }, (x, op) => op.or(...Array.from({ length: 8 }, () => op.in(x.seats, values)) as [any]));
    expectValidationError(() => t.params(), 'ExpressionTooLong', /^Tenant\{tenant:a\}: its ConditionExpression is \d+ bytes, over DynamoDB's 4096-byte \(4 KB\) limit$/);
  });

  test('a condition with more than 300 operators and functions (under 4 KB)', () => {
    const ok = tx().check(Tenant, { tenant: 'a' }, (x, op) => op.or(...Array.from({ length: 150 }, () => op.exists(x.seats)) as [any]));
    expect(ok.params().TransactItems).toHaveLength(1); // 150 functions + 149 ORs = 299
    const over = tx().check(Tenant, { tenant: 'a' }, (x, op) => op.or(...Array.from({ length: 151 }, () => op.exists(x.seats)) as [any]));
    expectValidationError(() => over.params(), 'ExpressionTooLong', "Tenant{tenant:a}: its condition has 301 operators and functions, over DynamoDB's limit of 300");
  });
});

describe('hostile attribute names and values cannot change an expression', () => {
  test('values never appear in expressions, only placeholders', () => {
    const hostile = `x" OR attribute_exists(pk) OR "#0 = :0) AND (size(#1)`;
    const t = tx()
      .update(Counter, { tenant: hostile }, (u) => u.set({ note: hostile }), { if: (c, op) => op.ne(c.note, hostile) })
      .params();
    const update = t.TransactItems![0]!.Update!;
    expect(update.UpdateExpression).toBe('SET #0 = :0, #1 = :1, #2 = :2, #3 = :3');
    expect(update.ConditionExpression).toBe('#0 <> :4');
    expect(Object.values(update.ExpressionAttributeValues!)).toContainEqual({ S: hostile });
    expect(update.UpdateExpression).not.toContain(hostile);
  });

  test('attribute names from the schema go through name placeholders too', () => {
    const Weird = new Entity(
      {
        model: { entity: 'Weird', version: '1', service: 's' },
        attributes: {
          id: { type: 'string', required: true },
          'a.b': { type: 'string' },
          'size(x) OR #y': { type: 'number', field: 'status' },
        },
        indexes: { p: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
      },
      { table: 't' },
    );
    const [item] = (tx() as any)
      .update(Weird, { id: '1' }, (u: any) => u.set({ 'a.b': 'v', 'size(x) OR #y': 2 }), {
        if: (w: any, op: any) => op.and(op.exists(w['a.b']), op.lt(w['size(x) OR #y'], 3)),
      })
      .params().TransactItems;
    expect(item.Update.UpdateExpression).toBe('SET #0 = :0, #1 = :1, #2 = :2, #3 = :3, #4 = :4');
    expect(item.Update.ExpressionAttributeNames).toMatchObject({ '#0': 'a.b', '#1': 'status' });
    expect(item.Update.ConditionExpression).toBe('attribute_exists(#0) AND #1 < :5');
  });
});

describe('dynamic transactions (built in a loop)', () => {
  test('the pre-flight catches what the compiler no longer tracks', () => {
    let t = dynamicTx();
    for (const tenant of ['a', 'b', 'a']) t = t.update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }));
    expectValidationError(() => t.params(), 'DuplicateItem', 'Counter{tenant:a} is already in this transaction');
    let full = dynamicTx();
    for (let i = 0; i < 100; i++) full = full.delete(Counter, { tenant: `t${i}` });
    expect(() => full.delete(Counter, { tenant: 'one-more' })).toThrow('A transaction holds at most 100 actions: this would be action 101');
    expectValidationError(() => dynamicTx().params(), 'EmptyTransaction', 'An empty transaction cannot be sent: add at least one action');
  });

  test("from untyped code, an action on what dynamicTx() was not made with is refused as the compiler refuses it", () => {
    const made = dynamicTx(Counter, { audit: Event }) as any;
    // Declared entities: any label or none; a label-declared one: those labels only.
    expect(made.update(Counter, { tenant: 'a' }, (u: any) => u.add({ eventCount: 1 }), { label: 'any' }).size).toBe(1);
    expect(made.put(Event, { tenant: 'a', eventId: 'e', at: 1, type: 'login' }, { label: 'audit' }).size).toBe(1);
    expectValidationError(() => made.check(Tenant, { tenant: 'a' }, (t: any, op: any) => op.exists(t.tenant)), 'UndeclaredAction', messages.undeclaredEntityMessage('Tenant', 'audit'));
    expectValidationError(() => made.put(Event, { tenant: 'a', eventId: 'e', at: 1, type: 'login' }, { label: 'login' }), 'UndeclaredAction', messages.undeclaredLabelMessage('login', 'Event'));
    expectValidationError(() => made.delete(Event, { tenant: 'a', eventId: 'e' }), 'UndeclaredAction', messages.missingDeclaredLabelMessage('Event'));
    // Matched as the compiler matches types (service, name, version): another instance of a declared entity is declared.
    const OtherTable = new Entity(Counter.schema as any, { table: 'elsewhere' });
    expect(made.delete(OtherTable, { tenant: 'b' }).size).toBe(1);
    // Without declarations, anything goes (the compiler's rule too).
    expect((dynamicTx() as any).check(Tenant, { tenant: 'a' }, (t: any, op: any) => op.exists(t.tenant)).size).toBe(1);
  });
});

describe('reads', () => {
  test('the same item twice in a read, and a 101st get, are refused before sending', () => {
    const twice = txGet().getAll(Counter, [{ tenant: 'a' }, { tenant: 'b' }, { tenant: 'a' }]);
    expectValidationError(() => twice.params(), 'DuplicateItem', 'Counter{tenant:a} is already in this transaction');
    const keys = Array.from({ length: 101 }, (_, i) => ({ tenant: `t${i}` }));
    expectValidationError(() => txGet().getAll(Counter, keys), 'TooManyActions', 'A transaction holds at most 100 actions: this would be action 101');
    expectValidationError(() => (txGet() as any).getAll(Counter, 'a'), 'InvalidValue', 'getAll() takes an array of keys, got the string "a"');
  });
});

describe('requestTokenFor', () => {
  test('the same parts give the same token, within DynamoDB limits; different parts differ', () => {
    const token = requestTokenFor('order', 'o-1');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(requestTokenFor('order', 'o-1')).toBe(token);
    expect(requestTokenFor('order', 'o-2')).not.toBe(token);
    expect(requestTokenFor('a', 'bc')).not.toBe(requestTokenFor('ab', 'c'));
    expect(requestTokenFor(1)).not.toBe(requestTokenFor('1'));
    expect(() => requestTokenFor()).toThrow('requestTokenFor() needs at least one part');
  });
});
