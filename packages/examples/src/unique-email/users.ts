import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tx, txGet, type ExecuteOptions } from '@dynatx/core';
import { EmailClaim, User } from './entities.js';

export interface NewUser {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
}

/** `Ann@Example.com ` and `ann@example.com` are one mailbox, so they must be one claim. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creating a user writes two items in one transaction: the user, and the claim on its email.
 * Each put is conditional on its item not existing yet, so if the email is taken the claim's
 * condition fails and the user is not written either: no user without a claim, no claim
 * without a user.
 */
export function createUserTransaction(user: NewUser) {
  const email = normalizeEmail(user.email);
  return tx()
    .put(User, { ...user, email }, { if: (u, op) => op.notExists(u.userId), label: 'create user' })
    .put(EmailClaim, { email, userId: user.userId }, {
      if: (c, op) => op.notExists(c.email),
      label: 'claim email',
      returnOldItemOnFailure: true,
    });
}

export type CreateUserOutcome =
  | { readonly status: 'created' }
  | { readonly status: 'email-taken'; readonly heldBy: string }
  | { readonly status: 'user-exists' };

export async function createUser(client: DynamoDBClient, user: NewUser, options?: ExecuteOptions): Promise<CreateUserOutcome> {
  const result = await createUserTransaction(user).execute(client, options);
  if (result.committed) return { status: 'created' };
  for (const reason of result.failed) {
    if (reason.code !== 'ConditionalCheckFailed') continue;
    if (reason.label === 'claim email') return { status: 'email-taken', heldBy: reason.oldItem?.userId ?? 'unknown' };
    if (reason.label === 'create user') return { status: 'user-exists' };
  }
  throw new Error(`Creating user ${user.userId} was cancelled for an unexpected reason:\n${result.summary}`);
}

/**
 * Changing an email moves the guard, in one transaction of three actions:
 * - the user's email changes, only if it still is the one we read (someone may have changed
 *   it since; then our view of which claim to release is stale);
 * - the old claim is deleted, only if it belongs to this user (never release someone
 *   else's address because of a stale read);
 * - the new claim is put, only if nobody holds it.
 * If any condition fails nothing moves: the user keeps the old address and its claim.
 */
export function changeEmailTransaction(userId: string, currentEmail: string, newEmail: string) {
  const from = normalizeEmail(currentEmail);
  const to = normalizeEmail(newEmail);
  return tx()
    .update(User, { userId }, (u) => u.set({ email: to }), { if: (u, op) => op.eq(u.email, from), label: 'update user' })
    .delete(EmailClaim, { email: from }, { if: (c, op) => op.eq(c.userId, userId), label: 'release old email' })
    .put(EmailClaim, { email: to, userId }, {
      if: (c, op) => op.notExists(c.email),
      label: 'claim new email',
      returnOldItemOnFailure: true,
    });
}

export type ChangeEmailOutcome =
  | { readonly status: 'changed'; readonly from: string; readonly to: string }
  | { readonly status: 'unchanged' }
  | { readonly status: 'email-taken'; readonly heldBy: string }
  | { readonly status: 'no-such-user' }
  /** The user's email changed between our read and our write: read again and retry. */
  | { readonly status: 'changed-concurrently' };

/** Reads the user's current email, then moves its claim to `newEmail`. */
export async function changeEmail(client: DynamoDBClient, userId: string, newEmail: string, options?: ExecuteOptions): Promise<ChangeEmailOutcome> {
  const {
    items: [user],
  } = await txGet().get(User, { userId }).execute(client);
  if (user === undefined) return { status: 'no-such-user' };
  const to = normalizeEmail(newEmail);
  // Releasing and claiming one address would put the same item in the transaction twice.
  if (to === user.email) return { status: 'unchanged' };

  const result = await changeEmailTransaction(userId, user.email, to).execute(client, options);
  if (result.committed) return { status: 'changed', from: user.email, to };
  const failed = new Set(result.failed.filter((r) => r.code === 'ConditionalCheckFailed').map((r) => r.label));
  if (failed.has('update user') || failed.has('release old email')) return { status: 'changed-concurrently' };
  const claim = result.failed.find((r) => r.label === 'claim new email');
  if (claim !== undefined && claim.code === 'ConditionalCheckFailed') return { status: 'email-taken', heldBy: claim.oldItem?.userId ?? 'unknown' };
  throw new Error(`Changing the email of ${userId} was cancelled for an unexpected reason:\n${result.summary}`);
}

/** Who holds an address, if anyone. */
export async function emailHolder(client: DynamoDBClient, email: string): Promise<string | undefined> {
  const { items } = await txGet().get(EmailClaim, { email: normalizeEmail(email) }).execute(client);
  return items[0]?.userId;
}
