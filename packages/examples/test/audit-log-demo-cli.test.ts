/**
 * The demo as the README tells people to run it: `npm run demo -- --events 1000` from the
 * repository root, i.e. npm -> scripts/task.mjs -> the pinned pnpm (through npx) -> the
 * demo, with every flag, at a reduced size. The workspace is already installed and built
 * when the suite runs, so DYNATX_TASK_SKIP_SETUP=1 skips those two steps of task.mjs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { expectedFaults } from './audit-log-expected.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const builtDemo = join(root, 'packages/examples/dist/audit-log/demo.js');

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DYNATX_TASK_SKIP_SETUP: '1' };
  // The demo starts its own DynamoDB Local, as on a developer's machine.
  delete env.DYNATX_DYNAMODB_ENDPOINT;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** The README's command, split into words: `npm run demo -- --events 1000`. */
function readmeDemoCommand(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const command = /`(npm run demo -- --events \d+)`/.exec(readme)?.[1];
  expect(command, 'the README documents `npm run demo -- --events N`').toBeDefined();
  return (command as string).split(' ');
}

describe.concurrent('the demo from the command line, as the README says', () => {
  test('the workspace is built (npm test builds it first)', () => {
    expect(existsSync(builtDemo), `${builtDemo} is missing: run the build first`).toBe(true);
  });

  test('the README command, with every flag at a reduced size', { timeout: 180_000 }, async () => {
    const [npm, ...words] = readmeDemoCommand();
    expect(words).toEqual(['run', 'demo', '--', '--events', expect.stringMatching(/^\d+$/)]);
    words[words.length - 1] = '40';
    const flags = ['--tenants', '5', '--concurrency', '4', '--conflict-rate', '0.2', '--lost-response-rate', '0.1', '--seed', '7'];
    const { code, output } = await run(npm as string, [...words, ...flags]);

    expect(code, output).toBe(0);
    expect(output).toContain('Appending 40 events at concurrency 4');
    expect(output).toContain('Seeded 5 tenants: acme (active), globex (active), initech (active), umbrella (suspended), hooli (active)');
    expect(output).toContain('All invariants hold');
    const expected = expectedFaults(40, 0.2, 0.1, 7);
    const faultLine = /faults injected: (.*) in (\d+) attempts/.exec(output);
    expect(faultLine, output).not.toBeNull();
    expect(faultLine?.[1]).toContain(`${expected.injected.transactionConflict} transactionConflict`);
    expect(faultLine?.[1]).toContain(`${expected.injected.lostResponse} lostResponse`);
    expect(Number(faultLine?.[2])).toBe(expected.attempts);
    expect(output).toContain('fault rates per attempt: 0.2 transactionConflict, 0.1 lostResponse; seed 7');
    // The change feed consumer printed each committed append with its counter change.
    const received = output.split('\n').filter((l) => /^\s*▸ \S+ evt-\d{5} \w+ by \w+: eventCount \d+ -> \d+$/.test(l));
    const committed = Number(/Change feed \(image feed, read from the table's stream\): (\d+) events for (\d+) committed appends/.exec(output)?.[2]);
    expect(received.length, output).toBe(committed);
    expect(committed).toBeGreaterThan(20);
  });

  test('--help lists the options and exits 0', { timeout: 60_000 }, async () => {
    const { code, output } = await run('npm', ['run', 'demo', '--', '--help']);
    expect(code, output).toBe(0);
    expect(output).toContain('Usage (from the repository root):  npm run demo -- [options]');
    for (const flag of ['--events N', '--tenants N', '--concurrency N', '--conflict-rate P', '--lost-response-rate P', '--seed N', '--consumer MODE', '--show-events N']) {
      expect(output).toContain(flag);
    }
    expect(output).not.toContain('Starting DynamoDB Local');
  });

  test('a bad value: a clear error naming the flag, a non-zero exit, nothing started', { timeout: 60_000 }, async () => {
    const { code, output } = await run('npm', ['run', 'demo', '--', '--events', 'lots']);
    expect(code).not.toBe(0);
    expect(output).toContain('demo: --events must be a whole number from 1 to 1000000, got "lots"');
    expect(output).toContain('Run with --help to see the options.');
    expect(output).not.toContain('Starting DynamoDB Local');
  });

  test('an unknown flag, straight through node with the `--` pnpm passes on: exit 2', async () => {
    const { code, output } = await run(process.execPath, [builtDemo, '--', '--conflict-every', '9']);
    expect(code).toBe(2);
    expect(output).toContain('demo: unknown option --conflict-every');
  });
});
