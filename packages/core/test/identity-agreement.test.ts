/**
 * The compiler and the run time agree on what an item is. For each pair of actions below, the
 * run-time pre-flight (which compares table and marshalled key) decides whether they touch the
 * same item, and the same source is compiled against the built `.d.ts`: the compiler must
 * reject exactly the pairs the run time rejects, except where it is documented to be more
 * lenient (it never is stricter). Needs the built declarations (`tsc -p tsconfig.build.json`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { TransactionValidationError, tx, versioned } from '../src/index.js';
import * as shop from './fixtures/shop-entities.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(packageDir, '.dynatx-tmp', 'identity-agreement');

type Verdict = 'distinct' | 'same';
interface Case {
  readonly name: string;
  /** A transaction of two actions, as TypeScript source; the second action is on its own line. */
  readonly source: string;
  readonly runtime: Verdict;
  /** What the compiler says, when it may differ: only ever 'distinct' where the run time says 'same'. */
  readonly compiler?: Verdict;
}

const cases: Case[] = [
  {
    name: 'customer of shop and customer of crm, same table, same id',
    source: `tx().put(Customer, { customerId: 'c1', email: 'a@b.c' })\n  .put(CrmCustomer, { customerId: 'c1', segment: 'new' })`,
    runtime: 'distinct',
  },
  {
    name: 'customer of shop and customer of billing, other table, same id',
    source: `tx().update(Customer, { customerId: 'c1' }, (u) => u.set({ name: 'Ann' }))\n  .delete(BillingCustomer, { customerId: 'c1' })`,
    runtime: 'distinct',
  },
  {
    name: 'customer of crm and customer of billing',
    source: `tx().check(CrmCustomer, { customerId: 'c1' }, (c, op) => op.exists(c.score))\n  .check(BillingCustomer, { customerId: 'c1' }, (c, op) => op.exists(c.iban))`,
    runtime: 'distinct',
  },
  {
    name: 'customer of shop twice',
    source: `tx().put(Customer, { customerId: 'c1', email: 'a@b.c' })\n  .check(Customer, { customerId: 'c1' }, (c, op) => op.exists(c.email))`,
    runtime: 'same',
  },
  {
    name: 'customer of crm twice',
    source: `tx().delete(CrmCustomer, { customerId: 'c1' })\n  .update(CrmCustomer, { customerId: 'c1' }, (u) => u.set({ score: 1 }))`,
    runtime: 'same',
  },
  {
    name: 'an order, same composite sort key',
    source: `tx().delete(Order, { customerId: 'c1', placedAt: 1, orderId: 'o1' })\n  .check(Order, { customerId: 'c1', placedAt: 1, orderId: 'o1' }, (o, op) => op.exists(o.total))`,
    runtime: 'same',
  },
  {
    name: 'an order, another sort key value',
    source: `tx().delete(Order, { customerId: 'c1', placedAt: 1, orderId: 'o1' })\n  .delete(Order, { customerId: 'c1', placedAt: 2, orderId: 'o1' })`,
    runtime: 'distinct',
  },
  {
    name: 'a ticket, another partition key part',
    source: `tx().delete(Ticket, { customerId: 'c1', channel: 'mail', ticketId: 't1' })\n  .delete(Ticket, { customerId: 'c1', channel: 'chat', ticketId: 't1' })`,
    runtime: 'distinct',
  },
  {
    name: 'stock and its versioned self, same key',
    source: `tx().delete(Stock, { sku: 's1', warehouse: 'ams' })\n  .delete(LockedStock, { sku: 's1', warehouse: 'ams' }, { expectedVersion: 2 })`,
    runtime: 'same',
  },
  {
    name: 'stock, another warehouse',
    source: `tx().delete(Stock, { sku: 's1', warehouse: 'ams' })\n  .delete(LockedStock, { sku: 's1', warehouse: 'fra' }, { expectedVersion: 2 })`,
    runtime: 'distinct',
  },
  {
    // ElectroDB lower-cases keys: 'C1' and 'c1' are one item; the compiler compares the values as written.
    name: 'ids that differ only in case (lenient at compile time)',
    source: `tx().delete(Customer, { customerId: 'C1' })\n  .delete(Customer, { customerId: 'c1' })`,
    runtime: 'same',
    compiler: 'distinct',
  },
  {
    // Custom key templates that leave the service out: the compiler names items by service.
    name: 'two services whose key templates leave the service out (lenient at compile time)',
    source: `tx().delete(TemplatedShopCustomer, { customerId: 'c1' })\n  .delete(TemplatedCrmCustomer, { customerId: 'c1' })`,
    runtime: 'same',
    compiler: 'distinct',
  },
];

const LockedStock = versioned(shop.Stock, 'version');
const scope = { tx, LockedStock, ...shop };

/** The run time's verdict: does the pre-flight refuse the pair as the same item? */
function runtimeVerdict(source: string): Verdict {
  // The sources are plain JavaScript as well as TypeScript: no type syntax in them.
  const build = new Function(...Object.keys(scope), `return ${source};`) as (...args: unknown[]) => { params(): unknown };
  try {
    build(...Object.values(scope)).params();
    return 'distinct';
  } catch (error) {
    if (error instanceof TransactionValidationError && error.code === 'DuplicateItem') return 'same';
    throw error;
  }
}

/** The compiler's verdict for every case, from one program over one file per case. */
function compilerVerdicts(): Verdict[] {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const rel = (target: string) => path.relative(workDir, target).split(path.sep).join('/');
  const header = [
    `import { tx, versioned } from '${rel(path.join(packageDir, 'dist', 'index.js'))}';`,
    `import { BillingCustomer, CrmCustomer, Customer, Order, Stock, TemplatedCrmCustomer, TemplatedShopCustomer, Ticket } from '${rel(path.join(packageDir, 'test', 'fixtures', 'shop-entities.js'))}';`,
    `const LockedStock = versioned(Stock, 'version');`,
  ];
  const files = cases.map((c, i) => {
    const file = path.join(workDir, `case-${i}.mts`);
    fs.writeFileSync(file, `${header.join('\n')}\nexport const t = ${c.source};\n`);
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return files.map((file) => {
    const own = diagnostics.filter((d) => d.file !== undefined && path.resolve(d.file.fileName) === path.resolve(file));
    const texts = own.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    const unrelated = texts.filter((t) => !t.includes('is already in this transaction'));
    if (unrelated.length > 0) throw new Error(`${path.basename(file)} has other errors:\n${unrelated.join('\n')}`);
    return texts.length > 0 ? 'same' : 'distinct';
  });
}

describe('the compiler and the run time agree on what an item is', () => {
  let compiled: Verdict[];
  beforeAll(() => {
    if (!fs.existsSync(path.join(packageDir, 'dist', 'index.d.ts'))) {
      throw new Error('dist/index.d.ts is missing: build first (tsc -p tsconfig.build.json)');
    }
    compiled = compilerVerdicts();
  }, 60_000);

  test.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i]!;
    expect(runtimeVerdict(c.source)).toBe(c.runtime);
    expect(compiled[i]).toBe(c.compiler ?? c.runtime);
    // Never stricter: whatever the run time accepts, the compiler accepts.
    if (c.runtime === 'distinct') expect(compiled[i]).toBe('distinct');
  });
});
