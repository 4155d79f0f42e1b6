/** The staged-edits example against a DynamoDB Local started by this file. */
import { stageEdits, tx } from '@dynatx/core';
import { useTable } from '@dynatx/testing/vitest';
import { describe, expect, test } from 'vitest';
import { Quota, TenantSettings, VersionedSettings } from '../src/staged-edits/entities.js';
import { createTenant, formatDiff, stagePlanChange } from '../src/staged-edits/plan-change.js';
import { runStagedEditsScenario } from '../src/staged-edits/scenario.js';

// Also points the entities (table name and client) at the test table, so ElectroDB reads back.
const table = useTable([TenantSettings, Quota]);

let sequence = 0;
async function newTenant() {
  const tenant = `tenant-${++sequence}`;
  expect(await createTenant(table.client, tenant, 'free')).toBe('created');
  return tenant;
}
const settings = async (tenant: string) => (await TenantSettings.get({ tenant }).go()).data;
const quota = async (tenant: string) => (await Quota.get({ tenant }).go()).data;

describe('stage, review, commit', () => {
  test('the diff shows before and after per attribute per item, and the commit applies all of it', async () => {
    const tenant = await newTenant();
    const session = await stagePlanChange(table.client, tenant, 'pro');

    // Nothing is sent before commit.
    expect(await settings(tenant)).toMatchObject({ plan: 'free', seats: 3, version: 1 });
    expect(session.diff()).toEqual([
      {
        itemId: `TenantSettings{tenant:${tenant}}`,
        entity: 'TenantSettings',
        key: { tenant },
        creates: false,
        changes: [
          { attribute: 'plan', before: 'free', after: 'pro' },
          { attribute: 'seats', before: 3, after: 25 },
        ],
      },
      {
        itemId: `Quota{tenant:${tenant}}`,
        entity: 'Quota',
        key: { tenant },
        creates: false,
        changes: [
          { attribute: 'apiCallsPerDay', before: 1000, after: 100000 },
          { attribute: 'storageGb', before: 1, after: 100 },
        ],
      },
    ]);
    expect(formatDiff(session.diff())).toBe(
      [
        `TenantSettings{tenant:${tenant}}`,
        '  plan            "free" -> "pro"',
        '  seats           3 -> 25',
        `Quota{tenant:${tenant}}`,
        '  apiCallsPerDay  1000 -> 100000',
        '  storageGb       1 -> 100',
      ].join('\n'),
    );

    const result = await session.commit();
    expect(result).toEqual({ committed: true, items: [`TenantSettings{tenant:${tenant}}`, `Quota{tenant:${tenant}}`], attempts: 1 });
    expect(await settings(tenant)).toEqual({ tenant, plan: 'pro', seats: 25, version: 2 });
    expect(await quota(tenant)).toEqual({ tenant, apiCallsPerDay: 100_000, storageGb: 100, usedToday: 0 });
  });

  test('seats bought beyond the plan are kept: the new value is worked out from the read', async () => {
    const tenant = await newTenant();
    await tx().update(VersionedSettings, { tenant }, (u) => u.set({ seats: 40 }), { expectedVersion: 1 }).execute(table.client);
    const session = await stagePlanChange(table.client, tenant, 'pro');
    expect(session.diff()[0]!.changes).toEqual([{ attribute: 'plan', before: 'free', after: 'pro' }]);
    expect(await session.commit()).toMatchObject({ committed: true });
    expect(await settings(tenant)).toMatchObject({ plan: 'pro', seats: 40, version: 3 });
  });

  test('a session with nothing to change commits nothing', async () => {
    const tenant = await newTenant();
    const session = await stagePlanChange(table.client, tenant, 'free');
    expect(session.diff()).toEqual([]);
    expect(formatDiff(session.diff())).toBe('(no changes)');
    expect(await session.commit()).toEqual({ committed: true, items: [], attempts: 0 });
    expect(await settings(tenant)).toMatchObject({ version: 1 });
  });

  test('a tenant is created once', async () => {
    const tenant = await newTenant();
    expect(await createTenant(table.client, tenant, 'pro')).toBe('exists');
    expect(await settings(tenant)).toMatchObject({ plan: 'free', version: 1 });
  });

  test('an unknown tenant is refused before anything is staged', async () => {
    await expect(stagePlanChange(table.client, 'nobody', 'pro')).rejects.toThrow('Tenant nobody does not exist');
  });
});

