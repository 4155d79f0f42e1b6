// Run with node in the fresh ESM project of scripts/check-packages.mjs: import gets the ESM
// builds, and the ESM-only ./vitest subpath loads outside vitest too (it imports vitest only
// inside vitest's workers).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const name of ['@dynatx/core', '@dynatx/testing']) {
  const imported = await import(name);
  assert.match(import.meta.resolve(name), /\/dist\/index\.js$/, `${name}: import loads dist/ (ESM)`);
  assert.deepEqual(Object.keys(require(name)).sort(), Object.keys(imported).sort(), `${name}: require() and import give the same names`);
  console.log(`ok  import '${name}': ${Object.keys(imported).length} exports, the same as require()`);
}
const vitestHelpers = await import('@dynatx/testing/vitest');
for (const name of ['setup', 'teardown', 'useDynamoDB', 'useTable']) assert.equal(typeof vitestHelpers[name], 'function', name);
console.log("ok  import '@dynatx/testing/vitest' loads the helpers");
