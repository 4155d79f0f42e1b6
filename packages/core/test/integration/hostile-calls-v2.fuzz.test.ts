/**
 * Property-based fuzzing of the public API that `hostile-calls.fuzz.test.ts` does not reach,
 * from untyped code (fast-check): ElectroDB's verbs (`create`, `patch`, `upsert`, `remove`),
 * `setPath`/`removePath` on map properties and list elements, `prepend`, list index references
 * in conditions, `dynamicTx()` (also with declared labels), the change feed's producer
 * (`changeFeed()` options, `tx({ feed })`, transaction ids, 99 actions and the manifest), its
 * consumers (`FeedAssembler`, `createFeedPoller`, `feedStreamHandler`) fed malformed stream
 * records, and an entity with `set`, `watch`, `get` and `validate` hooks that throw or return
 * odd values.
 *
 * Each test makes at least DYNATX_FUZZ_CALLS (default 10,000) calls. Properties:
 * - every call succeeds or throws (rejects with) a DynatxError; a 'UserCodeFailed' error carries
 *   the planted error as its cause (the consumers hand the errors of your own callbacks, such
 *   as `onEvent` or a streams client, back as they were: those may be the planted error itself);
 * - Object.prototype is untouched;
 * - producer: every accepted transaction is executed on DynamoDB Local; what execute() sent is
 *   what params() showed; a committed one left each item as a reference model of DynamoDB
 *   (`helpers/update-model.ts`) applying params() to the item read before says (puts whole,
 *   every update operation, deletes, checks); a cancelled or refused one left everything as it
 *   was; a feed's manifest lists exactly the actions params() showed, and a re-send under the
 *   same transaction id is reported already committed and changes nothing;
 * - consumers: bad options are refused with typed errors; a malformed record is refused with a
 *   typed error and leaves the assembler as it was; no event is handed out twice, none without
 *   its manifest, and `state()` can always be restored.
 *
 * Reproduce a failure with DYNATX_FUZZ_SEED (printed on failure); DYNATX_FUZZ_TALLY=1 prints the
 * most frequent refusals. One DynamoDB rule the model follows is worth knowing: `SET list[9]` on a
 * shorter list appends, so `setPath((t) => t.notes.at(9), v)` stores v at the list's end (counted
 * as "list SETs past the end appended").
 */
import { GetItemCommand, type AttributeValue, type DynamoDBClient, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { useTable } from '@dynatx/testing/vitest';
import { Entity } from 'electrodb';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  DynatxError,
  FeedAssembler,
  changeFeed,
  createFeedPoller,
  dynamicTx,
  feedStreamHandler,
  tx,
  txGet,
  type ChangeFeed,
  type StreamRecord,
} from '../../src/index.js';
import { applyUpdate, canonical, ModelError, modelNotes, type Item } from '../helpers/update-model.js';
import { anyValueOf, cyclicValue, Planted } from '../helpers/fuzz-values.js';

const CALLS = Number(process.env.DYNATX_FUZZ_CALLS ?? 10_000);
const SEED = Number(process.env.DYNATX_FUZZ_SEED ?? 20270315);

// ----- planted hazards -----

const plant = (where: string) => {
  throw new Planted(where);
};
const cyclic = cyclicValue();
const throwingGetter = (name: string) => Object.defineProperty({}, name, { enumerable: true, get: () => plant(`getter ${name}`) });
const throwingProxy = new Proxy({}, { ownKeys: () => plant('ownKeys'), get: () => plant('get'), has: (_, k) => (typeof k === 'symbol' ? false : plant('has')), getPrototypeOf: () => plant('getPrototypeOf') });

const specials: unknown[] = [
  NaN, Infinity, -Infinity, -0, 1e126, 1e-131, 2 ** 60, 10n ** 40n, 7n,
  new NumberValue('1e126'), new NumberValue('0x1'),
  '', '\uD800', 'a\uDC00b', '\u0000', 'x'.repeat(3000), '漢字😀', '__proto__', 'constructor',
  Symbol('s'), () => 1, new Date(0), /re/g, new Error('e'), Promise.resolve(), new Map([[1, 2]]), new WeakMap(), new Set(), new Set(['a', 1]),
  new Uint8Array([1, 2]), new ArrayBuffer(3), Buffer.from('b'),
  cyclic, JSON.parse('{"__proto__": {"polluted": true}}'), Object.create({ inherited: 1 }), Object.create(null), [, 1], [undefined], { '': 1 },
  throwingGetter('S'), throwingProxy,
];

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withSet: true, withSparseArray: true, withTypedArray: true, stringUnit: 'binary' }) },
  { weight: 2, arbitrary: fc.constantFrom(...specials) },
);
const sometimes = <T>(arb: fc.Arbitrary<T>, freq = 20) => fc.oneof({ weight: freq, arbitrary: arb }, { weight: 1, arbitrary: hostile });
/** `undefined` `absent` times out of `absent + 1`, else a value of `arb`. */
const rarely = <T>(arb: fc.Arbitrary<T>, absent: number) => fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(sometimes(arb, 40), { nil: undefined });

// ----- entities: nested maps, lists of maps, sets, an index, and one with hooks -----

const Doc = new Entity(
  {
    model: { entity: 'Doc', version: '1', service: 'fuzz2' },
    attributes: {
      id: { type: 'string', required: true },
      part: { type: 'string', required: true },
      title: { type: 'string' },
      count: { type: 'number' },
      status: { type: ['open', 'closed'] as const },
      tags: { type: 'set', items: 'string' },
      nums: { type: 'set', items: 'number' },
      notes: { type: 'list', items: { type: 'string' } },
      rows: { type: 'list', items: { type: 'map', properties: { a: { type: 'string' }, n: { type: 'number' } } } },
      detail: {
        type: 'map',
        properties: {
          ip: { type: 'string' },
          tries: { type: 'number' },
          geo: { type: 'map', properties: { city: { type: 'string' }, codes: { type: 'list', items: { type: 'number' } } } },
        },
      },
      anything: { type: 'any' },
      raw: { type: 'list', items: { type: 'any' } },
      g: { type: 'string' },
      frozen: { type: 'string', readOnly: true },
      kind: { type: 'string', required: true, default: 'doc' },
    },
    indexes: {
      primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: ['part'] } },
      byG: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['g'] }, sk: { field: 'gsi1sk', composite: ['part'] } },
    },
  },
  { table: 'fuzz2' },
);

/**
 * Set when a hook of the caller's returned an odd value during the current call: ElectroDB may
 * then crash on it inside its own code, which dynatx reports as UserCodeFailed with ElectroDB's
 * error as the cause (the caller's function made it so).
 */
let oddHookResult = false;

/** A set hook's answer to a value: the fuzz steers it with the value's text. */
function setHook(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.startsWith('ODD-')) oddHookResult = true;
  switch (value) {
    case 'THROW':
      return plant('set');
    case 'ODD-date':
      return new Date(0);
    case 'ODD-nan':
      return NaN;
    case 'ODD-undefined':
      return undefined;
    case 'ODD-symbol':
      return Symbol('odd');
    case 'ODD-object':
      return { a: 1 };
    case 'ODD-number':
      return 5;
    case 'ODD-bigint':
      return 10n;
    case 'ODD-cyclic':
      return cyclic;
    case 'ODD-surrogate':
      return '\uD800';
    default:
      return value.trim();
  }
}
function getHook(value: unknown): unknown {
  if (value === 'GETTHROW') return plant('get');
  if (value === 'GETODD') return Symbol('odd');
  return value;
}
function validateScore(value: unknown): boolean {
  if (value === 13) plant('validate');
  return value === undefined || (typeof value === 'number' && value >= 0);
}

const Hooked = new Entity(
  {
    model: { entity: 'Hooked', version: '1', service: 'fuzz2' },
    attributes: {
      id: { type: 'string', required: true },
      part: { type: 'string', required: true },
      title: { type: 'string', set: (value?: string) => setHook(value) as string },
      code: { type: 'string', validate: /^[a-z]{0,8}$/ },
      score: { type: 'number', validate: (value?: number) => validateScore(value) },
      shown: { type: 'string', get: (value?: string) => getHook(value) as string },
      notes: { type: 'list', items: { type: 'string' } },
      detail: {
        type: 'map',
        properties: { ip: { type: 'string', set: (value?: string) => setHook(value) as string }, geo: { type: 'map', properties: { city: { type: 'string' } } } },
      },
      tags: { type: 'set', items: 'string' },
      count: { type: 'number' },
      updatedAt: { type: 'number', watch: '*', set: () => Date.now() },
      titleLength: {
        type: 'number',
        watch: ['title'],
        set: (_: unknown, item: { title?: unknown }) => (item.title === 'WTHROW' ? plant('watch') : typeof item.title === 'string' ? item.title.length : undefined) as number,
      },
    },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: ['part'] } } },
  },
  { table: 'fuzz2' },
);

