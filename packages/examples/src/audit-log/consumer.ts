/**
 * The audit log's change feed consumer: it polls the table's stream while the appends run and
 * turns each committed append into one line, the event with the counter change it committed
 * with. It keeps score of what it was told to expect: every committed append exactly once and
 * whole, no cancelled append, nothing else.
 */
import { createFeedPoller, type ChangeFeed, type FeedOutput, type StreamsClientLike } from '@dynatx/core';
import type { AUDIT_ENTITIES } from './append-event.js';

type AuditOutput = FeedOutput<typeof AUDIT_ENTITIES>;

/** What the consumer received, checked against what the appends reported. */
export interface FeedReport {
  readonly mode: 'image' | 'intent';
  /** Events handed out by the consumer. */
  readonly received: number;
  readonly committedAppends: number;
  readonly cancelledAppends: number;
  /** Committed appends that never arrived. */
  readonly missing: number;
  /** Committed appends that arrived more than once. */
  readonly duplicates: number;
  /** Events without their event row or without a counter change of +1. */
  readonly notWhole: number;
  readonly incomplete: number;
  /** Events of cancelled appends (must be none). */
  readonly cancelledReceived: number;
  /** Events of transactions that were no append of this run. */
  readonly unexpected: number;
  /** From the last append's end until the consumer had everything (ms). */
  readonly drainMs: number;
}

/** A running consumer: tell it what to expect, then finish it for its report. */
export interface AuditConsumer {
  /** A committed append, that must arrive once. */
  expect(transactionId: string): void;
  /** A cancelled append, that must never arrive. */
  expectNever(transactionId: string): void;
  /** Waits (at most `timeoutMs`) until every expected append arrived, stops, and reports. */
  finish(timeoutMs?: number): Promise<FeedReport>;
  /** Stops without a report (on the way out after an error). */
  stop(): Promise<void>;
}

/** Where the audit consumer reads, and where its lines go. */
export interface AuditConsumerOptions {
  readonly feed: ChangeFeed<typeof AUDIT_ENTITIES>;
  readonly mode: 'image' | 'intent';
  readonly streams: StreamsClientLike;
  /** To find the stream when `streamArn` is not given. */
  readonly client: { send(command: object): Promise<unknown> };
  readonly streamArn?: string;
  /** One line per event received. */
  readonly onEvent?: (line: string) => void;
}

/** One line for an append's event: `acme evt-00012 login by bo: eventCount 4 -> 5`. */
export function describeAppend(output: AuditOutput): { line: string; whole: boolean } {
  let event: { tenant?: string; eventId?: string; type?: string; actor?: string } | undefined;
  let change = '';
  let whole = false;
  for (const action of output.actions) {
    if (action.entity === 'Event') event = 'image' in action && action.image !== undefined ? action.image : action.item;
    if (action.entity === 'Counter') {
      if (output.type === 'images' && 'image' in action) {
        const before = action.oldImage?.eventCount;
        const after = action.image?.eventCount;
        change = `eventCount ${before ?? '?'} -> ${after ?? '?'}`;
        whole = before !== undefined && after === before + 1;
      } else {
        const added = Object.values(action.update?.values ?? {}).find((v) => typeof v === 'number');
        change = `eventCount +${added ?? '?'}`;
        whole = added === 1;
      }
    }
  }
  whole = whole && event?.eventId !== undefined;
  const line = `${event?.tenant ?? '?'} ${event?.eventId ?? '?'} ${event?.type ?? '?'} by ${event?.actor ?? '?'}: ${change || 'no counter change'}`;
  return { line, whole };
}

/** Starts polling the audit table's stream (see AuditConsumer). */
export function startAuditConsumer(options: AuditConsumerOptions): AuditConsumer {
  const expected = new Set<string>();
  const never = new Set<string>();
  const received = new Map<string, number>();
  let notWhole = 0;
  let incomplete = 0;
  let total = 0;
  const poller = createFeedPoller(options.feed, {
    streams: options.streams,
    dynamodb: options.client,
    streamArn: options.streamArn,
    mode: options.mode,
    waitMs: 10_000,
    idleMs: 20,
    onEvent: (output) => {
      total++;
      received.set(output.transactionId, (received.get(output.transactionId) ?? 0) + 1);
      if (output.type === 'incomplete') {
        incomplete++;
        options.onEvent?.(`${output.transactionId}: INCOMPLETE (missing actions ${output.missing.join(', ')})`);
        return;
      }
      const { line, whole } = describeAppend(output);
      if (!whole) notWhole++;
      options.onEvent?.(line);
    },
  });
  const controller = new AbortController();
  let failure: unknown;
  const running = poller.run({ signal: controller.signal }).catch((error: unknown) => {
    failure = error;
  });
  const stop = async () => {
    controller.abort();
    await running;
  };
  return {
    expect: (id) => void expected.add(id),
    expectNever: (id) => void never.add(id),
    stop,
    async finish(timeoutMs = 30_000) {
      const appendsDone = Date.now();
      const deadline = appendsDone + timeoutMs;
      while (failure === undefined && Date.now() < deadline && [...expected].some((id) => !received.has(id))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const drainMs = Date.now() - appendsDone;
      // A little longer: anything arriving late (a duplicate, a cancelled append) is counted too.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stop();
      if (failure !== undefined) throw failure;
      return {
        mode: options.mode,
        received: total,
        committedAppends: expected.size,
        cancelledAppends: never.size,
        missing: [...expected].filter((id) => !received.has(id)).length,
        duplicates: [...received.values()].filter((n) => n > 1).length,
        notWhole,
        incomplete,
        cancelledReceived: [...never].filter((id) => received.has(id)).length,
        unexpected: [...received.keys()].filter((id) => !expected.has(id) && !never.has(id)).length,
        drainMs,
      };
    },
  };
}
