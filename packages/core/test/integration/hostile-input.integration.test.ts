/**
 * The engine-side halves of the issue-8 regressions, on a real DynamoDB Local: what is refused
 * leaves the table untouched, what is accepted is stored exactly as `params()` showed it, and
 * an aborted attempt is reported as possibly applied when it was.
 */
import { createServer, connect, type AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { useTable } from '@dynatx/testing/vitest';
import { Entity } from 'electrodb';
import { describe, expect, test } from 'vitest';
import { NumberValue, TransactionAbortedError, TransactionValidationError, tx, txGet } from '../../src/index.js';

const Doc = new Entity(
  {
    model: { entity: 'Doc', version: '1', service: 'hostile' } as const,
    attributes: {
      id: { type: 'string', required: true },
      owner: { type: 'string' },
      body: { type: 'any' },
    },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'hostile' },
);

const table = useTable([Doc]);

async function stored(id: string) {
  const key = tx().delete(Doc, { id }).params().TransactItems![0]!.Delete!.Key!;
  return (await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
}

describe('a forged condition never lets a write through', () => {
  test('the existing item is untouched: the put is refused before anything is sent', async () => {
    await tx().put(Doc, { id: 'forged', owner: 'alice' }).execute(table.client);
    const forged = () => ({ kind: 'bogus' });
    expect(() => (tx() as any).put(Doc, { id: 'forged', owner: 'mallory' }, { if: forged })).toThrow(TransactionValidationError);
    const viaAnd = () =>
      (tx() as any).put(Doc, { id: 'forged', owner: 'mallory' }, { if: (d: any, op: any) => op.and(op.notExists(d.id), { kind: 'compare' }) });
    expect(viaAnd).toThrow(TransactionValidationError);
    expect((await stored('forged'))?.owner).toEqual({ S: 'alice' });
  });
});

describe('what params() shows is what DynamoDB stores', () => {
  test('a JSON-parsed __proto__ key inside an `any` value', async () => {
    const body = JSON.parse('{"__proto__": {"role": "admin"}, "plain": [1, "two", null]}');
    const write = tx().put(Doc, { id: 'proto', body });
    const shown = write.params().TransactItems![0]!.Put!.Item!;
    await write.execute(table.client);
    expect(await stored('proto')).toEqual(shown);
    expect(Object.keys((await stored('proto'))!.body!.M!)).toEqual(['__proto__', 'plain']);
  });

  test('exact numbers beyond 2^53 (bigint) and the double of a big JavaScript number', async () => {
    const write = tx().put(Doc, { id: 'numbers', body: { exact: 12345678901234567890123456789012345678n, double: 2 ** 60, tiny: 1e-130, set: new Set([1n, 2n]) } });
    const shown = write.params().TransactItems![0]!.Put!.Item!;
    await write.execute(table.client);
    expect(await stored('numbers')).toEqual(shown);
  });
});

describe('what dynatx hands back is what is stored (found by the fuzz suite)', () => {
  test('numbers no JavaScript number holds exactly come back as bigint or NumberValue, in reads and old items', async () => {
    const body = { big: 12345678901234567890123456789n, double: -7.0818456288105915e84, precise: new NumberValue('0.1234567890123456789012345'), small: 1.5 };
    await tx().put(Doc, { id: 'exact', body }).execute(table.client);
    const read = await txGet().get(Doc, { id: 'exact' }).execute(table.client);
    const got = (read.items[0] as { body: Record<string, unknown> }).body;
    expect(got.big).toBe(12345678901234567890123456789n);
    expect(got.double).toBe(-7.0818456288105915e84);
    expect(got.precise).toEqual(new NumberValue('0.1234567890123456789012345'));
    expect(got.small).toBe(1.5);
    // The old item of a cancelled write is formatted the same way (this used to throw).
    const cancelled = await tx()
      .put(Doc, { id: 'exact', owner: 'z' }, { if: (d, op) => op.notExists(d.id), returnOldItemOnFailure: true })
      .execute(table.client);
    expect(cancelled.committed).toBe(false);
    if (!cancelled.committed) expect((cancelled.reasons[0]!.oldItem as { body: Record<string, unknown> }).body).toEqual(got);
    // And what was read can be written back unchanged.
    const again = tx().put(Doc, { id: 'exact-copy', body: got }).params().TransactItems![0]!.Put!.Item!.body;
    expect(again).toEqual(tx().put(Doc, { id: 'exact-copy', body }).params().TransactItems![0]!.Put!.Item!.body);
  });
});

describe('outcomes', () => {
  test('an abort that cuts an attempt short: that attempt is counted and may have been applied', async () => {
    // A loopback proxy that holds every response for 300 ms: the write is applied by the time
    // the caller gives up, 100 ms in, while the HTTP request is still in flight.
    const engine = new URL(table.endpoint);
    const proxy = createServer((socket) => {
      const upstream = connect(Number(engine.port), engine.hostname);
      socket.pipe(upstream);
      upstream.on('data', (chunk) => setTimeout(() => socket.writable && socket.write(chunk), 300));
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', close).on('close', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const slow = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'dynatx', secretAccessKey: 'dynatx' },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    const error = await tx()
      .put(Doc, { id: 'aborted', owner: 'x' })
      .execute(slow, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionAbortedError);
    const aborted = error as TransactionAbortedError;
    expect(aborted.attempts.map((a) => a.reason)).toEqual(['Aborted']);
    expect(aborted.mayHaveBeenApplied).toBe(true);
    expect(aborted.message).toMatch(/aborted during attempt 1: its writes may have been applied/);
    // It was applied, which is why the error must not say otherwise.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await stored('aborted'))?.owner).toEqual({ S: 'x' });
    slow.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });

  test('an abort before sending: nothing applied, and the error says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = (await tx().put(Doc, { id: 'never', owner: 'x' }).execute(table.client, { signal: controller.signal }).catch((e: unknown) => e)) as TransactionAbortedError;
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(error.attempts).toHaveLength(0);
    expect(await stored('never')).toBeUndefined();
  });

  test("a txGet label '__proto__' is in byLabel like any other", async () => {
    await tx().put(Doc, { id: 'labelled', owner: 'y' }).execute(table.client);
    const read = await txGet().get(Doc, { id: 'labelled' }, { label: '__proto__' }).execute(table.client);
    expect(Object.keys(read.byLabel)).toEqual(['__proto__']);
    expect((read.byLabel as Record<string, { owner?: string }>)['__proto__']?.owner).toBe('y');
  });

  test('two items whose keys were once confused by a NUL are both written', async () => {
    const Pair = new Entity(
      {
        model: { entity: 'Pair', version: '1', service: 'hostile' } as const,
        attributes: { a: { type: 'string', required: true }, b: { type: 'string', required: true }, n: { type: 'number' } },
        indexes: { primary: { pk: { field: 'pk', composite: ['a'] }, sk: { field: 'sk', composite: ['b'] } } },
      },
      { table: table.tableName },
    );
    // Joined with NUL, both keys once read '$hostile#a_p' NUL '$pair_1#b_q' NUL '$pair_1#b_r'.
    const first = { a: 'p', b: 'q\u0000$pair_1#b_r' };
    const second = { a: 'p\u0000$pair_1#b_q', b: 'r' };
    await tx().put(Pair, { ...first, n: 1 }).put(Pair, { ...second, n: 2 }).execute(table.client);
    const items = (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items!.filter((item) => item.__edb_e__?.S === 'Pair');
    expect(items.map((item) => item.n!.N).sort()).toEqual(['1', '2']);
  });

  test('two items whose keys differ only after a NUL are both written', async () => {
    await tx().put(Doc, { id: 'a\u0000b', owner: '1' }).put(Doc, { id: 'a', owner: '2' }).execute(table.client);
    expect((await stored('a\u0000b'))?.owner).toEqual({ S: '1' });
    expect((await stored('a'))?.owner).toEqual({ S: '2' });
    const all = await table.client.send(new ScanCommand({ TableName: table.tableName }));
    expect(all.Items!.filter((item) => item.id?.S === 'a' || item.id?.S === 'a\u0000b').length).toBe(2);
  });
});
