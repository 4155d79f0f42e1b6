/**
 * The change feed consumers' boundaries: `@aws-sdk/client-dynamodb-streams` stays optional (no
 * declaration file imports it, only the poller loads it, when it runs), and bad options are
 * refused with typed errors before anything runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Entity } from 'electrodb';
import { describe, expect, test } from 'vitest';
import {
  changeFeed,
  createFeedPoller,
  DynatxError,
  feedAssembler,
  feedStreamHandler,
  memoryCheckpointStore,
  openFeedConsumer,
  tx,
  type FeedConsumerState,
  type StreamRecord,
} from '../src/index.js';
import { Counter, Event } from './fixtures/audit-entities.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

describe('the streams client is an optional peer dependency', () => {
  test('no declaration file imports it', () => {
    const declarations = files(join(root, 'dist')).filter((f) => f.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(10);
    for (const file of declarations) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/(from|import\()\s*['"]@aws-sdk\/client-dynamodb-streams['"]/);
    }
  });

  test('only the poller loads it, with a dynamic import', () => {
    const sources = files(join(root, 'src')).filter((f) => f.endsWith('.ts'));
    const importers = sources.filter((f) => /['"]@aws-sdk\/client-dynamodb-streams['"]/.test(readFileSync(f, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')));
    expect(importers.map((f) => f.slice(root.length))).toEqual(['src/feed/poller.ts']);
    expect(readFileSync(join(root, 'src/feed/poller.ts'), 'utf8')).not.toMatch(/^import .*client-dynamodb-streams/m);
  });
});

describe('options', () => {
  const feed = changeFeed({ name: 'opts', table: 'audit', entities: [Event, Counter] });
  const unmarked = changeFeed({ name: 'opts', table: 'audit', entities: [Event, Counter], marker: false });
  const refused = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DynatxError);
      return (error as Error).message;
    }
    return 'accepted';
  };

  test('the assembler', () => {
    expect(refused(() => feedAssembler(unmarked, { mode: 'image' }))).toMatch(/attaches item records by the marker; feed 'opts' has none/);
    expect(refused(() => feedAssembler(feed, { mode: 'both' as never }))).toMatch(/mode is 'intent' or 'image'/);
    expect(refused(() => feedAssembler(feed, { waitMs: -1 }))).toMatch(/waitMs/);
    const state: FeedConsumerState = { version: 1, feed: 'other', mode: 'intent', checkpoints: {}, emitted: [], finishedShards: [] };
    expect(refused(() => feedAssembler(feed, { state }))).toMatch(/of feed 'other' in intent mode, not of 'opts'/);
    expect(refused(() => feedAssembler(feed, { mode: 'image', state: { ...state, feed: 'opts' } }))).toMatch(/in intent mode, not of 'opts' in image mode/);
    expect(refused(() => feedAssembler(feed).push({ shard: 's', records: [{ eventName: 'INSERT', dynamodb: {} }] }, 0))).toMatch(/no SequenceNumber/);
    expect(feedAssembler(unmarked).mode).toBe('intent');
  });

  test('the consumer, the poller and the Lambda handler', async () => {
    await expect(openFeedConsumer(feed, {} as never)).rejects.toThrow(/needs onEvent/);
    const streams = { send: async () => ({}) };
    expect(refused(() => createFeedPoller(feed, { onEvent: () => {} } as never))).toMatch(/streams must be a DynamoDBStreamsClient/);
    expect(refused(() => createFeedPoller(feed, { streams, onEvent: () => {} }))).toMatch(/give streamArn, or dynamodb/);
    expect(refused(() => createFeedPoller(feed, { streams, streamArn: 'x', limit: 0, onEvent: () => {} }))).toMatch(/limit must be a whole number from 1 to 1000/);
    const client = { send: async () => ({}) };
    expect(refused(() => feedStreamHandler(feed, { client, stateTable: 'state', consumer: 'bad name', onEvent: () => {} }))).toMatch(/consumer must be 1-64/);
    expect(refused(() => feedStreamHandler(unmarked, { client, stateTable: 'state', consumer: 'c', mode: 'image', onEvent: () => {} }))).toMatch(/marker/);
    expect(refused(() => feedStreamHandler(feed, { client, stateTable: 'state', consumer: 'c', leaseMs: 0, onEvent: () => {} }))).toMatch(/leaseMs must be a positive/);
  });

  test('the memory checkpoint store keeps copies', () => {
    const store = memoryCheckpointStore();
    const state = { version: 1, feed: 'opts', mode: 'intent', checkpoints: { s: '1' }, emitted: [], finishedShards: [] } as FeedConsumerState;
    store.save(state);
    (state.checkpoints as Record<string, string>).s = '2';
    expect(store.saved?.checkpoints).toEqual({ s: '1' });
    expect(store.saves).toBe(1);
  });
});

describe('item ids', () => {
  test('a record key and a manifest key name the same item, whatever the key types and the source', async () => {
    const { itemKeyOf, itemKeyOfRecord } = await import('../src/feed/stream-records.js');
    const bytes = new Uint8Array([1, 2, 250]);
    const fromManifest = itemKeyOf('t', { pk: 'a#1', sk: 12, bin: bytes });
    expect(itemKeyOfRecord('t', { sk: { N: '12' }, pk: { S: 'a#1' }, bin: { B: bytes } })).toBe(fromManifest);
    // A Lambda event carries binary values as base64 text.
    expect(itemKeyOfRecord('t', { pk: { S: 'a#1' }, sk: { N: '12' }, bin: { B: Buffer.from(bytes).toString('base64') } })).toBe(fromManifest);
    expect(itemKeyOfRecord('other', { pk: { S: 'a#1' }, sk: { N: '12' }, bin: { B: bytes } })).not.toBe(fromManifest);
    expect(itemKeyOf('t', { pk: '12' })).not.toBe(itemKeyOf('t', { pk: 12 }));
  });
});

/** Found by `integration/hostile-calls-v2.fuzz.test.ts`: each failed before its fix. */
describe('changeFeed() from untyped code', () => {
  const refusedWith = (options: object) => {
    try {
      changeFeed({ name: 'f', table: 'audit', entities: [Event], ...options } as never);
    } catch (error) {
      expect(error).toBeInstanceOf(DynatxError);
      return error as DynatxError;
    }
    throw new Error('accepted');
  };

  test("key and TTL names that ElectroDB cannot take are refused: '__proto__' no longer changes Object.prototype", () => {
    const before = Object.getOwnPropertyNames(Object.prototype).join(',');
    expect(refusedWith({ partitionKey: '__proto__' }).message).toBe("changeFeed(): partitionKey '__proto__' is a name every JavaScript object has; choose another");
    expect(refusedWith({ ttlAttribute: 'constructor' }).message).toBe("changeFeed(): ttlAttribute 'constructor' is a name every JavaScript object has; choose another");
    expect(refusedWith({ marker: 'toString' }).code).toBe('InvalidValue');
    expect(Object.getOwnPropertyNames(Object.prototype).join(',')).toBe(before);
    // Names the manifest uses already, or twice.
    expect(refusedWith({ ttlAttribute: 'pk' }).message).toBe("changeFeed(): ttlAttribute 'pk' is already a field of the manifest; choose another name");
    expect(refusedWith({ partitionKey: 'count' }).message).toBe("changeFeed(): partitionKey 'count' is already a field of the manifest; choose another name");
    expect(refusedWith({ sortKey: 'feed' }).code).toBe('InvalidValue');
    expect(changeFeed({ name: 'f', table: 'audit', entities: [Event], partitionKey: 'id', sortKey: null, ttlAttribute: 'expires' }).partitionKey).toBe('id');
  });

  test('entities that are not entities, a table name DynamoDB refuses, and options whose getters throw', () => {
    expect(refusedWith({ entities: [Event, 5] }).message).toBe('changeFeed(): entities[1] must be an ElectroDB entity, got number 5');
    expect(refusedWith({ entities: [{ schema: {} }] }).code).toBe('InvalidValue');
    expect(refusedWith({ table: 'no spaces here' }).message).toBe('changeFeed(): table must be a table name, got the string "no spaces here"');
    class Planted extends Error {}
    const options = Object.defineProperty({ name: 'f', table: 'audit', entities: [Event] }, 'include', { get: () => { throw new Planted('include'); } });
    const error = (() => {
      try {
        return changeFeed(options as never);
      } catch (caught) {
        return caught as DynatxError;
      }
    })();
    expect(error).toBeInstanceOf(DynatxError);
    expect((error as DynatxError).code).toBe('UserCodeFailed');
    expect((error as DynatxError).cause).toBeInstanceOf(Planted);
  });
});

