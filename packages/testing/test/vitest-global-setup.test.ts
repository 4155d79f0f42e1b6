import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DYNAMODB_ENDPOINT_ENV } from '../src/dynamodb-local.js';
import { probePort, runNode } from './helpers.js';

const fixtureRoot = fileURLToPath(new URL('./fixtures/global-setup/', import.meta.url));
const vitestCli = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

it('globalSetup starts one engine, provides it to test files and stops it at the end', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'dynatx-global-setup-'));
  try {
    const report = join(scratch, 'report.json');
    const env: NodeJS.ProcessEnv = { ...process.env, DYNATX_FIXTURE_REPORT: report };
    delete env[DYNAMODB_ENDPOINT_ENV];
    delete env.VITEST; // the nested run must not think it is a worker of this one
    delete env.VITEST_POOL_ID;
    delete env.VITEST_WORKER_ID;
    // As in a fresh shell: the quiet run must come from the config, not from this run's env.
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;

    const run = runNode(
      [vitestCli, 'run', '--root', fixtureRoot, '--config', join(fixtureRoot, 'vitest.config.ts')],
      env,
      fixtureRoot,
    );
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(existsSync(report), run.output()).toBe(true);

    const { endpoint, endpointFromEnv, external } = JSON.parse(readFileSync(report, 'utf8')) as {
      endpoint: string;
      endpointFromEnv: string;
      external: boolean;
    };
    expect(endpointFromEnv).toBe(endpoint);
    expect(external).toBe(true);
    // The AWS SDK's notice about future Node versions is silenced in every process of the
    // run, the globalSetup's included; a real warning still comes through.
    expect(run.output()).not.toContain('NodeVersionSupportWarning');
    expect(run.output()).toContain('dynatx fixture: a real warning');
    // The global teardown stopped the engine.
    expect(await probePort(Number(new URL(endpoint).port))).toBe('ECONNREFUSED');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
