/**
 * Deterministic, seeded input generator for the ElectroDB schemas in the corpus. It reads the schema
 * object only (no ElectroDB import) and produces values a user could hand to `put()`, `delete()` /
 * `get()` and `update().set()`.
 *
 *   const rand = createRandom(42);
 *   const item = itemFor(entry.schema, rand);
 *   const key = keyFor(entry.schema, rand);
 *   const changes = changesFor(entry.schema, rand);
 *
 * The same seed always yields the same sequence. Nothing here calls the schema's hook functions; the
 * only thing read from a `validate` is a RegExp, to sometimes pick a value it accepts.
 */
import { seededRandom } from '@dynatx/testing';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A seeded PRNG (@dynatx/testing's mulberry32): the same inputs on every run. */
export const createRandom: (seed: number) => Random = seededRandom;

// ---------------------------------------------------------------------------------------------------
// Schema reading. The schema is whatever the corpus holds, so it is read defensively.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Definition = Record<string, any>;

interface KeyHalf {
  readonly index: string;
  readonly half: 'pk' | 'sk';
  readonly composite: readonly string[];
  readonly cast?: unknown;
}

const isObject = (value: unknown): value is Definition =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const attributesOf = (schema: any): [string, Definition][] =>
  isObject(schema?.attributes)
    ? Object.entries(schema.attributes).filter((entry): entry is [string, Definition] => isObject(entry[1]))
    : [];

const indexesOf = (schema: any): [string, Definition][] =>
  isObject(schema?.indexes)
    ? Object.entries(schema.indexes).filter((entry): entry is [string, Definition] => isObject(entry[1]))
    : [];

/** Attribute names a key uses: its `composite` array plus any `${name}` in its `template`. */
function compositeOf(key: unknown): string[] {
  if (Array.isArray(key)) return key.filter((name): name is string => typeof name === 'string');
  if (!isObject(key)) return [];
  const names = Array.isArray(key.composite) ? key.composite.filter((n: unknown) => typeof n === 'string') : [];
  if (typeof key.template === 'string') {
    for (const match of key.template.matchAll(/\$\{([^}]+)\}/g)) names.push(match[1]!.trim());
  }
  return [...new Set<string>(names)];
}

function keyHalves(schema: any): KeyHalf[] {
  const halves: KeyHalf[] = [];
  for (const [index, definition] of indexesOf(schema)) {
    for (const half of ['pk', 'sk'] as const) {
      const key = definition[half];
      if (key === undefined) continue;
      halves.push({ index, half, composite: compositeOf(key), cast: isObject(key) ? key.cast : undefined });
    }
  }
  return halves;
}

/**
 * Sets of attributes ElectroDB wants written together: each half (pk, sk) of a secondary index, or the
 * whole index when it has a `condition` (ElectroDB then asks for every composite of the index as soon as a
 * write touches one of them).
 */
function secondaryKeyGroups(schema: any): string[][] {
  const primary = primaryIndexName(schema);
  const groups: string[][] = [];
  for (const [index, definition] of indexesOf(schema)) {
    if (index === primary) continue;
    const halves = (['pk', 'sk'] as const).filter((half) => definition[half] !== undefined).map((half) => compositeOf(definition[half]));
    if (typeof definition.condition === 'function') groups.push([...new Set(halves.flat())]);
    else groups.push(...halves);
  }
  return groups.filter((group) => group.length > 0);
}

/** The table index: the access pattern without an `index` property (or whose `index` is undefined). */
function primaryIndexName(schema: any): string | undefined {
  return indexesOf(schema).find(([, definition]) => definition.index === undefined)?.[0];
}

function primaryComposites(schema: any): string[] {
  const primary = primaryIndexName(schema);
  return [...new Set(keyHalves(schema).filter((h) => h.index === primary).flatMap((h) => h.composite))];
}

function keyAttributeNames(schema: any): Set<string> {
  return new Set(keyHalves(schema).flatMap((h) => h.composite));
}

