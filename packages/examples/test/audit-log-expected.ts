import { faultDraw } from '@dynatx/testing';

/**
 * The faults a seeded run must meet, worked out without running it: attempt n draws
 * faultDraw(seed, n) (conflict below the conflict rate, lost response in the next band), and
 * every append ends with its first attempt that draws no fault, so the run makes exactly as
 * many attempts as it takes to draw `events` clean ones, whatever the concurrency.
 */
export function expectedFaults(events: number, conflictRate: number, lostResponseRate: number, seed: number) {
  let clean = 0;
  let attempts = 0;
  const injected = { transactionConflict: 0, lostResponse: 0 };
  while (clean < events) {
    const u = faultDraw(seed, ++attempts);
    if (u < conflictRate) injected.transactionConflict++;
    else if (u < conflictRate + lostResponseRate) injected.lostResponse++;
    else clean++;
  }
  return { attempts, injected };
}
