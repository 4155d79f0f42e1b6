import { randomBytes } from 'node:crypto';
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  connectDynamoDB,
  DYNAMODB_ENDPOINT_ENV,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
  type StartDynamoDBLocalOptions,
} from './dynamodb-local.js';
import type { AnyEntity } from './entity-model.js';
import { createTableFor, entityTableName, type TableForOptions, type TestTable } from './entity-tables.js';

type VitestHooks = Pick<typeof import('vitest'), 'afterAll' | 'beforeAll' | 'inject'>;

/*
 * This module is both the globalSetup file (loaded in vitest's main process)
 * and the home of the per-file helpers (loaded in workers). The 'vitest' entry
 * point throws when evaluated outside a worker, so it is only imported where
 * vitest's own worker state exists - the same global it checks for.
 */
const vitest: VitestHooks | undefined =
  '__vitest_worker__' in globalThis ? await import('vitest') : undefined;

function hooks(caller: string): VitestHooks {
  if (vitest === undefined) {
    throw new Error(`${caller} registers beforeAll/afterAll hooks and can only be called from a vitest test file`);
  }
  return vitest;
}

/** Key under which the globalSetup provides the shared endpoint to test files. */
export const PROVIDED_ENDPOINT_KEY = 'dynatxDynamoDBEndpoint';

declare module 'vitest' {
  export interface ProvidedContext {
    dynatxDynamoDBEndpoint: string;
  }
}

/** The part of vitest's TestProject that the global setup uses. */
export interface GlobalSetupProject {
  /** Hands a value to the test files (vitest's `project.provide`); the setup provides the engine's endpoint under `PROVIDED_ENDPOINT_KEY`. */
  provide(key: typeof PROVIDED_ENDPOINT_KEY, value: string): void;
}

let globalEngine: DynamoDBLocalHandle | undefined;
let envBeforeSetup: string | undefined;

/**
 * vitest `globalSetup`: one DynamoDB Local for the whole run instead of one
 * JVM per test file (each costs seconds of startup and a few hundred MB). Test files find it
 * through `inject`; the environment variable is a fallback for code that
 * calls startDynamoDBLocal() directly inside a worker.
 */
export async function setup(project?: GlobalSetupProject): Promise<() => Promise<void>> {
  if (globalEngine === undefined) {
    globalEngine = await startDynamoDBLocal();
    envBeforeSetup = process.env[DYNAMODB_ENDPOINT_ENV];
    process.env[DYNAMODB_ENDPOINT_ENV] = globalEngine.endpoint;
  }
  project?.provide(PROVIDED_ENDPOINT_KEY, globalEngine.endpoint);
  return teardown;
}

/** The globalSetup's teardown: stops the engine `setup` started (vitest calls it at the end of the run; exported for configs that compose their own global setup). */
export async function teardown(): Promise<void> {
  const engine = globalEngine;
  if (engine === undefined) return;
  globalEngine = undefined;
  if (envBeforeSetup === undefined) delete process.env[DYNAMODB_ENDPOINT_ENV];
  else process.env[DYNAMODB_ENDPOINT_ENV] = envBeforeSetup;
  await engine.stop();
}

export default setup;

/**
 * DynamoDB for the tests of one file. Every member is a plain property or method with the same
 * meaning on every handle (useDynamoDB(), useTable(), and the engine handle of
 * startDynamoDBLocal()): `endpoint` and `client` are properties, `createClient()` makes a new
 * client. They work inside tests and hooks, once beforeAll has run; at module top level they
 * throw an explanation.
 */
export interface DynamoDBTestHandle {
  /** The endpoint URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** The file's client: one per handle, created on first use, destroyed after the file. */
  readonly client: DynamoDBClient;
  /**
   * A new client of its own (local region and credentials; `config` overrides them), for
   * example so that injected faults stay in one test. Destroyed after the file.
   */
  createClient(config?: Partial<DynamoDBClientConfig>): DynamoDBClient;
}

/**
 * DynamoDB for the current test file: the globalSetup's engine when there is
 * one, otherwise a private engine started in beforeAll and stopped in
 * afterAll.
 */
export function useDynamoDB(options: StartDynamoDBLocalOptions = {}): DynamoDBTestHandle {
  const { afterAll, beforeAll, inject } = hooks('useDynamoDB()');
  let engine: DynamoDBLocalHandle | undefined;

  beforeAll(async () => {
    const provided = inject(PROVIDED_ENDPOINT_KEY) as string | undefined;
    engine = provided
      ? connectDynamoDB(provided, { source: `inject('${PROVIDED_ENDPOINT_KEY}')` })
      : await startDynamoDBLocal(options);
  });
  afterAll(async () => {
    // Destroys the clients the handle made; stops the engine only if this file started it.
    const stopping = engine?.stop();
    engine = undefined;
    await stopping;
  });

  const ready = (): DynamoDBLocalHandle => {
    if (engine === undefined) {
      throw new Error(
        'useDynamoDB(): DynamoDB is not available here; use endpoint, client and createClient() inside tests or hooks, not at module top level',
      );
    }
    return engine;
  };
  return {
    get endpoint() {
      return ready().endpoint;
    },
    get client() {
      return ready().client;
    },
    createClient: (config) => ready().createClient(config),
  };
}

