import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { stageEdits, txGet } from '@dynatx/core';
import { Quota, VersionedSettings } from './entities.js';
import { createTenant, formatDiff, stagePlanChange } from './plan-change.js';

export type { Check } from '../shared/run-example.js';
import type { Check } from '../shared/run-example.js';

/** The staged-edits story against whatever DynamoDB `client` points at (its table must exist). */
export async function runStagedEditsScenario(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const snapshot = async () => {
    const { items } = await txGet().get(VersionedSettings, { tenant: 'acme' }).get(Quota, { tenant: 'acme' }).execute(client);
    return { settings: items[0], quota: items[1] };
  };

  await createTenant(client, 'acme', 'free');
  log('Tenant acme: free plan, 3 seats, 1,000 API calls a day, 1 GB');

  log('\nSession 1 stages an upgrade to pro. The diff, for review:');
  const upgrade = await stagePlanChange(client, 'acme', 'pro');
  log(indent(formatDiff(upgrade.diff())));
  const committed = await upgrade.commit();
  log(committed.committed ? `Committed as one transaction: ${committed.items.join(', ')}` : `Refused:\n${committed.summary}`);
  const afterUpgrade = await snapshot();
  log(`Now: ${afterUpgrade.settings?.plan}, ${afterUpgrade.settings?.seats} seats (version ${afterUpgrade.settings?.version}), ${afterUpgrade.quota?.apiCallsPerDay} calls a day`);
  check(
    'the reviewed edits land together',
    committed.committed && afterUpgrade.settings?.plan === 'pro' && afterUpgrade.quota?.apiCallsPerDay === 100_000,
    `${afterUpgrade.settings?.plan}, ${afterUpgrade.quota?.apiCallsPerDay}`,
  );

  log('\nSession 2 stages an upgrade to enterprise:');
  const second = await stagePlanChange(client, 'acme', 'enterprise');
  log(indent(formatDiff(second.diff())));

  log('...while it is under review, support adds 5 seats to acme in a session of its own:');
  const support = stageEdits(client);
  const current = await support.read(VersionedSettings, { tenant: 'acme' });
  const seatsNow = current?.seats ?? 0;
  support.change(VersionedSettings, { tenant: 'acme' }, { seats: seatsNow + 5 });
  const supportResult = await support.commit();
  log(indent(`support's commit: ${supportResult.committed ? 'committed' : 'refused'}`));

  const stale = await second.commit();
  if (stale.committed) {
    log('Session 2 committed (it should not have)');
  } else {
    log(`Session 2's commit is refused; changed since read: ${stale.changedSinceRead.join(', ')}`);
    log(indent(stale.summary));
  }
  const afterStale = await snapshot();
  log(`Still: ${afterStale.settings?.plan}, ${afterStale.settings?.seats} seats (version ${afterStale.settings?.version}), ${afterStale.quota?.apiCallsPerDay} calls a day`);
  check(
    'the stale session is refused and names the item that changed',
    !stale.committed && stale.changedSinceRead.join() === 'TenantSettings{tenant:acme}',
    stale.committed ? 'committed' : stale.changedSinceRead.join(', '),
  );
  check(
    'nothing of the stale session was applied, not even to the item nobody else changed',
    afterStale.settings?.plan === 'pro' && afterStale.settings.seats === seatsNow + 5 && afterStale.quota?.apiCallsPerDay === 100_000,
    `${afterStale.settings?.plan}, ${afterStale.settings?.seats} seats, ${afterStale.quota?.apiCallsPerDay} calls`,
  );

  log('\nSession 3 reads again and retries the enterprise upgrade:');
  const retry = await stagePlanChange(client, 'acme', 'enterprise');
  log(indent(formatDiff(retry.diff())));
  const retried = await retry.commit();
  const final = await snapshot();
  log(`${retried.committed ? 'Committed' : 'Refused'}: ${final.settings?.plan}, ${final.settings?.seats} seats, ${final.quota?.apiCallsPerDay} calls a day`);
  check('a fresh session on the new state commits', retried.committed && final.settings?.plan === 'enterprise', `${final.settings?.plan}`);
  return checks;
}

const indent = (text: string) => text.replace(/^/gm, '    ');
