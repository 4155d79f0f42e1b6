#!/usr/bin/env node
// Type-check cost of a dynatx transaction chain against ElectroDB's own transaction API.
//
//   node bench/types/run.mjs                 sizes 2, 25, 91, 100 (+ empty baselines)
//   node bench/types/run.mjs 92 99           the same plus sizes 92 and 99
//   node bench/types/run.mjs --only 91 92    only these sizes (targets needing others: n/a)
//   node bench/types/run.mjs --json          machine-readable results on stdout
//   node bench/types/run.mjs --repeat 3      run each fixture 3 times, keep the fastest check time
//
// Needs the built declarations: `npx tsc -p tsconfig.build.json` in packages/core first.
// Each fixture gets its own tsconfig and its own `tsc --extendedDiagnostics --noEmit` process,
// run one after the other. Instantiation counts are deterministic; check times are not
// (they move with machine load), so the targets are judged on instantiations.
// Exits 1 when a dynatx fixture does not compile; ElectroDB failing to compile is a result.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTITIES_TS, dynatxFixture, dynatxSetupFixture, electrodbFixture, fixtureTsconfig } from './fixtures.mjs';

const DEFAULT_SIZES = [2, 25, 91, 100];
/** Spec targets. */
const MAX_MARGINAL_INSTANTIATIONS = 300;
const MARGINAL_FROM = 25;
const MARGINAL_TO = 100;
const ELECTRODB_COMPARE_SIZE = 91;
/** A fixture still running after this long is stopped and reported as a timeout. */
const FIXTURE_TIMEOUT_MS = 120_000;
/** Pseudo-size of the dynatx setup fixture (entities related to AnyEntity, no chain). */
const SETUP = -1;

const benchDir = dirname(fileURLToPath(import.meta.url));
const coreDir = join(benchDir, '..', '..');
const genDir = join(benchDir, '.generated');
const distIndex = join(coreDir, 'dist', 'index.d.ts');

// ----- arguments -----

function parseArgs(argv) {
  const options = { json: false, repeat: 1, only: false, sizes: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--only') options.only = true;
    else if (arg === '--repeat' || arg.startsWith('--repeat=')) {
      const value = arg.includes('=') ? arg.slice('--repeat='.length) : argv[++i];
      options.repeat = Number(value);
      if (!Number.isInteger(options.repeat) || options.repeat < 1) usage(`--repeat takes a positive integer, got ${value}`);
    } else if (arg === '--help' || arg === '-h') usage();
    else if (/^\d+$/.test(arg)) {
      const size = Number(arg);
      if (size < 2 || size > 100) usage(`sizes go from 2 to 100 (DynamoDB's limit), got ${size}`);
      options.sizes.push(size);
    } else usage(`unknown argument ${arg}`);
  }
  const sizes = options.only ? options.sizes : [...DEFAULT_SIZES, ...options.sizes];
  if (sizes.length === 0) usage('--only needs at least one size');
  options.sizes = [...new Set(sizes)].sort((a, b) => a - b);
  return options;
}

