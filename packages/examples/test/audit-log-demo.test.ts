/** The README's demo, at a reduced size, with its invariants asserted. */
import { expect, test } from 'vitest';
import { runAuditLogDemo } from '../src/audit-log/run-demo.js';
import { formatReport } from '../src/audit-log/report.js';

test('the audit-log demo: every tenant agrees, the suspended one is refused, faults are survived', async () => {
  const progress: number[] = [];
  const report = await runAuditLogDemo({
    events: 80,
    concurrency: 16,
    conflictEvery: 7,
    lostResponseEvery: 11,
    onProgress: (done) => progress.push(done),
  });
  expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  expect(report.tenants.map((t) => [t.tenant, t.eventsStored, t.eventCount])).toEqual([
    ['acme', 20, 20],
    ['globex', 20, 20],
    ['initech', 20, 20],
    ['umbrella', 0, 0],
  ]);
  expect(report.cancellations).toHaveLength(20);
  expect(report.injected).toEqual({ transactionConflict: 11, lostResponse: 7 });
  expect(report.retriesByReason.TransactionConflict).toBe(11);
  expect(report.retriesByReason.Timeout).toBe(7);
  expect(report.consumedCapacityUnits).toBeGreaterThan(0);
  expect(progress).toHaveLength(80);
  const text = formatReport(report);
  expect(text).toContain('All invariants hold');
  expect(text).toContain('action "tenant is active" on Tenant{tenant:umbrella}: ConditionalCheckFailed');
}, 120_000);
