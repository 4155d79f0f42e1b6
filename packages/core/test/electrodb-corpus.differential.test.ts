/**
 * dynatx against ElectroDB itself, on real-world entities: the corpus in `corpus/` holds 72
 * ElectroDB entity definitions from public repositories (hooks, validation, renamed fields,
 * sparse and clustered indexes, templates, casing, padding, collections, ...). For every entity,
 * on the newest and the lowest supported ElectroDB, and for generated inputs:
 *
 * - put, create, delete, remove, check keys, update, patch and upsert: dynatx's request equals
 *   ElectroDB's own `params()` (Items, Keys, update and condition expressions with their
 *   placeholders resolved), marshalled as ElectroDB's DocumentClient would send it;
 * - the verdicts agree: ElectroDB refuses an input (validation, a missing composite, ...) exactly
 *   when dynatx refuses it, with a typed error;
 * - every entity is accepted (no UnsupportedEntityError).
 *
 * Values a hook makes up per call (a `Date.now()` is frozen here; a random id is not) are found by
 * asking ElectroDB twice, and compared for presence only.
 *
 * Size: DYNATX_CORPUS_INPUTS inputs per entity, version and verb (default 40).
 */
import { writeFileSync } from 'node:fs';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Entity as EntityNewest } from 'electrodb';
import { Entity as EntityLowest } from 'electrodb-lowest';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DynatxError, tx } from '../src/index.js';
import { corpus } from './corpus/index.js';
import { changesFor, createRandom, itemFor, keyFor } from './corpus/generate.js';

const INPUTS = Number(process.env.DYNATX_CORPUS_INPUTS ?? 40);
// Two ElectroDB packages, one schema: the entities are built with each one's own Entity class.
const VERSIONS: readonly { version: string; Entity: new (schema: any, config: { table: string }) => any }[] = [
  { version: '3.9.3', Entity: EntityNewest as any },
  { version: '3.0.1', Entity: EntityLowest as any },
];

// ----- what ElectroDB's DocumentClient sends, for a params() object -----

interface DocumentSet {
  wrapperName: 'Set';
  type: 'String' | 'Number' | 'Binary';
  values: unknown[];
}

function toAttributeValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (value instanceof Set || (value as DocumentSet)?.wrapperName === 'Set') {
    const members = value instanceof Set ? [...value] : (value as DocumentSet).values;
    if (typeof members[0] === 'number' || (value as DocumentSet).type === 'Number') return { NS: members.map(String) };
    return { SS: members as string[] };
  }
  const map: Record<string, AttributeValue> = {};
  for (const [key, member] of Object.entries(value as object)) if (member !== undefined) map[key] = toAttributeValue(member);
  return { M: map };
}

const toItem = (document: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(document).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toAttributeValue(v)]));

