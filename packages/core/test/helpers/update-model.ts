/**
 * A reference model of what DynamoDB does with an UpdateExpression, written from DynamoDB's
 * documentation and independent of dynatx's code: the fuzz reads an item before a transaction,
 * applies the update `params()` showed to it with this model, and compares the result with the
 * item read back afterwards. So "what params() showed is what is stored" holds for every update
 * operation, not only for plain `SET a = :v`.
 *
 * Covered: `SET` (values, paths, `if_not_exists`, `list_append`, `+` and `-`), `REMOVE`, `ADD`
 * and `DELETE`, on top-level attributes, map properties (`#a.#b`) and list elements (`#a[2]`).
 * Numbers are exact decimals. DynamoDB's own rules that the model follows: every operand is
 * read from the item as it was; `SET` of a list index past the end appends; `REMOVE` of list
 * elements uses the indexes as they were; a set emptied by `DELETE` is removed.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;
type Step = string | number;

/** Something the model cannot make sense of: the expression, or a value that does not fit it. */
export class ModelError extends Error {}

/** `SET a[9] = :v` on a shorter list: DynamoDB appends (counted, for the fuzz's report). */
export const modelNotes = { appendedPastEnd: 0 };

export function applyUpdate(
  before: Item | undefined,
  key: Item,
  expression: string,
  names: Record<string, string> = {},
  values: Record<string, AttributeValue> = {},
): Item | undefined {
  const item: Item = structuredClone(before ?? key);
  const parser = new Parser(tokenize(expression), names, values);
  const clauses = parser.update();
  const original = structuredClone(item);
  // Every operand reads the item as it was (DynamoDB evaluates them before applying any).
  const sets = (clauses.SET ?? []).map(({ path, value }) => ({ path, value: evaluate(value, original) }));
  // Elements of one list in index order: each index past the list's end appends (DynamoDB Local does so).
  const order = (path: readonly Step[], at: number): [string, number] =>
    typeof path.at(-1) === 'number' ? [`L${JSON.stringify(path.slice(0, -1))}`, path.at(-1) as number] : ['', at];
  const keyed = sets.map((set, at) => ({ set, key: order(set.path, at) }));
  keyed.sort((a, b) => (a.key[0] < b.key[0] ? -1 : a.key[0] > b.key[0] ? 1 : a.key[1] - b.key[1]));
  sets.splice(0, sets.length, ...keyed.map((k) => k.set));
  for (const { path, value } of sets) assign(item, path, value);
  const removes = [...(clauses.REMOVE ?? [])].sort((a, b) => compareForRemoval(a, b));
  for (const path of removes) remove(item, path);
  for (const { path, value } of clauses.ADD ?? []) add(item, path, value);
  for (const { path, value } of clauses.DELETE ?? []) deleteMembers(item, path, value);
  return item;
}

// ----- parsing -----

type Token = { kind: 'name' | 'value' | 'word' | 'int' | 'punct'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|([[\]().,=+-]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) throw new ModelError(`cannot read the expression at ${JSON.stringify(text.slice(at, at + 20))}`);
    at = pattern.lastIndex;
    if (match[1]) tokens.push({ kind: 'name', text: match[1] });
    else if (match[2]) tokens.push({ kind: 'value', text: match[2] });
    else if (match[3]) tokens.push({ kind: 'word', text: match[3] });
    else if (match[4]) tokens.push({ kind: 'int', text: match[4] });
    else tokens.push({ kind: 'punct', text: match[5]! });
  }
  return tokens;
}

type Operand =
  | { kind: 'path'; path: Step[] }
  | { kind: 'value'; value: AttributeValue }
  | { kind: 'ifNotExists'; path: Step[]; fallback: Operand }
  | { kind: 'listAppend'; a: Operand; b: Operand }
  | { kind: 'plus' | 'minus'; a: Operand; b: Operand };

interface Clauses {
  SET?: { path: Step[]; value: Operand }[];
  REMOVE?: Step[][];
  ADD?: { path: Step[]; value: AttributeValue }[];
  DELETE?: { path: Step[]; value: AttributeValue }[];
}

class Parser {
  #at = 0;
  constructor(
    readonly tokens: Token[],
    readonly names: Record<string, string>,
    readonly values: Record<string, AttributeValue>,
  ) {}