describe('another writer in between', () => {
  test('changed the versioned settings: the commit is refused naming that item, and nothing is applied', async () => {
    const tenant = await newTenant();
    const session = await stagePlanChange(table.client, tenant, 'enterprise');

    const support = stageEdits(table.client);
    await support.read(VersionedSettings, { tenant });
    support.change(VersionedSettings, { tenant }, { seats: 8 });
    expect(await support.commit()).toMatchObject({ committed: true });

    const result = await session.commit();
    expect(result.committed).toBe(false);
    if (result.committed) return;
    expect(result.changedSinceRead).toEqual([`TenantSettings{tenant:${tenant}}`]);
    expect(result.reasons.map((r) => [r.itemId, r.code])).toEqual([
      [`TenantSettings{tenant:${tenant}}`, 'ConditionalCheckFailed'],
      [`Quota{tenant:${tenant}}`, 'None'],
    ]);
    expect(result.summary).toContain(`TenantSettings{tenant:${tenant}}`);
    // The other writer's change stands; the quota, which nobody else touched, is unchanged too.
    expect(await settings(tenant)).toEqual({ tenant, plan: 'free', seats: 8, version: 2 });
    expect(await quota(tenant)).toEqual({ tenant, apiCallsPerDay: 1_000, storageGb: 1, usedToday: 0 });
  });

  test('changed a staged attribute of the unversioned quota: refused naming the quota, nothing applied', async () => {
    const tenant = await newTenant();
    const session = await stagePlanChange(table.client, tenant, 'pro');
    await tx().update(Quota, { tenant }, (u) => u.set({ storageGb: 5 })).execute(table.client);

    const result = await session.commit();
    if (result.committed) throw new Error('expected the commit to be refused');
    expect(result.changedSinceRead).toEqual([`Quota{tenant:${tenant}}`]);
    expect(await settings(tenant)).toMatchObject({ plan: 'free', seats: 3, version: 1 });
    expect(await quota(tenant)).toMatchObject({ apiCallsPerDay: 1_000, storageGb: 5 });
  });

  test('changed only an attribute the session does not touch on the unversioned quota: the commit goes through', async () => {
    const tenant = await newTenant();
    const session = await stagePlanChange(table.client, tenant, 'pro');
    // API usage ticking on while the admin reviews: not a conflict with new limits.
    await tx().update(Quota, { tenant }, (u) => u.add({ usedToday: 17 })).execute(table.client);

    expect(await session.commit()).toMatchObject({ committed: true });
    expect(await quota(tenant)).toEqual({ tenant, apiCallsPerDay: 100_000, storageGb: 100, usedToday: 17 });
  });

  test('two sessions staged from the same read: the first commit wins, the second is refused', async () => {
    const tenant = await newTenant();
    const toPro = await stagePlanChange(table.client, tenant, 'pro');
    const toEnterprise = await stagePlanChange(table.client, tenant, 'enterprise');
    const [first, second] = await Promise.all([toPro.commit(), toEnterprise.commit()]);
    expect([first.committed, second.committed].filter(Boolean)).toHaveLength(1);
    const plan = (await settings(tenant))?.plan;
    const limits = (await quota(tenant))?.apiCallsPerDay;
    // Whichever won, both of its items agree.
    expect([plan, limits]).toEqual(first.committed ? ['pro', 100_000] : ['enterprise', 5_000_000]);
  });
});

test('the runnable scenario passes its own checks', async () => {
  const checks = await runStagedEditsScenario(table.client, () => {});
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  expect(checks).toHaveLength(4);
});