const table = useTable([Doc, Hooked]);

// ----- mostly-valid values, so that many calls are accepted -----

const text = fc.string({ unit: 'binary', maxLength: 10 });
const keyText = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('a', 'b', 'c', 'é', 'd d') }, { weight: 1, arbitrary: text });
const finite = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e125, max: 1e125 }), fc.constantFrom(0, -0, 1e-130, 0.1));
const anyValue = anyValueOf(text, finite);
const hookText = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 3, arbitrary: fc.constantFrom('THROW', 'WTHROW', 'ODD-date', 'ODD-nan', 'ODD-undefined', 'ODD-symbol', 'ODD-object', 'ODD-number', 'ODD-bigint', 'ODD-cyclic', 'ODD-surrogate', '  padded  ', 'GETTHROW', 'GETODD') },
);
const row = fc.record({ a: maybe(text), n: maybe(finite) }, { requiredKeys: [] });
const geo = fc.record({ city: maybe(text), codes: maybe(fc.array(finite, { maxLength: 3 })) }, { requiredKeys: [] });
const docDetail = fc.record({ ip: maybe(text), tries: maybe(finite), geo: maybe(geo) }, { requiredKeys: [] });
const hookedDetail = fc.record({ ip: maybe(hookText), geo: maybe(fc.record({ city: maybe(text) }, { requiredKeys: [] })) }, { requiredKeys: [] });

/** Per attribute: a value of its own kind (mostly), for items, set() and the like. */
const DOC_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  title: text,
  count: finite,
  status: fc.constantFrom('open', 'closed'),
  tags: fc.array(text, { minLength: 1, maxLength: 3 }),
  nums: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 3 }),
  notes: fc.array(text, { maxLength: 3 }),
  rows: fc.array(row, { maxLength: 3 }),
  detail: docDetail,
  anything: anyValue,
  raw: fc.array(anyValue, { maxLength: 3 }),
  g: keyText,
  frozen: text,
  kind: text,
  id: keyText,
  nope: text,
};
const HOOKED_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  title: hookText,
  code: fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z]{0,8}$/) }, { weight: 1, arbitrary: fc.constantFrom('ABC', 'toolongvalue') }),
  score: fc.oneof(finite, fc.constantFrom(13, -1, 0)),
  shown: hookText,
  notes: fc.array(hookText, { maxLength: 3 }),
  detail: hookedDetail,
  tags: fc.array(text, { minLength: 1, maxLength: 3 }),
  count: finite,
  updatedAt: finite,
  titleLength: finite,
  id: keyText,
  nope: text,
};

const itemOf = (values: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(
    Object.fromEntries([
      ['id', fc.oneof({ weight: 20, arbitrary: keyText }, { weight: 1, arbitrary: hostile })],
      ['part', keyText],
      ...Object.entries(values)
        .filter(([name]) => name !== 'id' && name !== 'nope')
        .map(([name, arb]) => [name, maybe(arb)]),
    ]) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: ['id', 'part'] },
  );
const key = fc.record({ id: fc.oneof({ weight: 20, arbitrary: keyText }, { weight: 1, arbitrary: hostile }), part: keyText });

type EntityChoice = 'doc' | 'hooked' | 'hostile';
const entityChoice = fc.oneof(
  { weight: 10, arbitrary: fc.constant<EntityChoice>('doc') },
  { weight: 6, arbitrary: fc.constant<EntityChoice>('hooked') },
  { weight: 1, arbitrary: fc.constant<EntityChoice>('hostile') },
);

// ----- paths: map properties and list elements, by schema name, with an index where 'AT' -----

const AT = 'AT';
type Steps = readonly string[];
const DOC_PATHS: [Steps, fc.Arbitrary<unknown>][] = [
  [['detail', 'ip'], text],
  [['detail', 'tries'], finite],
  [['detail', 'geo'], geo],
  [['detail', 'geo', 'city'], text],
  [['detail', 'geo', 'codes'], fc.array(finite, { maxLength: 3 })],
  [['detail', 'geo', 'codes', AT], finite],
  [['notes', AT], text],
  [['rows', AT], row],
  [['rows', AT, 'a'], text],
  [['rows', AT, 'n'], finite],
  [['raw', AT], anyValue],
  [['title'], text],
  [['anything'], anyValue],
  [['detail'], docDetail],
  [['id'], text],
  [['frozen'], text],
  [['kind'], text],
  [['nope', 'x'], text],
  [['detail', 'nope'], text],
];
const HOOKED_PATHS: [Steps, fc.Arbitrary<unknown>][] = [
  [['detail', 'ip'], hookText],
  [['detail', 'geo', 'city'], text],
  [['detail', 'geo'], fc.record({ city: maybe(text) }, { requiredKeys: [] })],
  [['notes', AT], hookText],
  [['title'], hookText],
  [['code'], HOOKED_VALUES.code!],
  [['score'], HOOKED_VALUES.score!],
  [['updatedAt'], finite],
];
const listIndex = fc.oneof(
  { weight: 12, arbitrary: fc.nat(4) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, NaN, 2 ** 53, 1e20, '1', Infinity, -0, 2 ** 31) },
  { weight: 1, arbitrary: hostile },
);
const pathChoice = (paths: [Steps, fc.Arbitrary<unknown>][]) =>
  fc.integer({ min: 0, max: paths.length - 1 }).chain((i) => fc.record({ steps: fc.constant(paths[i]![0]), at: listIndex, value: sometimes(paths[i]![1], 12) }));

/** The reference a path names, walked the way user code would (`t.rows.at(1).a`), never throwing itself. */
function walk(refs: any, steps: Steps, at: unknown): unknown {
  let ref = refs;
  for (const step of steps) {
    if (step === AT) ref = typeof ref?.at === 'function' ? ref.at(at) : undefined;
    else ref = ref?.[step];
  }
  return ref;
}

/** References kept from one entity's calls, to be handed to another's (they must be refused). */
const kept: { docRef?: unknown; hookedRef?: unknown; sizeRef?: unknown } = {};
const pathFn = (paths: [Steps, fc.Arbitrary<unknown>][]) =>
  fc.oneof(
    { weight: 14, arbitrary: pathChoice(paths).map(({ steps, at, value }) => ({ fn: (t: unknown) => walk(t, steps, at), value })) },
    { weight: 1, arbitrary: fc.constant({ fn: () => plant('path'), value: 'x' as unknown }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('docRef', 'hookedRef', 'sizeRef', 'self').map((which) => ({ fn: (t: unknown) => (which === 'self' ? t : kept[which as keyof typeof kept]), value: 'x' as unknown })) },
    { weight: 1, arbitrary: hostile.map((h) => ({ fn: h, value: 'x' as unknown })) },
  );

// ----- update functions -----

const VALUE_OPERATIONS = ['set', 'setIfNotExists', 'add', 'subtract', 'append', 'prepend', 'deleteFromSet'] as const;
const operation = (values: Record<string, fc.Arbitrary<unknown>>, paths: [Steps, fc.Arbitrary<unknown>][]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...VALUE_OPERATIONS), fc.constantFrom(...Object.keys(values)))
        .chain(([op, name]) => fc.record({ kind: fc.constant('value' as const), op: fc.constant(op), name: fc.constant(name), value: sometimes(values[name]!, 6) })),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), names: sometimes(fc.array(fc.constantFrom(...Object.keys(values)), { minLength: 1, maxLength: 2 }), 10) }) },
    { weight: 4, arbitrary: pathFn(paths).map(({ fn, value }) => ({ kind: 'setPath' as const, fn, value })) },
    { weight: 2, arbitrary: pathFn(paths).map(({ fn }) => ({ kind: 'removePath' as const, fn })) },
  );