  update(): Clauses {
    const clauses: Clauses = {};
    while (this.#at < this.tokens.length) {
      const keyword = this.#take('word').text.toUpperCase();
      do {
        if (keyword === 'SET') {
          const path = this.path();
          this.#punct('=');
          (clauses.SET ??= []).push({ path, value: this.setValue() });
        } else if (keyword === 'REMOVE') {
          (clauses.REMOVE ??= []).push(this.path());
        } else if (keyword === 'ADD' || keyword === 'DELETE') {
          const path = this.path();
          (clauses[keyword] ??= []).push({ path, value: this.value() });
        } else {
          throw new ModelError(`unknown clause ${keyword}`);
        }
      } while (this.#maybePunct(','));
    }
    return clauses;
  }

  setValue(): Operand {
    const a = this.operand();
    if (this.#maybePunct('+')) return { kind: 'plus', a, b: this.operand() };
    if (this.#maybePunct('-')) return { kind: 'minus', a, b: this.operand() };
    return a;
  }

  operand(): Operand {
    const token = this.tokens[this.#at];
    if (token === undefined) throw new ModelError('the expression ends early');
    if (token.kind === 'value') return { kind: 'value', value: this.value() };
    if (token.kind === 'name') return { kind: 'path', path: this.path() };
    if (token.kind === 'punct' && token.text === '(') {
      this.#at++;
      const inner = this.setValue();
      this.#punct(')');
      return inner;
    }
    if (token.kind === 'word') {
      this.#at++;
      this.#punct('(');
      if (token.text === 'if_not_exists') {
        const path = this.path();
        this.#punct(',');
        const fallback = this.operand();
        this.#punct(')');
        return { kind: 'ifNotExists', path, fallback };
      }
      if (token.text === 'list_append') {
        const a = this.operand();
        this.#punct(',');
        const b = this.operand();
        this.#punct(')');
        return { kind: 'listAppend', a, b };
      }
      throw new ModelError(`unknown function ${token.text}`);
    }
    throw new ModelError(`unexpected ${token.text}`);
  }

  path(): Step[] {
    const steps: Step[] = [this.#name()];
    for (;;) {
      if (this.#maybePunct('.')) steps.push(this.#name());
      else if (this.#maybePunct('[')) {
        steps.push(Number(this.#take('int').text));
        this.#punct(']');
      } else return steps;
    }
  }

  value(): AttributeValue {
    const token = this.#take('value');
    const value = this.values[token.text];
    if (value === undefined) throw new ModelError(`no value for ${token.text}`);
    return value;
  }

  #name(): string {
    const token = this.#take('name');
    const name = this.names[token.text];
    if (name === undefined) throw new ModelError(`no name for ${token.text}`);
    return name;
  }

  #take(kind: Token['kind']): Token {
    const token = this.tokens[this.#at];
    if (token?.kind !== kind) throw new ModelError(`expected a ${kind}, got ${token?.text ?? 'the end'}`);
    this.#at++;
    return token;
  }

  #punct(text: string) {
    if (!this.#maybePunct(text)) throw new ModelError(`expected '${text}', got ${this.tokens[this.#at]?.text ?? 'the end'}`);
  }

  #maybePunct(text: string): boolean {
    const token = this.tokens[this.#at];
    if (token?.kind === 'punct' && token.text === text) {
      this.#at++;
      return true;
    }
    return false;
  }
}

// ----- evaluation -----

function evaluate(operand: Operand, item: Item): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const found = resolve(item, operand.path);
      if (found === undefined) throw new ModelError(`the operand ${operand.path.join('.')} does not exist`);
      return found;
    }
    case 'ifNotExists':
      return resolve(item, operand.path) ?? evaluate(operand.fallback, item);
    case 'listAppend': {
      const a = evaluate(operand.a, item);
      const b = evaluate(operand.b, item);
      if (a.L === undefined || b.L === undefined) throw new ModelError('list_append of something that is not a list');
      return { L: [...a.L, ...b.L] };
    }
    case 'plus':
    case 'minus': {
      const a = evaluate(operand.a, item);
      const b = evaluate(operand.b, item);
      if (a.N === undefined || b.N === undefined) throw new ModelError('arithmetic on something that is not a number');
      return { N: decimalText(addDecimals(parseDecimal(a.N), operand.kind === 'plus' ? parseDecimal(b.N) : negate(parseDecimal(b.N)))) };
    }
  }
}

export function resolve(item: Item, path: readonly Step[]): AttributeValue | undefined {
  let value: AttributeValue | undefined = item[path[0] as string];
  for (const step of path.slice(1)) {
    if (value === undefined) return undefined;
    if (typeof step === 'number') value = value.L?.[step];
    else value = value.M === undefined ? undefined : Object.prototype.hasOwnProperty.call(value.M, step) ? value.M[step] : undefined;
  }
  return value;
}

function parentOf(item: Item, path: readonly Step[]): AttributeValue | undefined {
  return path.length === 2 ? item[path[0] as string] : resolve(item, path.slice(0, -1));
}

function assign(item: Item, path: readonly Step[], value: AttributeValue) {
  if (path.length === 1) {
    setOwn(item, path[0] as string, value);
    return;
  }
  const parent = parentOf(item, path);
  const last = path.at(-1)!;
  if (typeof last === 'number') {
    if (parent?.L === undefined) throw new ModelError('SET of a list element whose list does not exist');
    if (last < parent.L.length) parent.L[last] = value;
    else {
      modelNotes.appendedPastEnd++;
      parent.L.push(value);
    }
    return;
  }
  if (parent?.M === undefined) throw new ModelError('SET of a map property whose map does not exist');
  setOwn(parent.M, last, value);
}

function remove(item: Item, path: readonly Step[]) {
  if (path.length === 1) {
    delete item[path[0] as string];
    return;
  }
  const parent = parentOf(item, path);
  const last = path.at(-1)!;
  if (typeof last === 'number') {
    if (parent?.L !== undefined && last < parent.L.length) parent.L.splice(last, 1);
  } else if (parent?.M !== undefined) {
    delete parent.M[last];
  }
}

/** Later list indexes first, so that each REMOVE uses the index as it was. */
function compareForRemoval(a: readonly Step[], b: readonly Step[]): number {
  const x = a.at(-1);
  const y = b.at(-1);
  return typeof x === 'number' && typeof y === 'number' ? y - x : 0;
}

function add(item: Item, path: readonly Step[], value: AttributeValue) {
  const current = resolve(item, path);
  if (current === undefined) {
    assign(item, path, value);
    return;
  }
  if (current.N !== undefined && value.N !== undefined) {
    assign(item, path, { N: decimalText(addDecimals(parseDecimal(current.N), parseDecimal(value.N))) });
    return;
  }
  const kind = setKind(current);
  if (kind === undefined || kind !== setKind(value)) throw new ModelError('ADD of mismatched types');
  const members = new Map(setMembers(current).map((m) => [memberKey(kind, m), m]));
  for (const m of setMembers(value)) if (!members.has(memberKey(kind, m))) members.set(memberKey(kind, m), m);
  assign(item, path, { [kind]: [...members.values()] } as unknown as AttributeValue);
}

function deleteMembers(item: Item, path: readonly Step[], value: AttributeValue) {
  const current = resolve(item, path);
  if (current === undefined) return;
  const kind = setKind(current);
  if (kind === undefined || kind !== setKind(value)) throw new ModelError('DELETE of mismatched types');
  const gone = new Set(setMembers(value).map((m) => memberKey(kind, m)));
  const left = setMembers(current).filter((m) => !gone.has(memberKey(kind, m)));
  if (left.length === 0) remove(item, path);
  else assign(item, path, { [kind]: left } as unknown as AttributeValue);
}

type SetKind = 'SS' | 'NS' | 'BS';
function setKind(value: AttributeValue): SetKind | undefined {
  return value.SS !== undefined ? 'SS' : value.NS !== undefined ? 'NS' : value.BS !== undefined ? 'BS' : undefined;
}
function setMembers(value: AttributeValue): unknown[] {
  return (value.SS ?? value.NS ?? value.BS) as unknown[];
}
function memberKey(kind: SetKind, member: unknown): string {
  if (kind === 'NS') return canonicalNumberText(member as string);
  if (kind === 'BS') return Buffer.from(member as Uint8Array).toString('base64');
  return member as string;
}

function setOwn(target: Record<string, AttributeValue>, key: string, value: AttributeValue) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ----- exact decimals -----

interface Decimal {
  readonly mantissa: bigint;
  readonly exponent: number;
}

function parseDecimal(text: string): Decimal {
  const match = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new ModelError(`not a number: ${text}`);
  const fraction = match[3] ?? '';
  const mantissa = BigInt(`${match[2] ?? ''}${fraction}` || '0') * (match[1] === '-' ? -1n : 1n);
  return { mantissa, exponent: Number(match[4] ?? 0) - fraction.length };
}

function negate(d: Decimal): Decimal {
  return { mantissa: -d.mantissa, exponent: d.exponent };
}

function addDecimals(a: Decimal, b: Decimal): Decimal {
  const exponent = Math.min(a.exponent, b.exponent);
  return { mantissa: a.mantissa * 10n ** BigInt(a.exponent - exponent) + b.mantissa * 10n ** BigInt(b.exponent - exponent), exponent };
}

function decimalText(d: Decimal): string {
  return `${d.mantissa}e${d.exponent}`;
}

/** One text per number value: `1.50`, `15e-1` and `0.15E1` give the same. */
export function canonicalNumberText(text: string): string {
  let { mantissa, exponent } = parseDecimal(text);
  if (mantissa === 0n) return '0';
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return `${mantissa}e${exponent}`;
}

/** An item (or value) in one canonical form: numbers canonical, set members sorted, binary as base64. */
export function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return `B:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).map((k): [string, unknown] => {
      const v = (value as Record<string, unknown>)[k];
      if (k === 'N') return [k, canonicalNumberText(v as string)];
      if (k === 'NS') return [k, (v as string[]).map(canonicalNumberText).sort()];
      if (k === 'SS') return [k, (v as string[]).slice().sort()];
      if (k === 'BS') return [k, (v as Uint8Array[]).map((b) => Buffer.from(b).toString('base64')).sort()];
      return [k, canonical(v)];
    });
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
