/**
 * Regression tests for what got through from plain JavaScript before (issue 8): each one is a
 * reproduction that used to lose data, change a value, crash untyped, or tell an untrue story.
 * The engine-side halves (the wire, the stored item) are in
 * `integration/hostile-input.integration.test.ts`.
 */
import { Entity } from 'electrodb';
import { describe, expect, test } from 'vitest';
import {
  DynatxError,
  LIMITS,
  TransactionValidationError,
  UnsupportedEntityError,
  changeFeed,
  dynamicTx,
  stageEdits,
  tx,
  txGet,
  versioned,
} from '../src/index.js';
import { Account, Counter, Event, Tenant } from './fixtures/audit-entities.js';

/** The builder as plain JavaScript sees it. */
const untyped = () => tx() as any;

function refusal(run: () => unknown): TransactionValidationError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a typed refusal').toBeInstanceOf(TransactionValidationError);
  return thrown as TransactionValidationError;
}

const Bag = new Entity(
  {
    model: { entity: 'Bag', version: '1', service: 'hostile' } as const,
    attributes: {
      id: { type: 'string', required: true },
      anything: { type: 'any' },
      detail: { type: 'map', properties: { ip: { type: 'string' }, n: { type: 'number' } } },
      notes: { type: 'list', items: { type: 'string' } },
      raw: { type: 'list', items: { type: 'any' } },
      nums: { type: 'set', items: 'number' },
      sk2: { type: 'string' },
    },
    indexes: {
      primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: 'hostile' },
);

const putItem = (item: Record<string, unknown>) => untyped().put(Bag, { id: 'b', ...item }).params().TransactItems[0].Put.Item;

describe('forged conditions are refused, never dropped', () => {
  test("an 'if' that returns something that is not a condition", () => {
    const error = refusal(() => untyped().put(Event, { tenant: 'a', eventId: 'e', at: 1, type: 'login' }, { if: () => ({ kind: 'bogus' }) }));
    expect(error.message).toBe(
      "the 'if' of put() on Event{eventId:e,tenant:a} must return a condition made with op, such as op.eq(t.status, 'active'); it returned an object",
    );
  });

  test('op.and() of an object that merely has a kind', () => {
    refusal(() => untyped().check(Tenant, { tenant: 'a' }, (_t: any, op: any) => op.and({ kind: 'compare' })));
    refusal(() => untyped().check(Tenant, { tenant: 'a' }, (t: any, op: any) => op.or(op.exists(t.seats), { kind: 'not', condition: {} })));
  });

  test('a hand-made condition with an operator field: its text never reaches the expression', () => {
    const forged = {
      kind: 'compare',
      operator: '<> :0 OR attribute_exists(pk) OR #0 =',
      left: { kind: 'path', path: ['status'] },
      right: { kind: 'value', value: { S: 'x' } },
    };
    refusal(() => untyped().check(Tenant, { tenant: 'a' }, () => forged));
    refusal(() => untyped().put(Tenant, { tenant: 'a', status: 'active' }, { if: () => forged }));
  });

  test('op.and() and op.or() with no conditions (an empty condition)', () => {
    expect(refusal(() => untyped().check(Tenant, { tenant: 'a' }, (_t: any, op: any) => op.and())).message).toBe(
      'op.and() needs at least one condition',
    );
    refusal(() => untyped().check(Tenant, { tenant: 'a' }, (_t: any, op: any) => op.or()));
  });

  test('a condition made by op still works, nested and combined', () => {
    const check = tx()
      .check(Tenant, { tenant: 'a' }, (t, op) => op.and(op.eq(t.status, 'active'), op.not(op.or(op.exists(t.seats), op.lt(t.seats, 3)))))
      .params().TransactItems![0]!.ConditionCheck!;
    expect(check.ConditionExpression).toBe('#0 = :0 AND (NOT (attribute_exists(#1) OR #1 < :1))');
  });
});

describe("update functions return their own builder", () => {
  test("another entity's update builder is refused", () => {
    let foreign: unknown;
    tx().update(Tenant, { tenant: 'x' }, (u) => {
      foreign = u;
      return u.set({ seats: 3 });
    });
    const error = refusal(() => untyped().update(Counter, { tenant: 'a' }, () => (foreign as any).set({ seats: 4 })));
    expect(error.message).toMatch(/^The update function for Counter must return the builder it was given .*it returned a builder from an update of Tenant$/);
  });

  test('a builder kept from an earlier update of the same entity is refused', () => {
    let kept: any;
    tx().update(Counter, { tenant: 'x' }, (u) => (kept = u.add({ eventCount: 1 })));
    expect(refusal(() => untyped().update(Counter, { tenant: 'y' }, () => kept)).message).toMatch(/it returned a builder from another update$/);
  });
});

describe('values are stored as given, or refused: never silently changed', () => {
  test.each([
    ['a Map', new Map([['a', 1]]), 'a Map'],
    ['a Date', new Date(0), 'a Date'],
    ['a RegExp', /x/, 'a RegExp'],
    ['an Error', new Error('x'), 'an Error'],
    ['a Promise', Promise.resolve(1), 'a Promise'],
    ['a class instance', new (class Point { x = 1 })(), 'an instance of Point'],
  ])('%s for an `any` attribute or a map is refused, not stored as {}', (_what, value, kind) => {
    expect(refusal(() => putItem({ anything: value })).message).toContain(`Bag.anything cannot hold ${kind}`);
    expect(refusal(() => putItem({ anything: { nested: value } })).message).toContain(`Bag.anything.nested cannot hold ${kind}`);
    expect(refusal(() => putItem({ detail: value })).message).toMatch(/^Bag.detail must be a plain object \(map\), got /);
  });

  test('inherited enumerable properties are never written', () => {
    const item = Object.assign(Object.create({ sk2: 'inherited' }), { id: 'b' });
    expect(untyped().put(Bag, item).params().TransactItems[0].Put.Item.sk2).toBeUndefined();
    const withPrototype = Object.assign(Object.create({ leaked: 1 }), { ip: 'x' });
    refusal(() => putItem({ detail: withPrototype }));
    refusal(() => putItem({ anything: withPrototype }));
  });

  test('holes and undefined entries in lists are refused: indices never shift', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(refusal(() => putItem({ notes: ['a', , 'c'] })).message).toBe(
      'Bag.notes[1] is missing (a hole in the array): a list keeps every element, so indices never shift',
    );
    expect(refusal(() => putItem({ notes: ['a', undefined, 'c'] })).message).toContain('Bag.notes[1] is undefined');
    // eslint-disable-next-line no-sparse-arrays
    refusal(() => putItem({ anything: [1, , 3] }));
    refusal(() => putItem({ raw: [null, undefined] }));
    // null is a value: kept.
    expect(putItem({ anything: [null, 1] }).anything).toEqual({ L: [{ NULL: true }, { N: '1' }] });
  });

  test('a mixed Set is refused, not made a string set', () => {
    expect(refusal(() => putItem({ anything: new Set(['a', 1]) })).message).toBe(
      'Bag.anything is a Set of mixed kinds: a DynamoDB set holds only strings, only numbers or only binary',
    );
  });

  test('sets: one kind, no duplicates once normalized, never empty', () => {
    expect(putItem({ anything: new Set([1, 2]) }).anything).toEqual({ NS: ['1', '2'] });
    expect(putItem({ anything: new Set(['x']) }).anything).toEqual({ SS: ['x'] });
    refusal(() => putItem({ anything: new Set() }));
    refusal(() => putItem({ anything: new Set([1n, 1]) }));
    // A typed number set given an array: de-duplicated as ElectroDB does (0 and -0 are one member).
    expect(putItem({ nums: [0, -0, 1, 1] }).nums).toEqual({ NS: ['0', '1'] });
  });

  test("a JSON-parsed __proto__ key stays an ordinary key, in params() and in the object's own keys", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const stored = putItem({ anything: value }).anything;
    expect(Object.keys(stored.M)).toEqual(['__proto__', 'ok']);
    expect(Object.getPrototypeOf(stored.M)).toBe(Object.prototype);
    expect(stored.M.__proto__).toEqual({ M: { polluted: { BOOL: true } } });
    expect(({} as any).polluted).toBeUndefined();
  });

  test('integers beyond 2^53: a bigint is stored exactly, a number as JavaScript prints it (it reads back as the same number)', () => {
    expect(putItem({ anything: 12345678901234567890123456789n }).anything).toEqual({ N: '12345678901234567890123456789' });
    const big = putItem({ anything: 2 ** 60 }).anything;
    expect(big).toEqual({ N: '1152921504606847000' });
    expect(Number(big.N)).toBe(2 ** 60);
    expect(putItem({ anything: { value: '1e100' } }).anything).toEqual({ M: { value: { S: '1e100' } } });
  });
});

