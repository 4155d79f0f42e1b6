#!/usr/bin/env node
/**
 * The compile-time suite: what the compiler accepts, what it rejects, and how it says so.
 *
 * tsd can say that a line does not compile, not what the compiler says about it nor where.
 * This script compiles the fixtures in `test-d/messages/*.mts` with the TypeScript compiler
 * API, against the built `.d.ts`, and judges each case marked in them:
 *
 *     // expect-ok
 *     tx().put(Customer, { customerId: 'c1', email: 'a@b.c' });
 *
 *     // expect-error: at nope says unknownAttributeMessage('Kitchen', 'nope')
 *       nope: 1,
 *
 * An `expect-ok` line must compile (else: a false rejection). An `expect-error` line must not
 * (else: a false acceptance), and its error must
 * - start at the offending token given after `at` (the first occurrence on the line, or the
 *   n-th with `token#n`);
 * - name the culprit: the text after each `names` (by default the `at` token) appears in it;
 * - have a first line of at most 200 characters;
 * - if `says writer(args)` is given, contain the sentence that runtime writer in
 *   `dist/errors/messages.js` returns for those arguments;
 * - be the only error on its line.
 * A marker applies to the first line below it that is not a marker; a line with no marker
 * must compile. It reports the verdicts and the first lines' median and maximum length.
 *
 * Markers are parsed, never evaluated: only the writers in WRITERS, only string literals as
 * arguments. The fixtures use `.mts` because tsd, given a test directory, type-checks every
 * `**\/*.ts` in it, and these files are meant not to compile.
 *
 * Run after `tsc -p tsconfig.build.json` (it reads dist/): `node scripts/check-type-messages.mjs`.
 * `--verbose` prints every case's first line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { fixtureCompilerOptions } from './fixture-compiler-options.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(packageDir, 'test-d', 'messages');
const messagesPath = path.join(packageDir, 'dist', 'errors', 'messages.js');
const verbose = process.argv.includes('--verbose');

/** The longest first line a rejection may have. */
const MAX_FIRST_LINE = 200;

/** The message writers a marker may name, with how many string arguments each takes. */
const WRITERS = {
  duplicateItemMessage: 1,
  tooManyActionsMessage: 0,
  emptyTransactionMessage: 0,
  unknownAttributeMessage: 2,
  notAKeyAttributeMessage: 2,
  unknownPropertyMessage: 2,
  missingAttributeMessage: 3,
  needsExpectedVersionMessage: 3,
  notVersionedMessage: 1,
  newVersionRefusedMessage: 1,
  managedVersionMessage: 2,
  missingConditionMessage: 2,
  operatorKindMessage: 3,
  notUpdatableMessage: 3,
  notRemovableMessage: 4,
  undeclaredEntityMessage: 2,
  undeclaredLabelMessage: 2,
  missingDeclaredLabelMessage: 1,
  loopMessage: 0,
  noSuchNameMessage: 2,
  noOperationMessage: 0,
  wrongTypeSentence: 3,
};

const OK_MARKER = /^\s*\/\/\s*expect-ok\s*$/;
const ERROR_MARKER = /^\s*\/\/\s*expect-error:(.*)$/;

// ----- marker parsing (no eval) -----