type Operation = { kind: 'value'; op: string; name: string; value: unknown } | { kind: 'remove'; names: unknown } | { kind: 'setPath'; fn: unknown; value: unknown } | { kind: 'removePath'; fn: unknown };

let foreignBuilder: unknown;
const updateFn = (values: Record<string, fc.Arbitrary<unknown>>, paths: [Steps, fc.Arbitrary<unknown>][]) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.array(operation(values, paths), { minLength: 1, maxLength: 3 }).map((operations) => (u: any) => {
        let builder = u;
        for (const o of operations as Operation[]) {
          if (o.kind === 'value') builder = builder[o.op]({ [o.name]: o.value });
          else if (o.kind === 'remove') builder = builder.remove(o.names);
          else if (o.kind === 'setPath') builder = builder.setPath(o.fn, o.value);
          else builder = builder.removePath(o.fn);
        }
        return builder;
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(() => foreignBuilder, (u: unknown) => u) },
    { weight: 1, arbitrary: fc.constant(() => plant('update')) },
    { weight: 1, arbitrary: hostile },
  );

// ----- conditions, with map properties and list elements -----

const OPERATORS = ['eq', 'ne', 'lt', 'gte', 'between', 'beginsWith', 'contains', 'exists', 'notExists', 'size', 'in', 'isType', 'and0', 'not'] as const;
const conditionFn = (paths: [Steps, fc.Arbitrary<unknown>][]) =>
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({ path: pathChoice(paths), operator: fc.constantFrom(...OPERATORS), value: sometimes(anyValue, 4), ownKind: fc.boolean() }).map(({ path, operator, value, ownKind }) => (t: any, op: any) => {
        const ref = walk(t, path.steps, path.at);
        const v = ownKind ? path.value : value;
        switch (operator) {
          case 'exists':
            return op.exists(ref);
          case 'notExists':
            return op.notExists(ref);
          case 'size':
            kept.sizeRef = op.size(ref);
            return op.gt(kept.sizeRef, v);
          case 'in':
            return op.in(ref, [v, path.value]);
          case 'between':
            return op.between(ref, v, path.value);
          case 'isType':
            return op.isType(ref, typeof v === 'string' ? v : 'S');
          case 'and0':
            return op.and();
          case 'not':
            return op.not(op.or(op.exists(ref), op.eq(ref, v)));
          default:
            return op[operator](ref, v);
        }
      }),
    },
    { weight: 1, arbitrary: fc.constant(() => ({ kind: 'function', name: 'attribute_exists', args: [{ kind: 'path', path: ['pk'] }] })) },
    { weight: 1, arbitrary: fc.constant(() => plant('condition')) },
    { weight: 1, arbitrary: hostile },
  );

const options = (paths: [Steps, fc.Arbitrary<unknown>][]) =>
  fc.option(
    fc.record({
      label: fc.option(sometimes(fc.constantFrom('hk', 'first', 'other', '__proto__'), 8), { nil: undefined, freq: 2 }),
      if: fc.option(conditionFn(paths), { nil: undefined, freq: 3 }),
      returnOldItemOnFailure: fc.option(sometimes(fc.boolean(), 8), { nil: undefined, freq: 3 }),
      expectedVersion: rarely(hostile, 30),
    }),
    { nil: undefined, freq: 2 },
  );

// ----- actions and transactions -----

const VERBS = ['put', 'create', 'upsert', 'update', 'patch', 'delete', 'remove', 'check'] as const;
type Verb = (typeof VERBS)[number];
const verb = fc.oneof(
  ...([['put', 3], ['create', 2], ['upsert', 2], ['update', 3], ['patch', 2], ['delete', 1], ['remove', 1], ['check', 2]] as const).map(([v, weight]) => ({ weight, arbitrary: fc.constant<Verb>(v) })),
);
const actionFor = (choice: EntityChoice) => {
  const values = choice === 'hooked' ? HOOKED_VALUES : DOC_VALUES;
  const paths = choice === 'hooked' ? HOOKED_PATHS : DOC_PATHS;
  return fc.record({
    entity: fc.constant(choice),
    hostileEntity: hostile,
    verb,
    item: sometimes(itemOf(values), 15),
    key: sometimes(key, 15),
    fn: updateFn(values, paths),
    condition: conditionFn(paths),
    options: options(paths),
    keepIf: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });
};
const action = entityChoice.chain(actionFor);
type Action = { entity: EntityChoice; hostileEntity: unknown; verb: Verb; item: unknown; key: unknown; fn: unknown; condition: unknown; options: unknown; keepIf: boolean };

/** How the transaction is started: tx(), dynamicTx() (with declarations), or with a change feed. */
const builder = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'tx' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('dynamic' as const), declared: fc.constantFrom('none', 'doc', 'labels', 'hostile'), hostile }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('feed' as const),
      dynamic: fc.boolean(),
      feed: fc.oneof({ weight: 12, arbitrary: fc.nat(3) }, { weight: 2, arbitrary: fc.constantFrom('spread', 'derived', 'proxy', 'other-table') }, { weight: 1, arbitrary: hostile }),
    }),
  },
);
const other = fc.record({ which: fc.constantFrom('changeFeed', 'changeFeed', 'dynamicTx', 'tx', 'txGet', 'size'), args: fc.array(hostile, { maxLength: 3 }), feedOptions: fc.anything() });
const changeFeedOptions = fc.record(
  {
    name: sometimes(fc.constantFrom('f', 'orders', 'a.b-c_d', 'x'.repeat(65), 'bad name', ''), 4),
    table: sometimes(fc.constantFrom('fuzz2', 'ab', 't'.repeat(256)), 4),
    entities: sometimes(fc.constantFrom<unknown[]>([Doc], [Doc, Hooked], [], [Doc, 5], [null], [{ schema: {} }]), 4),
    partitionKey: sometimes(fc.constantFrom('pk', 'p k', '', '__proto__', 'constructor', 'feed'), 4),
    sortKey: sometimes(fc.constantFrom('sk', null, '', '__proto__', 'pk'), 4),
    ttlAttribute: sometimes(fc.constantFrom('ttl', 'expires', '__proto__', 'toString', 'count'), 4),
    ttlSeconds: sometimes(fc.constantFrom(60, 3600, 59, 1.5, 366 * 24 * 3600 + 1), 4),
    include: sometimes(fc.record({ putItems: sometimes(fc.boolean(), 4), updates: sometimes(fc.boolean(), 4) }, { requiredKeys: [] }), 4),
    marker: sometimes(fc.constantFrom('dynatxTx', 'mk', false, 'title', 'pk', '__proto__'), 4),
  },
  { requiredKeys: [] },
);