describe('bad values give a typed error, never a crash from deep inside', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cyclicList: unknown[] = [];
  cyclicList.push(cyclicList);

  test.each([
    ['NaN', NaN, 'must be a finite number, got number NaN'],
    ['Infinity', Infinity, 'must be a finite number'],
    ['-Infinity', -Infinity, 'must be a finite number'],
    ['a function', () => 1, 'cannot hold a function'],
    ['a symbol', Symbol('s'), 'cannot hold a symbol'],
    ['an empty Set', new Set(), 'must be a non-empty Set'],
    ['a cyclic object', cyclic, 'contains itself (a cyclic value)'],
    ['a cyclic list', cyclicList, 'contains itself (a cyclic value)'],
    ['a number of 1e126', 1e126, 'must be a number of magnitude below 1E+126'],
    ['a number below 1e-130', 1e-131, 'must be zero or a number of magnitude at least 1E-130'],
    ['a bigint of 39 digits', 10n ** 38n + 1n, 'must be a number of at most 38 significant digits'],
  ])('%s in an `any` attribute', (_what, value, message) => {
    expect(refusal(() => putItem({ anything: value })).message).toContain(message);
  });

  test('nesting deeper than DynamoDB allows', () => {
    let ok: unknown = 'x';
    for (let i = 0; i < LIMITS.nestedContainers; i++) ok = [ok];
    expect(putItem({ anything: ok }).anything).toBeDefined();
    expect(refusal(() => putItem({ anything: [ok] })).message).toContain('nests lists and maps more than 31 levels deep');
  });

  test('empty and oversized map keys', () => {
    expect(refusal(() => putItem({ anything: { '': 1 } })).message).toBe('Bag.anything has an empty key: DynamoDB map keys need at least one character');
    refusal(() => putItem({ anything: { ['k'.repeat(65_536)]: 1 } }));
  });

  test('a lone surrogate, which UTF-8 cannot carry', () => {
    refusal(() => putItem({ sk2: 'a\uD800b' }));
    refusal(() => untyped().put(Bag, { id: '\uDC00' }));
    expect(putItem({ sk2: 'emoji 😀 is fine' }).sk2).toEqual({ S: 'emoji 😀 is fine' });
  });

  test('versioned() of something that is not an entity', () => {
    expect(() => versioned({} as any, 'version' as never)).toThrow(TransactionValidationError);
    expect(() => versioned(null as any, 'version' as never)).toThrow(/versioned\(\) takes an ElectroDB Entity first, got null/);
    expect(() => versioned(Account, 'owner' as never)).toThrow(UnsupportedEntityError);
  });

  test('stageEdits().change() of something that is not an entity, or with bad values', () => {
    const session = stageEdits({ send: async () => ({}) } as any);
    expect(() => session.change({} as any, { accountId: 'a' } as any, {} as any)).toThrow(/change\(\) takes an ElectroDB Entity first/);
    expect(() => session.change(Account, { accountId: 'a' }, { balance: 1 })).toThrow(/was not read in this session/);
  });

  test('expectedVersion as a BigInt or a cyclic object', () => {
    const VersionedAccount = versioned(Account, 'version');
    expect(refusal(() => untyped().delete(VersionedAccount, { accountId: 'a' }, { expectedVersion: 3n })).message).toBe(
      "Account{accountId:a}: expectedVersion must be a whole number of at least 0, or 'new', got bigint 3n",
    );
    refusal(() => untyped().delete(VersionedAccount, { accountId: 'a' }, { expectedVersion: cyclic }));
  });

  test('retry options out of range are a typed error before anything is sent', async () => {
    const send = async () => {
      throw new Error('must not be called');
    };
    const t = tx().update(Counter, { tenant: 'a' }, (u) => u.add({ eventCount: 1 }));
    for (const retry of [{ maxAttempts: 0 }, { maxAttempts: 1.5 }, { baseDelayMs: -1 }, { maxDelayMs: NaN }, 'often']) {
      await expect(t.execute({ send } as any, { retry: retry as any })).rejects.toBeInstanceOf(DynatxError);
    }
    await expect(t.execute({ send } as any, { clientRequestToken: 7n as any })).rejects.toThrow(/clientRequestToken must be 1 to 36 characters, got bigint 7n/);
    await expect(t.execute(undefined as any)).rejects.toThrow(/execute\(\) takes your DynamoDBClient/);
    await expect(t.execute({ send } as any, { signal: 'stop' as any })).rejects.toThrow(/signal must be an AbortSignal/);
  });

  test('an object that only looks like an entity', () => {
    const fake = { model: {}, schema: {}, getName: () => 'Fake' };
    expect(() => untyped().put(fake, { id: 'x' })).toThrow(DynatxError);
  });
});

