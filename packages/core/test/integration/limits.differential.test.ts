/**
 * The pre-flight against the engine. Transactions are generated near and over every limit a
 * client can check (item size, request payload, numbers, nesting, key sizes, map keys, sets,
 * condition operators, expression length) and each one is sent twice to DynamoDB Local:
 *
 * - raw: the request dynatx would send if it checked nothing (built here by a reference
 *   encoder, or from dynatx's own action nodes with the pre-flight skipped), to table "raw";
 * - through dynatx: `params()`, then `execute()` to table "checked", when dynatx accepts it.
 *
 * Every verdict pair goes into a confusion matrix, printed at the end. The targets: no false
 * rejection (dynatx refuses what DynamoDB accepts), no miss (dynatx accepts what DynamoDB
 * refuses) except the documented one, an update that grows a stored item past 400 KB, which no
 * client can see. When dynatx accepts, its params must equal the raw request, and what each
 * table stores must be the same; after every rejection, none of the case's items exist.
 *
 * Size: DYNATX_DIFFERENTIAL_CASES (default 240 generated cases, plus the fixed boundary cases).
 */
import {
  BatchGetItemCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { createTableFor, seededRandom } from '@dynatx/testing';
import { useDynamoDB } from '@dynatx/testing/vitest';
import { Entity } from 'electrodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DynatxError, LIMITS, tx, type DynamicWriteTransaction } from '../../src/index.js';
import { compileAction } from '../../src/compiler/transaction-compiler.js';
import { itemSize } from '../../src/schema/marshal.js';
import { payloadBytes } from '../../src/preflight/preflight.js';
import type { ActionNode } from '../../src/nodes/action-node.js';

const CASES = Number(process.env.DYNATX_DIFFERENTIAL_CASES ?? 240);

const schema = {
  model: { entity: 'cell', version: '1', service: 'lim' },
  attributes: {
    id: { type: 'string', required: true },
    part: { type: 'string', required: true },
    s: { type: 'string' },
    n: { type: 'number' },
    anything: { type: 'any' },
    tags: { type: 'set', items: 'string' },
    g: { type: 'string' },
    h: { type: 'string' },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: ['part'] } },
    byG: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['g'] }, sk: { field: 'gsi1sk', composite: ['h'] } },
  },
} as const;
const Raw = new Entity(schema, { table: 'limits-raw' });
const Checked = new Entity(schema, { table: 'limits-checked' });

const dynamodb = useDynamoDB();
beforeAll(async () => {
  await createTableFor(dynamodb.client, [Raw], { tableName: 'limits-raw' });
  await createTableFor(dynamodb.client, [Checked], { tableName: 'limits-checked' });
});

// ----- the cases -----

type Attributes = { readonly [name: string]: unknown };
interface Put {
  readonly kind: 'put';
  readonly key: { id: string; part: string };
  readonly attributes: Attributes;
}
interface Case {
  readonly category: string;
  readonly name: string;
  /** The actions as dynatx calls, against the given entity. */
  build(entity: typeof Checked): DynamicWriteTransaction;
  /** The raw request, for when dynatx refuses before making its nodes. */
  raw?: () => TransactWriteItemsCommandInput;
  /** The documented blind spot: an update that grows a stored item. Its pre-state is written first. */
  seed?: Put;
  /** Keys of every item the case writes, to prove a rejected case wrote nothing. */
  keys: readonly { id: string; part: string }[];
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

/** What dynatx would send for a value in an `any` attribute, written independently of dynatx. */
function reference(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'bigint') return { N: value.toString() };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof NumberValue) return { N: value.value };
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: value.map(reference) };
  if (value instanceof Set) {
    const members = [...value];
    if (typeof members[0] === 'string') return { SS: members as string[] };
    if (members[0] instanceof Uint8Array) return { BS: members as Uint8Array[] };
    return { NS: members.map((m) => (reference(m) as { N: string }).N) };
  }
  const map: Record<string, AttributeValue> = {};
  for (const [key, member] of Object.entries(value as object)) {
    Object.defineProperty(map, key, { value: reference(member), enumerable: true, writable: true, configurable: true });
  }
  return { M: map };
}

