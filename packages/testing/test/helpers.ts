import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DYNAMODB_ENDPOINT_ENV } from '../src/dynamodb-local.js';

/**
 * An orphaned process that was killed stays a zombie until PID 1 reaps it,
 * and some container inits reap late or never; a zombie runs nothing and
 * holds no port, so it counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name (which may contain spaces).
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Resolves to the connect error code, or 'connected' when something listens. */
export function probePort(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/** Runs the test body without the shared-endpoint variable, so a real engine is started. */
export function withoutEndpointEnv(): { restore(): void } {
  const saved = process.env[DYNAMODB_ENDPOINT_ENV];
  delete process.env[DYNAMODB_ENDPOINT_ENV];
  return {
    restore() {
      if (saved === undefined) delete process.env[DYNAMODB_ENDPOINT_ENV];
      else process.env[DYNAMODB_ENDPOINT_ENV] = saved;
    },
  };
}

export interface ChildRun {
  pid: number;
  firstLine: Promise<string>;
  exited: Promise<number | null>;
  /** Signals the child unless it has exited already. */
  kill(signal: NodeJS.Signals): void;
  output(): string;
}

export function runNode(args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): ChildRun {
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let out = '';
  let resolveLine: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => (resolveLine = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    out += chunk.toString();
    const newline = stdout.indexOf('\n');
    if (newline >= 0) resolveLine(stdout.slice(0, newline));
  });
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => resolveLine(''));
  return {
    pid: child.pid ?? -1,
    firstLine,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    output: () => out,
  };
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));

export interface TranspiledPackage {
  /** Where `file` (a path inside the package, e.g. `test/fixtures/x.ts`) was written, as .js. */
  path(file: string): string;
  remove(): Promise<void>;
}

/**
 * Transpiles the package's src and the given fixtures to plain JavaScript in a scratch dir
 * inside the package, so that a test can run a fixture with plain `node`: a vite-node child
 * costs seconds of startup, too much for a test that starts dozens of processes. Types are
 * not checked here (the typecheck does that). The layout mirrors the package, so relative
 * imports hold, and bare imports resolve through the package's node_modules.
 */
export async function transpileForNode(fixtures: readonly string[]): Promise<TranspiledPackage> {
  const ts = (await import('typescript')).default;
  const scratchRoot = join(packageDir, '.dynatx-tmp');
  await mkdir(scratchRoot, { recursive: true });
  const dir = await mkdtemp(join(scratchRoot, 'node-'));
  const sources = [
    ...readdirSync(join(packageDir, 'src'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join('src', name)),
    ...fixtures,
  ];
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readFileSync(join(packageDir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: file,
    });
    const out = join(dir, file.replace(/\.ts$/, '.js'));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, outputText);
  }
  // Plain .js files are CommonJS unless a package.json says otherwise.
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  return {
    path: (file) => join(dir, file.replace(/\.ts$/, '.js')),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
