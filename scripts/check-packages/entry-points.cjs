// Run with node in the fresh CommonJS project of scripts/check-packages.mjs: require() gets the
// CommonJS builds, with the same exports as the ESM builds, and the ESM-only ./vitest subpath
// says what it is instead of failing obscurely.
'use strict';
const assert = require('node:assert/strict');

async function main() {
  for (const name of ['@dynatx/core', '@dynatx/testing']) {
    const required = require(name);
    const imported = await import(name);
    assert.deepEqual(Object.keys(required).sort(), Object.keys(imported).sort(), `${name}: require() and import() give the same names`);
    assert.match(require.resolve(name), /[\\/]dist[\\/]cjs[\\/]index\.js$/, `${name}: require() loads dist/cjs`);
    console.log(`ok  require('${name}'): ${Object.keys(required).length} exports, the same as import()`);
  }
  assert.throws(() => require('@dynatx/testing/vitest'), /ESM-only/);
  console.log("ok  require('@dynatx/testing/vitest') explains that it is ESM-only");
  const vitestHelpers = await import('@dynatx/testing/vitest');
  assert.equal(typeof vitestHelpers.useTable, 'function');
  console.log("ok  import('@dynatx/testing/vitest') from CommonJS loads the helpers");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
