import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { changeFeed, tx, type ChangeFeed, type ExecuteOptions } from '@dynatx/core';
import { AUDIT_TABLE, Counter, Event, Tenant } from './entities.js';

/** The audit log's entities, as the change feed types its events. */
export const AUDIT_ENTITIES = [Event, Counter, Tenant] as const;

/**
 * The audit log's change feed: each append also writes a manifest to the table and marks the
 * event and the counter with its transaction id, so that a consumer of the table's stream gets
 * one event per committed append (with the event row and the counter change) and nothing of a
 * cancelled one.
 */
export function auditFeed(table: string = AUDIT_TABLE): ChangeFeed<typeof AUDIT_ENTITIES> {
  return changeFeed({ name: 'audit-log', table, entities: AUDIT_ENTITIES, include: { putItems: true, updates: true } });
}

/** The transaction id of an append: the same append always gets the same one, so a re-send is recognised. */
export function appendTransactionId(tenant: string, eventId: string): string {
  return `${tenant}.${eventId}`;
}

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
export function appendEventTransaction(tenant: string, event: NewEvent, feed?: ChangeFeed<typeof AUDIT_ENTITIES>) {
  return (feed === undefined ? tx() : tx({ feed }))
    .put(Event, { tenant, ...event }, { if: (e, op) => op.notExists(e.eventId), label: 'store event', returnOldItemOnFailure: true })
    .update(Counter, { tenant }, (u) => u.add({ eventCount: 1 }), { label: 'count event' })
    .check(Tenant, { tenant }, (t, op) => op.eq(t.status, 'active'), { label: 'tenant is active', returnOldItemOnFailure: true });
}

/** Appends one event; with a feed, under its transaction id (`appendTransactionId`). */
export function appendEvent(client: DynamoDBClient, tenant: string, event: NewEvent, options?: ExecuteOptions, feed?: ChangeFeed<typeof AUDIT_ENTITIES>) {
  const transaction = appendEventTransaction(tenant, event, feed);
  return transaction.execute(client, feed === undefined ? options : { ...options, transactionId: appendTransactionId(tenant, event.eventId) });
}
