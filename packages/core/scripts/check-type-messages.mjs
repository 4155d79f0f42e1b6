#!/usr/bin/env node
/**
 * Holds the compile-time errors to the runtime sentences.
 *
 * tsd can say that a line does not compile, not what the compiler says about it. This script
 * compiles the negative fixtures in `test-d/messages/*.mts` with the TypeScript compiler API
 * and checks each line marked
 *
 *     // expect-message: duplicateItemMessage('Counter{tenant:acme}')
 *     counted.check(Counter, { tenant: 'acme' }, ...);
 *
 * gets an error (starting on the line right below the marker, or below a block of markers)
 * whose flattened text contains the sentence the runtime writer in `dist/errors/messages.js`
 * returns for those arguments. It also fails on an error in a fixture that no marker expects,
 * and on a marker whose line compiles.
 *
 * Markers are parsed, never evaluated: only the writers in WRITERS, only string literals as
 * arguments. The fixtures use `.mts` because tsd, given a test directory, type-checks every
 * `**\/*.ts` in it, and these files are meant not to compile.
 *
 * Run after `tsc -p tsconfig.build.json` (it reads dist/): `node scripts/check-type-messages.mjs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(packageDir, 'test-d', 'messages');
const messagesPath = path.join(packageDir, 'dist', 'errors', 'messages.js');

/** The message writers a marker may name, with how many string arguments each takes. */
const WRITERS = {
  duplicateItemMessage: 1,
  tooManyActionsMessage: 0,
  emptyTransactionMessage: 0,
  unknownAttributeMessage: 2,
  notAKeyAttributeMessage: 2,
};

const MARKER = /^\s*\/\/\s*expect-message:(.*)$/;

// ----- marker parsing (no eval) -----

/** `name('a', "b")` -> { name, args }, or throws with the reason. */
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

/** The markers of one fixture, each aimed at the first non-marker line below its block. */
function readMarkers(fileName, text) {
  const lines = text.split(/\r?\n/);
  const markers = [];
  const problems = [];
  let block = [];
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (match !== null) {
      block.push({ fileName, markerLine: index, source: match[1].trim() });
      return;
    }
    for (const marker of block) {
      if (line.trim() === '' || line.trim().startsWith('//')) {
        problems.push({ ...marker, reason: `the line below an expect-message marker must be the offending code, found ${JSON.stringify(line)}` });
        continue;
      }
      try {
        markers.push({ ...marker, targetLine: index, ...parseCall(marker.source) });
      } catch (error) {
        problems.push({ ...marker, reason: error.message });
      }
    }
    block = [];
  });
  for (const marker of block) problems.push({ ...marker, reason: 'marker at the end of the file has no line below it' });
  return { markers, problems };
}

// ----- matching -----

/** Whether any of the diagnostics' flattened texts contains the expected sentence. */
function matches(diagnosticTexts, expected) {
  return typeof expected === 'string' && expected.length > 0 && diagnosticTexts.some((text) => text.includes(expected));
}

/**
 * Checks the markers of one fixture against its diagnostics (`{ line, text }`, 0-based lines).
 * Returns one result per marker plus one failure per unexpected or misplaced diagnostic.
 */
function checkFixture(fileName, markers, diagnostics, writers) {
  const results = [];
  const byLine = new Map();
  for (const d of diagnostics) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d.text]);
  const targeted = new Set();
  for (const marker of markers) {
    targeted.add(marker.targetLine);
    const call = `${marker.name}(${marker.args.map((a) => JSON.stringify(a)).join(', ')})`;
    const where = `${fileName}:${marker.targetLine + 1}`;
    const expected = writers[marker.name](...marker.args);
    const texts = byLine.get(marker.targetLine) ?? [];
    if (texts.length === 0) {
      results.push({ ok: false, where, call, detail: 'expected a compile error here, but the line compiles' });
    } else if (!matches(texts, expected)) {
      results.push({
        ok: false,
        where,
        call,
        detail: `no error on this line contains:\n      ${expected}\n    errors:\n${texts.map((t) => `      ${t.replace(/\n/g, '\n      ')}`).join('\n')}`,
      });
    } else {
      results.push({ ok: true, where, call, expected, texts, marker });
    }
  }
  for (const [line, texts] of byLine) {
    if (targeted.has(line)) continue;
    results.push({
      ok: false,
      where: `${fileName}:${line + 1}`,
      call: '(no marker)',
      detail: `a compile error no marker expects:\n${texts.map((t) => `      ${t.replace(/\n/g, '\n      ')}`).join('\n')}`,
    });
  }
  return results;
}

// ----- negative controls: the checker must be able to fail -----

