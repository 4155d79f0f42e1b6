import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RetriesExhaustedError, tx } from '@dynatx/core';
import {
  connectDynamoDB,
  createTableFor,
  injectFaults,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  probeEndpoint,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
} from '@dynatx/testing';
import { appendEvent, appendTransactionId, auditFeed, type NewEvent } from './append-event.js';
import { startAuditConsumer, type AuditConsumer, type FeedReport } from './consumer.js';
import { AUDIT_TABLE, Counter, Event, Tenant } from './entities.js';

export interface DemoOptions {
  /** How many events to append in all. */
  readonly events: number;
  /** How many tenants share them (round robin); every 4th is suspended. Default 4. */
  readonly tenants?: number;
  /** How many appends are in flight at once. */
  readonly concurrency: number;
  /** Chance that an attempt meets an injected TransactionConflict (before the engine). */
  readonly conflictRate: number;
  /** Chance that an attempt is applied by the engine and its response then lost. */
  readonly lostResponseRate: number;
  /** Seed of the fault decisions; the same seed gives the same faults. Default: random. */
  readonly seed?: number;
  /** Use this endpoint instead of starting DynamoDB Local. */
  readonly endpoint?: string;
  /** Called as appends finish. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with a line of narration. */
  readonly onStep?: (line: string) => void;
  /**
   * The change feed consumer that reads the table's stream while the appends run: `image`
   * (default), `intent`, or `off` (no feed: the appends are plain transactions).
   */
  readonly consumer?: 'image' | 'intent' | 'off';
  /** Called with one line per event the consumer receives, e.g. `acme evt-00012 login by bo: eventCount 4 -> 5`. */
  readonly onFeedEvent?: (line: string) => void;
}

export interface TenantRow {
  readonly tenant: string;
  readonly status: 'active' | 'suspended';
  readonly committed: number;
  readonly eventsStored: number;
  readonly eventCount: number;
}

export interface CancellationRow {
  readonly tenant: string;
  readonly eventId: string;
  /** e.g. `#2 Tenant{tenant:umbrella} (check "tenant is active"): ConditionalCheckFailed` */
  readonly failed: readonly { readonly label: string | undefined; readonly itemId: string; readonly code: string }[];
}