/** The raw put of an item: ElectroDB's own key fields and identifiers, then the attributes. */
function rawPut(table: string, put: Put): TransactWriteItem {
  const entity = table === 'limits-raw' ? Raw : Checked;
  const keyed = entity.put({ ...put.key, ...pick(put.attributes, ['g', 'h']) } as never).params() as { Item: Record<string, string> };
  const item: Record<string, AttributeValue> = {};
  for (const [field, value] of Object.entries(keyed.Item)) item[field] = { S: value };
  for (const [name, value] of Object.entries(put.attributes)) {
    if (value === undefined) continue;
    item[name] = name === 'tags' ? { SS: [...new Set(value as string[])] } : name === 'n' ? { N: String(value) } : reference(value);
  }
  return { Put: { TableName: table, Item: item } };
}

function pick(attributes: Attributes, names: readonly string[]): Attributes {
  return Object.fromEntries(names.filter((n) => attributes[n] !== undefined).map((n) => [n, attributes[n]]));
}

function putCase(category: string, name: string, puts: readonly Put[]): Case {
  return {
    category,
    name,
    build: (entity) => puts.reduce((t, put) => (t as any).put(entity, { ...put.key, ...put.attributes }), tx() as any),
    raw: () => ({ TransactItems: puts.map((put) => rawPut('limits-raw', put)) }),
    keys: puts.map((p) => p.key),
  };
}

const base = (prefix: string): Put['key'] => ({ id: nextId(prefix), part: 'p' });

/** A put padded with `s` to exactly `target` bytes (by dynatx's own size of the rest). */
function paddedPut(key: Put['key'], attributes: Attributes, target: number): Put {
  const without = itemSize(rawPut('limits-raw', { kind: 'put', key, attributes: { ...attributes, s: '' } }).Put!.Item!);
  return { kind: 'put', key, attributes: { ...attributes, s: 'x'.repeat(Math.max(0, target - without)) } };
}

const rand = seededRandom(20261128); // the same cases on every run
const int = (max: number) => Math.floor(rand() * max);
const pickOne = <T>(values: readonly T[]): T => values[int(values.length)]!;

/** Filler values of every kind, to move sizes around the boundaries. */
function filler(depth = 0): unknown {
  const kinds = depth > 2 ? 6 : 9;
  switch (int(kinds)) {
    case 0:
      return pickOne(['', 'a', 'é', '漢字', 'x'.repeat(int(40))]);
    case 1:
      return pickOne([0, 1, -1, 15, 150, 1500, 0.001, -0.5, 10.01, 123456789, 1e20, -9.87e-100, 2 ** 60]);
    case 2:
      return new NumberValue(pickOne(['1', '12345678901234567890123456789012345678', '-1.2345678901234567890123456789012345678', '9.9999999999999999999999999999999999999E+125', '1E-130', '007', '+5', '.5', '5.']));
    case 3:
      return pickOne([true, false, null]);
    case 4:
      return new Uint8Array(int(20));
    case 5:
      return pickOne([new Set(['a', 'bb']), new Set([1, 22, -3]), new Set([new Uint8Array([1]), new Uint8Array([2, 3])])]);
    case 6:
      return Array.from({ length: int(4) }, () => filler(depth + 1));
    case 7: {
      const map: Record<string, unknown> = {};
      for (let i = int(4); i > 0; i--) map[pickOne(['k', 'ké', '漢', 'longer key', `k${i}`])] = filler(depth + 1);
      return map;
    }
    default:
      return 12n ** BigInt(int(30));
  }
}

function nested(levels: number, shape: 'list' | 'map' | 'mixed'): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = shape === 'list' || (shape === 'mixed' && i % 2 === 0) ? [value] : { k: value };
  return value;
}

