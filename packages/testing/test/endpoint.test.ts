/**
 * DYNATX_DYNAMODB_ENDPOINT: a value that is not an http(s) URL with a host and a port is
 * refused up front, and an endpoint that does not answer is reported naming the variable,
 * instead of a bare ECONNREFUSED from whatever request came first.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDynamoDB,
  DYNAMODB_ENDPOINT_ENV,
  DynamoDBEndpointUnreachableError,
  InvalidDynamoDBEndpointError,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
} from '../src/index.js';
import { findFreePort } from '../src/free-port.js';
import { withoutEndpointEnv } from './helpers.js';

let env: { restore(): void };
beforeAll(() => {
  env = withoutEndpointEnv();
});
afterAll(() => env.restore());

async function startWith(value: string): Promise<unknown> {
  process.env[DYNAMODB_ENDPOINT_ENV] = value;
  try {
    const handle = await startDynamoDBLocal();
    await handle.stop();
    return handle;
  } catch (error) {
    return error;
  } finally {
    delete process.env[DYNAMODB_ENDPOINT_ENV];
  }
}

describe('an invalid DYNATX_DYNAMODB_ENDPOINT', () => {
  it.for([
    ['ftp://127.0.0.1:8000', /http: or https:/],
    ['localhost:8000', /http: or https:/],
    ['127.0.0.1:8000', /not a URL/],
    ['not a url', /not a URL/],
    ['http://127.0.0.1', /port/],
    ['https://dynamodb.local', /port/],
    ['http://:8000', /not a URL|host/],
    ['http://127.0.0.1:8000/some/path', /path/],
    ['http://127.0.0.1:8000?x=1', /query/],
    ['http://127.0.0.1:8000#top', /fragment/],
  ] as const)('refuses %s, naming the variable and the value', async ([value, reason]) => {
    const error = await startWith(value);
    expect(error).toBeInstanceOf(InvalidDynamoDBEndpointError);
    const typed = error as InvalidDynamoDBEndpointError;
    expect(typed.name).toBe('InvalidDynamoDBEndpointError');
    expect(typed.source).toBe(DYNAMODB_ENDPOINT_ENV);
    expect(typed.endpoint).toBe(value);
    expect(typed.message).toContain(DYNAMODB_ENDPOINT_ENV);
    expect(typed.message).toContain(JSON.stringify(value));
    expect(typed.message).toMatch(reason);
    expect(typed.message).toContain('http://127.0.0.1:8000');
  });

  it('does not echo credentials in the URL', async () => {
    const error = (await startWith('http://user:s3cret@127.0.0.1:8000')) as Error;
    expect(error).toBeInstanceOf(InvalidDynamoDBEndpointError);
    expect(error.message).toMatch(/credentials/);
    expect(error.message).not.toContain('s3cret');
    expect((error as InvalidDynamoDBEndpointError).endpoint).not.toContain('s3cret');
  });

  it('keeps the message short for a huge value', async () => {
    const value = `http://${'x'.repeat(5_000)}`;
    const error = (await startWith(value)) as Error;
    expect(error).toBeInstanceOf(InvalidDynamoDBEndpointError);
    expect(error.message.length).toBeLessThan(500);
    expect(error.message).toContain('5007 characters');
  });

  it('is refused by connectDynamoDB too, which names its own argument', () => {
    const error = (() => {
      try {
        connectDynamoDB('ftp://127.0.0.1:8000');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidDynamoDBEndpointError);
    expect((error as InvalidDynamoDBEndpointError).source).toBe('endpoint');
  });
});

describe('a DYNATX_DYNAMODB_ENDPOINT that does not answer', () => {
  let silent: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: a hung server, or a firewall that lets SYN through.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a closed port: a typed error naming the variable, at once', async () => {
    const port = await findFreePort();
    const started = Date.now();
    const error = (await startWith(`http://127.0.0.1:${port}`)) as DynamoDBEndpointUnreachableError;
    expect(error).toBeInstanceOf(DynamoDBEndpointUnreachableError);
    expect(error.name).toBe('DynamoDBEndpointUnreachableError');
    expect(error.source).toBe(DYNAMODB_ENDPOINT_ENV);
    expect(error.endpoint).toBe(`http://127.0.0.1:${port}`);
    expect(error.message).toContain(DYNAMODB_ENDPOINT_ENV);
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a server that never answers: the same error after a short timeout', async () => {
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const started = Date.now();
    const error = (await startWith(`http://127.0.0.1:${address.port}`)) as Error;
    expect(error).toBeInstanceOf(DynamoDBEndpointUnreachableError);
    expect(error.message).toMatch(/did not answer within \d+ ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('a DYNATX_DYNAMODB_ENDPOINT that answers', () => {
  let engine: DynamoDBLocalHandle;
  beforeAll(async () => {
    engine = await startDynamoDBLocal();
  });
  afterAll(() => engine?.stop());

  it.for(['', '/'])('is used as given (path %j)', async (path) => {
    process.env[DYNAMODB_ENDPOINT_ENV] = `http://localhost:${engine.port}${path}`;
    try {
      const handle = await startDynamoDBLocal();
      expect(handle.external).toBe(true);
      expect(handle.port).toBe(engine.port);
      await expect(handle.createClient().send(new ListTablesCommand({}))).resolves.toBeDefined();
    } finally {
      delete process.env[DYNAMODB_ENDPOINT_ENV];
    }
  });
});
