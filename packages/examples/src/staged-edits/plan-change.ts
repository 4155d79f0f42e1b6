import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { stageEdits, tx, type EditSession, type StagedItemDiff } from '@dynatx/core';
import { Quota, VersionedSettings } from './entities.js';

export type Plan = 'free' | 'pro' | 'enterprise';

export const PLAN_LIMITS: Readonly<Record<Plan, { seats: number; apiCallsPerDay: number; storageGb: number }>> = {
  free: { seats: 3, apiCallsPerDay: 1_000, storageGb: 1 },
  pro: { seats: 25, apiCallsPerDay: 100_000, storageGb: 100 },
  enterprise: { seats: 250, apiCallsPerDay: 5_000_000, storageGb: 2_000 },
};

/** A new tenant: settings and quota written together, the settings at version 1. */
export async function createTenant(client: DynamoDBClient, tenant: string, plan: Plan): Promise<'created' | 'exists'> {
  const { seats, apiCallsPerDay, storageGb } = PLAN_LIMITS[plan];
  const result = await tx()
    .put(VersionedSettings, { tenant, plan, seats }, { expectedVersion: 'new' })
    .put(Quota, { tenant, apiCallsPerDay, storageGb, usedToday: 0 }, { if: (q, op) => op.notExists(q.tenant) })
    .execute(client);
  if (result.committed) return 'created';
  if (result.failed.every((r) => r.code === 'ConditionalCheckFailed')) return 'exists';
  throw new Error(`Creating tenant ${tenant} was cancelled for an unexpected reason:\n${result.summary}`);
}

/**
 * Stage, review, commit. A plan change touches two items, and the new seat count is worked
 * out from what was read (seats bought beyond the plan are kept). So the change is staged
 * against what was read: `session.diff()` shows it for review, and `session.commit()` sends
 * it as one transaction that only applies if neither item changed (in the guarded sense) in
 * between. Nothing is sent until `commit()`.
 */
export async function stagePlanChange(client: DynamoDBClient, tenant: string, plan: Plan): Promise<EditSession> {
  const session = stageEdits(client);
  const settings = await session.read(VersionedSettings, { tenant });
  const quota = await session.read(Quota, { tenant });
  if (settings === undefined || quota === undefined) throw new Error(`Tenant ${tenant} does not exist`);
  const limits = PLAN_LIMITS[plan];
  session.change(VersionedSettings, { tenant }, { plan, seats: Math.max(settings.seats, limits.seats) });
  session.change(Quota, { tenant }, { apiCallsPerDay: limits.apiCallsPerDay, storageGb: limits.storageGb });
  return session;
}

/** The review: per item, per attribute, before and after. */
export function formatDiff(diffs: readonly StagedItemDiff[]): string {
  if (diffs.length === 0) return '(no changes)';
  const width = Math.max(...diffs.flatMap((d) => d.changes.map((c) => c.attribute.length)));
  return diffs
    .map((d) =>
      [
        `${d.itemId}${d.creates ? ' (new item)' : ''}`,
        ...d.changes.map((c) => `  ${c.attribute.padEnd(width)}  ${show(c.before)} -> ${show(c.after)}`),
      ].join('\n'),
    )
    .join('\n');
}

const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