/** Found by `integration/hostile-calls-v2.fuzz.test.ts`: each failed before its fix. */
describe('malformed records and options, from untyped code', () => {
  const feed = changeFeed({ name: 'rec', table: 'audit', entities: [Event, Counter], include: { putItems: true } });
  const manifestRecord = (transactionId: string, seq: string): StreamRecord => {
    const params = tx({ feed }).put(Event, { tenant: 'a', eventId: transactionId, at: 1, type: 'login' }).params({ transactionId });
    const image = params.TransactItems!.at(-1)!.Put!.Item!;
    return { eventName: 'INSERT', dynamodb: { SequenceNumber: seq, Keys: { pk: image.pk!, sk: image.sk! } as never, NewImage: image as never } };
  };
  const typed = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DynatxError);
      return error as DynatxError;
    }
    throw new Error('accepted');
  };

  test('a malformed manifest is refused with a typed error naming it, and the batch changes nothing', () => {
    const assembler = feedAssembler(feed);
    const good = manifestRecord('t1', '1');
    const bad = structuredClone(manifestRecord('t2', '2')) as any;
    bad.dynamodb.NewImage.actions = { L: [{ M: null }] };
    const error = typed(() => assembler.push({ shard: 's1', records: [good, bad] }, 0));
    expect(error.message).toMatch(/^A stream record of shard s1 \(sequence 2\) is malformed: NewImage\.actions\[0\] is an M of null$/);
    // Nothing of the batch was taken: the good record, pushed again, is handed out.
    expect(assembler.state().checkpoints).toEqual({});
    expect(assembler.push({ shard: 's1', records: [good] }, 0).map((o) => o.transactionId)).toEqual(['t1']);
    const wrongKind = structuredClone(manifestRecord('t3', '3')) as any;
    wrongKind.dynamodb.NewImage.actions.L[0].M.kind = { S: 'drop' };
    expect(typed(() => assembler.push({ shard: 's1', records: [wrongKind] }, 0)).message).toMatch(/holds a manifest of feed 'rec' that is malformed: its actions\[0\]\.kind is the string "drop"/);
    expect(typed(() => assembler.push({ shard: 's1', records: [null as never] }, 0)).message).toBe('A stream record of shard s1 has no SequenceNumber');
    expect(typed(() => assembler.push({ shard: 's1', records: [] }, Number.NaN)).message).toBe('now must be a time in milliseconds, got number NaN');
  });

  test("the assembler's options and saved state are checked; a shard named '__proto__' keeps its checkpoint", () => {
    expect(typed(() => feedAssembler({ ...feed } as never)).message).toBe('A feed consumer takes a feed made with changeFeed(), got an object');
    expect(typed(() => feedAssembler(feed, { imageTables: 'audit' as never })).message).toBe('imageTables must be an array of table names, got the string "audit"');
    const state = { version: 1, feed: 'rec', mode: 'intent', checkpoints: {}, emitted: [, { transactionId: 'x', through: {} }], finishedShards: [] };
    expect(typed(() => feedAssembler(feed, { state: state as never })).message).toBe('The saved feed consumer state is not one state() wrote: its emitted[0] is not { transactionId, through }');
    const assembler = feedAssembler(feed);
    assembler.push({ shard: '__proto__', records: [manifestRecord('t1', '7')] }, 0);
    const saved = JSON.parse(JSON.stringify(assembler.state()));
    expect(saved.checkpoints).toEqual(JSON.parse('{"__proto__":"7"}'));
    expect(feedAssembler(feed, { state: saved }).lastRead('__proto__')).toBe('7');
  });

  test("an entity's get hook that throws while an event is formatted: UserCodeFailed with its error, and the assembler stops", () => {
    class HookFailed extends Error {}
    const Fragile = new Entity(
      {
        model: { entity: 'Fragile', version: '1', service: 'rec' },
        attributes: { id: { type: 'string', required: true }, shown: { type: 'string', get: () => { throw new HookFailed('get'); } } },
        indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
      },
      { table: 'audit' },
    );
    const fragileFeed = changeFeed({ name: 'fragile', table: 'audit', entities: [Fragile], include: { putItems: true } });
    const image = tx({ feed: fragileFeed }).put(Fragile, { id: 'f', shown: 'x' }).params({ transactionId: 'f1' }).TransactItems!.at(-1)!.Put!.Item!;
    const assembler = feedAssembler(fragileFeed);
    const error = typed(() => assembler.push({ shard: 's1', records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: image as never } }] }, 0));
    expect(error.code).toBe('UserCodeFailed');
    expect(error.cause).toBeInstanceOf(HookFailed);
    expect(typed(() => assembler.state()).message).toBe('This feed assembler stopped when formatting an event failed half way; make a new one from the state saved last');
  });

  test('the Lambda handler and the poller: bad options and events are typed errors', async () => {
    const client = { send: async () => ({}) };
    const options = { client, stateTable: 'state', consumer: 'c', onEvent: () => {} };
    expect(typed(() => feedStreamHandler(feed, { ...options, stateTable: 'no spaces' })).message).toBe('feedStreamHandler(): stateTable must be a table name, got the string "no spaces"');
    expect(typed(() => feedStreamHandler(feed, { ...options, partitionKey: 5 as never })).message).toBe("feedStreamHandler(): partitionKey must be 1-64 letters, digits, '_', '-' or '.', got number 5");
    expect(typed(() => feedStreamHandler({} as never, options)).code).toBe('InvalidValue');
    const errors: unknown[] = [];
    const handler = feedStreamHandler(feed, { ...options, onError: (error) => void errors.push(error) });
    await expect(handler({ Records: 5 as never })).rejects.toThrow("A stream event's Records must be an array of stream records, got number 5");
    await expect(handler({ Records: [null as never, { dynamodb: { SequenceNumber: 7 as never } }] })).resolves.toEqual({ batchItemFailures: [] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DynatxError);
    const streams = { send: async () => ({}) };
    expect(typed(() => createFeedPoller(feed, { streams, streamArn: 'x', onEvent: () => {}, checkpoints: { load: 1 } as never })).message).toBe('checkpoints must be a store with load() and save(state), got an object');
    expect(typed(() => createFeedPoller(feed, { streams, streamArn: 'x', onEvent: () => {}, idleMs: Number.NaN })).message).toBe('createFeedPoller(): idleMs must be a number of milliseconds, got number NaN');
    expect(typed(() => createFeedPoller(null as never, { streams, streamArn: 'x', onEvent: () => {} })).code).toBe('InvalidValue');
  });
});
