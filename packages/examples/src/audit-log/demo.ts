/**
 * The README's first command: the audit-log demo against a DynamoDB Local it starts itself.
 * `npm run demo -- [options]` from the repository root, or `node dist/audit-log/demo.js
 * [options]` here; `--help` lists the options (see cli.ts).
 */
import { DemoUsageError, parseDemoArgs, USAGE, type ParsedCommandLine } from './cli.js';
import { formatReport } from './report.js';
import { runAuditLogDemo, type DemoReport } from './run-demo.js';

// The pinned AWS SDK supports Node 20; its notice about future releases is not news to a demo user.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let commandLine: ParsedCommandLine;
try {
  commandLine = parseDemoArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof DemoUsageError)) throw error;
  console.error(`demo: ${error.message}\nRun with --help to see the options.`);
  process.exit(2);
}
if (commandLine.help) {
  console.log(USAGE);
  process.exit(0);
}
const { settings } = commandLine;

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

// Each event the change feed consumer receives, as it arrives (the first --show-events of them).
let shown = 0;
let hidden = 0;
function feedLine(line: string) {
  if (settings.showEvents === undefined || shown < settings.showEvents) {
    shown++;
    const text = `  ▸ ${line}`;
    if (tty) process.stdout.write(`\r\x1b[K${text}\n`);
    else console.log(text);
  } else {
    hidden++;
  }
}

let report: DemoReport;
try {
  report = await runAuditLogDemo({
    events: settings.events,
    tenants: settings.tenants,
    concurrency: settings.concurrency,
    conflictRate: settings.conflictRate,
    lostResponseRate: settings.lostResponseRate,
    seed: settings.seed,
    endpoint: settings.endpoint,
    onProgress: progress,
    onStep: (line) => console.log(`• ${line}`),
    consumer: settings.consumer,
    onFeedEvent: feedLine,
  });
  if (hidden > 0) console.log(`  ▸ ... and ${hidden} more events (--show-events ${settings.showEvents} printed the first ${shown})`);
} catch (error) {
  console.error(`\nThe demo could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

console.log(formatReport(report));
process.exit(report.invariants.every((i) => i.ok) ? 0 : 1);