describe('items and messages', () => {
  test('two different items whose keys hold a NUL character are not duplicates', () => {
    // With keys joined by NUL, these two once had one identity: 'a' + 'x\0…y' vs 'a\0…x' + 'y'.
    const first = { tenant: 'a', eventId: 'x\u0000$event_1#eventid_y' };
    const second = { tenant: 'a\u0000$event_1#eventid_x', eventId: 'y' };
    expect(tx().delete(Event, first).delete(Event, second).params().TransactItems).toHaveLength(2);
    const params = tx()
      .update(Counter, { tenant: 'a\u0000b' }, (u) => u.add({ eventCount: 1 }))
      .update(Counter, { tenant: 'a' }, (u) => u.add({ eventCount: 1 }))
      .update(Counter, { tenant: 'a\u0000' }, (u) => u.add({ eventCount: 1 }))
      .params();
    expect(params.TransactItems).toHaveLength(3);
  });

  test('a huge key value gives a short message, control characters escaped', () => {
    const tenant = `${'x'.repeat(500 * 1024)}\u0000`;
    const error = refusal(() => untyped().update(Counter, { tenant }, (u: any) => u.add({ eventCount: 1 })));
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toMatch(/^Counter\{tenant:x{64}…\(\+511,937 chars\)\}: its partition key 'pk' is \d+ bytes; DynamoDB allows at most 2048$/);
    const nul = refusal(() => untyped().put(Counter, { tenant: 'a\u0000b', colour: 1 }));
    expect(nul.message).toBe("Counter has no attribute 'colour'");
    const named = refusal(() => untyped().put(Counter, { tenant: 'a', [`c\u0000${'y'.repeat(1000)}`]: 1 }));
    expect(named.message).toMatch(/^Counter has no attribute 'c\\u0000y{62}…\(\+938 chars\)'$/);
    const dup = refusal(() => untyped().check(Counter, { tenant: 'a\u0000b' }, (c: any, op: any) => op.exists(c.note)).delete(Counter, { tenant: 'a\u0000b' }).params());
    expect(dup.message).toBe('Counter{tenant:a\\u0000b} is already in this transaction');
  });

  test('key values over DynamoDB limits: partition 2,048 bytes, sort 1,024', () => {
    const at2048 = 'x'.repeat(2048 - '$audit#tenant_'.length);
    expect(tx().update(Counter, { tenant: at2048 }, (u) => u.add({ eventCount: 1 })).params().TransactItems).toHaveLength(1);
    refusal(() => tx().update(Counter, { tenant: `${at2048}x` }, (u) => u.add({ eventCount: 1 })));
    const sk1024 = 'e'.repeat(1024 - '$event_1#eventid_'.length);
    expect(tx().delete(Event, { tenant: 'a', eventId: sk1024 }).params().TransactItems).toHaveLength(1);
    expect(refusal(() => tx().delete(Event, { tenant: 'a', eventId: `${sk1024}e` })).message).toMatch(/its sort key 'sk' is 1025 bytes; DynamoDB allows at most 1024$/);
  });

  test("a txGet label '__proto__' is an ordinary label", () => {
    const read = txGet().get(Counter, { tenant: 'a' }, { label: '__proto__' });
    expect(read.params().TransactItems).toHaveLength(1);
  });
});

