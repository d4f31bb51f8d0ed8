// How the plan compares a sheet's value with what the API answered, where the documentation
// says the answer is not the whole truth (docs/updates/2026-07-28.md), and what every PUT carries.
import type { User, UserUpdateInput } from '../pachca/types.js';

/** Optional text as compared: null, absent and "" are all empty (the API answers either). */
export function comparableText(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/**
 * A pending invite's first name answers null until the person registers: the value is unknown,
 * not empty, so the plan neither compares nor sends it.
 */
export function isUnknownField(user: User, field: string): boolean {
  return field === 'first_name' && user.invite_status === 'sent' && user.first_name === null;
}

/**
 * The PUT body with the person's current `suspended` when the plan does not change it: the spec
 * gives the field `default: false`, so a service that applies it would restore a suspended person.
 */
export function withCurrentSuspended(update: UserUpdateInput, user: User): UserUpdateInput {
  return update.suspended === undefined ? { ...update, suspended: user.suspended } : update;
}
