// Reading the workspace's security log (GET /audit_events) for the audit with the minimum of
// requests: one filtered list per event key the audit needs (the API takes one key per request),
// all from the same start time, through the client's one limiter. Only the Owner's token on the
// Corporation plan may read it; a refusal becomes a note, never a failure of the audit.
import type { PachcaApi } from '../pachca/api.js';
import { ApiError, AuthError } from '../pachca/errors.js';
import type { AuditEvent, AuditEventKey } from '../pachca/types.js';

/** The keys the audit's sections read: roles, accounts, tokens, sign-ins, directory changes. */
export const SECURITY_LOG_KEYS = [
  'user_role_changed', 'user_created', 'user_deleted',
  'access_token_created', 'access_token_updated', 'access_token_destroy',
  'user_2fa_fail', 'user_login',
  'user_updated', 'tag_created', 'tag_deleted', 'user_added_to_tag', 'user_removed_from_tag',
] as const satisfies readonly AuditEventKey[];

export type SecurityLogKey = (typeof SECURITY_LOG_KEYS)[number];

/** Why the log was not read: the token lacks the scope, or the workspace's plan keeps no log. */
export type SecurityLogRefusal = 'scope' | 'plan';

export type SecurityLog =
  | { available: true; since: Date; events: AuditEvent[] }
  | { available: false; since: Date; note: string; reason: SecurityLogRefusal };

export const NO_SCOPE_NOTE =
  'Security log not read: the token lacks the audit_events:read scope (only the workspace Owner\'s personal token has it)';
export const NO_PLAN_NOTE =
  'Security log not read: the workspace is not on the Corporation plan (402 payment_required), so Pachca keeps no security log';

/** The note when the log cannot be read by this token or on this plan; undefined for any other error. */
function refusalOf(error: unknown): { note: string; reason: SecurityLogRefusal } | undefined {
  // 403 with an OAuth body (insufficient_scope) or an ApiError (the token's user may not read it).
  if ((error instanceof AuthError || error instanceof ApiError) && error.status === 403) return { note: NO_SCOPE_NOTE, reason: 'scope' };
  if (error instanceof ApiError && error.status === 402) return { note: NO_PLAN_NOTE, reason: 'plan' };
  return undefined;
}

async function collect(api: PachcaApi, key: SecurityLogKey, startTime: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for await (const event of api.listAuditEvents({ event_key: key, start_time: startTime })) events.push(event);
  return events;
}

/** Every event of SECURITY_LOG_KEYS since `since`. The first key is read alone, so a refusal costs one request. */
export async function readSecurityLog(api: PachcaApi, since: Date): Promise<SecurityLog> {
  const startTime = since.toISOString();
  const [firstKey, ...otherKeys] = SECURITY_LOG_KEYS;
  let first: AuditEvent[];
  try {
    first = await collect(api, firstKey, startTime);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    return { available: false, since, ...refusal };
  }
  const others = await Promise.all(otherKeys.map((key) => collect(api, key, startTime)));
  const events = [...first, ...others.flat()].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  return { available: true, since, events };
}
