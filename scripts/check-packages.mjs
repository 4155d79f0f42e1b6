#!/usr/bin/env node
// The published packages, checked as users get them (the last step of `npm test`; needs the
// build):
//
// 1. `pnpm pack` @dynatx/core and @dynatx/testing into a temp dir; attw and publint --strict
//    judge the tarballs (every entry point, node10 / node16 CJS / node16 ESM / bundler).
// 2. Fresh projects in os.tmpdir(), outside the workspace, install the tarballs with plain npm
//    (--engine-strict), all at once:
//      esm        "type": "module",   both packages, the newest AWS SDK client and ElectroDB
//      cjs        "type": "commonjs", both packages, @dynatx/testing's SDK floor, ElectroDB 3.0.1
//      core-floor "type": "module",   @dynatx/core alone at its (lower) SDK floor, ElectroDB 3.0.1
//    plus a tools project with the oldest and the newest supported TypeScript.
// 3. In each: check-packages/*.ts type-check with both TypeScripts (skipLibCheck off), compile,
//    and run with node against DynamoDB Local: started by the installed @dynatx/testing in esm
//    and cjs (through require() in cjs); for core-floor, by the esm project's. entry-points.*
//    compare the exports of require() and import and load the ESM-only ./vitest subpath.
// 4. Every installed package's engines.node admits the lowest Node version we declare.
//
// Prints a table; exits 1 on any failure. Removes its temp dir and leaves no DynamoDB Local
// of its own running.
//
//   node scripts/check-packages.mjs [--keep] [--core-sdk <v>] [--testing-sdk <v>] [--electrodb <v>]
//
// --keep leaves the temp dir for inspection; the others replace a floor version, to probe a
// lower floor before declaring it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'scripts', 'check-packages');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const rootPackage = readJson(join(root, 'package.json'));
const corePackage = readJson(join(root, 'packages', 'core', 'package.json'));
const testingPackage = readJson(join(root, 'packages', 'testing', 'package.json'));

// The supported TypeScript range, checked at both ends: 5.4 (the declarations use NoInfer) to
// the newest release. Raise NEWEST_TYPESCRIPT when a new one is out.
const OLDEST_TYPESCRIPT = '5.4.5';
const NEWEST_TYPESCRIPT = '7.0.2';
// @types/node of the lowest supported Node line (the SDK's declarations need Node's types).
const TYPES_NODE = '20.19.43';
const SEMVER = '7.8.6';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const keep = args.includes('--keep');
const floorOf = (range, what) => {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range ?? '');
  if (!match) throw new Error(`check-packages: expected a caret range for ${what}, got ${range}`);
  return match[1];
};
const SDK = '@aws-sdk/client-dynamodb';
// The ends of the peer ranges: floors from the declared ranges, the newest versions from the
// workspace's own dev dependencies (what the test suite runs).
const sdk = {
  newest: corePackage.devDependencies[SDK],
  coreFloor: option('--core-sdk') ?? floorOf(corePackage.peerDependencies[SDK], `${corePackage.name}'s ${SDK} peer`),
  testingFloor: option('--testing-sdk') ?? floorOf(testingPackage.peerDependencies[SDK], `${testingPackage.name}'s ${SDK} peer`),
};
const electrodb = {
  newest: corePackage.devDependencies.electrodb,
  oldest: option('--electrodb') ?? /^npm:electrodb@(\d+\.\d+\.\d+)$/.exec(corePackage.devDependencies['electrodb-lowest'] ?? '')?.[1],
};
const nodeRange = rootPackage.engines.node;
for (const pkg of [corePackage, testingPackage]) {
  if (pkg.engines?.node !== nodeRange) throw new Error(`check-packages: ${pkg.name} declares engines.node ${pkg.engines?.node}, the workspace ${nodeRange}`);
}

const childEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (const key of Object.keys(childEnv)) {
  // Settings of the pnpm or npm run that started us must not reach the fresh projects' npm.
  if (/^npm_(config|package|lifecycle)_/i.test(key)) delete childEnv[key];
}
childEnv.npm_config_update_notifier = 'false';

/** Runs a command with its output captured; resolves to { ok, output, seconds }. */
function run(command, commandArgs, { cwd, env = childEnv, timeoutMs = 300_000 } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeoutMs / 1000} s)`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (error) => (output += `\n${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
/** One row of the table; a failure prints the end of its output at once. */
function record(check, project, result, detail = '') {
  results.push({ check, project, ok: result.ok, seconds: result.seconds, detail });
  if (!result.ok) console.error(`\nFAILED: ${check} (${project})\n${result.output.trim().split('\n').slice(-60).join('\n')}\n`);
  return result.ok;
}
const failure = (output) => ({ ok: false, seconds: 0, output });

function pnpm() {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ['npx', ['--yes', rootPackage.packageManager]];
}

const workDir = mkdtempSync(join(tmpdir(), 'dynatx-check-packages-'));
/** The engine the core-floor project borrows, while it runs. */
let borrowedEngine;

/** Kills any DynamoDB Local whose jar lies in our temp projects; the runs should leave none. */
function stopLeftoverEngines() {
  const found = spawnSync('pgrep', ['-f', `${workDir}/.*DynamoDBLocal`], { encoding: 'utf8' });
  const pids = (found.stdout ?? '').split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids;
}

function cleanUp() {
  borrowedEngine?.kill('SIGTERM');
  const leftovers = stopLeftoverEngines();
  if (keep) console.log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
  return leftovers;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp();
    process.kill(process.pid, signal);
  });
}

const started = Date.now();
try {
  await main();
} catch (error) {
  record('check-packages itself', '-', failure(error?.stack ?? String(error)));
} finally {
  // The engines stop themselves; give a JVM a moment to go after its owner said so.
  await new Promise((resolve) => setTimeout(resolve, borrowedEngine ? 1_000 : 0));
  const leftovers = cleanUp();
  if (leftovers.length > 0) record('no DynamoDB Local left running', '-', failure(`killed ${leftovers.join(', ')}`));
}
printTable();
process.exit(results.every((r) => r.ok) ? 0 : 1);

