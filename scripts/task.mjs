#!/usr/bin/env node
// The README's entry points (`npm test`, `npm run demo`) land here so that they work on a
// fresh machine that has only Node and npm: this script finds (or fetches) the pinned pnpm,
// installs the workspace, builds it, and then runs the requested steps in order.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // "pnpm@x.y.z"

const steps = {
  test: [['run', 'build'], ['run', 'typecheck'], ['run', 'test:types'], ['run', 'test:unit']],
  demo: [['run', 'build'], ['--filter', '@dynatx/examples', 'run', 'demo']],
};

const task = process.argv[2];
if (!task || !(task in steps)) {
  console.error(`usage: node scripts/task.mjs <${Object.keys(steps).join('|')}>`);
  process.exit(2);
}

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

run(['install', process.env.CI ? '--frozen-lockfile' : '--prefer-offline']);
for (const step of steps[task]) run(step);
if (task === 'test') printTotals();

/** One closing line for the whole suite: vitest's tests plus the type-message checks. */
function printTotals() {
  const reportPath = join(root, '.dynatx-tmp', 'vitest-report.json');
  if (!existsSync(reportPath)) return;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  console.log(`\nvitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
