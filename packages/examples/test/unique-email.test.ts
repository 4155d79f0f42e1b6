/** The unique-email example against a DynamoDB Local started by this file. */
import { useTable } from '@dynatx/testing/vitest';
import { describe, expect, test } from 'vitest';
import { EmailClaim, User } from '../src/unique-email/entities.js';
import { runUniqueEmailScenario } from '../src/unique-email/scenario.js';
import {
  changeEmail,
  changeEmailTransaction,
  createUser,
  createUserTransaction,
  emailHolder,
} from '../src/unique-email/users.js';

// Also points the entities (table name and client) at the test table: ElectroDB reads back
// what dynatx writes.
const table = useTable([User, EmailClaim]);

let sequence = 0;
const unique = (name: string) => `${name}-${++sequence}`;
const user = async (userId: string) => (await User.get({ userId }).go()).data;
const claim = async (email: string) => (await EmailClaim.get({ email }).go()).data;

describe('create', () => {
  test('writes the user and the claim on its (normalized) email', async () => {
    const userId = unique('u');
    const email = `${userId}@example.com`;
    expect(await createUser(table.client, { userId, email: ` ${email.toUpperCase()} `, name: 'Ann' })).toEqual({ status: 'created' });
    expect(await user(userId)).toEqual({ userId, email, name: 'Ann' });
    expect(await claim(email)).toEqual({ email, userId });
  });

  test('a duplicate email is cancelled by the claim, and the second user is not written', async () => {
    const first = unique('u');
    const second = unique('u');
    const email = `${first}@example.com`;
    await createUser(table.client, { userId: first, email, name: 'Ann' });

    const result = await createUserTransaction({ userId: second, email, name: 'Eve' }).execute(table.client);
    expect(result.committed).toBe(false);
    if (result.committed) return;
    expect(result.failed.map((r) => [r.label, r.itemId, r.code])).toEqual([['claim email', `EmailClaim{email:${email}}`, 'ConditionalCheckFailed']]);
    expect(result.reasons.map((r) => r.code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await user(second)).toBeNull();
    expect(await claim(email)).toEqual({ email, userId: first });

    // Case and spaces do not make it a different address.
    expect(await createUser(table.client, { userId: second, email: `  ${email.toUpperCase()}`, name: 'Eve' })).toEqual({
      status: 'email-taken',
      heldBy: first,
    });
    expect(await user(second)).toBeNull();
  });

  test('an existing user id is refused, and its email is not claimed for it', async () => {
    const userId = unique('u');
    await createUser(table.client, { userId, email: `${userId}@example.com`, name: 'Ann' });
    expect(await createUser(table.client, { userId, email: `${userId}-2@example.com`, name: 'Imposter' })).toEqual({ status: 'user-exists' });
    expect(await user(userId)).toMatchObject({ name: 'Ann', email: `${userId}@example.com` });
    expect(await claim(`${userId}-2@example.com`)).toBeNull();
  });
});

describe('change email', () => {
  test('moves the guard: the old address becomes free, the new one is taken', async () => {
    const userId = unique('u');
    const old = `${userId}@old.example`;
    const next = `${userId}@new.example`;
    await createUser(table.client, { userId, email: old, name: 'Ann' });

    expect(await changeEmail(table.client, userId, next)).toEqual({ status: 'changed', from: old, to: next });
    expect(await user(userId)).toMatchObject({ email: next });
    expect(await claim(old)).toBeNull();
    expect(await claim(next)).toEqual({ email: next, userId });

    // The freed address can be claimed by someone else; the new one cannot.
    const other = unique('u');
    expect(await createUser(table.client, { userId: other, email: old, name: 'Bo' })).toEqual({ status: 'created' });
    expect(await createUser(table.client, { userId: unique('u'), email: next, name: 'Cy' })).toEqual({ status: 'email-taken', heldBy: userId });
  });

  test('to an address someone else holds: cancelled naming the new claim, and nothing moves', async () => {
    const ann = unique('u');
    const bo = unique('u');
    await createUser(table.client, { userId: ann, email: `${ann}@example.com`, name: 'Ann' });
    await createUser(table.client, { userId: bo, email: `${bo}@example.com`, name: 'Bo' });

    const result = await changeEmailTransaction(ann, `${ann}@example.com`, `${bo}@example.com`).execute(table.client);
    if (result.committed) throw new Error('expected a cancellation');
    expect(result.failed.map((r) => [r.label, r.code])).toEqual([['claim new email', 'ConditionalCheckFailed']]);
    const reason = result.failed[0]!;
    if (reason.entity === 'EmailClaim') expect(reason.oldItem).toEqual({ email: `${bo}@example.com`, userId: bo });

    expect(await changeEmail(table.client, ann, `${bo}@example.com`)).toEqual({ status: 'email-taken', heldBy: bo });
    expect(await user(ann)).toMatchObject({ email: `${ann}@example.com` });
    expect(await claim(`${ann}@example.com`)).toEqual({ email: `${ann}@example.com`, userId: ann });
    expect(await claim(`${bo}@example.com`)).toEqual({ email: `${bo}@example.com`, userId: bo });
  });

  test("a change built on a stale read cannot release an address that is now someone else's", async () => {
    const ann = unique('u');
    const eve = unique('u');
    const first = `${ann}@first.example`;
    await createUser(table.client, { userId: ann, email: first, name: 'Ann' });
    await changeEmail(table.client, ann, `${ann}@second.example`);
    await createUser(table.client, { userId: eve, email: first, name: 'Eve' });

    // A writer that read Ann before her change still believes she holds `first`.
    const stale = await changeEmailTransaction(ann, first, `${ann}@third.example`).execute(table.client);
    if (stale.committed) throw new Error('expected a cancellation');
    expect(stale.failed.map((r) => r.label)).toEqual(['update user', 'release old email']);
    expect(await claim(first)).toEqual({ email: first, userId: eve });
    expect(await claim(`${ann}@third.example`)).toBeNull();
    expect(await user(ann)).toMatchObject({ email: `${ann}@second.example` });
  });

  test('an unknown user, and a change to the same address, send nothing', async () => {
    expect(await changeEmail(table.client, 'no-such-user', 'x@example.com')).toEqual({ status: 'no-such-user' });
    const userId = unique('u');
    await createUser(table.client, { userId, email: `${userId}@example.com`, name: 'Ann' });
    expect(await changeEmail(table.client, userId, ` ${userId.toUpperCase()}@EXAMPLE.com`)).toEqual({ status: 'unchanged' });
    expect(await emailHolder(table.client, `${userId}@example.com`)).toBe(userId);
  });

  test('four users racing for one address: exactly one gets it', async () => {
    const racers = [unique('u'), unique('u'), unique('u'), unique('u')];
    for (const userId of racers) await createUser(table.client, { userId, email: `${userId}@example.com`, name: userId });
    const prize = `${unique('prize')}@example.com`;
    const outcomes = await Promise.all(racers.map((userId) => changeEmail(table.client, userId, prize)));
    expect(outcomes.filter((o) => o.status === 'changed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'email-taken')).toHaveLength(racers.length - 1);
    const winner = racers[outcomes.findIndex((o) => o.status === 'changed')];
    expect(await emailHolder(table.client, prize)).toBe(winner);
    for (const userId of racers.filter((r) => r !== winner)) expect(await emailHolder(table.client, `${userId}@example.com`)).toBe(userId);
  });
});

test('the runnable scenario passes its own checks', async () => {
  const checks = await runUniqueEmailScenario(table.client, () => {});
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  expect(checks).toHaveLength(6);
});