async function main() {
  console.log(`check-packages: working in ${workDir}`);

  // 1. Pack. pnpm replaces workspace: versions and adds the workspace's LICENSE.
  const tarballs = join(workDir, 'tarballs');
  mkdirSync(tarballs);
  const [pnpmCommand, pnpmPrefix] = pnpm();
  for (const name of ['core', 'testing']) {
    const packed = await run(pnpmCommand, [...pnpmPrefix, 'pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', name), env: process.env });
    if (!record('pnpm pack', `@dynatx/${name}`, packed)) return;
  }
  const tarball = (name) => join(tarballs, readdirSync(tarballs).find((file) => file.startsWith(`dynatx-${name}-`)));
  for (const name of ['core', 'testing']) {
    const listed = spawnSync('tar', ['tzf', tarball(name)], { encoding: 'utf8' }).stdout ?? '';
    const missing = ['LICENSE', 'README.md', 'dist/index.js', 'dist/cjs/index.js', 'dist/cjs/package.json'].filter((file) => !listed.includes(`package/${file}\n`));
    record('tarball has LICENSE, README, both builds', `@dynatx/${name}`, { ok: missing.length === 0, seconds: 0, output: `missing: ${missing.join(', ')}` });
  }

  // 2. The projects.
  const tools = join(workDir, 'tools');
  writeProject(tools, {
    name: 'dynatx-check-tools',
    private: true,
    dependencies: { 'typescript-oldest': `npm:typescript@${OLDEST_TYPESCRIPT}`, 'typescript-newest': `npm:typescript@${NEWEST_TYPESCRIPT}`, semver: SEMVER },
  });
  const both = { '@dynatx/core': `file:${tarball('core')}`, '@dynatx/testing': `file:${tarball('testing')}` };
  const projects = [
    { name: 'esm', type: 'module', packages: both, sdk: sdk.newest, electrodb: electrodb.newest, main: 'transaction', entryPoints: 'entry-points.mjs' },
    { name: 'cjs', type: 'commonjs', packages: both, sdk: sdk.testingFloor, electrodb: electrodb.oldest, main: 'transaction', entryPoints: 'entry-points.cjs' },
    { name: 'core-floor', type: 'module', packages: { '@dynatx/core': both['@dynatx/core'] }, sdk: sdk.coreFloor, electrodb: electrodb.oldest, main: 'core-only' },
  ].map((project) => ({ ...project, dir: join(workDir, project.name), label: `${project.name}: SDK ${project.sdk}, electrodb ${project.electrodb}` }));
  for (const project of projects) {
    writeProject(project.dir, {
      name: `dynatx-check-${project.name}`,
      private: true,
      type: project.type,
      dependencies: { ...project.packages, [SDK]: project.sdk, electrodb: project.electrodb },
      devDependencies: { '@types/node': TYPES_NODE },
    });
    mkdirSync(join(project.dir, 'src'));
    for (const file of ['scenario.ts', `${project.main}.ts`]) copyFileSync(join(sources, file), join(project.dir, 'src', file));
    for (const file of [project.entryPoints, project.name === 'esm' ? 'engine.cjs' : undefined].filter(Boolean)) {
      copyFileSync(join(sources, file), join(project.dir, file));
    }
    const compilerOptions = {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      strict: true,
      skipLibCheck: false,
      types: ['node'],
      rootDir: 'src',
      outDir: 'dist',
      noEmitOnError: true,
    };
    writeFileSync(join(project.dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  }

  const npmInstall = ['install', '--no-audit', '--no-fund', '--engine-strict', '--prefer-offline', '--loglevel=error'];
  const lint = async () => {
    const bin = (name) => join(root, 'node_modules', '.bin', name);
    for (const name of ['core', 'testing']) {
      record('attw', `@dynatx/${name}`, await run(bin('attw'), [tarball(name), '--format', 'ascii']));
      record('publint --strict', `@dynatx/${name}`, await run(bin('publint'), ['run', tarball(name), '--strict']));
    }
  };
  const [toolsInstall, ...installs] = await Promise.all([
    run('npm', npmInstall, { cwd: tools }),
    ...projects.map((project) => run('npm', npmInstall, { cwd: project.dir })),
    lint(),
  ]);
  if (!record('npm install', `tools: TypeScript ${OLDEST_TYPESCRIPT} and ${NEWEST_TYPESCRIPT}`, toolsInstall)) return;
  projects.forEach((project, i) => (project.installed = record('npm install --engine-strict', project.label, installs[i])));

  const toolsRequire = createRequire(join(tools, 'package.json'));
  const semver = toolsRequire('semver');
  // TypeScript 7's exports do not list bin/tsc; its package.json they do.
  const tscOf = (alias) => join(dirname(toolsRequire.resolve(`${alias}/package.json`)), 'bin', 'tsc');
  const tsc = { oldest: tscOf('typescript-oldest'), newest: tscOf('typescript-newest') };

  for (const project of projects.filter((p) => p.installed)) {
    // 3. Both TypeScripts at once (the oldest emits what runs), then the runs.
    const [oldest, newest] = await Promise.all([
      run(process.execPath, [tsc.oldest, '-p', '.'], { cwd: project.dir }),
      run(process.execPath, [tsc.newest, '-p', '.', '--noEmit'], { cwd: project.dir }),
    ]);
    record(`tsc ${OLDEST_TYPESCRIPT}`, project.label, oldest);
    record(`tsc ${NEWEST_TYPESCRIPT}`, project.label, newest);
    if (oldest.ok) {
      const how = project.type === 'module' ? 'import' : 'require';
      let env = childEnv;
      if (project.name === 'core-floor') {
        const esm = projects.find((p) => p.name === 'esm');
        const endpoint = esm.installed ? await startBorrowedEngine(esm.dir) : undefined;
        if (endpoint === undefined) {
          record(`node dist/${project.main}.js (${how})`, project.label, failure('no DynamoDB Local: it is started by the esm project, which failed'));
          continue;
        }
        env = { ...childEnv, DYNATX_CHECK_ENDPOINT: endpoint };
      }
      const ran = await run(process.execPath, [join('dist', `${project.main}.js`)], { cwd: project.dir, env, timeoutMs: 120_000 });
      if (project.name === 'core-floor') stopBorrowedEngine();
      const done = /^done: (.*)$/m.exec(ran.output)?.[1] ?? '';
      record(`node dist/${project.main}.js (${how})`, project.label, ran, done);
    }
    if (project.entryPoints) {
      record(`node ${project.entryPoints}`, project.label, await run(process.execPath, [project.entryPoints], { cwd: project.dir, timeoutMs: 60_000 }));
    }
    // 4. The lowest Node we declare must satisfy every installed package.
    record(`engines admit Node ${semver.minVersion(nodeRange)}`, project.label, checkEngines(project.dir, semver));
  }
}

/** DynamoDB Local from the esm project's @dynatx/testing, for the core-only project. */
function startBorrowedEngine(esmDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['engine.cjs'], { cwd: esmDir, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    borrowedEngine = child;
    let output = '';
    const timer = setTimeout(() => {
      console.error(`check-packages: DynamoDB Local did not start for core-floor\n${output}`);
      resolve(undefined);
    }, 60_000);
    const onData = (chunk) => {
      output += chunk;
      const endpoint = /^endpoint (\S+)$/m.exec(output)?.[1];
      if (endpoint) {
        clearTimeout(timer);
        resolve(endpoint);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => {
      clearTimeout(timer);
      borrowedEngine = undefined;
      resolve(undefined);
    });
  });
}

function stopBorrowedEngine() {
  // engine.cjs stops DynamoDB Local and exits when its stdin closes.
  borrowedEngine?.stdin.end();
}

function writeProject(dir, packageJson) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
}

