import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  connectDynamoDB,
  DYNAMODB_ENDPOINT_ENV,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
  type StartDynamoDBLocalOptions,
} from './dynamodb-local.js';
import type { AnyEntity } from './entity-model.js';
import { createTableFor, entityTableName, type TestTable } from './entity-tables.js';

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

export async function teardown(): Promise<void> {
  const engine = globalEngine;
  if (engine === undefined) return;
  globalEngine = undefined;
  if (envBeforeSetup === undefined) delete process.env[DYNAMODB_ENDPOINT_ENV];
  else process.env[DYNAMODB_ENDPOINT_ENV] = envBeforeSetup;
  await engine.stop();
}

export default setup;

export interface DynamoDBTestHandle {
  /** One client per test file, created on first use. */
  client(): DynamoDBClient;
  endpoint(): string;
}

/**
 * DynamoDB for the current test file: the globalSetup's engine when there is
 * one, otherwise a private engine started in beforeAll and stopped in
 * afterAll. The accessors only work once beforeAll has run, i.e. inside
 * tests and hooks.
 */
export function useDynamoDB(options: StartDynamoDBLocalOptions = {}): DynamoDBTestHandle {
  const { afterAll, beforeAll, inject } = hooks('useDynamoDB()');
  let engine: DynamoDBLocalHandle | undefined;
  let client: DynamoDBClient | undefined;

  beforeAll(async () => {
    const provided = inject(PROVIDED_ENDPOINT_KEY) as string | undefined;
    engine = provided
      ? connectDynamoDB(provided, { source: `inject('${PROVIDED_ENDPOINT_KEY}')` })
      : await startDynamoDBLocal(options);
  });
  afterAll(async () => {
    client?.destroy();
    client = undefined;
    const stopping = engine?.stop();
    engine = undefined;
    await stopping;
  });

  const ready = (): DynamoDBLocalHandle => {
    if (engine === undefined) {
      throw new Error(
        'useDynamoDB(): DynamoDB is not available here; use client()/endpoint() inside tests or hooks, not at module top level',
      );
    }
    return engine;
  };
  return {
    endpoint: () => ready().endpoint,
    client: () => (client ??= ready().createClient()),
  };
}

export interface UseTableOptions {
  /**
   * Exact table name. By default the entities' table name plus a random
   * suffix, so that test files running in parallel against one shared engine
   * never drop each other's tables.
   */
  tableName?: string;
  /**
   * Point the entities at the test table (ElectroDB `setTableName`) for the
   * duration of the file, restoring their table afterwards. Default true;
   * switch it off to pass `{ table: t.tableName }` to operations yourself.
   */
  retarget?: boolean;
  /** Share one DynamoDB between several useTable calls in a file; by default each call uses its own useDynamoDB(). */
  dynamodb?: DynamoDBTestHandle;
}

export interface TestTableHandle {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  readonly dynamodb: DynamoDBTestHandle;
}

/** A fresh table for the entities, created in beforeAll and dropped in afterAll. */
export function useTable(entities: readonly AnyEntity[], options: UseTableOptions = {}): TestTableHandle {
  const { afterAll, beforeAll } = hooks('useTable()');
  const dynamodb = options.dynamodb ?? useDynamoDB();
  const tableName =
    options.tableName ?? `${entityTableName(entities) ?? 'dynatx-test'}-${randomBytes(4).toString('hex')}`;
  const retarget = options.retarget ?? true;
  let table: TestTable | undefined;
  const originalNames = new Map<AnyEntity, string | undefined>();

  beforeAll(async () => {
    table = await createTableFor(dynamodb.client(), entities, { tableName });
    if (retarget) {
      for (const entity of entities) {
        originalNames.set(entity, entity.getTableName());
        entity.setTableName(tableName);
      }
    }
  });
  // Registered after useDynamoDB's afterAll, so it runs first (vitest runs
  // afterAll hooks in reverse order) while the engine is still up.
  afterAll(async () => {
    // ElectroDB's setter accepts undefined at runtime, which restores "no table".
    for (const [entity, name] of originalNames) entity.setTableName(name as string);
    originalNames.clear();
    const dropping = table;
    table = undefined;
    // With a non-default `sequence.hooks` order the engine may already be
    // gone, and with it the in-memory table.
    if (dropping !== undefined && isAvailable(dynamodb)) await dropping.drop();
  });

  return {
    tableName,
    get client() {
      return dynamodb.client();
    },
    dynamodb,
  };
}

function isAvailable(dynamodb: DynamoDBTestHandle): boolean {
  try {
    dynamodb.endpoint();
    return true;
  } catch {
    return false;
  }
}
