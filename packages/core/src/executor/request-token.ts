import { createHash } from 'node:crypto';
import { invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';

/**
 * A client request token derived from your own identifiers, e.g. `requestTokenFor('order', orderId)`.
 *
 * DynamoDB applies a transaction at most once per token within 10 minutes, so a token that a
 * restarted process can compute again (rather than a random one it has forgotten) makes a
 * re-send after a crash safe. The same parts give the same token; the result is 32 hex
 * characters, inside DynamoDB's 1-36.
 */
export function requestTokenFor(...parts: readonly (string | number)[]): string {
  if (parts.length === 0) throw invalidValueError('requestTokenFor() needs at least one part, such as an order id');
  const hash = createHash('sha256');
  for (const part of parts) {
    if (typeof part !== 'string' && !(typeof part === 'number' && Number.isFinite(part))) {
      throw invalidValueError(`requestTokenFor() takes strings and finite numbers, got ${describeValue(part)}`);
    }
    hash.update(`${typeof part}:${String(part).length}:${part}\u0000`);
  }
  return hash.digest('hex').slice(0, 32);
}