/** String attributes that are the only composite of a key cast to 'number': their value must be numeric. */
function numericStringNames(schema: any): Set<string> {
  return new Set(keyHalves(schema).filter((h) => h.cast === 'number' && h.composite.length === 1).map((h) => h.composite[0]!));
}

const typeOf = (definition: Definition): unknown => definition.type ?? 'string';

// ---------------------------------------------------------------------------------------------------
// Values.

const int = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
const chance = (rand: Random, p: number): boolean => rand() < p;
function pick<T>(rand: Random, values: readonly T[]): T {
  return values[int(rand, 0, values.length - 1)]!;
}

// Mostly plain ASCII, with the characters keys are built from (#, _, -, .) and spaces, accents, CJK and
// an astral-plane emoji (a surrogate pair in UTF-16) mixed in.
const WORDS = ['alpha', 'Bravo', 'c', 'delta9', 'ECHO', 'fox', 'Golf', 'h0tel', 'x', 'Zulu', '42', '007'] as const;
const SPECIALS = ['#', '_', '-', '.', ' ', 'é', '漢', 'ü', 'ß', 'Ω', '😀', '$', '/', ':'] as const;

// Realistic formatted strings: dates, money, e-mails, ids. Used for attributes with a `validate`, and now and
// then for others, so that validators written for such formats accept a share of the generated values.
const FORMATTED = [
  '2024-02-29',
  '1999-12-31',
  '2024-03-05T10:15:30Z',
  '2024-03-05T10:15:30.123Z',
  '2024-03-05T10:15:30+09:00[Asia/Tokyo]',
  '2023-11-05T08:00:00-05:00[America/New_York]',
  '12.34',
  '0.00',
  '1999.99',
  '5.5',
  'jane.doe@example.com',
  'o.brien+tag@mail.example.org',
  'not-an-email',
  '550e8400-e29b-41d4-a716-446655440000',
  '01HZX3B8J5Q7W9E2R4T6Y8U0JA',
] as const;

function randomString(rand: Random, nonEmpty: boolean): string {
  if (!nonEmpty && chance(rand, 0.06)) return '';
  if (chance(rand, 0.1)) return pick(rand, FORMATTED);
  const parts: string[] = [];
  const count = int(rand, 1, 4);
  for (let i = 0; i < count; i++) {
    if (i > 0 && chance(rand, 0.45)) parts.push(pick(rand, SPECIALS));
    parts.push(pick(rand, WORDS));
  }
  if (chance(rand, 0.15)) parts.push(pick(rand, SPECIALS));
  return parts.join('');
}

function randomInteger(rand: Random): number {
  const r = rand();
  if (r < 0.1) return 0;
  if (r < 0.55) return int(rand, 1, 100);
  if (r < 0.8) return int(rand, 101, 2_000_000_000);
  return -int(rand, 1, 10_000);
}

function randomNumber(rand: Random): number {
  const r = rand();
  if (r < 0.55) return randomInteger(rand);
  if (r < 0.85) return Math.round((rand() - 0.3) * 100_000) / 100; // two decimals, some negative
  if (r < 0.95) return Number(((rand() - 0.5) * 10).toFixed(int(rand, 1, 6)));
  return pick(rand, [0.1, 1e-7, 1.5e12, -0.5, Number.MAX_SAFE_INTEGER]);
}

function randomAny(rand: Random, depth = 0): unknown {
  const r = rand();
  if (depth > 1 || r < 0.5) {
    switch (int(rand, 0, 3)) {
      case 0:
        return randomString(rand, false);
      case 1:
        return randomNumber(rand);
      case 2:
        return chance(rand, 0.5);
      default:
        return null;
    }
  }
  if (r < 0.75) {
    return Array.from({ length: int(rand, 0, 3) }, () => randomAny(rand, depth + 1));
  }
  const object: Record<string, unknown> = {};
  for (let i = int(rand, 0, 3); i > 0; i--) object[pick(rand, WORDS)] = randomAny(rand, depth + 1);
  return object;
}