function checkEngines(projectDir, semver) {
  const floor = semver.minVersion(nodeRange).version;
  const refusing = [];
  let count = 0;
  const visit = (modulesDir) => {
    if (!existsSync(modulesDir)) return;
    for (const entry of readdirSync(modulesDir)) {
      if (entry.startsWith('.')) continue;
      const dirs = entry.startsWith('@') ? readdirSync(join(modulesDir, entry)).map((name) => join(modulesDir, entry, name)) : [join(modulesDir, entry)];
      for (const dir of dirs) {
        const manifest = join(dir, 'package.json');
        if (!existsSync(manifest)) continue;
        const { name, version, engines } = readJson(manifest);
        count++;
        if (engines?.node && !semver.satisfies(floor, engines.node)) refusing.push(`${name}@${version} wants node ${engines.node}`);
        visit(join(dir, 'node_modules'));
      }
    }
  };
  visit(join(projectDir, 'node_modules'));
  return { ok: refusing.length === 0, seconds: 0, output: refusing.join('\n') || `${count} packages` };
}

function printTable() {
  const rows = results.map((r) => [r.ok ? 'ok' : 'FAIL', r.check, r.project, r.seconds ? `${r.seconds.toFixed(1)} s` : '', r.detail]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...rows.map((row) => row[i].length)));
  console.log('\nthe published packages, as users install them:');
  for (const row of rows) console.log(`  ${row.slice(0, 4).map((cell, i) => cell.padEnd(widths[i])).join('  ')}  ${row[4]}`.trimEnd());
  const failed = results.filter((r) => !r.ok).length;
  console.log(`check-packages: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