function cases(): Case[] {
  const all: Case[] = [];
  const limit = LIMITS.itemBytes;

  // Items at 400 KB: exactly, one byte over, one under, with every kind of value beside the padding.
  for (let i = 0; i < Math.ceil(CASES * 0.3); i++) {
    const delta = pickOne([-1, 0, 0, 1]);
    const attributes: Record<string, unknown> = { anything: { a: filler(), b: filler(), c: filler() } };
    if (rand() < 0.5) attributes.n = pickOne([1, 150, -12.5, 1e125, 3.14159]);
    if (rand() < 0.3) attributes.tags = ['x', 'y', 'x'];
    if (rand() < 0.3) Object.assign(attributes, { g: `g${int(9)}é`, h: 'h' });
    all.push(putCase('item size', `400 KB ${delta >= 0 ? '+' : ''}${delta}`, [paddedPut(base('item'), attributes, limit + delta)]));
  }

  // The request payload at 4 MB: ten full items and an eleventh action that tips it or not.
  for (let i = 0; i < Math.ceil(CASES * 0.15); i++) {
    const delta = pickOne([-1, 0, 1, 7]);
    const full = Array.from({ length: 10 }, () => paddedPut(base('payload'), { anything: filler() }, limit));
    const used = full.reduce((sum, put) => sum + itemSize(rawPut('limits-raw', put).Put!.Item!), 0);
    const last = paddedPut(base('payload'), { anything: filler() }, LIMITS.transactionBytes - used + delta);
    all.push(putCase('payload', `4 MB of puts ${delta >= 0 ? '+' : ''}${delta}`, [...full, last]));
  }
  for (const kind of ['update', 'check', 'delete'] as const) {
    for (const delta of [-1, 0, 1]) {
      const full = Array.from({ length: 10 }, () => paddedPut(base('payload'), {}, limit));
      const used = full.reduce((sum, put) => sum + itemSize(rawPut('limits-raw', put).Put!.Item!), 0);
      const key = base('payload');
      // The eleventh action carries a value sized to land the payload on 4 MB + delta.
      const sized = (entity: typeof Checked, length: number) => {
        const t = full.reduce((acc, put) => (acc as any).put(entity, { ...put.key, ...put.attributes }), tx() as any);
        if (kind === 'update') return t.update(entity, key, (u: any) => u.set({ s: 'v'.repeat(length) }));
        if (kind === 'check') return t.check(entity, key, (c: any, op: any) => op.ne(c.s, 'v'.repeat(length)));
        return t.delete(entity, key, { if: (c: any, op: any) => op.ne(c.s, 'v'.repeat(length)) });
      };
      const probe = rawRequest(sized(Checked, 0));
      const payload = probe ? payloadOf(probe) : 0;
      const length = LIMITS.transactionBytes - payload + delta;
      all.push({
        category: 'payload',
        name: `4 MB with an ${kind} ${delta >= 0 ? '+' : ''}${delta} (${used} in puts)`,
        build: (entity) => sized(entity, length),
        keys: [...full.map((p) => p.key), key],
      });
    }
  }

  // Numbers at DynamoDB's range and precision, exact (NumberValue, bigint) and JavaScript's.
  const numbers: unknown[] = [
    new NumberValue('9.9999999999999999999999999999999999999e125'),
    new NumberValue('1e126'),
    new NumberValue('-1e126'),
    new NumberValue('1e-130'),
    new NumberValue('-1e-130'),
    new NumberValue('1e-131'),
    new NumberValue('12345678901234567890123456789012345678'),
    new NumberValue('123456789012345678901234567890123456789'),
    new NumberValue('1234567890123456789012345678901234567800000'),
    new NumberValue('0.00012345678901234567890123456789012345678'),
    new NumberValue('+5'),
    new NumberValue('.5'),
    new NumberValue('5.'),
    new NumberValue('007'),
    new NumberValue('1E+5'),
    new NumberValue(' 5'),
    new NumberValue('0x10'),
    new NumberValue('1e'),
    10n ** 37n,
    10n ** 38n + 1n,
    -(10n ** 125n),
    10n ** 126n,
    9.999999999999999e125,
    1e126,
    1e-130,
    9e-131,
    -0,
  ];
  for (const number of numbers) {
    all.push(putCase('numbers', `any: ${String(number instanceof NumberValue ? number.value : number)}`, [{ kind: 'put', key: base('num'), attributes: { anything: number } }]));
  }
  for (const n of [9.999999999999999e125, 1e126, -1e126, 1e-130, 9e-131, -1e-130]) {
    all.push(putCase('numbers', `number attribute: ${n}`, [{ kind: 'put', key: base('num'), attributes: { n } }]));
  }
  all.push(putCase('numbers', 'NS with 1 and 1.0', [{ kind: 'put', key: base('num'), attributes: { anything: new Set([new NumberValue('1'), new NumberValue('1.0')]) } }]));
  all.push(putCase('numbers', 'NS with 0 and -0 as text', [{ kind: 'put', key: base('num'), attributes: { anything: new Set([new NumberValue('0'), new NumberValue('-0')]) } }]));

  // Nesting: 31 lists and maps inside one attribute are accepted, 32 are not.
  for (const shape of ['list', 'map', 'mixed'] as const) {
    for (const levels of [30, 31, 32, 33]) {
      all.push(putCase('nesting', `${levels} nested (${shape})`, [{ kind: 'put', key: base('nest'), attributes: { anything: nested(levels, shape) } }]));
    }
  }

  // Key sizes: table partition 2,048 bytes and sort 1,024; index keys likewise; never empty.
  const pkPrefix = '$lim#id_'.length;
  const skPrefix = '$cell_1#part_'.length;
  for (const [label, filler2] of [['ASCII', 'k'], ['2-byte', 'é'], ['3-byte', '漢']] as const) {
    const width = Buffer.byteLength(filler2);
    // A unique ASCII start, then the filler to the exact byte length.
    const sized = (bytes: number, start: string) => {
      const rest = bytes - start.length;
      return start + filler2.repeat(Math.floor(rest / width)) + 'k'.repeat(rest % width);
    };
    for (const delta of [0, 1]) {
      const id = sized(2048 - pkPrefix + delta * width, nextId('pk'));
      all.push(putCase('keys', `partition key ${label} ${2048 + delta * width} bytes`, [{ kind: 'put', key: { id, part: 'p' }, attributes: {} }]));
      const part = sized(1024 - skPrefix + delta * width, 'p');
      all.push(putCase('keys', `sort key ${label} ${1024 + delta * width} bytes`, [{ kind: 'put', key: { id: nextId('sk'), part }, attributes: {} }]));
    }
  }
  for (const delta of [0, 1]) {
    const g = 'g'.repeat(2048 - '$lim#g_'.length + delta);
    all.push(putCase('keys', `index partition key ${2048 + delta} bytes`, [{ kind: 'put', key: base('gsi'), attributes: { g, h: 'h' } }]));
    const h = 'h'.repeat(1024 - '$cell_1#h_'.length + delta);
    all.push(putCase('keys', `index sort key ${1024 + delta} bytes`, [{ kind: 'put', key: base('gsi'), attributes: { g: 'g', h } }]));
  }

  // Map keys, empty values, sets.
  const odd: [string, unknown][] = [
    ['an empty map key', { '': 1 }],
    ['an empty string', ''],
    ['an empty binary', new Uint8Array(0)],
    ['an empty string in a set', new Set([''])],
    ['an empty map', {}],
    ['an empty list', []],
    ['a key of 50,000 characters', { ['k'.repeat(50_000)]: 1 }],
    ['a JSON __proto__ key', JSON.parse('{"__proto__": 1}')],
    ['binary set with equal members', new Set([new Uint8Array([1]), new Uint8Array([1])])],
  ];
  for (const [name, value] of odd) all.push(putCase('values', name, [{ kind: 'put', key: base('odd'), attributes: { anything: value } }]));
  all.push(putCase('values', 'a typed set with duplicates (de-duplicated, as ElectroDB does)', [{ kind: 'put', key: base('odd'), attributes: { tags: ['a', 'a', 'b'] } }]));

  // Condition operators (300) and expression length (4 KB).
  const operatorShapes: [string, number, (c: any, op: any) => unknown][] = [
    ['exists', 1, (c, op) => op.exists(c.s)],
    ['not exists', 2, (c, op) => op.not(op.exists(c.s))],
    ['size compare', 2, (c, op) => op.gt(op.size(c.s), 1)],
    ['between', 1, (c, op) => op.between(c.n, 1, 2)],
    ['in', 1, (c, op) => op.in(c.n, [1, 2])],
    ['eq', 1, (c, op) => op.eq(c.s, 'v')],
  ];
  for (const [name, cost, make] of operatorShapes) {
    for (const target of [299, 300, 301, 302]) {
      const count = Math.max(1, Math.round((target + 1) / (cost + 1)));
      const key = base('ops');
      all.push({
        category: 'operators',
        name: `${count} x ${name} (${count * cost + count - 1} operators)`,
        build: (entity) => (tx() as any).check(entity, key, (c: any, op: any) => op.or(...Array.from({ length: count }, () => make(c, op)))),
        keys: [key],
      });
    }
  }
  for (let i = 0; i < Math.ceil(CASES * 0.1); i++) {
    const lists = 6 + int(4);
    const size = 90 + int(11);
    const key = base('expr');
    all.push({
      category: 'expression length',
      name: `${lists} IN lists of ${size}`,
      build: (entity) =>
        (tx() as any).check(entity, key, (c: any, op: any) => op.or(...Array.from({ length: lists }, (_, j) => op.in(c.n, Array.from({ length: size }, (_, k) => j * 1000 + k))))),
      keys: [key],
    });
  }

  // Updates: their own values within 400 KB; the stored item's growth is the documented blind spot.
  for (const delta of [-1, 0, 1]) {
    const key = base('upd');
    const probe = rawRequest((tx() as any).update(Checked, key, (u: any) => u.set({ s: '' })))!;
    const used = updateOwnBytes(probe.TransactItems![0]!);
    all.push({
      category: 'update size',
      name: `an update writing 400 KB ${delta >= 0 ? '+' : ''}${delta} to a new item`,
      build: (entity) => (tx() as any).update(entity, key, (u: any) => u.set({ s: 'u'.repeat(limit - used + delta) })),
      keys: [key],
    });
  }
  {
    const key = base('grow');
    all.push({
      category: 'update growth (documented)',
      name: 'an update that grows a stored 300 KB item past 400 KB',
      seed: { kind: 'put', key, attributes: { anything: 'x'.repeat(300 * 1024) } },
      build: (entity) => (tx() as any).update(entity, key, (u: any) => u.set({ s: 'y'.repeat(200 * 1024) })),
      keys: [key],
    });
  }
  return all;
}

