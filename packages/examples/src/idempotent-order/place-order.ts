import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { changeFeed, tx, type ExecuteOptions } from '@dynatx/core';
import { Order, SHOP_TABLE, Stock } from './entities.js';

/**
 * Every order transaction is recorded in this change feed: its manifest, keyed by the order's
 * transaction id, makes a re-send recognisable for as long as the manifest lives (7 days by
 * default), well past DynamoDB's 10-minute client request tokens.
 */
export const orderFeed = changeFeed({ name: 'orders', table: SHOP_TABLE, entities: [Order, Stock] });

/**
 * The transaction id of an order, derived from its id: every process that ever sends this
 * order (the first one, or the one restarted after a crash, days later) computes the same id
 * without having to store it anywhere. (Without a natural id, make a random one and write it to
 * durable storage *before* the first send; that is the same promise.)
 */
export function orderTransactionId(orderId: string): string {
  return `order-${orderId}`;
}

export interface OrderRequest {
  readonly orderId: string;
  readonly customer: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Placing an order is two writes that must agree: the order row, and the stock it takes.
 * - The order is put only if absent: a second order with this id can never be stored.
 * - The stock goes down only if enough is on hand, so it never goes negative.
 *
 * Re-sending after an unknown outcome (a timeout, a crash) is safe for as long as the order's
 * manifest lives (7 days by default): the manifest is written only if absent, so a re-send
 * under the same transaction id applies nothing and is reported as `alreadyCommitted`. (Retries
 * within one `execute()` also reuse one client request token, so DynamoDB itself answers them.)
 * The order's own "absent" condition stays as a last guard (an order put without the feed).
 */
export function placeOrderTransaction(order: OrderRequest) {
  if (!Number.isSafeInteger(order.quantity) || order.quantity <= 0) {
    throw new RangeError(`An order takes a whole number of units above zero, got ${order.quantity}`);
  }
  return tx({ feed: orderFeed })
    .put(Order, order, { if: (o, op) => op.notExists(o.orderId), label: 'order', returnOldItemOnFailure: true })
    .update(Stock, { sku: order.sku }, (u) => u.subtract({ available: order.quantity }), {
      if: (s, op) => op.gte(s.available, order.quantity),
      label: 'stock',
      returnOldItemOnFailure: true,
    });
}

export type PlaceOrderOutcome =
  /** `alreadyCommitted`: this call found the order placed by an earlier send, and applied nothing. */
  | { readonly status: 'placed'; readonly attempts: number; readonly clientRequestToken: string; readonly alreadyCommitted: boolean }
  | { readonly status: 'out-of-stock'; readonly available: number }
  /** The order id is already stored (a re-send from more than 10 minutes ago, or a reused id). */
  | { readonly status: 'already-placed'; readonly existing: { readonly customer: string; readonly sku: string; readonly quantity: number } };

/**
 * Sends the order under its transaction id. Throws `RetriesExhaustedError` when the outcome
 * stays unknown: then send it again, later or from another process, and it is applied at most
 * once.
 */
export async function placeOrder(client: DynamoDBClient, order: OrderRequest, options: Omit<ExecuteOptions, 'transactionId'> = {}): Promise<PlaceOrderOutcome> {
  const result = await placeOrderTransaction(order).execute(client, { ...options, transactionId: orderTransactionId(order.orderId) });
  if (result.committed) {
    return { status: 'placed', attempts: result.attempts, clientRequestToken: result.clientRequestToken, alreadyCommitted: result.alreadyCommitted };
  }
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
