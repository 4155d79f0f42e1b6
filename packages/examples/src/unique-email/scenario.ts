import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { changeEmail, changeEmailTransaction, createUser, emailHolder } from './users.js';

export type { Check } from '../shared/run-example.js';
import type { Check } from '../shared/run-example.js';

/** The unique-email story against whatever DynamoDB `client` points at (its table must exist). */
export async function runUniqueEmailScenario(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const ann = await createUser(client, { userId: 'u-ann', email: 'ann@example.com', name: 'Ann' });
  log(`create u-ann <ann@example.com>: ${ann.status}`);
  check('a new user gets the address', ann.status === 'created', ann.status);

  const copycat = await createUser(client, { userId: 'u-eve', email: ' ANN@example.com', name: 'Eve' });
  log(`create u-eve < ANN@example.com>: ${JSON.stringify(copycat)}`);
  check('the same address, spelled differently, is refused', copycat.status === 'email-taken', copycat.status);

  const eve = await createUser(client, { userId: 'u-eve', email: 'eve@example.com', name: 'Eve' });
  log(`create u-eve <eve@example.com>: ${eve.status} (the refused attempt left nothing behind)`);
  check('the refused user can sign up with an address of their own', eve.status === 'created', eve.status);

  const moved = await changeEmail(client, 'u-ann', 'ann@newmail.example');
  log(`u-ann changes to ann@newmail.example: ${JSON.stringify(moved)}`);
  const oldHolder = await emailHolder(client, 'ann@example.com');
  const newHolder = await emailHolder(client, 'ann@newmail.example');
  log(`  ann@example.com is now held by ${oldHolder ?? 'nobody'}, ann@newmail.example by ${newHolder ?? 'nobody'}`);
  check('changing the address moves the claim', moved.status === 'changed' && oldHolder === undefined && newHolder === 'u-ann', `old held by ${oldHolder ?? 'nobody'}, new by ${newHolder ?? 'nobody'}`);

  const grab = await changeEmail(client, 'u-eve', 'ann@newmail.example');
  log(`u-eve changes to ann@newmail.example: ${JSON.stringify(grab)}`);
  check('an address someone else holds is refused and nothing moves', grab.status === 'email-taken' && (await emailHolder(client, 'eve@example.com')) === 'u-eve', grab.status);

  // A stale writer: it read u-ann's old address before the change above and now tries to
  // move it again. Its delete would free an address that is no longer u-ann's to free.
  const stale = await changeEmailTransaction('u-ann', 'ann@example.com', 'ann@elsewhere.example').execute(client);
  log(`a stale change of u-ann (read before the move): ${stale.committed ? 'committed' : `cancelled\n${indent(stale.summary)}`}`);
  check('a change based on a stale read is cancelled', !stale.committed, stale.committed ? 'committed' : stale.failed.map((r) => r.label).join(', '));
  return checks;
}

const indent = (text: string) => text.replace(/^/gm, '    ');
