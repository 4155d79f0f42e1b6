import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Last-resort cleanup for engines whose owner never called stop(): a test
 * that throws in beforeAll, a script that calls process.exit(), a worker that
 * is torn down. Only synchronous work is possible in an 'exit' listener, so
 * this kills with SIGKILL and removes the temp dir with rmSync.
 */
interface TrackedEngine {
  readonly pid: number;
  readonly tempDir: string;
}

const tracked = new Set<TrackedEngine>();
let exitHookInstalled = false;

function reapAllSync(): void {
  for (const engine of tracked) {
    try {
      process.kill(engine.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(engine.tempDir, { recursive: true, force: true });
  }
  tracked.clear();
}

/** Registers an engine for cleanup at process exit; returns the unregister function. */
export function trackUntilExit(pid: number, tempDir: string): () => void {
  if (!exitHookInstalled) {
    process.on('exit', reapAllSync);
    exitHookInstalled = true;
  }
  const entry: TrackedEngine = { pid, tempDir };
  tracked.add(entry);
  return () => {
    tracked.delete(entry);
  };
}

/*
 * An 'exit' listener does not run when Node is killed by a signal (a test
 * runner tearing down a worker with SIGTERM/SIGKILL, or an OOM kill), and the
 * JVM would then outlive it as an orphan holding a port. The watchdog is a tiny
 * shell that blocks on a pipe from this process: the kernel closes the pipe
 * whichever way Node dies, and the shell then kills the JVM and removes its
 * temp dir. It ignores INT/HUP/TERM so that a Ctrl-C sent to the whole process
 * group does not take it down before it has done its job. A normal stop()
 * kills the watchdog first, so it never acts on a live, healthy engine.
 */
const WATCHDOG_SCRIPT = [
  "trap '' INT HUP TERM",
  'read -r _ignored',
  'kill -9 "$1" 2>/dev/null',
  'rm -rf "$2"',
].join('\n');

export function spawnWatchdog(pid: number, tempDir: string): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const watchdog = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'dynatx-watchdog', String(pid), tempDir], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Without a shell there is simply no watchdog; the 'exit' hook remains.
    watchdog.on('error', () => {});
    watchdog.stdin?.on('error', () => {});
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return watchdog;
  } catch {
    return undefined;
  }
}

/** Stops a watchdog without letting it act, and waits until it is gone. */
export async function dismissWatchdog(watchdog: ChildProcess | undefined): Promise<void> {
  if (watchdog === undefined || watchdog.pid === undefined) return;
  if (watchdog.exitCode !== null || watchdog.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => watchdog.once('exit', () => resolve()));
  watchdog.ref();
  watchdog.kill('SIGKILL');
  await exited;
}