/** A comparable form: sets sorted, maps by key. */
function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return `B:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => {
          const v = (value as Record<string, unknown>)[k];
          return [k, k === 'SS' || k === 'NS' ? (v as string[]).slice().sort() : canonical(v)];
        }),
    );
  }
  return value;
}

/**
 * An expression with its placeholders replaced by what they stand for, split into its clauses
 * and their parts: `{ SET: ['⟨name⟩ = "BOB"', ...], REMOVE: [...] }`, parts sorted (their order is
 * not part of the meaning).
 */
function resolve(expression: string | undefined, names: Record<string, string> = {}, values: Record<string, AttributeValue> = {}) {
  if (expression === undefined) return undefined;
  // Split the raw expression first (its placeholders hold no brackets or commas), then substitute.
  const substitute = (part: string) =>
    part
      .replace(/#[A-Za-z0-9_]+/g, (placeholder) => `⟨${names[placeholder] ?? placeholder}⟩`)
      .replace(/:[A-Za-z0-9_]+/g, (placeholder) => (values[placeholder] === undefined ? placeholder : JSON.stringify(canonical(values[placeholder]))));
  const clauses: Record<string, string[]> = {};
  let clause = 'CONDITION';
  let depth = 0;
  let part = '';
  const flush = () => {
    if (part.trim()) (clauses[clause] ??= []).push(substitute(part.trim()));
    part = '';
  };
  for (let i = 0; i < expression.length; i++) {
    const keyword = depth === 0 && (i === 0 || expression[i - 1] === ' ') ? /^(SET|REMOVE|ADD|DELETE) /.exec(expression.slice(i)) : null;
    if (keyword) {
      flush();
      clause = keyword[1]!;
      i += keyword[0].length - 1;
      continue;
    }
    const char = expression[i]!;
    if (char === '(' || char === '[') depth++;
    if (char === ')' || char === ']') depth--;
    if (char === ',' && depth === 0 && clause !== 'CONDITION') flush();
    else part += char;
  }
  flush();
  for (const key of Object.keys(clauses)) clauses[key]!.sort();
  return clauses;
}

interface Request {
  Item?: Record<string, AttributeValue>;
  Key?: Record<string, AttributeValue>;
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** ElectroDB's params() in the shape dynatx sends. */
function theirRequest(params: Record<string, any>): Request {
  return {
    Item: params.Item && toItem(params.Item),
    Key: params.Key && toItem(params.Key),
    UpdateExpression: params.UpdateExpression,
    ConditionExpression: params.ConditionExpression,
    ExpressionAttributeNames: params.ExpressionAttributeNames,
    ExpressionAttributeValues: params.ExpressionAttributeValues && toItem(params.ExpressionAttributeValues),
  };
}

function comparable(request: Request, unstable: ReadonlySet<string>) {
  const drop = (item?: Record<string, AttributeValue>) =>
    item && Object.fromEntries(Object.keys(item).sort().map((k) => [k, unstable.has(k) ? '(varies)' : canonical(item[k])]));
  const names = request.ExpressionAttributeNames;
  const values = Object.fromEntries(
    Object.entries(request.ExpressionAttributeValues ?? {}).map(([placeholder, v]) => {
      const attribute = /^:(.*?)(_u0|_u\d+)?$/.exec(placeholder)?.[1];
      return [placeholder, attribute && unstable.has(attribute) ? ({ S: '(varies)' } as AttributeValue) : v];
    }),
  );
  const update = resolve(request.UpdateExpression, names, values);
  // A part that sets an attribute whose value varies per call: compare the target only.
  if (update?.SET) update.SET = update.SET.map((p) => (p.match(/^⟨([^⟩]*)⟩ = /) && unstable.has(/^⟨([^⟩]*)⟩/.exec(p)![1]!) ? `${/^⟨[^⟩]*⟩/.exec(p)![0]} = (varies)` : p)).sort();
  return { Item: drop(request.Item), Key: drop(request.Key), update, condition: resolve(request.ConditionExpression, names, values) };
}

/** Attributes whose value differs between two identical ElectroDB calls (random ids). */
function unstableOf(first: Request, second: Request): Set<string> {
  const unstable = new Set<string>();
  for (const items of [[first.Item, second.Item], [first.Key, second.Key], [first.ExpressionAttributeValues, second.ExpressionAttributeValues]] as const) {
    for (const key of Object.keys(items[0] ?? {})) {
      if (JSON.stringify(canonical(items[0]![key])) !== JSON.stringify(canonical(items[1]?.[key]))) {
        unstable.add(key.startsWith(':') ? (/^:(.*?)(_u\d+)?$/.exec(key)?.[1] ?? key) : key);
        // And the field a varying value is assigned to (`#p = :pen_u0`).
        for (const [, name, value] of (first.UpdateExpression ?? '').matchAll(/(#[A-Za-z0-9_]+) = (:[A-Za-z0-9_]+)/g)) {
          if (value === key) unstable.add(first.ExpressionAttributeNames?.[name!] ?? name!);
        }
      }
    }
  }
  return unstable;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
function attempt<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

// ----- the comparison -----

interface Verb {
  readonly name: string;
  readonly input: (schema: any, rand: () => number) => Record<string, unknown>[];
  readonly electrodb: (entity: any, ...input: any[]) => Record<string, any>;
  readonly dynatx: (entity: any, ...input: any[]) => Request;
}

const body = (t: any) => {
  const item = t.params().TransactItems[0];
  return (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck) as Request;
};
const copy = <T>(value: T): T => structuredClone(value);

const verbs: Verb[] = [
  { name: 'put', input: (s, r) => [itemFor(s, r)], electrodb: (e, i) => e.put(i).params(), dynatx: (e, i) => body((tx() as any).put(e, i)) },
  { name: 'create', input: (s, r) => [itemFor(s, r)], electrodb: (e, i) => e.create(i).params(), dynatx: (e, i) => body((tx() as any).create(e, i)) },
  { name: 'delete', input: (s, r) => [keyFor(s, r)], electrodb: (e, k) => e.delete(k).params(), dynatx: (e, k) => body((tx() as any).delete(e, k)) },
  { name: 'remove', input: (s, r) => [keyFor(s, r)], electrodb: (e, k) => e.remove(k).params(), dynatx: (e, k) => body((tx() as any).remove(e, k)) },
  {
    name: 'check',
    input: (s, r) => [keyFor(s, r)],
    electrodb: (e, k) => ({ Key: e.delete(k).params().Key }),
    dynatx: (e, k) => ({ Key: body((tx() as any).check(e, k, (t: any, op: any) => op.exists(t[Object.keys(t)[0]!]))).Key }),
  },
  {
    name: 'update',
    input: (s, r) => [keyFor(s, r), changesFor(s, r)],
    electrodb: (e, k, c) => e.update(k).set(c).params(),
    dynatx: (e, k, c) => body((tx() as any).update(e, k, (u: any) => u.set(c))),
  },
  {
    name: 'patch',
    input: (s, r) => [keyFor(s, r), changesFor(s, r)],
    electrodb: (e, k, c) => e.patch(k).set(c).params(),
    dynatx: (e, k, c) => body((tx() as any).patch(e, k, (u: any) => u.set(c))),
  },
  { name: 'upsert', input: (s, r) => [itemFor(s, r)], electrodb: (e, i) => e.upsert(i).params(), dynatx: (e, i) => body((tx() as any).upsert(e, i)) },
];

