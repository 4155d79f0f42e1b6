#!/usr/bin/env node
// The compile-time budget, pinned: a 100-action chain compiles, and each added action costs at
// most 300 type instantiations. Instantiation counts are deterministic (unlike check times), so
// this is a test, not a timing; it reuses the bench:types fixtures at 25 and 100 actions.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'types', 'run.mjs');
const run = spawnSync(process.execPath, [bench, '--only', '25', '100', '--json'], { encoding: 'utf8' });
if (run.status !== 0 && !run.stdout) {
  console.error(run.stderr);
  process.exit(1);
}
const results = JSON.parse(run.stdout);
const pinned = results.targets.filter((t) => t.id === 'a' || t.id === 'b');
let failed = 0;
for (const target of pinned) {
  console.log(`${target.pass ? 'ok  ' : 'FAIL'}  ${target.description}: ${typeof target.value === 'number' ? target.value.toFixed(1) : target.value}`);
  if (!target.pass) failed++;
}
console.log(`type budget: ${pinned.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
