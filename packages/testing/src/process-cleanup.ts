import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/*
 * Cleanup for engines whose owner never calls stop(): a test that throws in beforeAll, a
 * script that calls process.exit(), a worker torn down with SIGTERM or SIGKILL, an owner
 * killed in the very first milliseconds of startDynamoDBLocal().
 *
 * Both guards exist *before* the temp dir and the JVM do, and learn about them as they come
 * into existence: the temp dir's path is chosen (not created) first, and the JVM's pid is
 * handed over as soon as spawn() returns. So there is no moment at which an engine exists
 * that nobody would clean up.
 *
 * - The exit hook covers process.exit() and a normal end of the process. Only synchronous
 *   work is possible in an 'exit' listener, so it kills with SIGKILL and uses rmSync.
 * - The watchdog covers deaths where no JavaScript runs at all: SIGKILL, SIGTERM (Node's
 *   default action skips 'exit' listeners), an OOM kill. It is a tiny shell that blocks on
 *   a pipe from this process; the kernel closes the pipe whichever way Node dies, and the
 *   shell then kills the JVM and removes the temp dir. It ignores INT/HUP/TERM so that a
 *   Ctrl-C sent to the whole process group does not take it down before it has done its job.
 *   Besides the pids it was told, it kills whatever runs with this engine's temp dir in its
 *   command line (`-Djava.io.tmpdir=<dir>`, unique per engine): that covers an owner killed
 *   between spawn() and telling the watchdog the pid. It looks again a second later, for a
 *   JVM whose fork was under way when the owner died.
 *
 * stop() first stops the JVM and removes the temp dir, and only then dismisses the watchdog
 * (SIGKILL, so it does not act), so an owner killed in the middle of stop() is covered too.
 */
const WATCHDOG_SCRIPT = [
  "trap '' INT HUP TERM",
  "pids=''",
  'while read -r pid; do pids="$pids $pid"; done',
  'reap() {',
  '  for pid in $pids; do kill -9 "$pid" 2>/dev/null; done',
  '  pkill -9 -f "$DYNATX_WATCHDOG_MARK" 2>/dev/null',
  '  rm -rf "$DYNATX_WATCHDOG_DIR"',
  '}',
  'reap',
  'sleep 1',
  'reap',
].join('\n');

interface TrackedEngine {
  pid: number | undefined;
  readonly tempDir: string;
}

const tracked = new Set<TrackedEngine>();
let exitHookInstalled = false;

function reapAllSync(): void {
  for (const engine of tracked) {
    if (engine.pid !== undefined) {
      try {
        process.kill(engine.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(engine.tempDir, { recursive: true, force: true });
  }
  tracked.clear();
}

/** What the JVM's command line carries for `tempDir`, as a `pkill -f` (extended regex) pattern. */
export function tempDirMarkPattern(tempDir: string): string {
  const escaped = `java.io.tmpdir=${tempDir}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `${escaped}( |$)`;
}

export interface EngineGuard {
  /** Tells both guards the JVM's pid; call it as soon as spawn() returns. */
  adopt(pid: number): void;
  /** The JVM is gone and its temp dir removed: stands both guards down. */
  release(): Promise<void>;
}

/**
 * Guards an engine that is about to exist: call it with the temp dir's path *before*
 * creating the dir, and hand over the JVM's pid with adopt() right after spawning it.
 */
export function guardEngine(tempDir: string): EngineGuard {
  if (!exitHookInstalled) {
    process.on('exit', reapAllSync);
    exitHookInstalled = true;
  }
  const entry: TrackedEngine = { pid: undefined, tempDir };
  tracked.add(entry);
  const watchdog = spawnWatchdog(tempDir);
  return {
    adopt(pid) {
      entry.pid = pid;
      // A pipe write of a few bytes is complete when write() returns (libuv writes at once
      // when nothing is queued); the pkill pattern covers the instant before it.
      watchdog?.stdin?.write(`${pid}\n`);
    },
    async release() {
      await dismissWatchdog(watchdog);
      tracked.delete(entry);
    },
  };
}

function spawnWatchdog(tempDir: string): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    // The dir and the pattern travel in the environment, not in argv, so that the pattern
    // never matches the watchdog's own command line.
    const watchdog = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'dynatx-watchdog'], {
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { ...process.env, DYNATX_WATCHDOG_DIR: tempDir, DYNATX_WATCHDOG_MARK: tempDirMarkPattern(tempDir) },
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
async function dismissWatchdog(watchdog: ChildProcess | undefined): Promise<void> {
  if (watchdog === undefined || watchdog.pid === undefined) return;
  if (watchdog.exitCode !== null || watchdog.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => watchdog.once('exit', () => resolve()));
  watchdog.ref();
  watchdog.kill('SIGKILL');
  await exited;
}