/** A regex copy without the `g`/`y` flags, so testing candidates does not move the schema's `lastIndex`. */
const statelessCopy = (pattern: RegExp): RegExp => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));

interface ValueContext {
  /** The attribute is a key composite: strings non-empty, numbers integers. */
  readonly key: boolean;
  /** A string that must read as a number (the sole composite of a key with `cast: 'number'`). */
  readonly numericString?: boolean;
}

function stringFor(definition: Definition, rand: Random, context: ValueContext): string {
  if (context.numericString) return String(Math.abs(randomInteger(rand)));
  const validate = definition.validate;
  if (validate instanceof RegExp && chance(rand, 0.75)) {
    const pattern = statelessCopy(validate);
    const accepted = FORMATTED.filter((candidate) => pattern.test(candidate));
    if (accepted.length > 0) return pick(rand, accepted);
  }
  if (typeof validate === 'function' && chance(rand, 0.4)) return pick(rand, FORMATTED);
  return randomString(rand, context.key);
}

function distinct<T>(make: () => T, count: number): T[] {
  const values: T[] = [];
  for (let attempts = 0; values.length < count && attempts < count * 10; attempts++) {
    const value = make();
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

function setFor(definition: Definition, rand: Random): unknown[] {
  const items = definition.items;
  const count = int(rand, 1, 4);
  if (Array.isArray(items) && items.length > 0) {
    return distinct(() => pick(rand, items), Math.min(count, items.length));
  }
  if (items === 'number') return distinct(() => randomNumber(rand), count);
  return distinct(() => randomString(rand, true), count);
}

function mapFor(definition: Definition, rand: Random): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const properties = isObject(definition.properties) ? definition.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const mustHave = property.required === true && property.default === undefined;
    if (mustHave || chance(rand, 0.5)) value[name] = valueFor(property, rand, { key: false });
  }
  return value;
}

/** A value of the attribute's type (enum members, set/list/map shapes, nested definitions). */
function valueFor(definition: Definition, rand: Random, context: ValueContext): unknown {
  const type = typeOf(definition);
  if (Array.isArray(type)) {
    // An enum may list '' (the version-control example's TicketTypes does); keys get a non-empty member.
    const members = context.key && type.some((member) => member !== '') ? type.filter((member) => member !== '') : type;
    return pick(rand, members);
  }
  switch (type) {
    case 'number':
      return context.key ? randomInteger(rand) : randomNumber(rand);
    case 'boolean':
      return chance(rand, 0.5);
    case 'set':
      return setFor(definition, rand);
    case 'list': {
      const items = isObject(definition.items) ? definition.items : { type: 'string' };
      return Array.from({ length: int(rand, 0, 3) }, () => valueFor(items, rand, { key: false }));
    }
    case 'map':
      return mapFor(definition, rand);
    case 'any':
    case 'custom':
      return randomAny(rand);
    case 'string':
    default:
      return stringFor(definition, rand, context);
  }
}

const contextFor = (schema: any, name: string): ValueContext => ({
  key: keyAttributeNames(schema).has(name),
  numericString: numericStringNames(schema).has(name),
});

// ---------------------------------------------------------------------------------------------------
// Public API.

/**
 * A random item for `put()`: every required attribute without a default, every table-index composite
 * (unless it has a default, then usually), and each other attribute about half the time. Attributes
 * with a default are sometimes left out so the default applies. When an item holds part of a secondary
 * index's pk or sk composite, the rest of that half is filled in, so GSI keys are complete or absent.
 */
