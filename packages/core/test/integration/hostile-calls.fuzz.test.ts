/**
 * Property-based fuzzing of the public API from untyped code (fast-check). Each run makes at
 * least DYNATX_FUZZ_CALLS (default 10,000) calls: actions with valid, odd and hostile values
 * (every JavaScript value kind, cyclic values, Proxies and getters that throw, forged conditions,
 * foreign builders, numbers out of range, lone surrogates, ...), `params()` and `execute()`.
 *
 * Properties:
 * - every call either succeeds or throws (or rejects with) a DynatxError; anything else is an
 *   untyped exception. A 'UserCodeFailed' error must carry the planted error as its cause: it
 *   exists for the caller's own code, not to hide dynatx's bugs;
 * - Object.prototype is untouched;
 * - every accepted transaction is executed on DynamoDB Local, and what `params()` showed is
 *   what a read-back returns: each put item whole, and each value an update set.
 *
 * Reproduce a failure with DYNATX_FUZZ_SEED (printed on failure by fast-check).
 */
import { GetItemCommand, type AttributeValue, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { useTable } from '@dynatx/testing/vitest';
import { Entity } from 'electrodb';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { DynatxError, requestTokenFor, stageEdits, tx, txGet, versioned } from '../../src/index.js';
import { canonicalNumber, normalizeNumberText } from '../../src/schema/number-value.js';
import { anyValueOf, cyclicValue, Planted } from '../helpers/fuzz-values.js';

const CALLS = Number(process.env.DYNATX_FUZZ_CALLS ?? 10_000);
const SEED = Number(process.env.DYNATX_FUZZ_SEED ?? 20261128);

const Bag = new Entity(
  {
    model: { entity: 'Bag', version: '1', service: 'fuzz' },
    attributes: {
      id: { type: 'string', required: true },
      part: { type: 'string', required: true },
      title: { type: 'string' },
      count: { type: 'number' },
      flag: { type: 'boolean', default: false },
      status: { type: ['open', 'closed'] as const },
      tags: { type: 'set', items: 'string' },
      nums: { type: 'set', items: 'number' },
      notes: { type: 'list', items: { type: 'string' } },
      detail: { type: 'map', properties: { ip: { type: 'string' }, tries: { type: 'number' }, deep: { type: 'map', properties: { x: { type: 'any' } } } } },
      anything: { type: 'any' },
      raw: { type: 'list', items: { type: 'any' } },
      g: { type: 'string' },
    },
    indexes: {
      primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: ['part'] } },
      byG: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['g'] }, sk: { field: 'gsi1sk', composite: ['part'] } },
    },
  },
  { table: 'fuzz' },
);
const Versioned = versioned(
  new Entity(
    {
      model: { entity: 'Ledger', version: '1', service: 'fuzz' },
      attributes: { id: { type: 'string', required: true }, part: { type: 'string', required: true }, version: { type: 'number' }, total: { type: 'number' } },
      indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: ['part'] } } },
    },
    { table: 'fuzz' },
  ),
  'version',
);

const table = useTable([Bag, Versioned]);

// ----- planted hazards -----

const throwingGetter = Object.defineProperty({}, 'title', { enumerable: true, get: () => { throw new Planted('getter'); } });
const throwingProxy = new Proxy({}, { ownKeys: () => { throw new Planted('ownKeys'); }, get: () => { throw new Planted('get'); }, getPrototypeOf: () => { throw new Planted('getPrototypeOf'); } });
const cyclic = cyclicValue();
const forgedConditions = [{ kind: 'bogus' }, { kind: 'compare', operator: 'OR 1=1', left: { kind: 'path', path: ['pk'] }, right: { kind: 'value', value: { S: 'x' } } }, { kind: 'and', conditions: [] }];

