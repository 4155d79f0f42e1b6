import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RetriesExhaustedError, TransactionIdReusedError, tx, txGet } from '@dynatx/core';
import { injectFaults } from '@dynatx/testing';
import { Order, Stock } from './entities.js';
import { orderTransactionId, placeOrder, type OrderRequest } from './place-order.js';

export type { Check } from '../shared/run-example.js';
import type { Check } from '../shared/run-example.js';

/**
 * The idempotent-order story. `newClient` stands for a new process: each call must return
 * a client that shares nothing with the others but the endpoint.
 */
export async function runIdempotentOrderScenario(
  newClient: () => DynamoDBClient,
  log: (line: string) => void = console.log,
): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const admin = newClient();
  const available = async () => (await txGet().get(Stock, { sku: 'lamp' }).execute(admin)).items[0]?.available;
  const orderExists = async (orderId: string) => (await txGet().get(Order, { orderId }).execute(admin)).items[0] !== undefined;

  await tx().put(Stock, { sku: 'lamp', available: 5 }, { if: (s, op) => op.notExists(s.sku) }).execute(admin);
  log('Stock: 5 lamps');

  // Process 1 sends the order. The engine commits it, but the response is lost on the way
  // back, and this process does not retry: it crashes, or gives up, as processes do.
  const order: OrderRequest = { orderId: 'ord-1001', customer: 'ann', sku: 'lamp', quantity: 2 };
  const first = newClient();
  injectFaults(first).loseResponseOfNext(1);
  const lost = await placeOrder(first, order, { retry: false }).catch((error: unknown) => error);
  first.destroy();
  log(`process 1 sends ord-1001 (transaction ${orderTransactionId(order.orderId)}): ${lost instanceof RetriesExhaustedError ? 'timed out, outcome unknown' : JSON.stringify(lost)}`);
  check('the lost response leaves the sender in doubt', lost instanceof RetriesExhaustedError, nameOf(lost));
  log(`  the engine did commit: ${await available()} lamps left`);

  // Process 2 starts fresh, finds ord-1001 in its queue of unconfirmed orders, and sends it
  // again under the same transaction id: the manifest says it was committed.
  const second = newClient();
  const replay = await placeOrder(second, order);
  second.destroy();
  log(`process 2 re-sends ord-1001: ${replay.status}${replay.status === 'placed' && replay.alreadyCommitted ? ' (already committed)' : ''}`);
  const afterReplay = await available();
  log(`  ${afterReplay} lamps left: the order was applied once`);
  check(
    'the re-send reports the order as placed before, and applies nothing again',
    replay.status === 'placed' && replay.alreadyCommitted && afterReplay === 3,
    `${replay.status}, ${afterReplay} left`,
  );

  // Days later, a retried queue message sends the order again: the token's 10 minutes are long
  // over (a fresh token stands for that here), but the order's manifest is not. dynatx reports
  // the re-send as already committed, and DynamoDB applies nothing.
  const late = await placeOrder(admin, order, { clientRequestToken: 'token-after-the-window' });
  log(`ord-1001 re-sent after the token window: ${late.status}${late.status === 'placed' && late.alreadyCommitted ? ' (already committed)' : ''}`);
  check(
    'after the token window, the manifest recognises the re-send and nothing is applied again',
    late.status === 'placed' && late.alreadyCommitted && (await available()) === 3,
    `${JSON.stringify(late)}, ${await available()} left`,
  );

  // Without the feed (another code path putting the same order), the order's "absent"
  // condition is the last guard.
  const bare = await tx()
    .put(Order, order, { if: (o, op) => op.notExists(o.orderId), label: 'order' })
    .execute(admin);
  log(`ord-1001 put again without the feed: ${bare.committed ? 'committed' : `cancelled (${bare.failed.map((r) => r.label).join(', ')})`}`);
  check('without the feed, the order condition still refuses a second copy', !bare.committed && (await available()) === 3, `${await available()} left`);

  // A bug reuses the id for an order of other items: the manifest knows, and refuses it.
  const clash = await placeOrder(admin, { ...order, sku: 'desk' }).catch((error: unknown) => error);
  log(`an order of other items under the id ord-1001: ${clash instanceof TransactionIdReusedError ? 'TransactionIdReused' : JSON.stringify(clash)}`);
  check('the same transaction id for other items is an error, and applies nothing', clash instanceof TransactionIdReusedError && (await available()) === 3, nameOf(clash));

  const big = await placeOrder(admin, { orderId: 'ord-1002', customer: 'bo', sku: 'lamp', quantity: 4 });
  log(`ord-1002 for 4 lamps: ${JSON.stringify(big)}`);
  check('an order beyond the stock is cancelled, and not stored', big.status === 'out-of-stock' && !(await orderExists('ord-1002')), big.status);

  const fits = await placeOrder(admin, { orderId: 'ord-1003', customer: 'bo', sku: 'lamp', quantity: 3 });
  const left = await available();
  log(`ord-1003 for 3 lamps: ${fits.status}, ${left} left`);
  check('the remaining stock can still be sold, down to zero', fits.status === 'placed' && left === 0, `${left} left`);
  admin.destroy();
  return checks;
}

const nameOf = (value: unknown) => (value instanceof Error ? value.name : JSON.stringify(value));