/** Found by `integration/hostile-calls-v2.fuzz.test.ts`: each failed before its fix. */
describe('the verbs, paths and dynamicTx() from untyped code', () => {
  /** An entity ElectroDB writes (it has a set hook), with a map, a list and an enum. */
  const Hooked = new Entity(
    {
      model: { entity: 'Hooked', version: '1', service: 'hostile' } as const,
      attributes: {
        id: { type: 'string', required: true },
        title: { type: 'string', set: (value?: string) => value?.trim() },
        status: { type: ['open', 'closed'] as const },
        detail: { type: 'map', properties: { ip: { type: 'string' }, tries: { type: 'number' } } },
        notes: { type: 'list', items: { type: 'string' } },
      },
      indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
    },
    { table: 'hostile' },
  );

  test('what params() returned is the caller’s: changing it changes nothing a later params() or execute() sends', () => {
    const t = untyped().put(Bag, { id: 'b', detail: { ip: '10.0.0.1' }, anything: new Uint8Array([1]) }).update(Counter, { tenant: 'a' }, (u: any) => u.add({ eventCount: 1 }));
    const first = t.params();
    const shown = JSON.stringify(first, (_k, v) => (v instanceof Uint8Array ? [...v] : v));
    first.TransactItems[0].Put.Item.detail.M.ip.S = 'redacted';
    first.TransactItems[0].Put.Item.anything.B[0] = 9;
    first.TransactItems[0].Put.Item.pk.S = 'elsewhere';
    first.TransactItems[1].Update.Key.pk.S = 'elsewhere';
    first.TransactItems[1].Update.ExpressionAttributeValues[':3'].N = '1000';
    expect(JSON.stringify(t.params(), (_k, v) => (v instanceof Uint8Array ? [...v] : v))).toBe(shown);
  });

  test('an entity ElectroDB writes takes a map made with Object.create(null), as dynatx does; other objects ElectroDB cannot read are refused', () => {
    const detail = Object.assign(Object.create(null), { ip: '10.0.0.1' });
    expect(untyped().put(Hooked, { id: 'h', detail }).params().TransactItems[0].Put.Item.detail).toEqual({ M: { ip: { S: '10.0.0.1' } } });
    const update = untyped().update(Hooked, { id: 'h' }, (u: any) => u.set({ detail })).params().TransactItems[0].Update;
    expect(Object.values(update.ExpressionAttributeValues)).toContainEqual({ M: { ip: { S: '10.0.0.1' } } });
    expect(refusal(() => untyped().put(Hooked, { id: 'h', notes: Object.create(null) })).message).toBe('Hooked.notes must be an array (list), got an object');
    expect(refusal(() => untyped().put(Hooked, { id: 'h', detail: Object.assign(Object.create(null), { colour: 'red' }) })).message).toBe("Hooked.detail has no property 'colour'");
  });

  test('setPath() and setIfNotExists() of a string or enum on an entity ElectroDB writes: a value of another type is refused, not made text', () => {
    // ElectroDB's data() writes `${value}`: 5 became '5', [1, 2] became '1,2', true became 'true'.
    expect(refusal(() => untyped().update(Hooked, { id: 'h' }, (u: any) => u.setPath((t: any) => t.detail.ip, 5))).message).toBe('Hooked.detail.ip must be a string, got number 5');
    expect(refusal(() => untyped().update(Hooked, { id: 'h' }, (u: any) => u.setPath((t: any) => t.notes.at(0), true))).message).toBe('Hooked.notes[0] must be a string, got boolean true');
    expect(refusal(() => untyped().update(Hooked, { id: 'h' }, (u: any) => u.setIfNotExists({ title: [1, 2] }))).message).toBe('Hooked.title must be a string, got an array');
    expect(refusal(() => untyped().patch(Hooked, { id: 'h' }, (u: any) => u.setIfNotExists({ status: 'gone' }))).message).toBe('Hooked.status must be one of "open", "closed", got the string "gone"');
    const written = untyped().update(Hooked, { id: 'h' }, (u: any) => u.setPath((t: any) => t.detail.ip, '::1')).params().TransactItems[0].Update;
    expect(Object.values(written.ExpressionAttributeValues)).toContainEqual({ S: '::1' });
  });

  test('upsert() of a key value that cannot be made text is refused as a value, not reported as a failure of the caller’s code', () => {
    const error = refusal(() => untyped().upsert(Bag, { id: Object.create(null) }));
    expect(error.code).toBe('InvalidValue');
    expect(refusal(() => untyped().upsert(Hooked, { id: Object.create(null) })).code).toBe('InvalidValue');
  });

  test('remove() with a hole in its array: the hole is refused, not an operation left out', () => {
    // eslint-disable-next-line no-sparse-arrays
    const error = refusal(() => untyped().update(Bag, { id: 'b' }, (u: any) => u.remove([, 'sk2'])));
    expect(error.message).toBe('remove() on Bag takes attribute names, got undefined');
    // eslint-disable-next-line no-sparse-arrays
    expect(refusal(() => untyped().update(Hooked, { id: 'h' }, (u: any) => u.remove(['title', , 'notes']))).code).toBe('InvalidValue');
  });

  test('dynamicTx() of a feed not made by changeFeed() is refused, not a transaction without its feed; declarations must be entities', () => {
    const feed = changeFeed({ name: 'hostile', table: 'hostile', entities: [Bag] });
    expect(refusal(() => dynamicTx({ feed: { ...feed } } as never)).message).toBe('dynamicTx({ feed }) takes a feed made with changeFeed(), got an object');
    expect(refusal(() => dynamicTx({ feed: Object.create(feed) } as never)).code).toBe('InvalidValue');
    expect(refusal(() => (dynamicTx as any)(Bag, 42)).message).toBe('dynamicTx() takes entities and label declarations such as { shard: Counter }, got number 42');
    expect(refusal(() => (dynamicTx as any)({ shard: Counter, other: 'Counter' })).code).toBe('InvalidValue');
    // A label named 'feed' is a declaration, not options; a genuine feed is taken.
    expect((dynamicTx({ feed: Counter }) as any).put(Counter, { tenant: 'a' }, { label: 'feed' }).size).toBe(1);
    expect((dynamicTx({ feed }, Bag) as any).size).toBe(1);
    expect((dynamicTx({ feed: undefined } as never) as any).size).toBe(0);
  });
});
