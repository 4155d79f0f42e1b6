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

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, tokenWindowMs: TOKEN_WINDOW_MS - SAFETY_MARGIN_MS };
  const maxAttempts = options?.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`retry.maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
  return {
    maxAttempts,
    baseDelayMs: options?.baseDelayMs ?? 50,
    maxDelayMs: options?.maxDelayMs ?? 2000,
    tokenWindowMs: TOKEN_WINDOW_MS - SAFETY_MARGIN_MS,
  };
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