function usage(error) {
  const text = `usage: node bench/types/run.mjs [--json] [--repeat N] [--only] [size ...]
  sizes: extra chain lengths (2..100) on top of ${DEFAULT_SIZES.join(', ')}; with --only, instead of them`;
  if (error) {
    console.error(`bench:types: ${error}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

const options = parseArgs(process.argv.slice(2));
const log = (line) => process.stderr.write(`${line}\n`);

// ----- the built package -----

if (!existsSync(distIndex)) {
  console.error('bench:types: dist/index.d.ts is missing: build first with `npx tsc -p tsconfig.build.json` in packages/core');
  process.exit(2);
}
warnIfStale();

/** ActionsOf / TransactionResult from the entry point when it exports them, else from their module. */
function outcomeModule() {
  const index = readFileSync(distIndex, 'utf8');
  const exported = (name) => new RegExp(`export (type )?\\{[^}]*\\b${name}\\b[^}]*\\}`).test(index);
  return exported('ActionsOf') && exported('TransactionResult') ? 'index.js' : join('executor', 'outcome.js');
}

function warnIfStale() {
  const built = statSync(distIndex).mtimeMs;
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const srcDir = join(coreDir, 'src');
  if (existsSync(srcDir) && newest(srcDir) > built) {
    log('bench:types: warning: src/ changed after dist/ was built; the numbers are for the old build');
  }
}

// ----- fixtures -----

function specifier(fromDir, target) {
  const path = relative(fromDir, target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function writeFixtures(sizes) {
  rmSync(genDir, { recursive: true, force: true });
  mkdirSync(genDir, { recursive: true });
  // The fixtures are ES modules whatever package they sit in.
  writeFileSync(join(genDir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(genDir, 'entities.ts'), ENTITIES_TS);
  const outcome = outcomeModule();
  const fixtures = [];
  for (const library of ['dynatx', 'electrodb']) {
    for (const size of library === 'dynatx' ? [0, SETUP, ...sizes] : [0, ...sizes]) {
      const name = `${library}-${size === 0 ? 'base' : size === SETUP ? 'setup' : size}`;
      const dir = join(genDir, name);
      mkdirSync(dir);
      const paths = {
        index: specifier(dir, join(coreDir, 'dist', 'index.js')),
        outcome: specifier(dir, join(coreDir, 'dist', outcome)),
        entities: specifier(dir, join(genDir, 'entities.js')),
      };
      const source =
        size === SETUP ? dynatxSetupFixture(paths) : library === 'dynatx' ? dynatxFixture(paths, size) : electrodbFixture(paths, size);
      writeFileSync(join(dir, 'fixture.ts'), source);
      writeFileSync(join(dir, 'tsconfig.json'), fixtureTsconfig('fixture.ts'));
      fixtures.push({ library, size, name, dir });
    }
  }
  return { fixtures, outcome };
}

// ----- running tsc -----

const tsc = createRequire(join(coreDir, 'package.json')).resolve('typescript/bin/tsc');
const tsVersion = JSON.parse(readFileSync(join(dirname(tsc), '..', 'package.json'), 'utf8')).version;

function check(fixture) {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [tsc, '-p', join(fixture.dir, 'tsconfig.json'), '--extendedDiagnostics', '--pretty', 'false'],
    { cwd: fixture.dir, encoding: 'utf8', timeout: FIXTURE_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
  );
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stdout = run.stdout ?? '';
  const stat = (label) => {
    const match = stdout.match(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm'));
    return match ? Number(match[1]) : undefined;
  };
  const errors = [];
  for (const line of stdout.split('\n')) {
    const match = line.match(/^(.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/);
    if (match) errors.push({ file: match[1], line: Number(match[2]), column: Number(match[3]), code: match[4], message: match[5] });
    else if (/^error TS\d+:/.test(line)) errors.push({ file: '', line: 0, column: 0, code: line.match(/TS\d+/)[0], message: line });
  }
  const result = {
    instantiations: stat('Instantiations'),
    types: stat('Types'),
    checkSeconds: stat('Check time'),
    totalSeconds: stat('Total time'),
    memoryKB: stat('Memory used'),
    wallSeconds,
    errors,
    failure: undefined,
  };
  if (run.error?.code === 'ETIMEDOUT' || run.signal === 'SIGTERM') result.failure = `timeout after ${FIXTURE_TIMEOUT_MS / 1000}s`;
  else if (run.error) result.failure = run.error.message;
  else if (result.instantiations === undefined) {
    // tsc died before printing its diagnostics (e.g. a stack overflow).
    const stderr = (run.stderr ?? '').trim().split('\n').slice(0, 3).join(' | ');
    result.failure = `tsc exited with ${run.status ?? run.signal} without diagnostics${stderr ? `: ${stderr}` : ''}`;
  }
  return result;
}

function measure(fixture) {
  let best;
  for (let i = 0; i < options.repeat; i++) {
    const result = check(fixture);
    if (best === undefined || (result.checkSeconds ?? Infinity) < (best.checkSeconds ?? Infinity)) best = result;
    if (result.failure) break;
  }
  return best;
}

// ----- run -----

const { fixtures, outcome } = writeFixtures(options.sizes);
log(`bench:types: TypeScript ${tsVersion}, ${fixtures.length} fixtures in ${relative(coreDir, genDir)}/ (outcome types from dist/${outcome.split(sep).join('/')})`);
const startedAll = Date.now();
const results = {};
for (const fixture of fixtures) {
  const result = measure(fixture);
  results[fixture.name] = { ...fixture, ...result };
  const errors = result.errors.length > 0 ? `, ${summarizeErrors(result.errors)}` : '';
  log(
    `  ${fixture.name.padEnd(16)} ${String(result.instantiations ?? '?').padStart(9)} instantiations, check ${fmtSeconds(result.checkSeconds)}${errors}${result.failure ? `, FAILED: ${result.failure}` : ''}`,
  );
}
log(`bench:types: done in ${((Date.now() - startedAll) / 1000).toFixed(1)}s`);

// ----- figures -----

const get = (library, size) => results[`${library}-${size === 0 ? 'base' : size === SETUP ? 'setup' : size}`];
const ok = (r) => r !== undefined && r.failure === undefined && r.errors.length === 0;

function perAction(library, size, baseSize = 0) {
  const r = get(library, size);
  const base = get(library, baseSize);
  if (!ok(r) || !ok(base)) return undefined;
  return (r.instantiations - base.instantiations) / size;
}

function marginal(library, from, to) {
  const a = get(library, from);
  const b = get(library, to);
  if (!ok(a) || !ok(b)) return undefined;
  return (b.instantiations - a.instantiations) / (to - from);
}

/** ElectroDB's marginal cost up to its largest size that compiled (it stops at about 92). */
function electrodbMarginal() {
  const compiled = options.sizes.filter((s) => s > MARGINAL_FROM && ok(get('electrodb', s)));
  if (!options.sizes.includes(MARGINAL_FROM) || compiled.length === 0) return undefined;
  const to = compiled.includes(MARGINAL_TO) ? MARGINAL_TO : Math.max(...compiled);
  return { from: MARGINAL_FROM, to, value: marginal('electrodb', MARGINAL_FROM, to) };
}

const dynatx100 = get('dynatx', MARGINAL_TO);
const dynatxMarginal = marginal('dynatx', MARGINAL_FROM, MARGINAL_TO);
const electrodb91 = get('electrodb', ELECTRODB_COMPARE_SIZE);
const targets = [
  {
    id: 'a',
    description: `dynatx ${MARGINAL_TO}-action chain compiles with no error`,
    value: dynatx100 ? (ok(dynatx100) ? 'no error' : dynatx100.failure ?? summarizeErrors(dynatx100.errors)) : undefined,
    pass: dynatx100 ? ok(dynatx100) : undefined,
  },
  {
    id: 'b',
    description: `dynatx marginal cost per action (${MARGINAL_FROM} -> ${MARGINAL_TO}) <= ${MAX_MARGINAL_INSTANTIATIONS} instantiations`,
    value: dynatxMarginal,
    pass: dynatxMarginal === undefined ? undefined : dynatxMarginal <= MAX_MARGINAL_INSTANTIATIONS,
  },
  {
    id: 'c',
    description: `dynatx ${MARGINAL_TO}-action total below ElectroDB's ${ELECTRODB_COMPARE_SIZE}-action total (instantiations)`,
    value:
      dynatx100?.instantiations !== undefined && electrodb91?.instantiations !== undefined
        ? `${dynatx100.instantiations} vs ${electrodb91.instantiations}`
        : undefined,
    pass:
      ok(dynatx100) && ok(electrodb91) ? dynatx100.instantiations < electrodb91.instantiations : undefined,
  },
];

