import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DYNAMODB_ENDPOINT_ENV,
  DynamoDBLocalStartError,
  JavaNotFoundError,
  LOCAL_CREDENTIALS,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
} from '../src/index.js';
import { eventually, isAlive, probePort, runNode, transpileForNode, withoutEndpointEnv, type TranspiledPackage } from './helpers.js';

describe('startDynamoDBLocal', () => {
  let env: { restore(): void };
  let engine: DynamoDBLocalHandle;

  beforeAll(async () => {
    env = withoutEndpointEnv();
    engine = await startDynamoDBLocal();
  });
  afterAll(async () => {
    await engine?.stop();
    env.restore();
  });

  it('starts an in-memory engine on a free loopback port that answers requests', async () => {
    expect(engine.external).toBe(false);
    expect(engine.endpoint).toBe(`http://127.0.0.1:${engine.port}`);
    expect(engine.pid).toBeTypeOf('number');
    expect(isAlive(engine.pid as number)).toBe(true);
    expect(existsSync(engine.tempDir as string)).toBe(true);

    const client = engine.createClient();
    expect(await client.config.region()).toBe('us-east-1');
    expect(await client.config.credentials()).toMatchObject(LOCAL_CREDENTIALS);
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual([]);
  });

  it('has a client of its own, the same on every read, beside createClient()', async () => {
    expect(engine.client).toBe(engine.client);
    expect(engine.createClient()).not.toBe(engine.client);
    await expect(engine.client.send(new ListTablesCommand({}))).resolves.toBeDefined();
  });

  it('lets createClient config override the defaults', async () => {
    const client = engine.createClient({ region: 'eu-west-1' });
    expect(await client.config.region()).toBe('eu-west-1');
    await expect(client.send(new ListTablesCommand({}))).resolves.toBeDefined();
  });

  it('uses DYNATX_DYNAMODB_ENDPOINT instead of starting anything, and stop() leaves that engine alone', async () => {
    process.env[DYNAMODB_ENDPOINT_ENV] = engine.endpoint;
    try {
      const shared = await startDynamoDBLocal();
      expect(shared.endpoint).toBe(engine.endpoint);
      expect(shared.port).toBe(engine.port);
      expect(shared.external).toBe(true);
      expect(shared.pid).toBeUndefined();
      expect(shared.client).toBe(shared.client);
      await expect(shared.client.send(new ListTablesCommand({}))).resolves.toBeDefined();
      await shared.stop();
      expect(isAlive(engine.pid as number)).toBe(true);
      await expect(shared.createClient().send(new ListTablesCommand({}))).resolves.toBeDefined();
    } finally {
      delete process.env[DYNAMODB_ENDPOINT_ENV];
    }
  });

  // Runs last in this block: it stops the shared engine.
  it('stop() kills the JVM, frees the port and removes the temp dir', async () => {
    const { pid, port, tempDir } = engine;
    await engine.stop();
    expect(() => process.kill(pid as number, 0)).toThrow();
    expect(await probePort(port)).toBe('ECONNREFUSED');
    expect(existsSync(tempDir as string)).toBe(false);
    // Idempotent.
    await expect(engine.stop()).resolves.toBeUndefined();
  });
});