const specials: unknown[] = [
  NaN, Infinity, -Infinity, -0, 1e126, 1e-131, 9.999999999999999e125, 2 ** 60, 10n ** 40n, 7n,
  new NumberValue('1e126'), new NumberValue('007'), new NumberValue('0x1'), new NumberValue('12345678901234567890123456789012345678'),
  '', '\uD800', 'a\uDC00b', '\u0000', 'x'.repeat(3000), '漢字😀',
  Symbol('s'), () => 1, new Date(0), /re/, new Error('e'), Promise.resolve(), new Map([[1, 2]]), new WeakMap(), new Set(), new Set(['a', 1]), new Set([1n, 1]),
  new Uint8Array([1, 2]), new ArrayBuffer(3), new Int16Array(2), Buffer.from('b'),
  cyclic, JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  Object.create({ inherited: 1 }), Object.create(null), [, 1], [undefined], { '': 1 },
  throwingGetter, throwingProxy, ...forgedConditions,
];

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withObjectString: true, withSet: true, withSparseArray: true, withTypedArray: true, stringUnit: 'binary' }) },
  { weight: 2, arbitrary: fc.constantFrom(...specials) },
);

// ----- mostly-valid values, so that many calls are accepted -----

const text = fc.string({ unit: 'binary', maxLength: 12 });
const keyText = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'é', 'd d') }, { weight: 1, arbitrary: text });
const finite = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e125, max: 1e125 }), fc.constantFrom(0, -0, 1e-130, 0.1));
const anyValue = anyValueOf(text, finite);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 40, arbitrary: arb }, { weight: 1, arbitrary: hostile }), { nil: undefined });
const bagItem = fc.record(
  {
    id: fc.oneof({ weight: 20, arbitrary: keyText }, { weight: 1, arbitrary: hostile }),
    part: keyText,
    title: maybe(text),
    count: maybe(finite),
    flag: maybe(fc.boolean()),
    status: maybe(fc.constantFrom('open', 'closed')),
    tags: maybe(fc.array(text, { minLength: 1, maxLength: 3 })),
    nums: maybe(fc.array(fc.integer(), { minLength: 1, maxLength: 3 })),
    notes: maybe(fc.array(text, { maxLength: 3 })),
    detail: maybe(fc.record({ ip: maybe(text), tries: maybe(finite), deep: maybe(fc.record({ x: maybe(anyValue) })) }, { requiredKeys: [] })),
    anything: maybe(anyValue),
    raw: maybe(fc.array(anyValue, { maxLength: 3 })),
    g: maybe(keyText),
  },
  { requiredKeys: ['id', 'part'] },
);
const key = fc.record({ id: fc.oneof({ weight: 20, arbitrary: keyText }, { weight: 1, arbitrary: hostile }), part: keyText });
const attributeName = fc.constantFrom('title', 'count', 'flag', 'status', 'tags', 'nums', 'notes', 'detail', 'anything', 'raw', 'g', 'id', 'nope');
const entity = fc.oneof({ weight: 12, arbitrary: fc.constant<unknown>(Bag) }, { weight: 2, arbitrary: fc.constant<unknown>(Versioned) }, { weight: 1, arbitrary: hostile });

/** A condition function: mostly real conditions, sometimes forged, empty or throwing. */
const conditionFn = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(attributeName, fc.boolean()).map(([name, exists]) => (t: any, op: any) => (exists ? op.exists(t[name]) : op.notExists(t[name]))) },
  { weight: 4, arbitrary: fc.tuple(attributeName, fc.oneof(anyValue, hostile), fc.constantFrom('eq', 'ne', 'lt', 'beginsWith', 'contains', 'exists', 'notExists', 'size', 'in', 'and0')).map(([name, value, operator]) => (t: any, op: any) => {
    const ref = t[name];
    switch (operator) {
      case 'exists':
        return op.exists(ref);
      case 'notExists':
        return op.notExists(ref);
      case 'size':
        return op.gt(op.size(ref), value);
      case 'in':
        return op.in(ref, [value]);
      case 'and0':
        return op.and();
      default:
        return op[operator](ref, value);
    }
  }) },
  { weight: 1, arbitrary: fc.constantFrom(...forgedConditions).map((forged) => () => forged) },
  { weight: 1, arbitrary: fc.constant(() => { throw new Planted('condition'); }) },
  { weight: 1, arbitrary: hostile },
);

