#!/usr/bin/env node
// Microseconds to build and marshall TransactWriteItems params: dynatx against the same
// request written by hand, with ElectroDB's own transaction params for reference.
//
//   node bench/build/run.mjs                  2 and 100 actions, ~12 s of sampling per size
//   node bench/build/run.mjs --seconds 4      shorter run
//   node bench/build/run.mjs --json           machine-readable results on stdout
//   node bench/build/run.mjs --only dynatx    time one implementation (for --cpu-prof)
//   node bench/build/run.mjs --sizes 2,25,100
//
// Needs the built package (dist/). All implementations run in this one process, in the same
// rounds: each round takes one sample of every implementation, in an order that rotates from
// round to round, so that drift in machine load, GC and JIT state lands on all of them alike.
// A sample times a batch of transactions long enough (~1 ms) for the timer not to matter;
// the reported figure is the median over samples of µs per transaction, and the ratio to
// hand-written both as a ratio of medians (judged against the target) and as the median of
// same-round ratios (steadier when other processes load the machine).
// The target (dynatx <= 1.5x hand-written) is reported as PASS/FAIL; the exit code is 0 either
// way, except when the two requests differ or an implementation throws (exit 1).

import assert from 'node:assert/strict';
import { implementations, auditActions } from './implementations.mjs';

const TARGET_RATIO = 1.5;
const SAMPLE_NS = 1_000_000n; // aim for ~1 ms per sample
const WARMUP_MS = 1000; // per implementation and size

function parseArgs(argv) {
  const options = { json: false, seconds: 12, sizes: [2, 100], only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]);
    if (arg === '--json') options.json = true;
    else if (arg === '--seconds' || arg.startsWith('--seconds=')) {
      options.seconds = Number(value());
      if (!(options.seconds > 0)) fail('--seconds takes a positive number');
    } else if (arg === '--sizes' || arg.startsWith('--sizes=')) {
      options.sizes = value().split(',').map(Number);
      if (options.sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) fail('--sizes takes sizes from 1 to 100, comma-separated');
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      options.only = value();
      if (!(options.only in implementations)) fail(`--only takes one of ${Object.keys(implementations).join(', ')}`);
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/build/run.mjs [--json] [--seconds S] [--sizes 2,100] [--only NAME]');
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  return options;
}

function fail(message) {
  console.error(`bench:build: ${message}`);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
const log = (line) => process.stderr.write(`${line}\n`);
const names = options.only ? [options.only] : Object.keys(implementations);

/** Keeps results alive so that no work can be optimised away. */
let sink = 0;
const consume = (input) => {
  sink = (sink + input.TransactItems.length) | 0;
};

// ----- equivalence: dynatx and the hand-written request must be the same request -----

const equivalence = {};
let problems = 0;
for (const size of options.sizes) {
  const actions = auditActions(size);
  try {
    assert.deepStrictEqual(implementations.dynatx(actions), implementations['hand-written'](actions));
    equivalence[size] = { equal: true };
  } catch (error) {
    if (!(error instanceof assert.AssertionError)) throw error;
    problems++;
    equivalence[size] = { equal: false, difference: error.message };
    log(`bench:build: at ${size} actions, dynatx and the hand-written request differ:\n${error.message}`);
  }
}

// ----- timing -----

function runBatch(build, actions, count) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) consume(build(actions));
  return process.hrtime.bigint() - started;
}

/**
 * Warms an implementation up, then picks how many transactions make one ~1 ms sample, from the
 * fastest per-transaction time seen (early batches run cold code, and any batch can be stalled
 * by a GC or by another process).
 */