describe('Java problems', () => {
  let env: { restore(): void };
  let scratch: string;

  beforeAll(async () => {
    env = withoutEndpointEnv();
    scratch = await mkdtemp(join(tmpdir(), 'dynatx-fake-java-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    env.restore();
  });

  async function fakeJava(name: string, body: string): Promise<string> {
    const path = join(scratch, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  }

  it('throws JavaNotFoundError naming Java 17 and how to install it when java is missing', async () => {
    const error = await startDynamoDBLocal({ javaPath: join(scratch, 'no-such-java') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('Java 17');
    expect(message).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(message).toContain('adoptium.net');
    expect(message).toContain(DYNAMODB_ENDPOINT_ENV);
  });

  it('rejects a Java older than 17', async () => {
    const java8 = await fakeJava('java8', 'echo \'java version "1.8.0_392"\' >&2');
    const error = await startDynamoDBLocal({ javaPath: java8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaNotFoundError);
    expect((error as Error).message).toContain('version 8');
  });

  it('reports what Java printed when the engine dies during startup, and cleans up', async () => {
    const crashing = await fakeJava(
      'java-crash',
      [
        'if [ "$1" = "-version" ]; then echo \'openjdk version "17.0.9" 2023-10-17\' >&2; exit 0; fi',
        'echo "args $*"',
        'echo "Error: simulated JVM failure" >&2',
        'exit 3',
      ].join('\n'),
    );
    const error = await startDynamoDBLocal({ javaPath: crashing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBLocalStartError);
    const startError = error as DynamoDBLocalStartError;
    expect(startError.exitCode).toBe(3);
    expect(startError.message).toContain('simulated JVM failure');
    const tempDir = /-Djava\.io\.tmpdir=(\S+)/.exec(startError.output)?.[1];
    expect(tempDir).toBeDefined();
    expect(existsSync(tempDir as string)).toBe(false);
  });

  it('times out with DynamoDBLocalStartError when the engine never answers', async () => {
    const silent = await fakeJava(
      'java-silent',
      [
        'if [ "$1" = "-version" ]; then echo \'openjdk version "21.0.1"\' >&2; exit 0; fi',
        'echo "pretending to start"',
        'exec sleep 30',
      ].join('\n'),
    );
    const started = Date.now();
    const error = await startDynamoDBLocal({ javaPath: silent, startupTimeoutMs: 700 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBLocalStartError);
    expect((error as Error).message).toMatch(/within 700 ms/);
    expect((error as Error).message).toContain('pretending to start');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('stop() lets the process exit', () => {
  let compiled: TranspiledPackage;
  // A plain node child: a vite-node child would add seconds of startup, and its own exit time.
  beforeAll(async () => {
    compiled = await transpileForNode(['test/fixtures/start-stop.ts']);
  });
  afterAll(() => compiled?.remove());
  const childEnv = { ...process.env };
  delete childEnv[DYNAMODB_ENDPOINT_ENV];

  it('a script that stops its engine exits at once, with no timer left behind', async () => {
    const child = runNode([compiled.path('test/fixtures/start-stop.ts')], childEnv);
    try {
      const line = await child.firstLine;
      const stoppedAt = Date.now();
      expect(line, child.output()).toContain('"stopped":true');
      const code = await child.exited;
      const lingeredMs = Date.now() - stoppedAt;
      expect(code, child.output()).toBe(0);
      // It used to linger ~4.6 s: the 5 s grace timer of stop() stayed armed.
      expect(lingeredMs).toBeLessThan(1_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

// Concurrent: each case waits seconds for a JVM in a child process.
describe.concurrent('cleanup when the owning process leaves without stop()', () => {
  let compiled: TranspiledPackage;
  beforeAll(async () => {
    compiled = await transpileForNode(['test/fixtures/abandon-engine.ts']);
  });
  afterAll(() => compiled?.remove());
  const childEnv = { ...process.env };
  delete childEnv[DYNAMODB_ENDPOINT_ENV];

  it.for(['exit', 'kill'] as const)(
    'leaves no JVM and no temp dir behind (%s)',
    async (mode, { expect }) => {
      const child = runNode([compiled.path('test/fixtures/abandon-engine.ts'), mode], childEnv);
      try {
        const line = await child.firstLine;
        expect(line, child.output()).not.toBe('');
        const { pid, tempDir, port } = JSON.parse(line) as { pid: number; tempDir: string; port: number };
        expect(isAlive(pid)).toBe(true);
        // 'exit' relies on the process 'exit' hook; 'kill' (SIGKILL, no hook
        // runs) on the watchdog.
        child.kill(mode === 'kill' ? 'SIGKILL' : 'SIGUSR2');
        await child.exited;
        expect(await eventually(() => !isAlive(pid))).toBe(true);
        expect(await eventually(() => !existsSync(tempDir))).toBe(true);
        expect(await eventually(async () => (await probePort(port)) === 'ECONNREFUSED')).toBe(true);
      } finally {
        // A failed assertion must not leave the fixture (and its JVM) running.
        child.kill('SIGKILL');
      }
    },
  );
});
