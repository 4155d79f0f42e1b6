/**
 * Execution against a real DynamoDB Local, started by the test itself: what must happen in
 * the table, and what comes back, for commits, cancellations, retries and bad input.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { injectFaults } from '@dynatx/testing';
import { useTable } from '@dynatx/testing/vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  CredentialsRejectedError,
  EndpointUnreachableError,
  IdempotentParameterMismatchError,
  RetriesExhaustedError,
  TableNotFoundError,
  TransactionAbortedError,
  tx,
  txGet,
} from '../../src/index.js';
import { Counter, Event, Tenant } from '../fixtures/audit-entities.js';

const table = useTable([Event, Counter, Tenant]);

// ElectroDB itself seeds and reads back, so the tests also prove that ElectroDB reads what dynatx writes.
beforeAll(() => {
  const documents = DynamoDBDocumentClient.from(table.client);
  for (const entity of [Event, Counter, Tenant]) entity.setClient(documents);
});

/** A client of our own per test, so that injected faults never leak between tests. */
function freshClient() {
  return new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'dynatx', secretAccessKey: 'dynatx' },
  });
}

let sequence = 0;
/** A tenant of its own for each test, so tests never see each other's items. */
async function seedTenant(status: 'active' | 'suspended' = 'active') {
  const tenant = `tenant-${++sequence}-${status}`;
  await Tenant.put({ tenant, status }).go();
  await Counter.put({ tenant, eventCount: 0 }).go();
  return tenant;
}

function appendEvent(tenant: string, eventId: string) {
  return tx()
    .put(Event, { tenant, eventId, at: 1750756440, type: 'login' }, { if: (e, op) => op.notExists(e.eventId), label: 'event', returnOldItemOnFailure: true })
    .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'count' })
    .check(Tenant, { tenant }, (t, op) => op.eq(t.status, 'active'), { label: 'active', returnOldItemOnFailure: true });
}

const eventCount = async (tenant: string) => (await Counter.get({ tenant }).go()).data?.eventCount;
const eventExists = async (tenant: string, eventId: string) => (await Event.get({ tenant, eventId }).go()).data !== null;

describe('commit and cancel', () => {
  test('a committed transaction changes every item, and ElectroDB reads them back', async () => {
    const tenant = await seedTenant();
    const result = await appendEvent(tenant, 'e1').execute(freshClient(), { returnConsumedCapacity: 'TOTAL' });
    expect(result).toMatchObject({ committed: true, attempts: 1 });
    if (!result.committed) throw new Error('expected a commit');
    expect(result.clientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.consumedCapacity?.length).toBeGreaterThan(0);
    expect(await eventCount(tenant)).toBe(1);
    const event = await Event.get({ tenant, eventId: 'e1' }).go();
    expect(event.data).toMatchObject({ tenant, eventId: 'e1', type: 'login', flagged: false });
  });

  test('a cancelled transaction changes nothing, and every reason maps to its action', async () => {
    const tenant = await seedTenant('suspended');
    const result = await appendEvent(tenant, 'e1').execute(freshClient());
    expect(result.committed).toBe(false);
    if (result.committed) throw new Error('expected a cancellation');
    expect(result.reasons.map((r) => [r.index, r.label, r.entity, r.code])).toEqual([
      [0, 'event', 'Event', 'None'],
      [1, 'count', 'Counter', 'None'],
      [2, 'active', 'Tenant', 'ConditionalCheckFailed'],
    ]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.key).toEqual({ tenant });
    // DynamoDB's own message text varies by engine; the line starts with what we wrote.
    expect(result.summary.startsWith(`#2 Tenant{tenant:${tenant}} (check "active"): ConditionalCheckFailed`)).toBe(true);
    expect(result.summary.split('\n')).toHaveLength(1);
    expect(await eventCount(tenant)).toBe(0);
    expect(await eventExists(tenant, 'e1')).toBe(false);
  });

  test('ALL_OLD items come back formatted by their entity', async () => {
    const tenant = await seedTenant('suspended');
    const result = await appendEvent(tenant, 'e2').execute(freshClient());
    if (result.committed) throw new Error('expected a cancellation');
    const reason = result.failed[0]!;
    if (reason.entity !== 'Tenant') throw new Error('expected the tenant check to fail');
    expect(reason.oldItem).toEqual({ tenant, status: 'suspended', plan: 'free' });
    // Actions that did not ask for ALL_OLD get no item.
    expect(result.reasons[1]!.oldItem).toBeUndefined();
  });

  test('the duplicate-event guard: a second append of the same event is cancelled with the stored event', async () => {
    const tenant = await seedTenant();
    await appendEvent(tenant, 'dup').execute(freshClient());
    const again = await appendEvent(tenant, 'dup').execute(freshClient());
    if (again.committed) throw new Error('expected a cancellation');
    expect(again.failed.map((r) => r.label)).toEqual(['event']);
    const old = again.failed[0]!;
    if (old.entity === 'Event') expect(old.oldItem).toMatchObject({ tenant, eventId: 'dup', type: 'login' });
    expect(await eventCount(tenant)).toBe(1);
  });
});