function warmUpAndCalibrate(build, actions) {
  let count = 1;
  let bestPerTx = Infinity;
  const deadline = Date.now() + WARMUP_MS;
  while (Date.now() < deadline) {
    const elapsed = runBatch(build, actions, count);
    bestPerTx = Math.min(bestPerTx, Number(elapsed) / count);
    if (elapsed < SAMPLE_NS) count *= 2;
  }
  return Math.max(1, Math.round(Number(SAMPLE_NS) / bestPerTx));
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const results = {};
const startedAll = Date.now();
for (const size of options.sizes) {
  const actions = auditActions(size);
  const batch = {};
  for (const name of names) batch[name] = warmUpAndCalibrate(implementations[name], actions);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const deadline = Date.now() + options.seconds * 1000;
  let rounds = 0;
  while (Date.now() < deadline || rounds < 5) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(rounds + k) % names.length];
      const ns = runBatch(implementations[name], actions, batch[name]);
      samples[name].push(Number(ns) / 1000 / batch[name]);
    }
    rounds++;
  }
  results[size] = { rounds, implementations: {} };
  for (const name of names) {
    // The same round's samples of two implementations were taken moments apart: their ratio
    // is less exposed to load that comes and goes than a ratio of two medians.
    const hand = samples['hand-written'];
    const paired = hand && name !== 'hand-written' ? samples[name].map((x, i) => x / hand[i]).sort((a, b) => a - b) : undefined;
    const sorted = [...samples[name]].sort((a, b) => a - b);
    results[size].implementations[name] = {
      medianMicros: median(sorted),
      p25Micros: quantile(sorted, 0.25),
      p75Micros: quantile(sorted, 0.75),
      minMicros: sorted[0],
      pairedRatioMedian: paired ? median(paired) : null,
      transactionsPerSample: batch[name],
      samples: sorted.length,
    };
  }
  log(`bench:build: ${size} actions: ${rounds} rounds`);
}
log(`bench:build: done in ${((Date.now() - startedAll) / 1000).toFixed(1)}s (sink ${sink})`);

// ----- report -----

const ratio = (size, name) => {
  const r = results[size].implementations;
  return r[name] && r['hand-written'] ? r[name].medianMicros / r['hand-written'].medianMicros : undefined;
};
const targets = options.sizes.map((size) => {
  const value = ratio(size, 'dynatx');
  const paired = results[size].implementations.dynatx?.pairedRatioMedian ?? null;
  return { size, ratio: value ?? null, pairedRatio: paired, pass: value === undefined ? null : value <= TARGET_RATIO, equivalent: equivalence[size].equal };
});

if (options.json) {
  console.log(
    JSON.stringify(
      {
        node: process.version,
        secondsPerSize: options.seconds,
        results: Object.fromEntries(
          options.sizes.map((size) => [
            size,
            {
              ...results[size],
              ratios: Object.fromEntries(names.filter((n) => n !== 'hand-written').map((n) => [n, ratio(size, n) ?? null])),
              equivalence: equivalence[size],
            },
          ]),
        ),
        target: { description: `dynatx <= ${TARGET_RATIO}x hand-written`, results: targets },
      },
      null,
      2,
    ),
  );
} else {
  const out = [];
  out.push(`Build + marshall TransactWriteItems params, µs per transaction (median; Node ${process.version})`);
  out.push('audit-log mix in rotation: put Event / update Counter / check Tenant');
  out.push('');
  const header = ['size', 'implementation', 'median µs', 'p25-p75 µs', 'min µs', 'x hand-written', 'paired x'];
  const body = [];
  for (const size of options.sizes) {
    for (const name of names) {
      const r = results[size].implementations[name];
      const x = name === 'hand-written' ? '1.00' : ratio(size, name) === undefined ? 'n/a' : ratio(size, name).toFixed(2);
      const paired = r.pairedRatioMedian === null ? (name === 'hand-written' ? '1.00' : 'n/a') : r.pairedRatioMedian.toFixed(2);
      body.push([String(size), name, fmt(r.medianMicros), `${fmt(r.p25Micros)}-${fmt(r.p75Micros)}`, fmt(r.minMicros), x, paired]);
    }
  }
  out.push(...table(header, body, [false, false, true, true, true, true, true]));
  out.push('');
  out.push('x hand-written: ratio of the medians. paired x: median over rounds of (sample / hand-written sample of the same round).');
  out.push('ElectroDB returns DocumentClient input (unmarshalled); "ElectroDB+marshall" adds the marshalling the DocumentClient does on send.');
  for (const size of options.sizes) {
    out.push(
      equivalence[size].equal
        ? `${size} actions: dynatx and hand-written requests are deep-equal`
        : `${size} actions: dynatx and hand-written requests DIFFER (see above)`,
    );
  }
  out.push('');
  out.push('Target:');
  for (const t of targets) {
    const verdict = t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'FAIL';
    const paired = t.pairedRatio === null ? '' : ` (paired: ${t.pairedRatio.toFixed(2)}x)`;
    out.push(`  ${verdict}  dynatx <= ${TARGET_RATIO}x hand-written at ${t.size} actions: ${t.ratio === null ? 'not measured' : `${t.ratio.toFixed(2)}x`}${paired}`);
  }
  console.log(out.join('\n'));
}
process.exit(problems > 0 ? 1 : 0);

function fmt(n) {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function table(header, rows, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`, ...rows.map(line)];
}