const scenario = fc.record({
  builder,
  actions: fc.array(action, { minLength: 1, maxLength: 4 }),
  others: fc.array(fc.record({ call: other, options: changeFeedOptions }), { maxLength: 1 }),
  transactionId: fc.oneof({ weight: 12, arbitrary: fc.constant('valid') }, { weight: 1, arbitrary: fc.constantFrom('', 'bad id', 'x'.repeat(129), 'é', '\uD800') }, { weight: 1, arbitrary: hostile }),
  token: fc.option(sometimes(fc.constantFrom('fuzz2-token', 'another-token'), 6), { nil: undefined, freq: 4 }),
  execute: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  resend: fc.boolean(),
  bulk: fc.oneof({ weight: 150, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  readBack: fc.boolean(),
});

// ----- the properties -----

let calls = 0;
const stats = { accepted: 0, executed: 0, committed: 0, cancelled: 0, refusedBySend: 0, itemsChecked: 0, manifestsChecked: 0, resends: 0, bulk: 0, feeds: 0, reads: 0, userCodeFailed: 0, oddHookCrashes: 0 };
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

function expectTyped(error: unknown, where: string) {
  if (!(error instanceof DynatxError)) {
    throw new Error(`untyped exception from ${where}: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
  if (error.code === 'UserCodeFailed') {
    stats.userCodeFailed++;
    if (oddHookResult && !(error.cause instanceof Planted)) {
      stats.oddHookCrashes++;
      return;
    }
    if (!(error.cause instanceof Planted)) throw new Error(`UserCodeFailed from ${where} hides a non-planted error: ${String(error.cause)}\n${(error.cause as Error)?.stack}`);
  }
}

/** Runs one public call; a non-DynatxError is a failure of the property. */
function call<T>(where: string, run: () => T): { ok: true; value: T } | { ok: false; error: DynatxError } {
  calls++;
  oddHookResult = false;
  try {
    return { ok: true, value: run() };
  } catch (error) {
    expectTyped(error, where);
    if (process.env.DYNATX_FUZZ_TALLY) {
      const reason = `${where}: ${(error as Error).message.replace(/"[^"]*"|'[^']*'|\{[^}]*\}|\d+/g, '_').slice(0, 90)}`;
      tally.set(reason, (tally.get(reason) ?? 0) + 1);
    }
    return { ok: false, error: error as DynatxError };
  }
}

const tally = new Map<string, number>();
let feeds: ChangeFeed[] = [];
let client: DynamoDBClient;
/** What execute() sent, for comparison with params(). */
let sent: TransactWriteItemsCommandInput[] = [];
let transactionCount = 0;

function entityOf(a: Action): unknown {
  return a.entity === 'doc' ? Doc : a.entity === 'hooked' ? Hooked : a.hostileEntity;
}

function feedOf(choice: unknown): unknown {
  if (typeof choice === 'number') return feeds[choice];
  switch (choice) {
    case 'spread':
      return { ...feeds[0] };
    case 'derived':
      return Object.create(feeds[0]!);
    case 'proxy':
      return new Proxy(feeds[0]!, { get: () => plant('feed proxy') });
    case 'other-table':
      return feeds[4];
  }
  return choice;
}

function start(b: any): any {
  switch (b.kind) {
    case 'tx':
      return tx();
    case 'dynamic':
      return b.declared === 'none' ? dynamicTx() : b.declared === 'doc' ? dynamicTx(Doc as never) : b.declared === 'labels' ? dynamicTx(Doc as never, { hk: Hooked } as never) : (dynamicTx as any)(b.hostile);
    default: {
      const feed = feedOf(b.feed);
      return b.dynamic ? (dynamicTx as any)({ feed }, Doc, { hk: Hooked }) : (tx as any)({ feed });
    }
  }
}

function addAction(t: any, a: Action): any {
  const entity = entityOf(a);
  switch (a.verb) {
    case 'put':
    case 'create':
    case 'upsert':
      return t[a.verb](entity, a.item, a.options);
    case 'update':
    case 'patch':
      return t[a.verb](entity, a.key, a.fn, a.options);
    case 'delete':
    case 'remove':
      return t[a.verb](entity, a.key, a.options);
    case 'check': {
      // check() takes its condition third: an 'if' in its options is refused (kept now and then).
      const { if: _if, ...rest } = (a.options ?? {}) as Record<string, unknown>;
      return t.check(entity, a.key, a.condition, a.options === undefined || a.keepIf ? a.options : rest);
    }
  }
}

function runOther(which: string, args: unknown[], feedOptions: unknown) {
  switch (which) {
    case 'changeFeed': {
      const feed = changeFeed(feedOptions as never) as ChangeFeed;
      // A feed made is one consumers can use: its entities are entities.
      for (const entity of feed.entities) expect(typeof (entity as { schema?: { model?: unknown } })?.schema?.model).toBe('object');
      return feed;
    }
    case 'dynamicTx':
      return (dynamicTx as any)(...args);
    case 'tx':
      return (tx as any)(...args);
    case 'txGet':
      return (txGet() as any).get(Hooked, args[0], args[1]).params();
    default:
      return (tx() as any).put(Doc, { id: 'a', part: 'b' }).size;
  }
}

const keyFieldsOf = (item: Record<string, AttributeValue>): Item => ({ pk: item.pk!, sk: item.sk! });

function keyOfTransactItem(item: NonNullable<TransactWriteItemsCommandInput['TransactItems']>[number]): { table: string; key: Item } {
  if (item.Put) return { table: item.Put.TableName!, key: keyFieldsOf(item.Put.Item as Item) };
  const part = (item.Update ?? item.Delete ?? item.ConditionCheck)!;
  return { table: part.TableName!, key: part.Key as Item };
}

async function read(tableName: string, key: Item): Promise<Item | undefined> {
  stats.reads++;
  if (tableName !== table.tableName) return undefined; // the feed whose manifests go to a table that does not exist
  return (await table.client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item as Item | undefined;
}

const withoutToken = (input: TransactWriteItemsCommandInput) => {
  const { ClientRequestToken: _token, ...rest } = input;
  return canonical(rest);
};

/** Changes every value of a request in place, as a caller redacting or post-processing it might. */
function scribble(value: unknown) {
  if (Array.isArray(value)) value.forEach(scribble);
  else if (value instanceof Uint8Array) value.fill(0);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'S' || k === 'N') (value as Record<string, unknown>)[k] = k === 'S' ? 'scribbled' : '7';
      else scribble(v);
    }
  }
}

/** What each action of a committed transaction left, by the reference model. */
function expectedAfter(item: NonNullable<TransactWriteItemsCommandInput['TransactItems']>[number], before: Item | undefined): Item | undefined {
  if (item.Put) return item.Put.Item as Item;
  if (item.Delete) return undefined;
  if (item.ConditionCheck) return before;
  const update = item.Update!;
  return applyUpdate(before, update.Key as Item, update.UpdateExpression!, update.ExpressionAttributeNames, update.ExpressionAttributeValues as Record<string, AttributeValue>);
}

function expectSame(got: unknown, want: unknown, what: string) {
  const a = canonical(got);
  const b = canonical(want);
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`${what}:\n  stored   ${JSON.stringify(a, replacer).slice(0, 3000)}\n  expected ${JSON.stringify(b, replacer).slice(0, 3000)}`);
  }
}
const replacer = (_: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

/** The manifest read back lists exactly the actions params() showed, and each put and update carries the marker. */
function checkManifest(params: TransactWriteItemsCommandInput, stored: Item | undefined, feed: ChangeFeed, transactionId: string) {
  const items = params.TransactItems!;
  const manifestPut = items.at(-1)!.Put!;
  expectSame(stored, manifestPut.Item, 'the manifest stored is the one params() showed');
  const actions = stored!.actions!.L!.map((a) => a.M!);
  const own = items.slice(0, -1);
  expect(actions).toHaveLength(own.length);
  expect(stored!.count).toEqual({ N: String(own.length) });
  expect(stored!.transactionId).toEqual({ S: transactionId });
  own.forEach((item, index) => {
    const action = actions[index]!;
    const { table: tableName, key } = keyOfTransactItem(item);
    const kind = item.Put ? 'put' : item.Update ? 'update' : item.Delete ? 'delete' : 'check';
    expect(action.index).toEqual({ N: String(index) });
    expect(action.kind).toEqual({ S: kind });
    expect(action.table).toEqual({ S: tableName });
    expectSame(action.keyFields?.M, key, `manifest action ${index}'s key`);
    const marker = feed.marker;
    if (item.Put) {
      if (marker !== undefined) expect(item.Put.Item![marker]).toEqual({ S: transactionId });
      if (feed.include.putItems) {
        const { [marker ?? '']: _m, ...rest } = item.Put.Item!;
        expectSame(action.item?.M, marker === undefined ? item.Put.Item : rest, `manifest action ${index}'s item`);
      } else expect(action.item).toBeUndefined();
    }
    if (item.Update) {
      if (marker !== undefined) {
        const names = item.Update.ExpressionAttributeNames!;
        const placeholder = Object.keys(names).find((n) => names[n] === marker)!;
        const assigned = new RegExp(`${placeholder} = (:\\d+)`).exec(item.Update.UpdateExpression!)?.[1];
        expect(item.Update.ExpressionAttributeValues![assigned!]).toEqual({ S: transactionId });
      }
      if (feed.include.updates) {
        expect(action.update?.M?.expression).toEqual({ S: item.Update.UpdateExpression });
        for (const [placeholder, name] of Object.entries(action.update!.M!.names!.M!)) expect(item.Update.ExpressionAttributeNames![placeholder]).toEqual(name.S);
        for (const [placeholder, value] of Object.entries(action.update!.M!.values!.M!)) {
          expectSame(value, item.Update.ExpressionAttributeValues![placeholder], `manifest action ${index}'s update value ${placeholder}`);
        }
      } else expect(action.update).toBeUndefined();
    }
  });
  stats.manifestsChecked++;
}

async function executeAndVerify(t: any, params: TransactWriteItemsCommandInput, feed: ChangeFeed | undefined, transactionId: string | undefined, resend: boolean) {
  const items = params.TransactItems!;
  const targets = items.map(keyOfTransactItem);
  const before = await Promise.all(targets.map(({ table: tableName, key: k }) => read(tableName, k)));
  const executeOptions = { retry: false, ...(transactionId === undefined ? {} : { transactionId }) };
  sent = [];
  calls++;
  stats.executed++;
  let outcome: any;
  try {
    outcome = await t.execute(client, executeOptions);
  } catch (error) {
    expectTyped(error, 'execute()');
    stats.refusedBySend++;
    if ((error as { mayHaveBeenApplied?: boolean }).mayHaveBeenApplied === true) return;
    // Refused: nothing applied.
    const after = await Promise.all(targets.map(({ table: tableName, key: k }) => read(tableName, k)));
    after.forEach((item, i) => expectSame(item, before[i], `a refused transaction changed item ${i}`));
    return;
  }
  if (sent.length > 0) expectSame(withoutToken(sent[0]!), withoutToken(params), 'what execute() sent is what params() showed');
  const after = await Promise.all(targets.map(({ table: tableName, key: k }) => read(tableName, k)));
  if (!outcome.committed) {
    stats.cancelled++;
    after.forEach((item, i) => expectSame(item, before[i], `a cancelled transaction changed item ${i}`));
    expect(outcome.reasons).toHaveLength(items.length - (feed === undefined ? 0 : 1));
    return;
  }
  stats.committed++;
  expect(outcome.alreadyCommitted ?? false).toBe(false);
  items.forEach((item, i) => {
    if (feed !== undefined && i === items.length - 1) return;
    let expected: Item | undefined;
    try {
      expected = expectedAfter(item, before[i]);
    } catch (error) {
      if (error instanceof ModelError) throw new Error(`DynamoDB committed what the model says it refuses (${error.message}): ${JSON.stringify(item, replacer)}`);
      throw error;
    }
    expectSame(after[i], expected, `item ${i} after ${JSON.stringify(item, replacer).slice(0, 1500)}\n  before   ${JSON.stringify(canonical(before[i]), replacer)?.slice(0, 1500)}`);
    stats.itemsChecked++;
  });
  if (feed !== undefined) {
    checkManifest(params, after.at(-1), feed, transactionId!);
    if (resend) {
      // The same transaction again: recognised by its manifest, nothing applied.
      calls++;
      stats.resends++;
      const again = await t.execute(client, executeOptions);
      expect(again.committed).toBe(true);
      expect(again.alreadyCommitted).toBe(true);
      const afterAgain = await Promise.all(targets.map(({ table: tableName, key: k }) => read(tableName, k)));
      afterAgain.forEach((item, i) => expectSame(item, after[i], `a re-send changed item ${i}`));
    }
  }
}

/** 99 actions and the manifest: the 100th action of the caller's is refused. */
async function bulk() {
  stats.bulk++;
  const feed = feeds[1]!;
  const base = `bulk-${++transactionCount}`;
  let t: any = dynamicTx({ feed } as never, Doc as never);
  for (let i = 0; i < 99; i++) {
    const result = call('bulk put()', () => t.put(Doc, { id: base, part: `p${i}`, notes: [String(i)], detail: { geo: { codes: [i] } } }));
    expect(result.ok).toBe(true);
    if (result.ok) t = result.value;
  }
  expect(t.size).toBe(100);
  const refused = call('a 100th action', () => t.update(Doc, { id: base, part: 'p99' }, (u: any) => u.add({ count: 1 })));
  expect(refused.ok ? undefined : refused.error.code).toBe('TooManyActions');
  const transactionId = `${base}-tx`;
  const params = call('params()', () => t.params({ transactionId }));
  if (!params.ok) throw params.error;
  const outcome = await t.execute(client, { retry: false, transactionId });
  expect(outcome.committed).toBe(true);
  const manifestItem = params.value.TransactItems!.at(-1)!.Put!.Item as Item;
  checkManifest(params.value, await read(table.tableName, keyFieldsOf(manifestItem)), feed, transactionId);
  for (const i of [0, 50, 98]) {
    const put = params.value.TransactItems![i]!.Put!;
    expectSame(await read(table.tableName, keyFieldsOf(put.Item as Item)), put.Item, `bulk item ${i}`);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

describe('hostile calls to the verbs, paths, dynamicTx() and the change feed producer', () => {
  test(`at least ${CALLS} calls: only typed errors, Object.prototype untouched, params() is what is stored`, { timeout: 900_000 }, async () => {
    vi.setSystemTime(Date.UTC(2027, 2, 15));
    client = table.createClient();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if ((context as { commandName?: string }).commandName === 'TransactWriteItemsCommand') sent.push(structuredClone((args as { input: TransactWriteItemsCommandInput }).input));
        return next(args);
      },
      { step: 'initialize', name: 'fuzzRecorder' },
    );
    feeds = [
      changeFeed({ name: 'plain', table: table.tableName, entities: [Doc, Hooked] }),
      changeFeed({ name: 'full', table: table.tableName, entities: [Doc, Hooked], include: { putItems: true, updates: true } }),
      changeFeed({ name: 'unmarked', table: table.tableName, entities: [Doc, Hooked], marker: false, include: { putItems: true } }),
      changeFeed({ name: 'mk', table: table.tableName, entities: [Doc], marker: 'mk', include: { updates: true }, ttlSeconds: 60 }),
      changeFeed({ name: 'elsewhere', table: 'no-such-table', entities: [Doc] }),
    ];
    // A builder kept from an earlier update, and references of each entity, to hand to others.
    tx().update(Doc as never, { id: 'x', part: 'y' } as never, ((u: any) => (foreignBuilder = u.set({ title: 'foreign' }))) as never);
    tx().check(Doc as never, { id: 'x', part: 'y' } as never, ((t: any, op: any) => ((kept.docRef = t.notes.at(1)), op.exists(t.title))) as never);
    tx().check(Hooked as never, { id: 'x', part: 'y' } as never, ((t: any, op: any) => ((kept.hookedRef = t.detail.geo.city), op.exists(t.title))) as never);

    const runs = Math.ceil(CALLS / 4); // about 5 calls per run: the count is asserted below
    let run = 0;
    const details = await fc.check(
      fc.asyncProperty(scenario, async (s) => {
        vi.setSystemTime(Date.UTC(2027, 2, 15) + ++run * 1000);
        if (s.bulk) return bulk();
        for (const { call: o, options: feedOptions } of s.others) {
          call(`other ${o.which}`, () => runOther(o.which, o.args, o.which === 'changeFeed' ? feedOptions : o.feedOptions));
          expect(Object.getOwnPropertyNames(Object.prototype).sort().join(','), `Object.prototype changed by ${o.which}()`).toBe(prototypeBefore);
        }
        const started = call('start', () => start(s.builder));
        // A feed that is not one made by changeFeed() is refused, never quietly left out.
        if (s.builder.kind === 'feed' && ['spread', 'derived', 'proxy'].includes(s.builder.feed as string)) expect(started.ok, `a forged feed (${String(s.builder.feed)}) was taken`).toBe(false);
        if (!started.ok) return;
        let t = started.value;
        for (const a of s.actions) {
          const result = call(`${a.verb}() of ${a.entity}`, () => addAction(t, a));
          if (result.ok) t = result.value;
        }
        const feed = s.builder.kind === 'feed' && typeof s.builder.feed === 'number' ? feeds[s.builder.feed] : undefined;
        if (feed !== undefined) stats.feeds++;
        const transactionId = s.transactionId === 'valid' ? `fz-${SEED}-${++transactionCount}` : s.transactionId;
        const paramsOptions = { ...(s.token === undefined ? {} : { clientRequestToken: s.token }), ...(s.builder.kind === 'feed' ? { transactionId } : {}) };
        const params = call('params()', () => t.params(paramsOptions) as TransactWriteItemsCommandInput);
        if (!params.ok) return;
        stats.accepted++;
        // What params() returned is the caller's: changing it changes nothing the transaction sends later.
        const shown = withoutToken(params.value);
        scribble(params.value);
        const again = t.params(paramsOptions) as TransactWriteItemsCommandInput;
        expectSame(withoutToken(again), shown, 'params() after the caller changed what the first params() returned');
        params.value = again;
        // A feed transaction is sent under the transaction id params() named its manifest by.
        if (!s.execute || (s.builder.kind === 'feed' && s.transactionId !== 'valid')) return;
        await executeAndVerify(t, params.value, feed, feed === undefined ? undefined : (transactionId as string), s.resend);
        if (s.readBack) {
          // Reading back through the entity runs its get hooks: a throwing one is the caller's code.
          const targets = params.value.TransactItems!.filter((i) => !(feed !== undefined && i === params.value.TransactItems!.at(-1)));
          const first = targets[0];
          const put = first?.Put?.Item;
          if (put !== undefined && put.__edb_e__?.S === 'Hooked') {
            calls++;
            try {
              await txGet().get(Hooked as never, { id: put.id!.S, part: put.part!.S } as never).execute(client);
            } catch (error) {
              expectTyped(error, 'txGet().execute()');
            }
          }
        }
      }),
      { numRuns: runs, seed: SEED, endOnFailure: true },
    );
    if (details.failed) {
      throw new Error(`fuzz failure (seed ${SEED}, run ${details.numRuns}): ${String((details.errorInstance as Error)?.message ?? details.errorInstance).slice(0, 6000)}`);
    }
    expect(calls).toBeGreaterThanOrEqual(CALLS);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stats.committed).toBeGreaterThan(0);
    expect(stats.itemsChecked).toBeGreaterThan(0);
    expect(stats.manifestsChecked).toBeGreaterThan(0);
  });
});