export interface Invariant {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DemoReport {
  /** The seed of the fault decisions: pass it again to get the same faults. */
  readonly seed: number;
  /** Per-attempt fault probabilities. */
  readonly rates: { readonly transactionConflict: number; readonly lostResponse: number };
  /** TransactWriteItems attempts sent while appending (first tries and retries). */
  readonly attempts: number;
  readonly tenants: readonly TenantRow[];
  readonly cancellations: readonly CancellationRow[];
  readonly retriesByReason: Readonly<Record<string, number>>;
  readonly retriedTransactions: number;
  readonly injected: Readonly<Record<string, number>>;
  readonly consumedCapacityUnits: number;
  readonly failures: readonly string[];
  readonly invariants: readonly Invariant[];
  readonly durationMs: number;
  /** What the change feed consumer received (undefined with `consumer: 'off'`). */
  readonly feed: FeedReport | undefined;
}

const TENANT_NAMES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', 'cyberdyne', 'wonka', 'soylent', 'oscorp'];

interface SeedTenant {
  readonly tenant: string;
  readonly name: string;
  readonly status: 'active' | 'suspended';
}

/** acme, globex, initech, umbrella, ..., then tenant-13 on; every 4th (umbrella first) is suspended. */
export function demoTenants(count: number): SeedTenant[] {
  return Array.from({ length: count }, (_, i) => {
    const tenant = TENANT_NAMES[i] ?? `tenant-${String(i + 1).padStart(2, '0')}`;
    const status = i % 4 === 3 ? 'suspended' : 'active';
    const name = `${tenant[0]!.toUpperCase()}${tenant.slice(1)}${status === 'suspended' ? ' (suspended)' : ''}`;
    return { tenant, name, status };
  });
}

/**
 * Attempts per append. A fault costs one attempt, so with both rates at their most (0.5
 * together) an append runs out with a chance of 0.5^20, about one in a million.
 */
const MAX_ATTEMPTS = 20;
const TYPES = ['login', 'logout', 'export', 'settings'] as const;
const ACTORS = ['ann', 'bo', 'cy', 'di'] as const;

/**
 * The audit-log scenario end to end: a real DynamoDB Local, a table made from the entities,
 * seeded tenants (one suspended), many concurrent appends with injected conflicts and lost
 * responses, and then a check that every tenant's stored events equal its `eventCount`.
 */
export async function runAuditLogDemo(options: DemoOptions): Promise<DemoReport> {
  const started = Date.now();
  const step = options.onStep ?? (() => {});
  const seedTenants = demoTenants(options.tenants ?? 4);
  let engine: DynamoDBLocalHandle | undefined;
  let client: DynamoDBClient | undefined;
  let streams: DynamoDBStreamsClient | undefined;
  let consumer: AuditConsumer | undefined;
  const mode = options.consumer ?? 'image';
  const feed = mode === 'off' ? undefined : auditFeed();
  try {
    step(options.endpoint ? `Using DynamoDB at ${options.endpoint}` : 'Starting DynamoDB Local');
    let endpoint: string;
    if (options.endpoint === undefined) {
      engine = await startDynamoDBLocal();
      endpoint = engine.endpoint;
    } else {
      endpoint = connectDynamoDB(options.endpoint, { source: '--endpoint' }).endpoint;
      await probeEndpoint(endpoint, '--endpoint');
    }
    client = (engine ?? connectDynamoDB(endpoint)).createClient();
    const table = await createTableFor(client, [Tenant, Counter, Event], { tableName: AUDIT_TABLE, stream: feed !== undefined });
    step(`Created table '${table.tableName}' from the entities (${endpoint})${feed === undefined ? '' : ', with a stream (NEW_AND_OLD_IMAGES)'}`);
    const documents = DynamoDBDocumentClient.from(client);
    for (const entity of [Tenant, Counter, Event]) entity.setClient(documents);

    for (const t of seedTenants) {
      await tx().put(Tenant, t).put(Counter, { tenant: t.tenant, eventCount: 0 }).execute(client);
    }
    step(`Seeded ${seedTenants.length} tenants: ${seedTenants.map((t) => `${t.tenant} (${t.status})`).join(', ')}`);

    if (feed !== undefined) {
      streams = new DynamoDBStreamsClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
      consumer = startAuditConsumer({ feed, mode: mode as 'image' | 'intent', streams, client, streamArn: table.streamArn, onEvent: options.onFeedEvent });
      step(`Consuming the change feed (${mode} feed) from the table's stream while appending`);
    }

    // Each attempt draws its own fault, from a seeded PRNG: the same seed, the same faults.
    const rates = { transactionConflict: options.conflictRate, lostResponse: options.lostResponseRate };
    const faults = injectFaults(client, { rates, seed: options.seed });
    const committed = new Map<string, number>(seedTenants.map((t) => [t.tenant, 0]));
    const retriesByReason: Record<string, number> = {};
    const cancellations: CancellationRow[] = [];
    const failures: string[] = [];
    let retriedTransactions = 0;
    let consumedCapacityUnits = 0;
    let done = 0;

    step(
      `Appending ${options.events} events at concurrency ${options.concurrency}, with injected faults ` +
        `(per attempt: ${rates.transactionConflict} conflicts, ${rates.lostResponse} lost responses; seed ${faults.seed})`,
    );
    const append = async (index: number) => {
      const tenant = seedTenants[index % seedTenants.length]!.tenant;
      const event: NewEvent = {
        eventId: `evt-${String(index).padStart(5, '0')}`,
        at: 1750756440 + index,
        type: TYPES[index % TYPES.length]!,
        actor: ACTORS[(index >> 2) % ACTORS.length]!,
      };
      try {
        const result = await appendEvent(
          client!,
          tenant,
          event,
          { retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 5, maxDelayMs: 100 }, returnConsumedCapacity: 'TOTAL' },
          feed,
        );
        if (result.retries.length > 0) retriedTransactions++;
        for (const retry of result.retries) retriesByReason[retry.reason] = (retriesByReason[retry.reason] ?? 0) + 1;
        if (result.committed) {
          committed.set(tenant, committed.get(tenant)! + 1);
          consumer?.expect(appendTransactionId(tenant, event.eventId));
          for (const capacity of result.consumedCapacity ?? []) consumedCapacityUnits += capacity.CapacityUnits ?? 0;
        } else {
          consumer?.expectNever(appendTransactionId(tenant, event.eventId));
          cancellations.push({
            tenant,
            eventId: event.eventId,
            failed: result.failed.map((r) => ({ label: r.label, itemId: r.itemId, code: r.code })),
          });
        }
      } catch (error) {
        failures.push(
          `${tenant}/${event.eventId}: ${error instanceof RetriesExhaustedError ? error.message : String(error)}`,
        );
      } finally {
        options.onProgress?.(++done, options.events);
      }
    };
    await runPool(options.events, options.concurrency, append);
    let feedReport: FeedReport | undefined;
    if (consumer !== undefined) {
      step('Waiting for the change feed to deliver every committed append');
      feedReport = await consumer.finish();
      consumer = undefined;
    }

    step('Reading back every tenant: stored events vs eventCount');
    const tenants: TenantRow[] = [];
    for (const t of seedTenants) {
      const stored = await Event.query.byTenant({ tenant: t.tenant }).go({ pages: 'all' });
      const counter = await Counter.get({ tenant: t.tenant }).go();
      tenants.push({
        tenant: t.tenant,
        status: t.status,
        committed: committed.get(t.tenant)!,
        eventsStored: stored.data.length,
        eventCount: counter.data?.eventCount ?? -1,
      });
    }

    const injected: Record<string, number> = {};
    for (const record of faults.log) injected[record.kind] = (injected[record.kind] ?? 0) + 1;
    const attempts = faults.calls;
    faults.remove();

    const suspended: readonly string[] = seedTenants.filter((t) => t.status === 'suspended').map((t) => t.tenant);
    const invariants: Invariant[] = [
      ...tenants.map((row) => ({
        name: `${row.tenant}: events stored = eventCount`,
        ok: row.eventsStored === row.eventCount,
        detail: `${row.eventsStored} stored, eventCount ${row.eventCount}`,
      })),
      ...tenants.map((row) => ({
        name: `${row.tenant}: eventCount = appends that committed`,
        ok: row.eventCount === row.committed,
        detail: `eventCount ${row.eventCount}, ${row.committed} committed`,
      })),
      {
        name:
          suspended.length === 0
            ? 'no tenant is suspended, and no append was cancelled'
            : 'suspended tenants stored nothing, and each of their appends was cancelled by the tenant check',
        ok:
          tenants.filter((r) => suspended.includes(r.tenant)).every((r) => r.eventsStored === 0) &&
          cancellations.every(
            (c) => suspended.includes(c.tenant) && c.failed.length === 1 && c.failed[0]!.label === 'tenant is active' && c.failed[0]!.code === 'ConditionalCheckFailed',
          ),
        detail: `${cancellations.length} cancellations`,
      },
      {
        name: 'every append either committed or was cancelled (none failed)',
        ok: failures.length === 0,
        detail: failures.length === 0 ? 'none failed' : failures.slice(0, 3).join('; '),
      },
      {
        name: 'every lost response was retried with its token and applied once',
        ok: (injected.lostResponse ?? 0) === (retriesByReason.Timeout ?? 0),
        detail: `${injected.lostResponse ?? 0} lost responses, ${retriesByReason.Timeout ?? 0} timeout retries`,
      },
      ...(feedReport === undefined
        ? []
        : [
            {
              name: 'change feed: every committed append arrived exactly once, whole (its event and its counter change, +1)',
              ok: feedReport.missing === 0 && feedReport.duplicates === 0 && feedReport.notWhole === 0 && feedReport.incomplete === 0,
              detail:
                `${feedReport.received} received for ${feedReport.committedAppends} committed appends; ${feedReport.missing} missing, ` +
                `${feedReport.duplicates} twice, ${feedReport.notWhole} not whole, ${feedReport.incomplete} incomplete`,
            },
            {
              name: 'change feed: no cancelled append arrived, and nothing else did',
              ok: feedReport.cancelledReceived === 0 && feedReport.unexpected === 0,
              detail: `${feedReport.cancelledAppends} cancelled appends, ${feedReport.cancelledReceived} of them received; ${feedReport.unexpected} unexpected events`,
            },
          ]),
    ];
    return {
      seed: faults.seed,
      rates,
      attempts,
      tenants,
      cancellations,
      retriesByReason,
      retriedTransactions,
      injected,
      consumedCapacityUnits,
      failures,
      invariants,
      durationMs: Date.now() - started,
      feed: feedReport,
    };
  } finally {
    await consumer?.stop();
    streams?.destroy();
    client?.destroy();
    if (engine) {
      step('Stopping DynamoDB Local');
      await engine.stop();
    }
  }
}

/** Runs `count` tasks with at most `concurrency` in flight. */
async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