/** The request dynatx's nodes make with the pre-flight skipped; undefined if building fails. */
function rawRequest(t: unknown): TransactWriteItemsCommandInput | undefined {
  try {
    const actions = (t as { actions(): ActionNode[] }).actions();
    return { TransactItems: actions.map((action) => compileAction(action)) };
  } catch {
    return undefined;
  }
}

function payloadOf(input: TransactWriteItemsCommandInput): number {
  return input.TransactItems!.reduce((sum, item) => sum + payloadBytes(item), 0);
}

function updateOwnBytes(item: TransactWriteItem): number {
  const update = item.Update!;
  const values = update.ExpressionAttributeValues ?? {};
  let bytes = itemSize(update.Key!);
  for (const [, name, value] of update.UpdateExpression!.matchAll(/(#\d+) = (:\d+)/g)) {
    bytes += itemSize({ [update.ExpressionAttributeNames![name!]!]: values[value!]! });
  }
  return bytes;
}

// ----- running them -----

type Verdict = 'accepted' | 'rejected';
interface Outcome {
  category: string;
  name: string;
  dynatx: Verdict;
  engine: Verdict;
  why: string;
}
const outcomes: Outcome[] = [];

/**
 * The engine's verdict on a request: accepted when it committed, or was cancelled only because a
 * condition was false (a valid request); rejected when DynamoDB found it invalid.
 */
async function send(input: TransactWriteItemsCommandInput): Promise<{ verdict: Verdict; committed: boolean; why: string }> {
  try {
    await dynamodb.client.send(new TransactWriteItemsCommand(input));
    return { verdict: 'accepted', committed: true, why: '' };
  } catch (error) {
    const e = error as { name?: string; message?: string; CancellationReasons?: { Code?: string }[] };
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code).filter((c) => c !== 'None');
    const conditionOnly = e.name === 'TransactionCanceledException' && codes.length > 0 && codes.every((c) => c === 'ConditionalCheckFailed');
    return { verdict: conditionOnly ? 'accepted' : 'rejected', committed: false, why: `${e.name}${codes.length ? ` [${codes.join(',')}]` : ''}: ${String(e.message).slice(0, 100)}` };
  }
}

/** dynatx's own execution of the same transaction, to the other table. */
async function execute(c: Case): Promise<{ verdict: Verdict; committed: boolean }> {
  try {
    const result = (await c.build(Checked).execute(dynamodb.client, { retry: false })) as
      | { committed: true }
      | { committed: false; failed: readonly { code: string }[] };
    if (result.committed) return { verdict: 'accepted', committed: true };
    return { verdict: result.failed.every((r) => r.code === 'ConditionalCheckFailed') ? 'accepted' : 'rejected', committed: false };
  } catch (error) {
    if (!(error instanceof DynatxError)) throw error;
    return { verdict: 'rejected', committed: false };
  }
}

async function present(table: string, keys: Case['keys']): Promise<number> {
  const entity = table === 'limits-raw' ? Raw : Checked;
  const Keys = keys.map((key) => {
    const doc = entity.delete(key).params() as { Key: Record<string, string> };
    return Object.fromEntries(Object.entries(doc.Key).map(([f, v]) => [f, { S: v }]));
  });
  // Key values over DynamoDB's limits cannot even be looked up; such items were never written.
  const readable = Keys.filter((k) => Buffer.byteLength(k.pk!.S!) <= 2048 && Buffer.byteLength(k.sk!.S!) <= 1024);
  if (readable.length === 0) return 0;
  const result = await dynamodb.client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: readable, ConsistentRead: true } } }));
  return result.Responses?.[table]?.length ?? 0;
}

