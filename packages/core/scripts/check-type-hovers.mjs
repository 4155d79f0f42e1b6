#!/usr/bin/env node
/**
 * Hovers: the TypeScript language service's quick info for each name marked `/*hover*\/` in
 * `test-d/hovers/*.mts`, through the plugin `@dynatx/core/ts-plugin` as tsserver loads it, must
 * be at most 250 characters, without the id separators or the entity schema. The quick info
 * TypeScript gives without the plugin is printed alongside, for comparison.
 *
 * Run after `tsc -p tsconfig.build.json` (the fixtures import dist/): `node scripts/check-type-hovers.mjs`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fixtureCompilerOptions } from './fixture-compiler-options.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(packageDir, 'test-d', 'hovers');
const plugin = createRequire(import.meta.url)(path.join(packageDir, 'ts-plugin', 'index.js'));

const MAX_LENGTH = 250;
/** What a hover must not show: the compile-time id separators, and an entity's schema. */
const FORBIDDEN = [
  { what: 'an id separator (␟ or ␞)', test: (text) => /[␟␞]/.test(text) },
  { what: 'the entity schema', test: (text) => /\b(attributes|indexes|model)\s*:|required: true|Entity</.test(text) },
];

const files = fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.mts')).sort().map((f) => path.join(fixturesDir, f));
const options = { ...fixtureCompilerOptions };
const host = {
  getScriptFileNames: () => files,
  getScriptVersion: () => '1',
  getScriptSnapshot: (file) => (fs.existsSync(file) ? ts.ScriptSnapshot.fromString(fs.readFileSync(file, 'utf8')) : undefined),
  getCurrentDirectory: () => packageDir,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const plain = ts.createLanguageService(host);
// As tsserver does: the plugin's create() gets the service and returns its decorated one.
const withPlugin = plugin({ typescript: ts }).create({ languageService: plain, languageServiceHost: host, config: {}, project: undefined, serverHost: undefined });

let failed = 0;
let count = 0;
const text = (info) => ts.displayPartsToString(info?.displayParts ?? []);
for (const file of files) {
  const source = fs.readFileSync(file, 'utf8');
  const rel = path.relative(packageDir, file);
  for (const marker of source.matchAll(/\/\*hover\*\/(\w+)/g)) {
    count++;
    const position = marker.index + marker[0].length - marker[1].length;
    const line = source.slice(0, position).split('\n').length;
    const shown = text(withPlugin.getQuickInfoAtPosition(file, position));
    const raw = text(plain.getQuickInfoAtPosition(file, position));
    const problems = [];
    if (shown === '') problems.push('no quick info');
    if (shown.length > MAX_LENGTH) problems.push(`${shown.length} characters (at most ${MAX_LENGTH})`);
    for (const forbidden of FORBIDDEN) if (forbidden.test(shown)) problems.push(`shows ${forbidden.what}`);
    if (problems.length > 0) failed++;
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${rel}:${line} ${marker[1]}: ${shown.length} characters (without the plugin: ${raw.length})`);
    console.log(`    ${shown}`);
    if (problems.length > 0) console.log(`    ${problems.join('; ')}`);
  }
}
const errors = plain.getProgram().getSemanticDiagnostics().filter((d) => files.includes(path.resolve(d.file?.fileName ?? '')));
for (const d of errors) {
  failed++;
  console.log(`FAIL ${path.relative(packageDir, d.file.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}
// tsserver finds the plugin by its name, from a project that depends on @dynatx/core.
const consumer = path.join(packageDir, '..', 'examples');
if (fs.existsSync(path.join(consumer, 'node_modules', '@dynatx', 'core'))) {
  let resolved;
  try {
    resolved = ts.resolveJSModule('@dynatx/core/ts-plugin', consumer, ts.sys);
  } catch (error) {
    resolved = String(error);
  }
  const ok = fs.existsSync(resolved) && fs.realpathSync(resolved) === fs.realpathSync(path.join(packageDir, 'ts-plugin', 'index.js'));
  if (!ok) failed++;
  count++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} tsserver resolves '@dynatx/core/ts-plugin' from ${path.relative(packageDir, consumer)}${ok ? '' : `: ${resolved}`}`);
}
console.log(`hovers: ${count - failed} passed, ${failed} failed`);
process.exit(failed === 0 && count > 0 ? 0 : 1);
