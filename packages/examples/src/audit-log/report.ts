import type { DemoReport } from './run-demo.js';

/** The demo's report as text a person can read at a glance. */
export function formatReport(report: DemoReport): string {
  const lines: string[] = [''];
  lines.push('Tenants: events stored vs eventCount');
  lines.push(
    table(
      ['tenant', 'status', 'appends committed', 'events stored', 'eventCount', ''],
      report.tenants.map((t) => [
        t.tenant,
        t.status,
        String(t.committed),
        String(t.eventsStored),
        String(t.eventCount),
        t.eventsStored === t.eventCount ? 'ok' : 'MISMATCH',
      ]),
    ),
  );

  lines.push('', `Cancellations: ${report.cancellations.length} (nothing of them was applied)`);
  const byCause = new Map<string, { count: number; example: string }>();
  for (const c of report.cancellations) {
    for (const f of c.failed) {
      const cause = `action "${f.label ?? '?'}" on ${f.itemId}: ${f.code}`;
      const entry = byCause.get(cause) ?? { count: 0, example: `${c.tenant}/${c.eventId}` };
      entry.count++;
      byCause.set(cause, entry);
    }
  }
  lines.push(
    byCause.size === 0
      ? '  none'
      : table(['cancelled by', 'times', 'e.g.'], [...byCause].map(([cause, e]) => [cause, String(e.count), e.example])),
  );

  const retries = Object.entries(report.retriesByReason);
  const injected = Object.entries(report.injected);
  lines.push('', `Retries: ${retries.reduce((n, [, c]) => n + c, 0)} across ${report.retriedTransactions} transactions (same client request token each time)`);
  lines.push(retries.length === 0 ? '  none' : table(['why', 'retries'], retries.map(([why, n]) => [why, String(n)])));
  lines.push(`  faults injected: ${injected.map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none'} in ${report.attempts} attempts`);
  lines.push(
    `  fault rates per attempt: ${report.rates.transactionConflict} transactionConflict, ${report.rates.lostResponse} lostResponse; ` +
      `seed ${report.seed} (--seed ${report.seed} gives the same faults)`,
  );

  lines.push('', `Capacity consumed by committed appends: ${report.consumedCapacityUnits.toFixed(1)} capacity units (transactions bill every item twice: prepare, then commit)`);

  const feed = report.feed;
  if (feed === undefined) {
    lines.push('', 'Change feed: off (--consumer off)');
  } else {
    lines.push(
      '',
      `Change feed (${feed.mode} feed, read from the table's stream): ${feed.received} events for ${feed.committedAppends} committed appends, ` +
        `none for the ${feed.cancelledAppends} cancelled ones${feed.cancelledReceived > 0 ? ` (BUT ${feed.cancelledReceived} arrived)` : ''}`,
    );
    lines.push(
      `  each event came with its stored row and its counter change; all in hand ${feed.drainMs} ms after the last append`,
    );
  }

  lines.push('', 'Invariants');
  for (const invariant of report.invariants) lines.push(`  ${invariant.ok ? 'ok  ' : 'FAIL'}  ${invariant.name} (${invariant.detail})`);
  const ok = report.invariants.every((i) => i.ok);
  lines.push('', `${ok ? 'All invariants hold' : 'INVARIANTS BROKEN'} (${(report.durationMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
