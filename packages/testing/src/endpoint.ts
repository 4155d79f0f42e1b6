import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalClient } from './local-client.js';

/** When set, no engine is started: every handle points at this endpoint instead. */
export const DYNAMODB_ENDPOINT_ENV = 'DYNATX_DYNAMODB_ENDPOINT';

const EXAMPLE = 'http://127.0.0.1:8000';
// Enough to recognise the value; an endpoint longer than this is a mistake anyway.
const MAX_SHOWN_CHARS = 120;

/** The value as the messages show it: quoted, escaped, cut to a readable length. */
function shown(value: string): string {
  if (value.length <= MAX_SHOWN_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}... (${value.length} characters)`;
}

/** `http://user:pw@host:1` becomes `http://***@host:1`: an error message must not leak a password. */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@');
}

/**
 * An endpoint that is not an http(s) URL with a host and a port. `source` says where it came
 * from (the environment variable, or `endpoint` for a value passed in by code).
 */
export class InvalidDynamoDBEndpointError extends Error {
  override readonly name = 'InvalidDynamoDBEndpointError';
  /** The offending value, with any credentials in it masked. */
  readonly endpoint: string;

  constructor(
    readonly source: string,
    endpoint: string,
    readonly reason: string,
  ) {
    const masked = withoutCredentials(endpoint);
    super(
      `${source}=${shown(masked)} is not a usable DynamoDB endpoint: ${reason}. ` +
        `Expected an http or https URL with a host and a port, such as ${EXAMPLE}` +
        (source === DYNAMODB_ENDPOINT_ENV ? `; or unset ${source} to start DynamoDB Local instead.` : '.'),
    );
    this.endpoint = masked;
  }
}

/** The endpoint is a valid URL but nothing answered there within the probe's timeout. */
export class DynamoDBEndpointUnreachableError extends Error {
  override readonly name = 'DynamoDBEndpointUnreachableError';

  constructor(
    readonly source: string,
    readonly endpoint: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Nothing answered at ${source}=${shown(endpoint)} (${reason}). Start DynamoDB there` +
        (source === DYNAMODB_ENDPOINT_ENV ? `, point ${source} at a running one, or unset it to start DynamoDB Local instead.` : '.'),
      options,
    );
  }
}

/** An endpoint URL that passed `parseEndpoint`: an http(s) URL with a host and a port, and where it came from (for messages). */
export interface ParsedEndpoint {
  /** The endpoint as given, minus a trailing `/`. */
  readonly endpoint: string;
  readonly port: number;
}

/**
 * Checks that `value` is an `http:`/`https:` URL with a host and an explicit port and nothing
 * else (no credentials, path, query or fragment), which is what a DynamoDB endpoint is.
 */
export function parseEndpoint(value: string, source: string): ParsedEndpoint {
  const fail = (reason: string): never => {
    throw new InvalidDynamoDBEndpointError(source, value, reason);
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`the scheme must be http: or https:, not ${shown(url.protocol)}`);
  }
  if (url.username !== '' || url.password !== '') fail('it carries credentials, which DynamoDB does not read from the URL');
  if (url.hostname === '') fail('it has no host');
  // URL drops a port equal to the scheme's default, so look at what was written.
  const written = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/?#:]*)(?::(\d+))?(?=[/?#]|$)/i.exec(value)?.[1];
  if (written === undefined) fail('it has no port (DynamoDB Local listens on the port it was given, e.g. 8000)');
  if (url.pathname !== '/' && url.pathname !== '') fail(`it has a path (${shown(url.pathname)})`);
  if (url.search !== '' || value.includes('?')) fail('it has a query');
  if (url.hash !== '' || value.includes('#')) fail('it has a fragment');
  return { endpoint: value.replace(/\/$/, ''), port: Number(written) };
}

/** How long probeEndpoint waits for an answer. */
export const ENDPOINT_PROBE_TIMEOUT_MS = 2_000;

/**
 * Sends one cheap request and resolves once the endpoint answers at all (any HTTP status:
 * a rejected request still proves something listens); rejects with
 * DynamoDBEndpointUnreachableError otherwise, within `timeoutMs`.
 */
export async function probeEndpoint(
  endpoint: string,
  source: string,
  timeoutMs: number = ENDPOINT_PROBE_TIMEOUT_MS,
): Promise<void> {
  const client = createLocalClient(endpoint, {
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    },
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
  } catch (error) {
    if (typeof (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 'number') return;
    throw new DynamoDBEndpointUnreachableError(source, endpoint, describeNetworkError(error, timeoutMs), { cause: error });
  } finally {
    client.destroy();
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const { code, name, message } = (error ?? {}) as { code?: string; name?: string; message?: string };
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || /timed? ?out/i.test(message ?? '')) {
    return `it did not answer within ${timeoutMs} ms`;
  }
  if (code !== undefined) return `${code}${message && !message.includes(code) ? `: ${message}` : ''}`;
  return message ?? String(error);
}