// ===== the consumers: the assembler, the poller and the Lambda handler, fed malformed records =====

/** The errors a consumer may hand back: dynatx's typed ones, or the planted error of a callback of ours (onEvent, a client, a store). */
function noteRefusal(where: string, error: unknown) {
  if (!process.env.DYNATX_FUZZ_TALLY) return;
  const reason = `${where}: ${String((error as Error)?.message).replace(/"[^"]*"|'[^']*'|\d+/g, '_').slice(0, 110)}`;
  tally.set(reason, (tally.get(reason) ?? 0) + 1);
}

function expectConsumerError(error: unknown, where: string) {
  noteRefusal(where, error);
  if (error instanceof Planted) {
    consumerStats.callbackErrors++;
    return;
  }
  expectTyped(error, where);
}

const consumerStats = { pushes: 0, refusedPushes: 0, outputs: 0, ticks: 0, restores: 0, handlerInvocations: 0, handlerErrors: 0, polls: 0, refusedOptions: 0, callbackErrors: 0 };
let consumerCalls = 0;

/** Binary values as a Lambda event carries them: base64 text. */
function lambdaForm(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(lambdaForm);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: lambdaForm(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** Stream records of feed transactions, as DynamoDB Streams would carry them (before sequence numbers). */
interface BaseRecord {
  readonly transactionId: string;
  readonly record: StreamRecord;
}

function recordsOf(params: TransactWriteItemsCommandInput, transactionId: string, lambda: boolean): BaseRecord[] {
  const out: BaseRecord[] = [];
  for (const item of params.TransactItems!) {
    let image: Item | undefined;
    let keys: Item;
    if (item.Put) {
      image = item.Put.Item as Item;
      keys = keyFieldsOf(image);
    } else if (item.Update) {
      keys = item.Update.Key as Item;
      // As if the item had been there, with the maps and lists an update may go into.
      const before = { ...keys, detail: { M: { geo: { M: {} } } }, notes: { L: [{ S: 'old' }] } };
      image = applyUpdate(before, keys, item.Update.UpdateExpression!, item.Update.ExpressionAttributeNames, item.Update.ExpressionAttributeValues as Record<string, AttributeValue>);
    } else continue;
    const record = { eventID: `e-${out.length}`, eventName: 'INSERT', dynamodb: { Keys: keys, NewImage: image, StreamViewType: 'NEW_AND_OLD_IMAGES' } };
    out.push({ transactionId, record: (lambda ? lambdaForm(record) : record) as StreamRecord });
  }
  return out;
}

/** A few feed transactions' records per consumer feed: puts (one with a throwing get hook), updates, deletes, checks. */
function basePool(feed: ChangeFeed): BaseRecord[] {
  const pool: BaseRecord[] = [];
  const make = (n: number) => {
    const id = `pool-${feed.name}-${n}`;
    const item = { id: `p${n}`, part: 'x', title: 't', nums: [1, 2], tags: ['a'], notes: ['n'], rows: [{ a: 'r', n: 1 }], detail: { geo: { codes: [1] } }, anything: { b: new Uint8Array([1, 2]), s: new Set([new Uint8Array([3])]) } };
    let t: any = tx({ feed } as never);
    switch (n % 5) {
      case 0:
        t = t.put(Doc, item).update(Doc, { id: `q${n}`, part: 'x' }, (u: any) => u.add({ count: 2 }).append({ notes: ['m'] }));
        break;
      case 1:
        t = t.put(Hooked, { id: `h${n}`, part: 'x', shown: n % 2 === 0 ? 'GETTHROW' : 'fine', title: 'hooked' }).delete(Doc, { id: `p${n - 1}`, part: 'x' });
        break;
      case 2:
        t = t.update(Doc, { id: `p${n}`, part: 'x' }, (u: any) => u.setPath((r: any) => r.detail.geo.city, 'Oslo').prepend({ notes: ['first'] })).check(Doc, { id: `z${n}`, part: 'x' }, (r: any, op: any) => op.exists(r.title));
        break;
      case 3:
        t = t.create(Doc, { ...item, id: `c${n}` }).upsert(Hooked, { id: `u${n}`, part: 'x', title: 'up' });
        break;
      default:
        t = t.patch(Doc, { id: `p${n}`, part: 'x' }, (u: any) => u.removePath((r: any) => r.notes.at(0))).remove(Doc, { id: `r${n}`, part: 'x' });
    }
    const params = t.params({ transactionId: id }) as TransactWriteItemsCommandInput;
    pool.push(...recordsOf(params, id, n % 3 === 2));
  };
  for (let n = 0; n < 10; n++) make(n);
  // A record of an item outside any feed, and a TTL deletion of a manifest.
  pool.push({ transactionId: '', record: { eventName: 'MODIFY', dynamodb: { Keys: { pk: { S: 'x' }, sk: { S: 'y' } }, NewImage: { pk: { S: 'x' }, sk: { S: 'y' }, title: { S: 'outside' } } } } });
  pool.push({ transactionId: '', record: { eventName: 'REMOVE', userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }, dynamodb: { Keys: { pk: { S: 'x' }, sk: { S: 'y' } }, OldImage: { pk: { S: 'x' } } } } });
  return pool;
}

const attributeJunk = fc.constantFrom<unknown>(
  { S: 5 }, { N: 'abc' }, { N: '1e999' }, { N: '' }, { L: 'x' }, { L: [null] }, { L: [{ S: 'a' }, 5] }, { M: null }, { M: 5 }, { M: { a: 5 } }, {}, { BOGUS: 1 }, { S: 'x', N: '1' },
  { B: 'not base64!' }, { B: 5 }, { SS: [1] }, { SS: 'x' }, { NS: ['x'] }, { BS: [5] }, { BOOL: 'yes' }, { NULL: false }, { M: {} }, { L: [] }, { S: '\uD800' },
  null, 'str', 5, [], true,
);
const mutation = fc.record({ path: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), remove: fc.boolean(), value: fc.oneof(attributeJunk, hostile) });
const recordSpec = fc.oneof(
  { weight: 30, arbitrary: fc.record({ base: fc.nat(), mutations: fc.oneof({ weight: 12, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }) }) },
  { weight: 1, arbitrary: hostile.map((value) => ({ hostile: value })) },
);
type RecordSpec = { base: number; mutations: { path: number[]; remove: boolean; value: unknown }[] } | { hostile: unknown };

