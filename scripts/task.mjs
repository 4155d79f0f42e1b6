#!/usr/bin/env node
// The README's entry points (`npm test`, `npm run demo`) land here so that they work on a
// fresh machine that has only Node and npm: this script finds (or fetches) the pinned pnpm,
// installs the workspace, builds it, and then runs the requested steps in order.
//
//   npm run demo -- --events 1000    (npm hands `demo --events 1000` to this script; the
//                                     flags go to the demo, see `npm run demo -- --help`)
//
// DYNATX_TASK_SKIP_SETUP=1 skips the install and the build, for the tests that run these
// command lines against a workspace that is already installed and built.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // "pnpm@x.y.z"

const steps = {
  // test:packages packs the built packages and installs them in fresh projects, as users do.
  test: [['run', 'build'], ['run', 'typecheck'], ['run', 'test:types'], ['run', 'docs'], ['run', 'test:unit'], ['run', 'test:packages']],
  demo: [['run', 'build'], ['--filter', '@dynatx/examples', 'run', 'demo']],
};

const [task, ...rest] = process.argv.slice(2);
// npm removes the `--` of `npm run demo -- --events 1000`; other launchers pass it on.
const extra = rest[0] === '--' ? rest.slice(1) : rest;
if (!task || !(task in steps)) {
  console.error(`usage: node scripts/task.mjs <${Object.keys(steps).join('|')}> [-- demo options]`);
  process.exit(2);
}
if (extra.length > 0 && task !== 'demo') {
  console.error(`node scripts/task.mjs ${task} takes no options (got ${extra.join(' ')})`);
  process.exit(2);
}
// pnpm hands everything after the script name to the script, verbatim.
steps.demo.at(-1).push(...extra);

/** pnpm as we were started by it, else the pinned version through npx (no global install). */
function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ['npx', ['--yes', pinned]];
}

function run(args) {
  const [cmd, prefix] = pnpmCommand();
  console.log(`\n> pnpm ${args.join(' ')}`);
  const result = spawnSync(cmd, [...prefix, ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const skipSetup = process.env.DYNATX_TASK_SKIP_SETUP === '1';
if (!skipSetup) run(['install', process.env.CI ? '--frozen-lockfile' : '--prefer-offline']);
for (const step of steps[task]) {
  if (skipSetup && step[0] === 'run' && step[1] === 'build') continue;
  run(step);
}
if (task === 'test') printTotals();

/** One closing line for the whole suite: vitest's tests plus the type-message checks. */
function printTotals() {
  const reportPath = join(root, '.dynatx-tmp', 'vitest-report.json');
  if (!existsSync(reportPath)) return;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  console.log(`\nvitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