/** `writerName('a', "b")` -> { name, args }, or throws with the reason. */
function parseCall(text) {
  const source = text.trim();
  const head = /^([A-Za-z_$][\w$]*)\s*\(/.exec(source);
  if (head === null || !source.endsWith(')')) throw new Error(`expected writerName('arg', ...), got: ${source}`);
  const name = head[1];
  if (!Object.hasOwn(WRITERS, name)) {
    throw new Error(`${name} is not an allowed message writer (allowed: ${Object.keys(WRITERS).join(', ')})`);
  }
  const args = parseStringArgs(source.slice(head[0].length, -1));
  if (args.length !== WRITERS[name]) throw new Error(`${name} takes ${WRITERS[name]} argument(s), got ${args.length}`);
  return { name, args };
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', 0: '\0' };

/** A comma-separated list of '...' or "..." string literals, nothing else. */
function parseStringArgs(text) {
  const args = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skipSpace();
  if (i === text.length) return args;
  for (;;) {
    skipSpace();
    const quote = text[i];
    if (quote !== "'" && quote !== '"') throw new Error(`arguments must be string literals, found: ${text.slice(i) || 'nothing'}`);
    i++;
    let value = '';
    for (;;) {
      if (i >= text.length) throw new Error(`unterminated string in: ${text}`);
      const ch = text[i++];
      if (ch === quote) break;
      if (ch === '\n') throw new Error(`line break in string in: ${text}`);
      if (ch !== '\\') {
        value += ch;
        continue;
      }
      const esc = text[i++];
      if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
        value += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else if (esc !== undefined && Object.hasOwn(ESCAPES, esc)) {
        value += ESCAPES[esc];
      } else {
        throw new Error(`unsupported escape \\${esc ?? ''} in: ${text}`);
      }
    }
    args.push(value);
    skipSpace();
    if (i === text.length) return args;
    if (text[i] !== ',') throw new Error(`expected , between arguments in: ${text}`);
    i++;
  }
}

/**
 * `at <token>[#n] [names <text>]... [says <writer>(...)]` -> { at, nth, names, says }.
 * `says` comes last; `names` may repeat; tokens hold no spaces.
 */
function parseErrorMarker(text) {
  let rest = text.trim();
  let says;
  const saysAt = rest.search(/(^|\s)says\s/);
  if (saysAt !== -1) {
    says = parseCall(rest.slice(rest.indexOf('says', saysAt) + 4));
    rest = rest.slice(0, saysAt).trim();
  }
  const words = rest.split(/\s+/).filter(Boolean);
  let at;
  let nth = 1;
  const names = [];
  for (let i = 0; i < words.length; i += 2) {
    const keyword = words[i];
    const value = words[i + 1];
    if (value === undefined) throw new Error(`'${keyword}' needs a value`);
    if (keyword === 'at') {
      const m = /^(.+?)(?:#(\d+))?$/.exec(value);
      at = m[1];
      nth = m[2] === undefined ? 1 : Number(m[2]);
    } else if (keyword === 'names') {
      names.push(value);
    } else {
      throw new Error(`unknown word '${keyword}' (expected at, names, says)`);
    }
  }
  if (at === undefined) throw new Error("an expect-error marker needs 'at <token>'");
  return { at, nth, names: names.length > 0 ? names : [at], says };
}

/** The cases of one fixture: each marker block applies to the first non-marker line below it. */
function readCases(fileName, text) {
  const lines = text.split(/\r?\n/);
  const cases = [];
  const problems = [];
  let block = [];
  lines.forEach((line, index) => {
    const ok = OK_MARKER.test(line);
    const error = ERROR_MARKER.exec(line);
    if (ok || error !== null) {
      block.push({ markerLine: index, ok, source: ok ? 'expect-ok' : error[1].trim() });
      return;
    }
    if (block.length === 0) return;
    if (line.trim() === '' || line.trim().startsWith('//')) {
      for (const m of block) problems.push({ ...m, reason: `the line below a marker must be the code it is about, found ${JSON.stringify(line)}` });
      block = [];
      return;
    }
    if (block.some((m) => m.ok) && block.length > 1) {
      problems.push({ ...block[0], reason: 'expect-ok cannot be combined with other markers' });
    } else if (block[0].ok) {
      cases.push({ fileName, kind: 'ok', targetLine: index, text: line });
    } else {
      for (const m of block) {
        try {
          cases.push({ fileName, kind: 'error', targetLine: index, text: line, ...parseErrorMarker(m.source) });
        } catch (error) {
          problems.push({ ...m, reason: error.message });
        }
      }
    }
    block = [];
  });
  for (const m of block) problems.push({ ...m, reason: 'marker at the end of the file has no line below it' });
  return { cases, problems };
}

// ----- judging -----

/** The column of the n-th occurrence of `token` in `text` (a whole word, for a word), or -1. */
function columnOf(text, token, nth) {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(/^\w+$/.test(token) ? `(?<![\\w$])${escaped}(?![\\w$])` : escaped, 'g');
  let match;
  for (let i = 0; i < nth; i++) {
    match = pattern.exec(text);
    if (match === null) return -1;
  }
  return match.index;
}

const firstLine = (text) => text.split('\n')[0];

/**
 * Judges the cases of one fixture against its diagnostics (`{ line, column, text }`, 0-based).
 * Returns one result per case, plus one failure per line with an error no case expects.
 */
function judge(fileName, cases, diagnostics, writers) {
  const results = [];
  const byLine = new Map();
  for (const d of diagnostics) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  const targeted = new Set();
  const errorCasesByLine = new Map();
  for (const c of cases) if (c.kind === 'error') errorCasesByLine.set(c.targetLine, [...(errorCasesByLine.get(c.targetLine) ?? []), c]);
  for (const c of cases) {
    targeted.add(c.targetLine);
    const where = `${fileName}:${c.targetLine + 1}`;
    const found = byLine.get(c.targetLine) ?? [];
    if (c.kind === 'ok') {
      results.push(
        found.length === 0
          ? { ok: true, kind: 'ok', where, call: 'compiles' }
          : { ok: false, kind: 'ok', verdict: 'false rejection', where, call: 'compiles', detail: `it does not compile:\n${indent(found.map((d) => d.text).join('\n'))}` },
      );
      continue;
    }
    const label = `at ${c.at}${c.nth > 1 ? `#${c.nth}` : ''}${c.says ? ` says ${c.says.name}(${c.says.args.map((a) => JSON.stringify(a)).join(', ')})` : ''}`;
    if (found.length === 0) {
      results.push({ ok: false, kind: 'error', verdict: 'false acceptance', where, call: label, detail: 'expected a compile error here, but the line compiles' });
      continue;
    }
    const column = columnOf(c.text, c.at, c.nth);
    const problems = [];
    if (column === -1) problems.push(`the line has no '${c.at}'${c.nth > 1 ? ` #${c.nth}` : ''}`);
    const diagnostic = found.find((d) => d.column === column);
    const d = diagnostic ?? found[0];
    if (diagnostic === undefined && column !== -1) {
      problems.push(`not on the offending token '${c.at}' (column ${column + 1}); errors start at column ${found.map((x) => x.column + 1).join(', ')}`);
    }
    const expectedCount = errorCasesByLine.get(c.targetLine).length;
    if (found.length > expectedCount) problems.push(`${found.length} errors on the line, ${expectedCount} expected`);
    for (const name of c.names) if (!d.text.includes(name)) problems.push(`does not name the culprit '${name}'`);
    const head = firstLine(d.text);
    if (head.length > MAX_FIRST_LINE) problems.push(`its first line is ${head.length} characters (at most ${MAX_FIRST_LINE})`);
    let expected;
    if (c.says) {
      expected = writers[c.says.name](...c.says.args);
      if (typeof expected !== 'string' || expected === '' || !d.text.includes(expected)) problems.push(`does not say: ${expected}`);
    }
    results.push({
      ok: problems.length === 0,
      kind: 'error',
      verdict: 'rejected',
      where,
      call: label,
      head,
      text: d.text,
      expected,
      case: c,
      detail: problems.length === 0 ? undefined : `${problems.join('; ')}\n${indent(d.text)}`,
    });
  }
  for (const [line, found] of byLine) {
    if (targeted.has(line)) continue;
    results.push({ ok: false, kind: 'unmarked', where: `${fileName}:${line + 1}`, call: '(no marker)', detail: `a compile error no marker expects:\n${indent(found.map((d) => d.text).join('\n'))}` });
  }
  return results;
}

const indent = (text) => `      ${text.replace(/\n/g, '\n      ')}`;

// ----- negative controls: the checker must be able to fail -----

function negativeControls(passed, writers) {
  const controls = [];
  const control = (name, ok) => controls.push({ ok, where: 'control', call: name, detail: 'the checker accepted what it must reject' });
  const zeroArg = Object.keys(WRITERS).filter((n) => WRITERS[n] === 0);

  // 1. For each rejection that passed with a sentence, a wrong sentence must not match it:
  //    every argument altered, or (for writers without arguments) another such writer.
  for (const result of passed) {
    if (!result.case.says) continue;
    const { name, args } = result.case.says;
    const wrong = args.length > 0 ? writers[name](...args.map((a) => `${a}-wrong`)) : writers[zeroArg.find((n) => n !== name)]();
    control(`${result.where} rejects ${JSON.stringify(wrong)}`, !result.text.includes(wrong));
  }

  // 2. The judging itself, on in-memory fixtures (no compiler needed).
  const line = "counted.check(Counter, { tenant: 'acme' }, (c, op) => op.exists(c.eventCount));";
  const column = line.indexOf('tenant');
  const sentence = writers.duplicateItemMessage('Counter{tenant:acme}');
  const fake = [{ line: 3, column, text: `TS2322: Type '"acme"' is not assignable to type '"acme" & Rejected<"${sentence}">'.` }];
  const errorCase = (extra) => ({ kind: 'error', targetLine: 3, text: line, at: 'tenant', nth: 1, names: ['Counter{tenant:acme}'], ...extra });
  const judged = (cases, diagnostics) => judge('control.mts', cases, diagnostics, writers);
  const fails = (results) => results.length >= 1 && results.some((r) => !r.ok);
  control('the right sentence on the right token passes', !fails(judged([errorCase({ says: { name: 'duplicateItemMessage', args: ['Counter{tenant:acme}'] } })], fake)));
  control('a wrong sentence fails', fails(judged([errorCase({ says: { name: 'duplicateItemMessage', args: ['Counter{tenant:globex}'] } })], fake)));
  control('an error on another token fails', fails(judged([errorCase({ at: 'Counter' })], fake)));
  control('a culprit the message does not name fails', fails(judged([errorCase({ names: ['Tenant'] })], fake)));
  control('a first line over 200 characters fails', fails(judged([errorCase({})], [{ ...fake[0], text: `TS2345: ${'x'.repeat(MAX_FIRST_LINE)} Counter{tenant:acme}` }])));
  control('a second error on the line fails', fails(judged([errorCase({})], [...fake, { ...fake[0], column: 0 }])));
  control('an expected error on a line that compiles fails', fails(judged([errorCase({})], [])));
  control('an expect-ok line that does not compile fails', fails(judged([{ kind: 'ok', targetLine: 3, text: line }], fake)));
  control('an error without a marker fails', fails(judged([], fake)));

  // 3. The marker parser evaluates nothing and accepts only the allowed writers and string literals.
  const rejects = (parse, text) => {
    try {
      parse(text);
      return false;
    } catch {
      return true;
    }
  };
  control('parser rejects a writer that is not allowed', rejects(parseCall, "process.exit('1')") && rejects(parseCall, "wrongTypeMessage('A', 'b', 'c', 'd')"));
  control('parser rejects non-literal arguments', rejects(parseCall, 'duplicateItemMessage(id)') && rejects(parseCall, "duplicateItemMessage('a' + 'b')") && rejects(parseCall, 'duplicateItemMessage(`a`)'));
  control('parser rejects a wrong argument count', rejects(parseCall, "unknownAttributeMessage('Kitchen')") && rejects(parseCall, "tooManyActionsMessage('x')"));
  control('parser rejects a marker without at, or with an unknown word', rejects(parseErrorMarker, "names x says loopMessage()") && rejects(parseErrorMarker, 'at x near y'));
  const parsed = parseCall(`unknownAttributeMessage("Kit\\"chen", 'it\\'s')`);
  control('parser reads both quote styles and escapes', parsed.args[0] === 'Kit"chen' && parsed.args[1] === "it's");
  const marker = parseErrorMarker("at tenant#2 names Counter{tenant:acme} says duplicateItemMessage('Counter{tenant:acme}')");
  control('parser reads at, the n-th occurrence, names and says', marker.at === 'tenant' && marker.nth === 2 && marker.names[0] === 'Counter{tenant:acme}' && marker.says.name === 'duplicateItemMessage');

  return controls;
}

// ----- main -----

function compile(files) {
  const options = { ...fixtureCompilerOptions };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program);
}

function median(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  if (!fs.existsSync(messagesPath)) {
    console.error(`check-type-messages: ${path.relative(packageDir, messagesPath)} is missing: build first (tsc -p tsconfig.build.json)`);
    return 1;
  }
  const runtime = await import(pathToFileURL(messagesPath).href);
  const writers = {};
  for (const name of Object.keys(WRITERS)) {
    if (typeof runtime[name] !== 'function') {
      console.error(`check-type-messages: dist/errors/messages.js does not export ${name}`);
      return 1;
    }
    writers[name] = runtime[name];
  }

  const files = fs
    .readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.mts'))
    .sort()
    .map((f) => path.join(fixturesDir, f));
  if (files.length === 0) {
    console.error(`check-type-messages: no fixtures in ${path.relative(packageDir, fixturesDir)}`);
    return 1;
  }

  const diagnostics = compile(files);
  const results = [];
  const fixtureSet = new Set(files.map((f) => path.resolve(f)));
  const perFile = new Map(files.map((f) => [path.resolve(f), []]));
  for (const d of diagnostics) {
    const text = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    const fileName = d.file === undefined ? undefined : path.resolve(d.file.fileName);
    if (fileName === undefined || !fixtureSet.has(fileName) || d.start === undefined) {
      // An error outside the fixtures (a broken import, entities.ts, dist) would make every
      // case meaningless: report it as a failure of its own.
      const where = fileName === undefined ? '(global)' : `${path.relative(packageDir, fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`;
      results.push({ ok: false, where, call: '(outside fixtures)', detail: text });
      continue;
    }
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    perFile.get(fileName).push({ line, column: character, text });
  }

  let caseCount = 0;
  for (const file of files) {
    const rel = path.relative(packageDir, file);
    const { cases, problems } = readCases(rel, fs.readFileSync(file, 'utf8'));
    caseCount += cases.length;
    for (const p of problems) results.push({ ok: false, where: `${rel}:${p.markerLine + 1}`, call: p.source, detail: `bad marker: ${p.reason}` });
    if (cases.length === 0) results.push({ ok: false, where: rel, call: '(fixture)', detail: 'has no markers' });
    results.push(...judge(rel, cases, perFile.get(path.resolve(file)), writers));
  }

  const passed = results.filter((r) => r.ok && r.kind === 'error');
  const controls = negativeControls(passed, writers);

  for (const r of [...results, ...controls]) {
    if (!r.ok || verbose) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.where}  ${r.call}${r.ok ? (verbose && r.head ? `\n    ${r.head}` : '') : `\n    ${r.detail}`}`);
  }
  const oks = results.filter((r) => r.kind === 'ok');
  const errors = results.filter((r) => r.kind === 'error');
  const heads = errors.filter((r) => r.head !== undefined).map((r) => r.head.length);
  const falseRejections = oks.filter((r) => !r.ok).length;
  const falseAcceptances = errors.filter((r) => r.verdict === 'false acceptance').length;
  const judgedRight = oks.length - falseRejections + (errors.length - falseAcceptances);
  console.log(
    `suite: ${caseCount} cases in ${files.length} fixtures (${oks.length} must compile, ${errors.length} must not): ` +
      `${judgedRight} judged right, ${falseRejections} false rejections, ${falseAcceptances} false acceptances`,
  );
  console.log(
    `messages: first line median ${median(heads)} characters, max ${heads.length ? Math.max(...heads) : 0}; ` +
      `${errors.filter((r) => r.ok).length} of ${errors.length} on the offending token, naming the culprit, first line <= ${MAX_FIRST_LINE}`,
  );
  const all = [...results, ...controls];
  const failed = all.filter((r) => !r.ok).length;
  console.log(`(${controls.length} negative controls) ${all.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
