import {
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  ThrottlingException,
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { Service } from 'electrodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTableFor,
  injectFaults,
  isInjectedFault,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
  type FaultInjector,
  type TestTable,
} from '../src/index.js';
import { accounts, transfers } from './fixtures/entities.js';

const TABLE = 'faults';

describe('injectFaults (DynamoDB Local)', () => {
  let engine: DynamoDBLocalHandle;
  let client: DynamoDBClient;
  let table: TestTable;
  let faults: FaultInjector;
  // Requests that actually left the client, counted below the retry loop.
  let wireRequests = 0;

  beforeAll(async () => {
    engine = await startDynamoDBLocal();
    client = engine.createClient();
    client.middlewareStack.add(
      (next) => async (args) => {
        wireRequests++;
        return next(args);
      },
      { step: 'finalizeRequest', name: 'countWireRequests' },
    );
    table = await createTableFor(client, [accounts, transfers], { tableName: TABLE });
  });
  afterAll(async () => {
    await table?.drop();
    await engine?.stop();
  });
  beforeEach(() => {
    faults = injectFaults(client);
    wireRequests = 0;
  });
  afterEach(() => faults.remove());

  const put = (id: string, extra: TransactWriteItem['Put'] = undefined): TransactWriteItem => ({
    Put: { TableName: TABLE, Item: { pk: { S: id }, sk: { S: 'item' } }, ...extra },
  });
  const transact = (...items: TransactWriteItem[]) =>
    client.send(new TransactWriteItemsCommand({ TransactItems: items }));
  const exists = async (id: string) =>
    (await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id }, sk: { S: 'item' } } }))).Item !==
    undefined;
  const caught = (promise: Promise<unknown>) => promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as Error & Record<string, unknown>,
  );

  it('transactionConflict: a TransactionCanceledException with one reason per action, nothing written', async () => {
    faults.failNext(1, 'transactionConflict');
    const error = await caught(transact(put('c1'), put('c2'), put('c3')));

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.$fault).toBe('client');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
    const reasons = (error as unknown as TransactionCanceledException).CancellationReasons;
    expect(reasons?.map((reason) => reason.Code)).toEqual(['TransactionConflict', 'None', 'None']);
    expect(isInjectedFault(error)).toBe(true);
    expect(error.dynatxInjected).toBe(true);
    expect(Object.keys(error)).not.toContain('dynatxInjected');

    expect(wireRequests).toBe(0); // neither sent nor retried by the SDK
    expect(await exists('c1')).toBe(false);
    expect(faults.log).toEqual([
      { kind: 'transactionConflict', command: 'TransactWriteItemsCommand', call: 1, source: 'queue', at: expect.any(Date) },
    ]);
  });

  it('throttling: the SDK ThrottlingException', async () => {
    faults.failNext(1, 'throttling');
    const error = await caught(transact(put('t1')));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(isInjectedFault(error)).toBe(true);
    expect(wireRequests).toBe(0);
  });

  it('transactionInProgress: TransactionInProgressException', async () => {
    faults.failNext(1, 'transactionInProgress');
    const error = await caught(transact(put('p1')));
    expect(error).toBeInstanceOf(TransactionInProgressException);
    expect(error.name).toBe('TransactionInProgressException');
    expect(isInjectedFault(error)).toBe(true);
  });

  it('network: a socket error before the request reaches the engine', async () => {
    faults.failNext(1, 'network');
    const error = await caught(transact(put('n1')));
    expect(error.name).toBe('Error');
    expect(error.code).toBe('ECONNRESET');
    expect(error.message).toBe('socket hang up');
    expect(isInjectedFault(error)).toBe(true);
    expect(wireRequests).toBe(0);
    expect(await exists('n1')).toBe(false);
  });

  it('lost response: the engine commits, the caller gets a TimeoutError', async () => {
    faults.loseResponseOfNext(1);
    const error = await caught(transact(put('lost1'), put('lost2')));
    expect(error.name).toBe('TimeoutError');
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.message).toMatch(/after the request was sent/);
    expect(isInjectedFault(error)).toBe(true);
    expect(wireRequests).toBe(1);
    expect(await exists('lost1')).toBe(true);
    expect(await exists('lost2')).toBe(true);
    expect(faults.log[0]).toMatchObject({ kind: 'lostResponse', engineSucceeded: true });
  });

  it('lost response hides a cancellation too', async () => {
    await transact(put('dup'));
    faults.loseResponseOfNext(1);
    const error = await caught(transact(put('dup', { ConditionExpression: 'attribute_not_exists(pk)' } as never)));
    expect(error.name).toBe('TimeoutError');
    expect(faults.log[0]).toMatchObject({ kind: 'lostResponse', engineSucceeded: false });
  });

  it('only affects TransactWriteItems', async () => {
    faults.failNext(1, 'network');
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'plain' }, sk: { S: 'item' } } }));
    expect(await exists('plain')).toBe(true);
    await client.send(new ScanCommand({ TableName: TABLE, Limit: 1 }));
    expect(faults.log).toEqual([]);
    // Still queued for the next transaction.
    expect((await caught(transact(put('after-plain')))).code).toBe('ECONNRESET');
  });

  it('applies queued faults in order, then lets calls through', async () => {
    faults.failNext(2, 'transactionConflict').loseResponseOfNext(1).failNext(1, 'throttling');

    const first = await caught(transact(put('q1')));
    const second = await caught(transact(put('q2')));
    const third = await caught(transact(put('q3')));
    const fourth = await caught(transact(put('q4')));
    await transact(put('q5'));

    expect([first.name, second.name, third.name, fourth.name]).toEqual([
      'TransactionCanceledException',
      'TransactionCanceledException',
      'TimeoutError',
      'ThrottlingException',
    ]);
    expect(faults.log.map((record) => record.kind)).toEqual([
      'transactionConflict',
      'transactionConflict',
      'lostResponse',
      'throttling',
    ]);
    expect(await exists('q2')).toBe(false);
    expect(await exists('q3')).toBe(true);
    expect(await exists('q4')).toBe(false);
    expect(await exists('q5')).toBe(true);
  });

  it('clear() drops queued faults and the log', async () => {
    faults.failNext(1, 'network');
    await caught(transact(put('cl1')));
    faults.failNext(3, 'throttling');
    faults.clear();
    expect(faults.log).toEqual([]);
    await transact(put('cl2'));
    expect(await exists('cl2')).toBe(true);
  });

  it('remove() detaches the middleware from the client', async () => {
    const name = (entry: string) => entry.startsWith('dynatxFaultInjection');
    expect(client.middlewareStack.identify().some(name)).toBe(true);
    faults.failNext(1, 'transactionConflict');
    faults.remove();
    expect(client.middlewareStack.identify().some(name)).toBe(false);
    await transact(put('removed'));
    expect(await exists('removed')).toBe(true);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => faults.failNext(-1, 'network')).toThrow(RangeError);
    expect(() => faults.loseResponseOfNext(1.5)).toThrow(RangeError);
  });

  it('reaches ElectroDB transactions sent through the same client', async () => {
    const bank = new Service({ accounts, transfers }, { client, table: TABLE });
    faults.failNext(1, 'transactionConflict');
    const result = await bank.transaction
      .write(({ accounts: a, transfers: t }) => [
        a.put({ accountId: 'e1', owner: 'ada', balance: 1 }).commit(),
        t.put({ transferId: 'e2', fromAccount: 'e1', amount: 1 }).commit(),
      ])
      .go();
    expect(result.canceled).toBe(true);
    expect(result.data.map((entry) => entry.code)).toEqual(['TransactionConflict', 'None']);
    expect(faults.log).toHaveLength(1);

    const retried = await bank.transaction
      .write(({ accounts: a }) => [a.put({ accountId: 'e1', owner: 'ada', balance: 1 }).commit()])
      .go();
    expect(retried.canceled).toBe(false);
  });
});