describe('conditions on map properties, evaluated by the engine', () => {
  test('a nested path holds or cancels', async () => {
    const tenant = await seedTenant();
    await tx().put(Event, { tenant, eventId: 'n1', at: 1, type: 'login', detail: { ip: '10.0.0.1', attempts: 2 } }).execute(freshClient());
    const bump = (ip: string) =>
      tx()
        .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }))
        .check(Event, { tenant, eventId: 'n1' }, (e, op) => op.and(op.eq(e.detail.ip, ip), op.lte(e.detail.attempts, 2)))
        .execute(freshClient());
    expect((await bump('10.0.0.1')).committed).toBe(true);
    expect((await bump('10.9.9.9')).committed).toBe(false);
    expect(await eventCount(tenant)).toBe(1);
  });
});

describe('idempotency and retries', () => {
  test('an ambiguous timeout followed by a retry applies the writes exactly once', async () => {
    const tenant = await seedTenant();
    const client = freshClient();
    const faults = injectFaults(client).loseResponseOfNext(1);
    const result = await appendEvent(tenant, 'lost').execute(client, { retry: { baseDelayMs: 1 } });
    expect(result).toMatchObject({ committed: true, attempts: 2 });
    expect(faults.log.map((f) => f.kind)).toEqual(['lostResponse']);
    if (result.committed) expect(result.retries.map((r) => r.reason)).toEqual(['Timeout']);
    expect(await eventCount(tenant)).toBe(1);
  });

  test('without a kept token, an application-level re-send would apply twice: a new token is a new transaction', async () => {
    const tenant = await seedTenant();
    const update = tx().update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }));
    await update.execute(freshClient());
    await update.execute(freshClient());
    expect(await eventCount(tenant)).toBe(2);
    await update.execute(freshClient(), { clientRequestToken: `keep-${tenant}`.slice(0, 36) });
    await update.execute(freshClient(), { clientRequestToken: `keep-${tenant}`.slice(0, 36) });
    expect(await eventCount(tenant)).toBe(3);
  });

  test('a reused token with different params is its own typed error', async () => {
    const tenant = await seedTenant();
    const token = `mismatch-${sequence}`;
    await tx().update(Counter, { tenant }, (u) => u.add({ eventCount: 1 })).execute(freshClient(), { clientRequestToken: token });
    const error = await tx()
      .update(Counter, { tenant }, (u) => u.add({ eventCount: 5 }))
      .execute(freshClient(), { clientRequestToken: token })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotentParameterMismatchError);
    expect((error as Error).message).toContain(token);
    expect(await eventCount(tenant)).toBe(1);
  });

  test.each(['transactionConflict', 'throttling', 'transactionInProgress', 'network'] as const)(
    'injected %s faults are retried, then the transaction commits once',
    async (fault) => {
      const tenant = await seedTenant();
      const client = freshClient();
      injectFaults(client).failNext(2, fault);
      const result = await appendEvent(tenant, 'retry').execute(client, { retry: { baseDelayMs: 1 } });
      expect(result).toMatchObject({ committed: true, attempts: 3 });
      expect(await eventCount(tenant)).toBe(1);
    },
  );

  test('when retries run out, the error is clear and carries every attempt', async () => {
    const tenant = await seedTenant();
    const client = freshClient();
    injectFaults(client).failNext(2, 'transactionConflict').failNext(1, 'throttling');
    const error = (await appendEvent(tenant, 'x')
      .execute(client, { retry: { maxAttempts: 3, baseDelayMs: 1 }, clientRequestToken: 'exhausted-1' })
      .catch((e: unknown) => e)) as RetriesExhaustedError;
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.attempts.map((a) => a.reason)).toEqual(['TransactionConflict', 'TransactionConflict', 'Throttling']);
    expect(error.attempts.map((a) => (a.error as Error).name)).toEqual([
      'TransactionCanceledException',
      'TransactionCanceledException',
      'ThrottlingException',
    ]);
    expect(error.message).toBe(
      'The transaction failed after 3 attempts (the retry budget of 3 attempts is spent): #1 TransactionConflict, #2 TransactionConflict, #3 Throttling. DynamoDB refused every attempt, so nothing was applied. Every attempt used client request token exhausted-1; resend with that token within 10 minutes and DynamoDB applies it at most once.',
    );
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(await eventCount(tenant)).toBe(0);
  });

  test('when an attempt lost its response, the error says the writes may have been applied, and a resend with the token settles it', async () => {
    const tenant = await seedTenant();
    const client = freshClient();
    injectFaults(client).loseResponseOfNext(2);
    const error = (await appendEvent(tenant, 'maybe')
      .execute(client, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
      .catch((e: unknown) => e)) as RetriesExhaustedError;
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toContain('the writes may have been applied');
    expect(await eventCount(tenant)).toBe(1);
    // The same transaction, resent with the same token: applied at most once.
    const resent = await appendEvent(tenant, 'maybe').execute(freshClient(), { clientRequestToken: error.clientRequestToken });
    expect(resent.committed).toBe(true);
    expect(await eventCount(tenant)).toBe(1);
  });

  test('with retries off, one attempt and a clear reason', async () => {
    const client = freshClient();
    injectFaults(client).failNext(1, 'throttling');
    const error = (await appendEvent(await seedTenant(), 'x').execute(client, { retry: false }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^The transaction failed after 1 attempt \(retries are off\): #1 Throttling\./);
  });

  test('a condition failure is never retried', async () => {
    const tenant = await seedTenant('suspended');
    const result = await appendEvent(tenant, 'x').execute(freshClient(), { retry: { maxAttempts: 5 } });
    expect(result).toMatchObject({ committed: false, attempts: 1 });
  });

  test('abort stops the retries', async () => {
    const tenant = await seedTenant();
    const client = freshClient();
    const faults = injectFaults(client).failNext(50, 'transactionConflict');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user gave up')), 150);
    const error = await appendEvent(tenant, 'x')
      .execute(client, { signal: controller.signal, retry: { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 100 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionAbortedError);
    expect((error as TransactionAbortedError).attempts.length).toBeLessThan(10);
    expect(faults.log.length).toBeLessThan(10);
    expect(await eventCount(tenant)).toBe(0);
  });

  test('an already-aborted signal sends nothing', async () => {
    const client = freshClient();
    const faults = injectFaults(client);
    const controller = new AbortController();
    controller.abort();
    await expect(appendEvent('nobody', 'x').execute(client, { signal: controller.signal })).rejects.toBeInstanceOf(TransactionAbortedError);
    expect(faults.log).toHaveLength(0);
  });
});

describe('TransactGet', () => {
  test('typed items in request order, by label, and undefined for a missing one', async () => {
    const tenant = await seedTenant();
    await appendEvent(tenant, 'g1').execute(freshClient());
    const read = await txGet()
      .get(Tenant, { tenant }, { label: 'tenant' })
      .get(Counter, { tenant })
      .get(Event, { tenant, eventId: 'g1' })
      .get(Event, { tenant, eventId: 'missing' }, { label: 'missing' })
      .execute(freshClient());
    const [t, counter, event, missing] = read.items;
    expect(t).toEqual({ tenant, status: 'active', plan: 'free' });
    expect(counter?.eventCount).toBe(1);
    expect(event).toMatchObject({ eventId: 'g1', type: 'login' });
    expect(missing).toBeUndefined();
    expect(read.byLabel.tenant?.status).toBe('active');
    expect(read.byLabel.missing).toBeUndefined();
  });
});

describe('TransactGet of keys known at run time', () => {
  test('getAll reads one item per key, in order, undefined where missing', async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    const keys = [first, 'nobody-here', second].map((tenant) => ({ tenant }));
    const { items } = await txGet().getAll(Counter, keys).execute(freshClient());
    expect(items.map((item) => item?.tenant)).toEqual([first, undefined, second]);
  });
});

describe('bad input gives a clear error naming the cause', () => {
  test('a table that does not exist', async () => {
    const Elsewhere = Object.assign(Object.create(Object.getPrototypeOf(Counter)), Counter) as typeof Counter;
    Elsewhere.setTableName('no-such-table');
    const error = await tx().update(Elsewhere, { tenant: 'x' }, (u) => u.add({ eventCount: 1 })).execute(freshClient()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableNotFoundError);
    expect((error as Error).message).toContain("'no-such-table'");
  });

  test('an unreachable endpoint', async () => {
    const client = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'dynatx', secretAccessKey: 'dynatx' },
      maxAttempts: 1,
    });
    const error = await tx().delete(Counter, { tenant: 'x' }).execute(client, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointUnreachableError);
    expect((error as Error).message).toMatch(/Could not reach the DynamoDB endpoint after 2 attempts: .*ECONNREFUSED/);
  });

  test('credentials the endpoint rejects', async () => {
    const client = new DynamoDBClient({
      endpoint: table.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'not_valid!', secretAccessKey: 'x' },
    });
    const error = await tx().delete(Counter, { tenant: 'x' }).execute(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsRejectedError);
    expect((error as Error).message).toMatch(/^DynamoDB rejected the client's credentials \(UnrecognizedClientException/);
  });
});
