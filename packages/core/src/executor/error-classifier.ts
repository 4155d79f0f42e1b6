/**
 * What an error from `client.send` means for a transaction: is it an answer (cancelled),
 * safe to retry with the same token, or final? DynamoDB's docs list the retryable cases;
 * everything else is final, because retrying it blindly could hide a real problem.
 */
export type ErrorClass =
  | { readonly kind: 'cancelled'; readonly reasons: readonly RawReason[] }
  | { readonly kind: 'retryable'; readonly reason: string; readonly reasons?: readonly RawReason[] }
  | { readonly kind: 'network'; readonly reason: string }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'tableNotFound' }
  | { readonly kind: 'credentials' }
  | { readonly kind: 'validation' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'other' };

export interface RawReason {
  readonly Code?: string;
  readonly Message?: string;
  readonly Item?: Record<string, unknown>;
}

const RETRYABLE_REASON_CODES = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError']);
const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'Throttling',
]);
const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'AccessDeniedException',
  'CredentialsProviderError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

export function classifyError(error: unknown): ErrorClass {
  const e = error as { name?: string; code?: string; CancellationReasons?: RawReason[]; $metadata?: { httpStatusCode?: number } } | undefined;
  const name = e?.name ?? '';
  if (name === 'AbortError') return { kind: 'aborted' };
  if (name === 'TransactionCanceledException') {
    const reasons = e?.CancellationReasons ?? [];
    const failed = reasons.filter((r) => r.Code !== undefined && r.Code !== 'None');
    if (failed.length > 0 && failed.every((r) => RETRYABLE_REASON_CODES.has(r.Code!))) {
      return { kind: 'retryable', reason: failed[0]!.Code!, reasons };
    }
    return { kind: 'cancelled', reasons };
  }
  if (name === 'TransactionInProgressException') return { kind: 'retryable', reason: 'TransactionInProgress' };
  if (THROTTLING_ERRORS.has(name)) return { kind: 'retryable', reason: 'Throttling' };
  if (name === 'IdempotentParameterMismatchException') return { kind: 'mismatch' };
  if (name === 'ResourceNotFoundException') return { kind: 'tableNotFound' };
  if (CREDENTIAL_ERRORS.has(name)) return { kind: 'credentials' };
  if (name === 'ValidationException') return { kind: 'validation' };
  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException') {
    return { kind: 'network', reason: 'Timeout' };
  }
  if (e?.code !== undefined && NETWORK_CODES.has(e.code)) return { kind: 'network', reason: `Network (${e.code})` };
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return { kind: 'retryable', reason: `Server error ${status}` };
  return { kind: 'other' };
}
