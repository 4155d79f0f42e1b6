import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tx, type ExecuteOptions } from '@dynatx/core';
import { Counter, Event, Tenant } from './entities.js';

export interface NewEvent {
  readonly eventId: string;
  readonly at: number;
  readonly type: 'login' | 'logout' | 'export' | 'settings';
  readonly actor: string;
}

/**
 * One audit event as one transaction:
 * - the event row, only if it is not there yet (so a retry can never store it twice);
 * - the tenant's `eventCount` plus one;
 * - a check that the tenant is active.
 * Either all three happen or none does: the log and its count cannot disagree.
 */
export function appendEventTransaction(tenant: string, event: NewEvent) {
  return tx()
    .put(Event, { tenant, ...event }, { if: (e, op) => op.notExists(e.eventId), label: 'store event', returnOldItemOnFailure: true })
    .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'count event' })
    .check(Tenant, { tenant }, (t, op) => op.eq(t.status, 'active'), { label: 'tenant is active', returnOldItemOnFailure: true });
}

export function appendEvent(client: DynamoDBClient, tenant: string, event: NewEvent, options?: ExecuteOptions) {
  return appendEventTransaction(tenant, event).execute(client, options);
}