const dynatxFailed = Object.values(results).filter((r) => r.library === 'dynatx' && !ok(r));

// ----- report -----

if (options.json) {
  const rows = (library) =>
    [0, ...(library === 'dynatx' ? [SETUP] : []), ...options.sizes].map((size) => {
      const r = get(library, size);
      return {
        size: size === SETUP ? 'setup' : size,
        instantiations: r.instantiations ?? null,
        types: r.types ?? null,
        checkSeconds: r.checkSeconds ?? null,
        totalSeconds: r.totalSeconds ?? null,
        memoryKB: r.memoryKB ?? null,
        errors: r.errors,
        failure: r.failure ?? null,
        perAction: size <= 0 ? null : (perAction(library, size) ?? null),
        ...(library === 'dynatx' ? { perActionNetOfSetup: size <= 0 ? null : (perAction(library, size, SETUP) ?? null) } : {}),
      };
    });
  const em = electrodbMarginal();
  console.log(
    JSON.stringify(
      {
        typescript: tsVersion,
        node: process.version,
        repeat: options.repeat,
        sizes: options.sizes,
        dynatx: rows('dynatx'),
        electrodb: rows('electrodb'),
        marginal: {
          dynatx: { from: MARGINAL_FROM, to: MARGINAL_TO, value: dynatxMarginal ?? null },
          electrodb: em ? { ...em, value: em.value ?? null } : null,
        },
        targets: targets.map((t) => ({ ...t, value: t.value ?? null, pass: t.pass ?? null })),
        dynatxCompileErrors: dynatxFailed.length,
      },
      null,
      2,
    ),
  );
} else {
  printReport();
}
process.exit(dynatxFailed.length > 0 ? 1 : 0);