/** An update function: operations with mostly valid values, sometimes a foreign builder or a throw. */
let foreignBuilder: unknown;
const updateFn = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('set', 'add', 'subtract', 'append', 'remove', 'deleteFromSet', 'setIfNotExists'), attributeName, fc.oneof({ weight: 4, arbitrary: anyValue }, { weight: 1, arbitrary: hostile })).map(([operation, name, value]) => (u: any) =>
    operation === 'remove' ? u.remove([name]) : u[operation]({ [name]: value })) },
  { weight: 1, arbitrary: fc.constant((u: any) => u.set({ title: 'x' }).add({ count: 2 })) },
  { weight: 1, arbitrary: fc.constant(() => foreignBuilder) },
  { weight: 1, arbitrary: fc.constant(() => { throw new Planted('update'); }) },
  { weight: 1, arbitrary: hostile },
);
const options = fc.option(
  fc.record(
    {
      label: fc.oneof({ weight: 8, arbitrary: text }, { weight: 1, arbitrary: hostile }),
      if: conditionFn,
      returnOldItemOnFailure: fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hostile }),
      expectedVersion: fc.oneof({ weight: 8, arbitrary: fc.oneof(fc.nat(3), fc.constant('new')) }, { weight: 1, arbitrary: hostile }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const action = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put'), entity, item: fc.oneof({ weight: 15, arbitrary: bagItem }, { weight: 1, arbitrary: hostile }), options }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update'), entity, key, fn: updateFn, options }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), entity, key, options }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('check'), entity, key, fn: conditionFn, options }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('other'), which: fc.constantFrom('versioned', 'change', 'get', 'token', 'getAll'), args: fc.array(hostile, { maxLength: 3 }) }) },
);
const scenario = fc.record({
  actions: fc.array(action, { minLength: 1, maxLength: 4 }),
  token: fc.option(fc.oneof(fc.constantFrom('fuzz-token', requestTokenFor('fuzz')), hostile), { nil: undefined, freq: 4 }),
  execute: fc.boolean(),
});

// ----- the property -----

let calls = 0;
let accepted = 0;
let executed = 0;
let committed = 0;
let readBack = 0;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Runs one public call; a non-DynatxError is a failure of the property. */
function call<T>(run: () => T): { ok: true; value: T } | { ok: false } {
  calls++;
  try {
    return { ok: true, value: run() };
  } catch (error) {
    expectTyped(error);
    return { ok: false };
  }
}

function expectTyped(error: unknown) {
  if (!(error instanceof DynatxError)) {
    throw new Error(`untyped exception: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
  if (error.code === 'UserCodeFailed' && !(error.cause instanceof Planted)) {
    throw new Error(`UserCodeFailed hides a non-planted error: ${String(error.cause)}\n${(error.cause as Error)?.stack}`);
  }
}

function runOther(which: string, args: unknown[]) {
  switch (which) {
    case 'versioned':
      return versioned(args[0] as never, args[1] as never);
    case 'change':
      return stageEdits(table.client).change(args[0] as never, args[1] as never, args[2] as never);
    case 'get':
      return txGet().get(Bag as never, args[0] as never, args[1] as never).params();
    case 'token':
      return requestTokenFor(...(args as string[]));
    default:
      return (txGet() as any).getAll(Bag, args);
  }
}

/** DynamoDB numbers come back normalized (`1e+21` as `1000000000000000000000`): compare values. */
function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return `B:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).map((k) => {
      const v = (value as Record<string, unknown>)[k];
      if (k === 'N') return [k, canonicalNumber(normalizeNumberText(v as string) as never)];
      if (k === 'NS') return [k, (v as string[]).map((n) => canonicalNumber(normalizeNumberText(n) as never)).sort()];
      if (k === 'SS') return [k, (v as string[]).slice().sort()];
      if (k === 'BS') return [k, (v as Uint8Array[]).map((b) => Buffer.from(b).toString('base64')).sort()];
      return [k, canonical(v)];
    });
    return Object.fromEntries(entries.sort(([a], [b]) => (a! < b! ? -1 : 1)));
  }
  return value;
}