/** A copy of a base record with junk put in (or a property taken out) along each mutation's path. */
function materialize(pool: BaseRecord[], spec: RecordSpec, sequence: () => string): unknown {
  if (typeof spec !== 'object' || spec === null || !('base' in spec) || typeof spec.base !== 'number') {
    // A hostile record, or an element of a hostile array given as the records.
    return typeof spec === 'object' && spec !== null && 'hostile' in spec ? spec.hostile : spec;
  }
  const base = pool[spec.base % pool.length]!;
  const record = structuredClone(base.record) as Record<string, any>;
  if (record.dynamodb !== undefined) record.dynamodb.SequenceNumber = sequence();
  for (const m of spec.mutations) {
    try {
      let parent: any = record;
      let key: string | undefined;
      for (const pick of m.path) {
        const node = key === undefined ? parent : parent[key];
        if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node)) break;
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        if (key !== undefined) parent = node;
        key = keys[pick % keys.length];
      }
      if (key === undefined) continue;
      if (m.remove) delete parent[key];
      else parent[key] = m.value;
    } catch {
      // inside an earlier mutation's hostile value: leave it
    }
  }
  return record;
}

const shardName = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('s1', 's2') }, { weight: 1, arbitrary: hostile });
const nowArb = fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 200_000 }) }, { weight: 1, arbitrary: hostile });
const step = fc.record({
  kind: fc.oneof({ weight: 8, arbitrary: fc.constant('push' as const) }, { weight: 2, arbitrary: fc.constant('tick' as const) }, { weight: 1, arbitrary: fc.constant('restore' as const) }, { weight: 1, arbitrary: fc.constant('finish' as const) }),
  shard: shardName,
  table: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom('feed', 'other') }, { weight: 1, arbitrary: hostile }),
  records: fc.oneof({ weight: 20, arbitrary: fc.array(recordSpec, { maxLength: 6 }) }, { weight: 1, arbitrary: hostile }),
  now: nowArb,
  hostileBatch: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile }),
});
const consumerOptions = fc.record(
  {
    mode: sometimes(fc.constantFrom('intent', 'image'), 16),
    waitMs: sometimes(fc.constantFrom(0, 1000, 30_000), 16),
    imageTables: sometimes(fc.constantFrom<string[]>([], ['elsewhere']), 16),
    state: fc.oneof({ weight: 24, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: fc.record({ version: sometimes(fc.constant(1), 3), feed: sometimes(fc.constant('c-plain'), 3), mode: sometimes(fc.constant('intent'), 3), checkpoints: sometimes(fc.dictionary(fc.constantFrom('s1', 's2'), fc.constantFrom('5', '10')), 3), emitted: sometimes(fc.array(fc.record({ transactionId: sometimes(text, 4), through: sometimes(fc.dictionary(fc.constantFrom('s1'), fc.constantFrom('3')), 4) })), 3), finishedShards: sometimes(fc.array(fc.constantFrom('s1')), 3) }, { requiredKeys: [] }) }),
  },
  { requiredKeys: [] },
);
const consumerScenario = fc.record({
  runner: fc.oneof({ weight: 6, arbitrary: fc.constant('assembler' as const) }, { weight: 2, arbitrary: fc.constant('poller' as const) }, { weight: 2, arbitrary: fc.constant('handler' as const) }),
  feed: fc.oneof({ weight: 20, arbitrary: fc.nat(2).map((index) => ({ index })) }, { weight: 1, arbitrary: hostile.map((value) => ({ value })) }),
  options: fc.oneof({ weight: 12, arbitrary: consumerOptions.map((opts) => ({ opts })) }, { weight: 1, arbitrary: hostile.map((raw) => ({ raw })) }),
  runnerOptions: fc.record({
    limit: fc.option(sometimes(fc.constantFrom(1, 100, 1000), 4), { nil: undefined, freq: 4 }),
    now: rarely(fc.oneof({ weight: 3, arbitrary: fc.constant(() => 100_000) }, { weight: 1, arbitrary: hostile }), 3),
    checkpoints: fc.option(fc.oneof({ weight: 3, arbitrary: fc.constant('memory') }, { weight: 1, arbitrary: fc.constant('throwing') }, { weight: 1, arbitrary: hostile }), { nil: undefined, freq: 2 }),
    streams: rarely(hostile, 12),
    streamsFail: fc.oneof({ weight: 10, arbitrary: fc.constant('never') }, { weight: 1, arbitrary: fc.constantFrom('planted', 'expired', 'junk') }),
    onEventThrows: fc.oneof({ weight: 10, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    stateTable: sometimes(fc.constant('state'), 12),
    consumer: sometimes(fc.constantFrom('c1', 'c2'), 12),
    leaseMs: fc.option(sometimes(fc.constantFrom(1000, 60_000), 4), { nil: undefined, freq: 4 }),
    stateTtlSeconds: fc.option(sometimes(fc.constantFrom(60, 3600), 4), { nil: undefined, freq: 4 }),
    partitionKey: rarely(hostile, 20),
    sortKey: rarely(hostile, 20),
    ttlAttribute: rarely(hostile, 20),
    onError: rarely(hostile, 20),
  }),
  steps: fc.array(step, { minLength: 1, maxLength: 5 }),
  hostileEvent: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile }),
});