function printReport() {
  const out = [];
  out.push(`Type-check cost: dynatx vs ElectroDB transactions (TypeScript ${tsVersion}, Node ${process.version})`);
  out.push('audit-log mix in rotation: put Event / update Counter / check Tenant, one literal key per action');
  out.push(options.repeat > 1 ? `check time: fastest of ${options.repeat} runs` : 'check time: one run (noisy; instantiations are deterministic)');
  out.push('');
  const header = ['size', 'dynatx inst.', 'dynatx check', 'ElectroDB inst.', 'ElectroDB check', 'errors'];
  const body = [0, SETUP, ...options.sizes].map((size) => {
    const d = get('dynatx', size);
    const e = get('electrodb', size) ?? { errors: [] };
    if (size === SETUP) {
      const errors = d.failure || d.errors.length ? `dynatx: ${d.failure ?? summarizeErrors(d.errors)}` : '-';
      return ['setup', fmtInt(d.instantiations), fmtSeconds(d.checkSeconds), '', '', errors];
    }
    const errors = [
      d.failure || d.errors.length ? `dynatx: ${d.failure ?? summarizeErrors(d.errors)}` : '',
      e.failure || e.errors.length ? `ElectroDB: ${e.failure ?? summarizeErrors(e.errors)}` : '',
    ].filter(Boolean);
    return [
      size === 0 ? 'base' : String(size),
      fmtInt(d.instantiations),
      fmtSeconds(d.checkSeconds),
      fmtInt(e.instantiations),
      fmtSeconds(e.checkSeconds),
      errors.join('; ') || '-',
    ];
  });
  out.push(...table(header, body, [false, true, true, true, true, false]));
  out.push('base: imports and entities (ElectroDB: and `new Service`). setup (dynatx): base + the entities typed as AnyEntity,');
  out.push('a one-time cost that the first action pays and that ElectroDB pays in `new Service`.');
  out.push('');
  out.push('Instantiations per action, net of the empty baseline: (I(N) - I(base)) / N');
  const perBody = options.sizes.map((size) => [
    String(size),
    fmtNumber(perAction('dynatx', size)),
    fmtNumber(perAction('dynatx', size, SETUP)),
    fmtNumber(perAction('electrodb', size)) + (ok(get('electrodb', size)) ? '' : ' (did not compile)'),
  ]);
  out.push(...table(['size', 'dynatx', 'dynatx net of setup', 'ElectroDB'], perBody, [false, true, true, true]));
  out.push('');
  out.push(`Marginal cost per action, (I(${MARGINAL_TO}) - I(${MARGINAL_FROM})) / ${MARGINAL_TO - MARGINAL_FROM}:`);
  out.push(`  dynatx     ${fmtNumber(dynatxMarginal)}`);
  const em = electrodbMarginal();
  out.push(
    `  ElectroDB  ${em ? `${fmtNumber(em.value)}${em.to !== MARGINAL_TO ? ` (${em.from} -> ${em.to}, the largest size it compiled)` : ''}` : 'n/a'}`,
  );
  out.push('');
  out.push('Targets:');
  for (const t of targets) {
    const verdict = t.pass === undefined ? 'N/A ' : t.pass ? 'PASS' : 'FAIL';
    const value = typeof t.value === 'number' ? fmtNumber(t.value) : (t.value ?? 'not measured');
    out.push(`  ${verdict}  (${t.id}) ${t.description}: ${value}`);
  }
  if (dynatxFailed.length > 0) {
    out.push('');
    out.push('dynatx compile errors:');
    for (const r of dynatxFailed) {
      if (r.failure) out.push(`  ${r.name}: ${r.failure}`);
      for (const e of r.errors.slice(0, 5)) out.push(`  ${r.name}/fixture.ts(${e.line},${e.column}): ${e.code} ${e.message}`);
    }
  }
  console.log(out.join('\n'));
}

// ----- formatting -----

function summarizeErrors(errors) {
  const counts = new Map();
  for (const e of errors) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} x${n}` : code)).join(', ');
}

function fmtInt(n) {
  return n === undefined ? '?' : n.toLocaleString('en-US');
}

function fmtNumber(n) {
  return n === undefined ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

function fmtSeconds(s) {
  return s === undefined ? '?' : `${s.toFixed(2)}s`;
}

function table(header, rows, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`, ...rows.map(line)];
}
