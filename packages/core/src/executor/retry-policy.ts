import { invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';

/** How a transaction is retried. Every retry reuses the transaction's client request token. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 5; 1 disables retries. */
  readonly maxAttempts?: number;
  /** The first backoff ceiling in ms; it doubles per attempt. Default 50. */
  readonly baseDelayMs?: number;
  /** The largest backoff ceiling in ms. Default 2000. */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * DynamoDB remembers a client request token for 10 minutes after the first request that
   * used it completes; past that, a retry could apply the writes a second time. We stop
   * retrying well inside the window.
   */
  readonly tokenWindowMs: number;
}

export const TOKEN_WINDOW_MS = 10 * 60 * 1000;
const SAFETY_MARGIN_MS = 60 * 1000;

/** The defaults, as documented in the README: 5 attempts, backoff ceilings from 50 ms doubling up to 2 s. */
export const DEFAULT_RETRY = Object.freeze({ maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 2000 });

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, tokenWindowMs: TOKEN_WINDOW_MS - SAFETY_MARGIN_MS };
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidValueError(`retry must be an object of options or false, got ${describeValue(options)}`);
  }
  const maxAttempts = options?.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  if (typeof maxAttempts !== 'number' || !Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw invalidValueError(`retry.maxAttempts must be a whole number from 1 to 100, got ${describeValue(maxAttempts)}`);
  }
  return {
    maxAttempts,
    baseDelayMs: delayOption('baseDelayMs', options?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: delayOption('maxDelayMs', options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    tokenWindowMs: TOKEN_WINDOW_MS - SAFETY_MARGIN_MS,
  };
}

function delayOption(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 60_000) {
    throw invalidValueError(`retry.${name} must be a number of milliseconds from 0 to 60000, got ${describeValue(value)}`);
  }
  return value;
}

/** "Full jitter": a random wait up to an exponentially growing ceiling, so that clients that collided spread out. */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(random() * ceiling);
}

/** Waits `ms`, or rejects as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