type ConsumerScenario = typeof consumerScenario extends fc.Arbitrary<infer T> ? T : never;

/** A streams client for the poller: one shard (and a closed parent), records from the scenario's steps. */
function fakeStreams(batches: unknown[][], fail: string) {
  let round = 0;
  return {
    async send(command: object) {
      const name = command.constructor.name;
      if (fail !== 'never' && round++ % 3 === 2) {
        if (fail === 'planted') plant('streams');
        if (fail === 'expired') throw Object.assign(new Error('expired'), { name: 'ExpiredIteratorException' });
        return 5;
      }
      if (name === 'DescribeStreamCommand') return { StreamDescription: { Shards: [{ ShardId: 's0', SequenceNumberRange: { EndingSequenceNumber: '1' } }, { ShardId: 's1', ParentShardId: 's0' }] } };
      if (name === 'GetShardIteratorCommand') return { ShardIterator: 'it' };
      if (name === 'GetRecordsCommand') return { Records: batches.shift() ?? [], NextShardIterator: 'it' };
      return {};
    },
  };
}

async function runConsumer(c: ConsumerScenario, consumerFeeds: ChangeFeed[], pools: BaseRecord[][]) {
  const feed = 'index' in c.feed ? consumerFeeds[c.feed.index] : c.feed.value;
  const pool = pools['index' in c.feed ? c.feed.index : 0]!;
  let seq = 100;
  const sequence = () => String((seq += 1 + (seq % 3)));
  const batchOf = (records: unknown) => (Array.isArray(records) ? records.map((r) => materialize(pool, r as RecordSpec, sequence)) : records);
  const pushedIds = new Set<string>();
  const noteIds = (records: unknown) => {
    if (!Array.isArray(records)) return;
    for (const r of records) {
      try {
        const id = (r as any)?.dynamodb?.NewImage?.transactionId?.S;
        if (typeof id === 'string') pushedIds.add(id);
      } catch {
        // a planted getter: not a manifest
      }
    }
  };
  const checkOutputs = (outputs: unknown) => {
    expect(Array.isArray(outputs)).toBe(true);
    const ids = new Set<string>();
    for (const output of outputs as { type: string; transactionId: string; actions: unknown[] }[]) {
      consumerStats.outputs++;
      expect(['transaction', 'images', 'incomplete']).toContain(output.type);
      expect(Array.isArray(output.actions)).toBe(true);
      // Nothing handed out without its manifest, and nothing twice in one go.
      expect(pushedIds.has(output.transactionId), `an output without a manifest: ${String(output.transactionId)}`).toBe(true);
      expect(ids.has(output.transactionId)).toBe(false);
      ids.add(output.transactionId);
    }
  };
  const onEvent = () => {
    if (c.runnerOptions.onEventThrows) plant('onEvent');
  };

  if (c.runner === 'assembler') {
    consumerCalls++;
    let assembler: FeedAssembler;
    try {
      assembler = new FeedAssembler(feed as never, ('raw' in c.options ? c.options.raw : c.options.opts) as never);
    } catch (error) {
      consumerStats.refusedOptions++;
      noteRefusal('new FeedAssembler()', error);
      expectTyped(error, 'new FeedAssembler()');
      return;
    }
    for (const st of c.steps) {
      consumerCalls++;
      const before = JSON.stringify(assembler.state());
      if (st.kind === 'push') {
        consumerStats.pushes++;
        const records = batchOf(st.records);
        const batch = st.hostileBatch ?? { shard: st.shard, table: st.table === 'feed' ? (feed as ChangeFeed).table : st.table, records };
        try {
          const outputs = assembler.push(batch as never, st.now as never);
          noteIds(records);
          checkOutputs(outputs);
        } catch (error) {
          consumerStats.refusedPushes++;
          noteRefusal('push()', error);
          expectTyped(error, 'push()');
          // A refused batch changes nothing: the same assembler goes on as if it never came.
          if ((error as DynatxError).code !== 'UserCodeFailed') expect(JSON.stringify(assembler.state()), `a refused push changed the state: ${(error as Error).message}`).toBe(before);
          else return;
        }
      } else if (st.kind === 'tick') {
        consumerStats.ticks++;
        try {
          checkOutputs(assembler.tick(st.now as never));
        } catch (error) {
          expectTyped(error, 'tick()');
          if ((error as DynatxError).code !== 'UserCodeFailed') expect(JSON.stringify(assembler.state())).toBe(before);
          else return;
        }
      } else if (st.kind === 'finish') {
        try {
          assembler.finishShard(st.shard as never);
        } catch (error) {
          expectTyped(error, 'finishShard()');
        }
      } else {
        // What state() says can always be restored, also through JSON.
        consumerStats.restores++;
        const state = JSON.parse(JSON.stringify(assembler.state()));
        const options = 'opts' in c.options ? c.options.opts : {};
        assembler = new FeedAssembler(feed as never, { ...options, mode: assembler.mode, state } as never);
        expect(JSON.stringify(assembler.state())).toBe(JSON.stringify(state));
      }
    }
    return;
  }

  if (c.runner === 'poller') {
    const batches = c.steps.map((st) => batchOf(st.records) as unknown[]);
    for (const b of batches) noteIds(b);
    const store = c.runnerOptions.checkpoints === 'memory' ? undefined : c.runnerOptions.checkpoints === 'throwing' ? { load: () => undefined, save: () => plant('save') } : c.runnerOptions.checkpoints;
    const options = {
      ...('opts' in c.options ? c.options.opts : {}),
      streams: c.runnerOptions.streams ?? fakeStreams(batches, c.runnerOptions.streamsFail),
      streamArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/consumer-table/stream/2027-01-01T00:00:00.000',
      onEvent,
      ...(store === undefined ? {} : { checkpoints: store }),
      ...(c.runnerOptions.limit === undefined ? {} : { limit: c.runnerOptions.limit }),
      ...(c.runnerOptions.now === undefined ? {} : { now: c.runnerOptions.now }),
    };
    let poller;
    consumerCalls++;
    try {
      poller = createFeedPoller(feed as never, ('raw' in c.options ? c.options.raw : options) as never);
    } catch (error) {
      consumerStats.refusedOptions++;
      noteRefusal('createFeedPoller()', error);
      expectTyped(error, 'createFeedPoller()');
      return;
    }
    for (let i = 0; i < Math.min(3, batches.length + 1); i++) {
      consumerCalls++;
      consumerStats.polls++;
      try {
        const round = await poller.pollOnce();
        checkOutputs(round.outputs);
      } catch (error) {
        expectConsumerError(error, 'pollOnce()');
      }
    }
    return;
  }

  // The Lambda handler, with its state in the fuzz table (and a client that fails every third call, now and then).
  const onErrors: unknown[] = [];
  let clientCalls = 0;
  const options = {
    ...('opts' in c.options ? c.options.opts : {}),
    client: c.runnerOptions.streamsFail === 'planted' ? { send: (command: object) => (++clientCalls % 3 === 0 ? Promise.reject(new Planted('client')) : table.client.send(command as never)) } : table.client,
    stateTable: c.runnerOptions.stateTable === 'state' ? table.tableName : c.runnerOptions.stateTable,
    consumer: c.runnerOptions.consumer,
    onEvent,
    onError: c.runnerOptions.onError ?? ((error: unknown) => void onErrors.push(error)),
    ...(c.runnerOptions.leaseMs === undefined ? {} : { leaseMs: c.runnerOptions.leaseMs }),
    ...(c.runnerOptions.stateTtlSeconds === undefined ? {} : { stateTtlSeconds: c.runnerOptions.stateTtlSeconds }),
    ...(c.runnerOptions.partitionKey === undefined ? {} : { partitionKey: c.runnerOptions.partitionKey }),
    ...(c.runnerOptions.sortKey === undefined ? {} : { sortKey: c.runnerOptions.sortKey }),
    ...(c.runnerOptions.ttlAttribute === undefined ? {} : { ttlAttribute: c.runnerOptions.ttlAttribute }),
    ...(c.runnerOptions.now === undefined ? {} : { now: c.runnerOptions.now }),
  };
  let handler;
  consumerCalls++;
  try {
    handler = feedStreamHandler(feed as never, ('raw' in c.options ? c.options.raw : options) as never);
  } catch (error) {
    consumerStats.refusedOptions++;
    noteRefusal('feedStreamHandler()', error);
    expectTyped(error, 'feedStreamHandler()');
    return;
  }
  for (const st of c.steps.slice(0, 2)) {
    const records = batchOf(st.records);
    noteIds(records);
    const withArn = (r: unknown) => {
      try {
        return typeof r === 'object' && r !== null ? { ...r, eventSourceARN: `arn:aws:dynamodb:ddblocal:000000000000:table/${(feed as ChangeFeed)?.table}/stream/x` } : r;
      } catch {
        return r; // a planted getter: as it is
      }
    };
    const event = c.hostileEvent ?? { Records: Array.isArray(records) ? records.map(withArn) : records };
    consumerCalls++;
    consumerStats.handlerInvocations++;
    try {
      const response = await handler(event as never);
      expect(Array.isArray(response.batchItemFailures)).toBe(true);
    } catch (error) {
      expectConsumerError(error, 'the Lambda handler');
    }
  }
  for (const error of onErrors) {
    consumerStats.handlerErrors++;
    // The state table's own answer (its key attributes differ from the options given) is passed on as it is, as documented.
    if (typeof error === 'object' && error !== null && '$metadata' in error) continue;
    expectConsumerError(error, 'the Lambda handler (onError)');
  }
}

