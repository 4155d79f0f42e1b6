#!/usr/bin/env node
// `pnpm run build` of a published package (run from its folder): both builds from the same
// sources, so that `import` and `require` both work for users.
//
//   dist/       ESM, tsconfig.build.json (the package is "type": "module")
//   dist/cjs/   CommonJS, tsconfig.build.cjs.json, plus a package.json {"type": "commonjs"}
//               that makes Node and TypeScript read its .js and .d.ts files as CommonJS
//
//   node ../../scripts/build-package.mjs [--esm-only <module>]...
//
// --esm-only vitest: src/vitest.ts is left out of the CommonJS build (its config excludes it)
// and dist/cjs/vitest.js becomes a stub that explains itself when require()d, as vitest's own
// CommonJS entry does; dist/cjs/vitest.d.ts is the ESM declarations, so that a test file that
// TypeScript reads as CommonJS still type-checks (vitest loads it as ESM anyway).
//
// dist/ is emptied first, so that a file removed from src/ cannot linger in a published tarball.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const packageDir = process.cwd();
const packageName = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).name;
const tsc = createRequire(join(packageDir, 'package.json')).resolve('typescript/bin/tsc');

const esmOnly = [];
const args = process.argv.slice(2);
while (args.length > 0) {
  const flag = args.shift();
  const value = args.shift();
  if (flag !== '--esm-only' || !value) {
    console.error('usage: node scripts/build-package.mjs [--esm-only <module>]...');
    process.exit(2);
  }
  esmOnly.push(value);
}

function compile(project) {
  if (!existsSync(join(packageDir, project))) throw new Error(`build-package: ${project} is missing in ${packageDir}`);
  const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: packageDir, stdio: 'inherit' });
  if (run.error) throw run.error;
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const dist = join(packageDir, 'dist');
const cjs = join(dist, 'cjs');
rmSync(dist, { recursive: true, force: true });
compile('tsconfig.build.json');
compile('tsconfig.build.cjs.json');
mkdirSync(cjs, { recursive: true });
writeFileSync(join(cjs, 'package.json'), '{ "type": "commonjs" }\n');

for (const name of esmOnly) {
  const specifier = `${packageName}/${name}`;
  if (existsSync(join(cjs, `${name}.js`))) throw new Error(`build-package: ${name} was built as CommonJS; exclude src/${name}.ts in tsconfig.build.cjs.json`);
  const declarations = readFileSync(join(dist, `${name}.d.ts`), 'utf8').replace(/^\/\/# sourceMappingURL=.*\n?/m, '');
  writeFileSync(join(cjs, `${name}.d.ts`), declarations);
  writeFileSync(
    join(cjs, `${name}.js`),
    `'use strict';\n` +
      `throw new Error(${JSON.stringify(
        `${specifier} is ESM-only, like vitest itself: load it with import (as vitest does for test files and globalSetup), not require().`,
      )});\n`,
  );
}
