// Workspace rules the documentation describes and the sandbox models (see the README's sandbox
// notes): seats, pending invites, invitation e-mails, the Owner protection, archived chats, 402.
import type { User } from '../pachca/types.js';
import type { SandboxBehaviour } from './api.js';
import { SandboxHttpError, apiError, oauthError } from './errors.js';
import type { DirectoryStore } from './store.js';

export const DEFAULT_BEHAVIOUR: Required<SandboxBehaviour> = {
  owner403: 'oauth',
  shortPages: false,
  putDefaults: false,
  seats: null,
  unpaid: false,
};

/** Fields of PUT /users/{id} with a default in the spec's UserUpdateRequest schema. */
export const PUT_DEFAULTS: Partial<User> = { suspended: false };

/** People who hold a seat: not bots and not suspended (pending invites included). */
export function activePeople(store: DirectoryStore): number {
  let count = 0;
  for (const id of store.sortedUserIds()) {
    const user = store.getUser(id) as User;
    if (!user.bot && !user.suspended) count += 1;
  }
  return count;
}

/** 422 licenses_limit when one more active person would exceed --seats. */
export function assertFreeSeat(store: DirectoryStore, behaviour: Required<SandboxBehaviour>): void {
  if (behaviour.seats === null) return;
  const active = activePeople(store);
  if (active + 1 > behaviour.seats) {
    throw apiError(422, 'base', 'licenses_limit', `Превышен лимит активных сотрудников: занято ${active} из ${behaviour.seats}`, null, { limit: behaviour.seats, active });
  }
}

/** Another admin's PUT/DELETE on the Owner. */
export function ownerProtected(behaviour: Required<SandboxBehaviour>, userId: number): SandboxHttpError {
  if (behaviour.owner403 === 'api') return apiError(403, 'id', 'owner_protected', 'Нельзя изменить данные владельца', userId);
  return oauthError(403, 'forbidden', 'Нельзя изменить данные владельца');
}

export function paymentRequired(): SandboxHttpError {
  return apiError(402, 'base', 'payment_required', 'Требуется оплата: доступ к пространству приостановлен');
}

/** A pending invite answers first_name null until the person registers (updates/2026-07-28). */
export function withInviteView(user: User): User {
  return user.invite_status === 'sent' && user.first_name !== null ? { ...user, first_name: null } : user;
}

/** Records the invitation e-mail a create sends unless skip_email_notify was true. */
export function sendInvitation(store: DirectoryStore, user: User, at: string): void {
  if (user.email) store.outbox.push({ kind: 'invitation', to: user.email, user_id: user.id, sent_at: at });
}

/** Completes pending invites (all, or those whose e-mail is listed); answers how many. */
export function acceptInvites(store: DirectoryStore, emails: readonly string[] | undefined, now: Date): number {
  const wanted = emails === undefined ? undefined : new Set(emails.map((email) => email.trim().toLowerCase()));
  let accepted = 0;
  for (const id of store.sortedUserIds()) {
    const user = store.getUser(id) as User;
    if (user.invite_status !== 'sent' || user.bot) continue;
    if (wanted && !(user.email && wanted.has(user.email.toLowerCase()))) continue;
    store.updateUser(user, { invite_status: 'confirmed', last_activity_at: now.toISOString() });
    accepted += 1;
  }
  return accepted;
}