/** How `useTable` names its table, whether it points the entities at it, and whether the table has a stream. */
export interface UseTableOptions {
  /**
   * Exact table name. By default the entities' table name plus a random
   * suffix, so that test files running in parallel against one shared engine
   * never drop each other's tables.
   */
  tableName?: string;
  /**
   * For the duration of the file (or describe block), point the entities at the test table
   * (ElectroDB `setTableName`) and give them the handle's `client` (ElectroDB `setClient`),
   * so that ElectroDB's own operations (`Entity.get(...).go()`) work without further setup;
   * restores their previous table name and client afterwards. Default true; switch it off to
   * leave the entities alone and pass `{ table: t.tableName }` to operations yourself.
   */
  retarget?: boolean;
  /** Share one DynamoDB between several useTable calls in a file; by default each call uses its own useDynamoDB(). */
  dynamodb?: DynamoDBTestHandle;
  /** Enable DynamoDB Streams on the table (see createTableFor): `true` for NEW_AND_OLD_IMAGES, or a view type. */
  stream?: TableForOptions['stream'];
}

/** A DynamoDBTestHandle for a fresh table of the given entities. */
export interface TestTableHandle extends DynamoDBTestHandle {
  readonly tableName: string;
  /** The table's stream ARN when it was created with `stream` (inside tests and hooks). */
  readonly streamArn: string | undefined;
}

/** ElectroDB keeps its client in `entity.client` (undefined until one is set). */
/**
 * What useTable touches of an ElectroDB entity: its table and client. The entities were already
 * checked to be ElectroDB entities (createTableFor reads each with core's readElectroModel), so
 * the methods are there.
 */
type EntityWithClient = AnyEntity & {
  client?: unknown;
  getTableName(): string | undefined;
  setTableName(tableName: string): void;
  setClient(client: unknown): void;
};

/** A fresh table for the entities, created in beforeAll and dropped in afterAll. */
export function useTable(entities: readonly AnyEntity[], options: UseTableOptions = {}): TestTableHandle {
  const { afterAll, beforeAll } = hooks('useTable()');
  const dynamodb = options.dynamodb ?? useDynamoDB();
  const tableName =
    options.tableName ?? `${entityTableName(entities) ?? 'dynatx-test'}-${randomBytes(4).toString('hex')}`;
  const retarget = options.retarget ?? true;
  let table: TestTable | undefined;
  const previous = new Map<EntityWithClient, { tableName: string | undefined; client: unknown }>();

  beforeAll(async () => {
    table = await createTableFor(dynamodb.client, entities, { tableName, stream: options.stream });
    if (retarget) {
      for (const entity of entities as readonly EntityWithClient[]) {
        if (!previous.has(entity)) previous.set(entity, { tableName: entity.getTableName(), client: entity.client });
        entity.setTableName(tableName);
        // ElectroDB wraps an AWS SDK v3 client (anything with send()) and sends
        // @aws-sdk/lib-dynamodb commands through it, from its own dependencies.
        entity.setClient(dynamodb.client);
      }
    }
  });
  // Registered after useDynamoDB's afterAll, so it runs first (vitest runs
  // afterAll hooks in reverse order) while the engine is still up.
  afterAll(async () => {
    for (const [entity, before] of previous) {
      // ElectroDB's setter accepts undefined at runtime, which restores "no table".
      entity.setTableName(before.tableName as string);
      // setClient(undefined) is a no-op, so the field is restored directly: an entity that
      // had no client gets none back, rather than keeping a destroyed one.
      entity.client = before.client;
    }
    previous.clear();
    const dropping = table;
    table = undefined;
    // With a non-default `sequence.hooks` order the engine may already be
    // gone, and with it the in-memory table.
    if (dropping !== undefined && isAvailable(dynamodb)) await dropping.drop();
  });

  return {
    tableName,
    get streamArn() {
      if (table === undefined) throw new Error('useTable(): streamArn is known once beforeAll has created the table; read it inside tests or hooks');
      return table.streamArn;
    },
    get endpoint() {
      return dynamodb.endpoint;
    },
    get client() {
      return dynamodb.client;
    },
    createClient: (config) => dynamodb.createClient(config),
  };
}

function isAvailable(dynamodb: DynamoDBTestHandle): boolean {
  try {
    return dynamodb.endpoint !== '';
  } catch {
    return false;
  }
}