describe('hostile records and options to the change feed consumers', () => {
  test(`at least ${CALLS} calls: typed errors only, malformed records refused without a trace, nothing invented`, { timeout: 900_000 }, async () => {
    vi.setSystemTime(Date.UTC(2027, 2, 15));
    const consumerFeeds = [
      changeFeed({ name: 'c-plain', table: table.tableName, entities: [Doc, Hooked] }),
      changeFeed({ name: 'c-full', table: table.tableName, entities: [Doc, Hooked], include: { putItems: true, updates: true } }),
      changeFeed({ name: 'c-unmarked', table: table.tableName, entities: [Doc], marker: false, include: { putItems: true } }),
    ];
    const pools = consumerFeeds.map(basePool);
    const runs = Math.ceil(CALLS / 2); // about 2.5 calls per run: the count is asserted below
    const details = await fc.check(
      fc.asyncProperty(consumerScenario, async (c) => {
        await runConsumer(c, consumerFeeds, pools);
        expect(Object.getOwnPropertyNames(Object.prototype).sort().join(','), 'Object.prototype changed').toBe(prototypeBefore);
      }),
      { numRuns: runs, seed: SEED, endOnFailure: true },
    );
    if (details.failed) {
      throw new Error(`fuzz failure (seed ${SEED}, run ${details.numRuns}): ${String((details.errorInstance as Error)?.message ?? details.errorInstance).slice(0, 6000)}\n${(details.errorInstance as Error)?.stack?.slice(0, 3000)}`);
    }
    expect(consumerCalls).toBeGreaterThanOrEqual(CALLS);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(prototypeBefore);
    expect(consumerStats.outputs).toBeGreaterThan(0);
  });
});

afterAll(() => {
  // DYNATX_FUZZ_TALLY=1: the most frequent refusals, to see where the generators spend their calls.
  if (process.env.DYNATX_FUZZ_TALLY) console.log([...tally].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([r, n]) => `${n} ${r}`).join('\n'));
  console.log(`fuzz v2 producer: ${calls} calls, ${JSON.stringify(stats)}, list SETs past the end appended: ${modelNotes.appendedPastEnd}`);
  console.log(`fuzz v2 consumers: ${consumerCalls} calls, ${JSON.stringify(consumerStats)}`);
});
