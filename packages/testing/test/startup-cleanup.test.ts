/**
 * An owner that dies while startDynamoDBLocal() is still starting must leave nothing behind:
 * no JVM and no temp dir, whichever way it dies (SIGKILL: no handler runs; SIGTERM: Node's
 * default action, no 'exit' event either; process.exit()) and whenever (before the temp dir
 * exists, between the temp dir and the JVM, while the JVM boots).
 *
 * Each trial runs the fixture with TMPDIR pointing at a scratch dir of its own: the engine's
 * temp dir is created there, and the JVM carries that path in its command line
 * (-Djava.io.tmpdir=...), so `pgrep -f <scratch>` finds exactly this trial's JVM and an empty
 * scratch dir means the temp dir is gone. That keeps trials independent, so they run in
 * parallel.
 */
import { execFileSync } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DYNAMODB_ENDPOINT_ENV } from '../src/dynamodb-local.js';
import { eventually, runNode, transpileForNode, type ChildRun, type TranspiledPackage } from './helpers.js';

const FIXTURE = 'test/fixtures/start-then-die.ts';
const canPgrep = (() => {
  try {
    execFileSync('pgrep', ['-f', 'no-such-process-dynatx'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // Exit status 1: nothing matched, which is fine; ENOENT: no pgrep.
    return (error as { status?: number }).status === 1;
  }
})();

/** Processes whose command line mentions `path`, as `pid command` lines. */
function processesMentioning(path: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', path], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

type Death = 'SIGKILL' | 'SIGTERM' | 'exit';
const deaths: readonly Death[] = ['SIGKILL', 'SIGTERM', 'exit'];
/** Milliseconds after the fixture calls startDynamoDBLocal(). */
const moments = [0, 2, 10, 30, 80, 200, 600] as const;

function kill(child: ChildRun, death: Death): void {
  child.kill(death === 'exit' ? 'SIGUSR2' : death);
}

interface Leftovers {
  jvms: string[];
  files: string[];
}

async function leftovers(scratch: string): Promise<Leftovers> {
  return { jvms: processesMentioning(scratch), files: await readdir(scratch) };
}

/**
 * Starts the fixture with a private TMPDIR, lets `killAt` decide when to kill it, then waits
 * (bounded) for the JVM and the temp dir to go. Resolves with what is still there.
 */
async function trial(
  death: Death,
  java: 'warm' | 'cold',
  killAt: (child: ChildRun, scratch: string) => Promise<void>,
): Promise<Leftovers & { output: string }> {
  const scratch = await mkdtemp(join(tmpdir(), 'dynatx-startup-cleanup-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: scratch };
  delete env[DYNAMODB_ENDPOINT_ENV];
  const child = runNode([compiled.path(FIXTURE), death, java], env);
  try {
    await killAt(child, scratch);
    kill(child, death);
    await child.exited;
    const clean = async () => {
      const left = await leftovers(scratch);
      return left.jvms.length === 0 && left.files.length === 0;
    };
    // The watchdog acts at once and looks again a second later (for a JVM whose fork was
    // under way); after that, a slow machine gets a few more seconds.
    await sleep(1_200);
    await eventually(clean, 5_000);
    return { ...(await leftovers(scratch)), output: child.output() };
  } finally {
    child.kill('SIGKILL');
    // Whatever the outcome, this test must not leak either.
    for (const line of processesMentioning(scratch)) {
      try {
        process.kill(Number(line.split(' ')[0]), 'SIGKILL');
      } catch {
        // gone
      }
    }
    await rm(scratch, { recursive: true, force: true });
  }
}

const afterStartCall = (ms: number) => async (child: ChildRun) => {
  await child.firstLine; // 'starting': the fixture calls startDynamoDBLocal() next
  if (ms > 0) await sleep(ms);
};

/** Kills the moment the engine's temp dir appears: the window between temp dir and JVM. */
const whenTempDirAppears = async (child: ChildRun, scratch: string) => {
  await child.firstLine;
  await new Promise<void>((resolve) => {
    const watcher = watch(scratch, () => {
      watcher.close();
      resolve();
    });
    // Already there, or never comes (a failure the assertions report).
    void readdir(scratch).then((files) => {
      if (files.length > 0) {
        watcher.close();
        resolve();
      }
    });
    void child.exited.then(() => {
      watcher.close();
      resolve();
    });
  });
};

let compiled: TranspiledPackage;

describe.runIf(canPgrep && process.platform !== 'win32').concurrent(
  'an owner killed while DynamoDB Local starts leaves no JVM and no temp dir',
  () => {
    // Plain node children: a vite-node child would spend seconds starting, per trial.
    beforeAll(async () => {
      compiled = await transpileForNode([FIXTURE]);
    });
    afterAll(() => compiled?.remove());

    // Java already checked: the first milliseconds are the temp dir, the JVM, the watchdog.
    it.for(moments.flatMap((ms) => deaths.map((death) => [ms, death] as const)))(
      '%i ms after start(), %s',
      async ([ms, death], { expect }) => {
        const left = await trial(death, 'warm', afterStartCall(ms));
        expect(left.jvms, left.output).toEqual([]);
        expect(left.files, left.output).toEqual([]);
      },
    );

    // The first start of a process, `java -version` included (it takes the first ~100 ms).
    it.for([0, 200, 600])('%i ms after the first start() of a process, SIGKILL', async (ms, { expect }) => {
      const left = await trial('SIGKILL', 'cold', afterStartCall(ms));
      expect(left.jvms, left.output).toEqual([]);
      expect(left.files, left.output).toEqual([]);
    });

    it.for(deaths)('the moment its temp dir appears, %s', async (death, { expect }) => {
      const left = await trial(death, 'warm', whenTempDirAppears);
      expect(left.jvms, left.output).toEqual([]);
      expect(left.files, left.output).toEqual([]);
    });
  },
);