/** Verbs whose input ElectroDB could not use at all (e.g. an update with nothing to set). */
const isEmptyUpdate = (verb: Verb, input: Record<string, unknown>[]) => (verb.name === 'update' || verb.name === 'patch') && Object.keys(input[1]!).length === 0;

const tally = new Map<string, { same: number; bothRefused: number; mismatches: string[] }>();

describe.each(VERSIONS)('ElectroDB $version: dynatx writes what ElectroDB writes, refuses what it refuses', ({ version, Entity }) => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  const entries = corpus.filter((entry) => entry.minElectroDB === undefined || version !== '3.0.1');

  test.each(entries.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const entity = new Entity(entry.schema, { table: 'corpus' });
    const seed = [...entry.name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
    const mismatches: string[] = [];
    let same = 0;
    let bothRefused = 0;
    for (const verb of verbs) {
      const rand = createRandom(seed ^ verb.name.length);
      for (let i = 0; i < INPUTS; i++) {
        const input = verb.input(entry.schema, rand);
        if (isEmptyUpdate(verb, input)) continue;
        const first = attempt(() => theirRequest(verb.electrodb(entity, ...copy(input))));
        const ours = attempt(() => verb.dynatx(entity, ...copy(input)));
        const ourError = ours.ok ? undefined : ours.error;
        if (!ours.ok && !(ourError instanceof DynatxError)) {
          mismatches.push(`${verb.name} ${JSON.stringify(input)}: untyped ${String(ourError)}`);
          continue;
        }
        if (ourError !== undefined && (ourError as DynatxError).code === 'UnsupportedEntity') {
          mismatches.push(`${verb.name}: entity refused: ${(ourError as Error).message}`);
          break;
        }
        // A request holding a number DynamoDB cannot store (NaN, Infinity, from a hook's
        // arithmetic) is not accepted by DynamoDB either: dynatx refusing it is agreement.
        if (first.ok && !ours.ok && /"N":"-?(NaN|Infinity)"/.test(JSON.stringify(first.value))) {
          bothRefused++;
          continue;
        }
        if (first.ok !== ours.ok) {
          mismatches.push(`${verb.name} ${JSON.stringify(input).slice(0, 300)}: ElectroDB ${first.ok ? 'accepts' : `refuses (${String((first as { error: Error }).error?.message).slice(0, 160)})`}, dynatx ${ours.ok ? 'accepts' : `refuses (${(ours as { error: Error }).error.message.slice(0, 160)})`}`);
          continue;
        }
        if (!first.ok) {
          bothRefused++;
          continue;
        }
        const second = theirRequest(verb.electrodb(entity, ...copy(input)));
        const unstable = unstableOf(first.value, second);
        const theirs = comparable(first.value, unstable);
        const mine = comparable((ours as { value: Request }).value, unstable);
        if (JSON.stringify(theirs) !== JSON.stringify(mine)) {
          mismatches.push(`${verb.name} ${JSON.stringify(input).slice(0, 300)}:\n  ElectroDB ${JSON.stringify(theirs)}\n  dynatx    ${JSON.stringify(mine)}`);
        } else same++;
      }
    }
    tally.set(`${version} ${entry.name}`, { same, bothRefused, mismatches });
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(same).toBeGreaterThan(0);
  });
});

afterAll(() => {
  let same = 0;
  let refused = 0;
  let failed = 0;
  for (const t of tally.values()) {
    same += t.same;
    refused += t.bothRefused;
    failed += t.mismatches.length;
  }
  console.log(`corpus differential: ${tally.size} entity/version pairs, ${same} requests identical, ${refused} inputs refused by both, ${failed} mismatches`);
  // Every mismatch, for investigation: DYNATX_CORPUS_REPORT=path/to/report.json
  if (process.env.DYNATX_CORPUS_REPORT) writeFileSync(process.env.DYNATX_CORPUS_REPORT, JSON.stringify(Object.fromEntries(tally), null, 1));
});