export function itemFor(schema: any, rand: Random): Record<string, unknown> {
  const attributes = new Map(attributesOf(schema));
  const primary = new Set(primaryComposites(schema));
  const item: Record<string, unknown> = {};
  const add = (name: string): void => {
    const definition = attributes.get(name);
    if (definition !== undefined) item[name] = valueFor(definition, rand, contextFor(schema, name));
  };

  for (const [name, definition] of attributes) {
    const hasDefault = definition.default !== undefined;
    let include: boolean;
    if (primary.has(name)) include = !hasDefault || chance(rand, 0.6);
    else if (definition.required === true && !hasDefault) include = true;
    else include = chance(rand, 0.5);
    if (include) add(name);
  }

  // Complete every secondary key half (whole index, for a conditional index) the item touches.
  const groups = secondaryKeyGroups(schema);
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) {
      const present = group.filter((name) => name in item || attributes.get(name)?.default !== undefined);
      if (present.length === 0 || present.length === group.length) continue;
      for (const name of group) {
        if (!(name in item) && attributes.get(name)?.default === undefined) {
          add(name);
          changed = true;
        }
      }
    }
  }
  return item;
}

/** Values for the table index's pk and sk composite attributes: the key for `get()` / `delete()` / `update()`. */
export function keyFor(schema: any, rand: Random): Record<string, unknown> {
  const attributes = new Map(attributesOf(schema));
  const key: Record<string, unknown> = {};
  for (const name of primaryComposites(schema)) {
    const definition = attributes.get(name) ?? { type: 'string' };
    key[name] = valueFor(definition, rand, { ...contextFor(schema, name), key: true });
  }
  return key;
}

/**
 * A random set of attribute values for `update(key).set(...)`: 1–4 attributes that are neither table-index
 * composites nor readOnly. Setting one composite of a secondary index key makes ElectroDB rebuild that key,
 * so it needs the key's other composites too: those are added (the table-index composites come from the
 * key, and a readOnly `watch: '*'` attribute with a `set` is recomputed on every update, which in turn
 * makes ElectroDB rebuild every key it is part of on any update). Attributes whose
 * key could not be completed that way (a readOnly composite, say) are not chosen. About a third of the
 * time, when the schema has one, the changes start with all composites of one secondary key half.
 */
export function changesFor(schema: any, rand: Random): Record<string, unknown> {
  const attributes = new Map(attributesOf(schema));
  const primary = new Set(primaryComposites(schema));
  const recomputed = (name: string): boolean => {
    const definition = attributes.get(name);
    return definition?.readOnly === true && definition.watch === '*' && typeof definition.set === 'function';
  };
  const settable = (name: string): boolean =>
    attributes.has(name) && !primary.has(name) && attributes.get(name)?.readOnly !== true;
  const groups = secondaryKeyGroups(schema);

  // A key that holds a recomputed attribute is rebuilt by every update, so its other composites are
  // always needed (e.g. an index sorted by `updatedAt` with `watch: '*'`).
  const alwaysRebuilt = groups.filter((group) => group.some(recomputed)).flat();

  /** The attributes that must be set along with `names`, or undefined when that is impossible. */
  const closure = (names: readonly string[]): string[] | undefined => {
    const needed = new Set<string>([...names, ...alwaysRebuilt.filter((name) => !primary.has(name) && !recomputed(name))]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const group of groups) {
        if (!group.some((name) => needed.has(name))) continue;
        for (const name of group) {
          if (needed.has(name) || primary.has(name) || recomputed(name)) continue;
          needed.add(name);
          changed = true;
        }
      }
    }
    const result = [...needed];
    return result.every(settable) ? result : undefined;
  };

  const changes: Record<string, unknown> = {};
  const add = (names: readonly string[]): void => {
    for (const name of names) {
      if (!(name in changes)) changes[name] = valueFor(attributes.get(name)!, rand, contextFor(schema, name));
    }
  };

  const wholeGroups = groups.map((group) => closure(group.filter(settable))).filter((c): c is string[] => c !== undefined && c.length > 0);
  if (wholeGroups.length > 0 && chance(rand, 0.35)) add(pick(rand, wholeGroups));

  const target = int(rand, 1, 4);
  const pool = [...attributes.keys()].filter((name) => settable(name) && !(name in changes));
  while (Object.keys(changes).length < target && pool.length > 0) {
    const needed = closure([pool.splice(int(rand, 0, pool.length - 1), 1)[0]!]);
    if (needed !== undefined) add(needed);
  }
  return changes;
}