function negativeControls(passed, writers) {
  const controls = [];
  const control = (name, ok) => controls.push({ ok, where: 'control', call: name, detail: 'the checker accepted what it must reject' });

  // 1. For each marker that passed, a wrong expectation must not match the same errors:
  //    every argument altered, or (for writers without arguments) the other such writer.
  for (const result of passed) {
    const marker = result.marker;
    let wrong;
    if (marker.args.length > 0) {
      wrong = writers[marker.name](...marker.args.map((a) => `${a}-wrong`));
    } else {
      const other = Object.keys(WRITERS).find((n) => WRITERS[n] === 0 && n !== marker.name);
      wrong = writers[other]();
    }
    control(`${result.where} rejects ${JSON.stringify(wrong)}`, !matches(result.texts, wrong));
  }

  // 2. The fixture check itself reports a wrong sentence, a marker on a line that compiles,
  //    and an error without a marker (in-memory fixture, no compiler needed).
  const fake = [{ line: 3, text: `Argument of type '{ tenant: string; }' is not assignable to parameter of type '"${writers.duplicateItemMessage('Counter{tenant:acme}')}"'.` }];
  const wrongSentence = checkFixture('control.mts', [{ targetLine: 3, name: 'duplicateItemMessage', args: ['Counter{tenant:globex}'] }], fake, writers);
  control('a wrong item id on an erroring line fails', wrongSentence.length === 1 && !wrongSentence[0].ok);
  const noError = checkFixture('control.mts', [{ targetLine: 5, name: 'emptyTransactionMessage', args: [] }], [], writers);
  control('a marker above a line that compiles fails', noError.length === 1 && !noError[0].ok);
  const unmarked = checkFixture('control.mts', [], fake, writers);
  control('an error without a marker fails', unmarked.length === 1 && !unmarked[0].ok);
  const right = checkFixture('control.mts', [{ targetLine: 3, name: 'duplicateItemMessage', args: ['Counter{tenant:acme}'] }], fake, writers);
  control('the right sentence on the erroring line passes', right.length === 1 && right[0].ok);

  // 3. The marker parser evaluates nothing and accepts only the allowed writers and string literals.
  const rejects = (text) => {
    try {
      parseCall(text);
      return false;
    } catch {
      return true;
    }
  };
  control('parser rejects a writer that is not allowed', rejects("process.exit('1')") && rejects("missingAttributeMessage('A', 'b', 'key')"));
  control('parser rejects non-literal arguments', rejects('duplicateItemMessage(id)') && rejects("duplicateItemMessage('a' + 'b')") && rejects('duplicateItemMessage(`a`)'));
  control('parser rejects a wrong argument count', rejects("unknownAttributeMessage('Kitchen')") && rejects("tooManyActionsMessage('x')"));
  const parsed = parseCall(`unknownAttributeMessage("Kit\\"chen", 'it\\'s')`);
  control('parser reads both quote styles and escapes', parsed.args[0] === 'Kit"chen' && parsed.args[1] === "it's");

  return controls;
}

// ----- main -----

function compile(files) {
  const options = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program);
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
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const fileName = d.file === undefined ? undefined : path.resolve(d.file.fileName);
    if (fileName === undefined || !fixtureSet.has(fileName) || d.start === undefined) {
      // An error outside the fixtures (a broken import, entities.ts, dist) would make every
      // marker meaningless: report it as a failure of its own.
      const where = fileName === undefined ? '(global)' : `${path.relative(packageDir, fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`;
      results.push({ ok: false, where, call: '(outside fixtures)', detail: `TS${d.code}: ${text}` });
      continue;
    }
    perFile.get(fileName).push({ line: d.file.getLineAndCharacterOfPosition(d.start).line, text: `TS${d.code}: ${text}` });
  }

  let markerCount = 0;
  const passedMarkers = [];
  for (const file of files) {
    const rel = path.relative(packageDir, file);
    const { markers, problems } = readMarkers(rel, fs.readFileSync(file, 'utf8'));
    markerCount += markers.length;
    for (const p of problems) results.push({ ok: false, where: `${rel}:${p.markerLine + 1}`, call: p.source, detail: `bad marker: ${p.reason}` });
    if (markers.length === 0) results.push({ ok: false, where: rel, call: '(fixture)', detail: 'has no expect-message markers' });
    for (const r of checkFixture(rel, markers, perFile.get(path.resolve(file)), writers)) {
      results.push(r);
      if (r.ok) passedMarkers.push(r);
    }
  }

  const controls = negativeControls(passedMarkers, writers);

  for (const r of [...results, ...controls]) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.where}  ${r.call}${r.ok ? '' : `\n    ${r.detail}`}`);
  }
  const all = [...results, ...controls];
  const failed = all.filter((r) => !r.ok).length;
  console.log(`(${markerCount} markers in ${files.length} fixtures, ${controls.length} negative controls)`);
  console.log(`${all.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