async function verifyStored(params: TransactWriteItemsCommandInput) {
  for (const item of params.TransactItems!) {
    if (item.Put) {
      const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: keyOf(item.Put.Item!), ConsistentRead: true }));
      expect(canonical(got.Item)).toEqual(canonical(item.Put.Item));
      readBack++;
    } else if (item.Update) {
      const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: item.Update.Key!, ConsistentRead: true }));
      const names = item.Update.ExpressionAttributeNames ?? {};
      const values = item.Update.ExpressionAttributeValues ?? {};
      const sets = /^SET (.*?)(?: (?:REMOVE|ADD|DELETE) |$)/.exec(item.Update.UpdateExpression!)?.[1] ?? '';
      for (const [, name, value] of sets.matchAll(/(#\d+) = (:\d+)(?=,|$)/g)) {
        expect(canonical(got.Item?.[names[name!]!])).toEqual(canonical(values[value!] as AttributeValue));
        readBack++;
      }
    }
  }
}

function keyOf(item: Record<string, AttributeValue>) {
  return { pk: item.pk!, sk: item.sk! };
}

describe('hostile calls through the public API, from untyped code', () => {
  test(`at least ${CALLS} calls: only typed errors, Object.prototype untouched, params() is what is stored`, { timeout: 900_000 }, async () => {
    tx().update(Bag as never, { id: 'x', part: 'y' } as never, ((u: any) => (foreignBuilder = u.set({ title: 'foreign' }))) as never);
    const runs = Math.ceil(CALLS / 2); // about 2.7 calls per run: the count is asserted below
    const details = await fc.check(
      fc.asyncProperty(scenario, async ({ actions, token, execute }) => {
        let t: any = tx();
        for (const a of actions) {
          const result = call(() => {
            switch (a.kind) {
              case 'put':
                return t.put(a.entity, a.item, a.options);
              case 'update':
                return t.update(a.entity, a.key, a.fn, a.options);
              case 'delete':
                return t.delete(a.entity, a.key, a.options);
              case 'check':
                return t.check(a.entity, a.key, a.fn, a.options);
              default:
                return runOther(a.which, a.args), t;
            }
          });
          if (result.ok) t = result.value;
        }
        if (t.size === 0) return;
        const params = call(() => t.params(token === undefined ? undefined : { clientRequestToken: token }));
        if (!params.ok) return;
        accepted++;
        if (!execute) return;
        calls++;
        executed++;
        let outcome: { committed: boolean } | undefined;
        try {
          outcome = await t.execute(table.client, { retry: false, clientRequestToken: requestTokenFor('fuzz', executed, Date.now()) });
        } catch (error) {
          expectTyped(error);
          return;
        }
        if (outcome!.committed) {
          committed++;
          await verifyStored(params.value);
        }
      }),
      { numRuns: runs, seed: SEED, endOnFailure: true },
    );
    // The failure itself, without printing the counterexample (cyclic, megabyte-long values).
    if (details.failed) {
      throw new Error(`fuzz failure (seed ${SEED}, run ${details.numRuns}): ${String((details.errorInstance as Error)?.message ?? details.errorInstance).slice(0, 4000)}`);
    }
    expect(calls).toBeGreaterThanOrEqual(CALLS);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(committed).toBeGreaterThan(0);
    expect(readBack).toBeGreaterThan(0);
  });
});

afterAll(() => {
  console.log(`fuzz: ${calls} calls, ${accepted} transactions accepted by params(), ${executed} executed, ${committed} committed, ${readBack} stored values read back and equal`);
});
