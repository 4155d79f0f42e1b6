/**
 * The README's first command: the audit-log demo against a DynamoDB Local it starts itself.
 * `node dist/audit-log/demo.js [--events N] [--concurrency N]`
 */
import { parseArgs } from 'node:util';
import { runAuditLogDemo, type DemoReport } from './run-demo.js';
import { formatReport } from './report.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '16' },
    'conflict-every': { type: 'string', default: '9' },
    'lost-response-every': { type: 'string', default: '23' },
    endpoint: { type: 'string' },
  },
});

// The pinned AWS SDK supports Node 20; its notice about future releases is not news to a demo user.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const tty = process.stdout.isTTY === true;
let lastQuarter = 0;
function progress(done: number, total: number) {
  if (tty) {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stdout.write(`\r  [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} appends`);
    if (done === total) process.stdout.write('\n');
  } else if (Math.floor((done / total) * 4) > lastQuarter) {
    lastQuarter = Math.floor((done / total) * 4);
    console.log(`  ${done}/${total} appends (${Math.round((done / total) * 100)}%)`);
  }
}

let report: DemoReport;
try {
  report = await runAuditLogDemo({
    events: Number(values.events),
    concurrency: Number(values.concurrency),
    conflictEvery: Number(values['conflict-every']),
    lostResponseEvery: Number(values['lost-response-every']),
    endpoint: values.endpoint,
    onProgress: progress,
    onStep: (line) => console.log(`• ${line}`),
  });
} catch (error) {
  console.error(`\nThe demo could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

console.log(formatReport(report));
process.exit(report.invariants.every((i) => i.ok) ? 0 : 1);