function sameStored(a: Record<string, AttributeValue>[] | undefined, b: Record<string, AttributeValue>[] | undefined) {
  const strip = (items: Record<string, AttributeValue>[] = []) => items.map((item) => JSON.stringify(canonical(item))).sort();
  expect(strip(a)).toEqual(strip(b));
}

function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, k === 'SS' || k === 'NS' || k === 'BS' ? (canonical(v) as string[]).slice().sort() : canonical(v)]);
    return Object.fromEntries(entries.sort(([a], [b]) => (a! < b! ? -1 : 1)));
  }
  return value;
}

describe('pre-flight vs DynamoDB Local, near and over every limit', () => {
  const all = cases();

  test(`${all.length} cases: no false rejection, no miss but the documented one, nothing written on rejection`, { timeout: 600_000 }, async () => {
    for (const c of all) {
      if (c.seed) {
        await send({ TransactItems: [rawPut('limits-raw', c.seed)] });
        await send({ TransactItems: [rawPut('limits-checked', c.seed)] });
      }
      let dynatx: Verdict = 'accepted';
      let why = '';
      let params: TransactWriteItemsCommandInput | undefined;
      try {
        params = c.build(Checked).params();
      } catch (error) {
        if (!(error instanceof DynatxError)) throw error; // an untyped crash is a failure in itself
        dynatx = 'rejected';
        why = error.message.slice(0, 140);
      }
      const raw = c.raw ? c.raw() : rawRequest(c.build(Raw));
      if (raw === undefined) throw new Error(`${c.name}: no raw request could be made`);
      if (params) {
        // The same request: dynatx's params are the raw request, bound for the other table.
        expect(JSON.parse(JSON.stringify(canonical(params)).replaceAll('limits-checked', 'limits-raw'))).toEqual(canonical(raw));
      }
      const engine = await send(raw);
      if (params) {
        const checked = await execute(c);
        expect(checked, `${c.name}: dynatx's own execution`).toEqual({ verdict: engine.verdict, committed: engine.committed });
      }
      if (!engine.committed) {
        expect(await present('limits-raw', c.keys), `${c.name}: written although not committed`).toBe(c.seed ? 1 : 0);
        if (params) expect(await present('limits-checked', c.keys), `${c.name}: written although not committed`).toBe(c.seed ? 1 : 0);
      } else if (params) {
        const keys = c.keys.map((key) => {
          const doc = Raw.delete(key).params() as { Key: Record<string, string> };
          return Object.fromEntries(Object.entries(doc.Key).map(([f, v]) => [f, { S: v }]));
        });
        const read = async (table: string) =>
          (await dynamodb.client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }))).Responses?.[table];
        sameStored(await read('limits-raw'), await read('limits-checked'));
      }
      outcomes.push({ category: c.category, name: c.name, dynatx, engine: engine.verdict, why: dynatx === 'rejected' ? why : engine.why });
    }
    const misses = outcomes.filter((o) => o.dynatx === 'accepted' && o.engine === 'rejected' && !o.category.includes('documented'));
    const falseRejections = outcomes.filter((o) => o.dynatx === 'rejected' && o.engine === 'accepted');
    expect(misses.map((o) => `${o.name}: ${o.why}`)).toEqual([]);
    expect(falseRejections.map((o) => `${o.name}: ${o.why}`)).toEqual([]);
    // The boundaries were really exercised: both verdicts occur in every category but the documented one.
    for (const category of new Set(outcomes.map((o) => o.category))) {
      const verdicts = new Set(outcomes.filter((o) => o.category === category).map((o) => o.engine));
      if (!category.includes('documented')) expect([category, verdicts.size]).toEqual([category, 2]);
    }
  });
});

