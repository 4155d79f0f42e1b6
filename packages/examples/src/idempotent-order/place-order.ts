import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requestTokenFor, tx, type ExecuteOptions } from '@dynatx/core';
import { Order, Stock } from './entities.js';

export interface OrderRequest {
  readonly orderId: string;
  readonly customer: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * The client request token of an order, derived from its id: every process that ever
 * sends this order (the first one, or the one restarted after a crash) computes the same
 * token without having to store it anywhere. DynamoDB takes 1 to 36 characters, so
 * `requestTokenFor` hashes the id rather than using it as is. (Without a natural id, make a random token and write it
 * to durable storage *before* the first send; that is the same promise.)
 */
export function orderToken(orderId: string): string {
  return requestTokenFor('order', orderId);
}

/**
 * Placing an order is two writes that must agree: the order row, and the stock it takes.
 * - The order is put only if absent: a second order with this id can never be stored.
 * - The stock goes down only if enough is on hand, so it never goes negative.
 *
 * Re-sending after an unknown outcome (a timeout, a crash) has two layers of protection:
 * 1. Within 10 minutes, the same token makes DynamoDB answer "committed" without applying
 *    the writes again, so the re-sender learns the truth: the order is placed.
 * 2. After that, the token is forgotten, but the order's "absent" condition still refuses
 *    a second copy; the re-sender sees `already-placed` instead of a success.
 */
export function placeOrderTransaction(order: OrderRequest) {
  if (!Number.isSafeInteger(order.quantity) || order.quantity <= 0) {
    throw new RangeError(`An order takes a whole number of units above zero, got ${order.quantity}`);
  }
  return tx()
    .put(Order, order, { if: (o, op) => op.notExists(o.orderId), label: 'order', returnOldItemOnFailure: true })
    .update(Stock, { sku: order.sku }, (u) => u.subtract({ available: order.quantity }), {
      if: (s, op) => op.gte(s.available, order.quantity),
      label: 'stock',
      returnOldItemOnFailure: true,
    });
}

export type PlaceOrderOutcome =
  | { readonly status: 'placed'; readonly attempts: number; readonly clientRequestToken: string }
  | { readonly status: 'out-of-stock'; readonly available: number }
  /** The order id is already stored (a re-send from more than 10 minutes ago, or a reused id). */
  | { readonly status: 'already-placed'; readonly existing: { readonly customer: string; readonly sku: string; readonly quantity: number } };

/**
 * Sends the order with its derived token. Throws `IdempotentParameterMismatchError` when
 * the same order id was sent within 10 minutes with different contents, and
 * `RetriesExhaustedError` when the outcome stays unknown: then send it again, later or from
 * another process, and it is applied at most once.
 */
export async function placeOrder(client: DynamoDBClient, order: OrderRequest, options: Omit<ExecuteOptions, 'clientRequestToken'> = {}): Promise<PlaceOrderOutcome> {
  const result = await placeOrderTransaction(order).execute(client, { ...options, clientRequestToken: orderToken(order.orderId) });
  if (result.committed) return { status: 'placed', attempts: result.attempts, clientRequestToken: result.clientRequestToken };
  for (const reason of result.failed) {
    if (reason.code !== 'ConditionalCheckFailed') continue;
    if (reason.label === 'order' && reason.oldItem !== undefined) {
      const { customer, sku, quantity } = reason.oldItem;
      return { status: 'already-placed', existing: { customer, sku, quantity } };
    }
    if (reason.label === 'stock') return { status: 'out-of-stock', available: reason.oldItem?.available ?? 0 };
  }
  throw new Error(`Order ${order.orderId} was cancelled for an unexpected reason:\n${result.summary}`);
}