afterAll(() => {
  const rows = new Map<string, Record<string, number>>();
  for (const o of outcomes) {
    const row = rows.get(o.category) ?? { both: 0, neither: 0, miss: 0, falseRejection: 0 };
    if (o.dynatx === 'accepted' && o.engine === 'accepted') row.both!++;
    else if (o.dynatx === 'rejected' && o.engine === 'rejected') row.neither!++;
    else if (o.dynatx === 'accepted') row.miss!++;
    else row.falseRejection!++;
    rows.set(o.category, row);
  }
  const lines = [
    'pre-flight vs DynamoDB Local (rows: category; accepted by both | rejected by both | missed: dynatx accepted, engine rejected | false rejection)',
    ...[...rows].map(([category, r]) => `  ${category.padEnd(28)} ${String(r.both).padStart(5)} ${String(r.neither).padStart(5)} ${String(r.miss).padStart(5)} ${String(r.falseRejection).padStart(5)}`),
  ];
  const total = { both: 0, neither: 0, miss: 0, fr: 0 };
  for (const r of rows.values()) {
    total.both += r.both!;
    total.neither += r.neither!;
    total.miss += r.miss!;
    total.fr += r.falseRejection!;
  }
  lines.push(`  ${'total'.padEnd(28)} ${String(total.both).padStart(5)} ${String(total.neither).padStart(5)} ${String(total.miss).padStart(5)} ${String(total.fr).padStart(5)}`);
  console.log(lines.join('\n'));
});
