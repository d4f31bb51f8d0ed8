// The sandbox's security log (GET /audit_events, ../shared/pachca-api/docs/guides/audit-events.mdx):
// the events the store's own mutations cause, recorded with the acting token's user, plus the
// seed's historical ones; filters, newest-first cursor pagination, the Owner-only scope (checked
// by the server from the route's scope) and the Corporation plan (402 payment_required without it).
import { randomUUID } from 'node:crypto';
import { AUDIT_EVENT_KEYS, type AuditEvent, type AuditEventKey, type User } from '../pachca/types.js';
import { apiError } from './errors.js';
import { pageOf, parsePageQuery } from './pagination.js';
import type { ApiAnswer, ApiRequest, Route, RouteContext } from './routes.js';

/** Who is acting in the request being handled. */
export interface AuditActor {
  userId: number;
  ip: string | null;
  userAgent: string | null;
}

const USER_AGENT_MAX = 255;
/** Fields whose change is its own event (role) or events (tags), not part of user_updated. */
const NOT_IN_CHANGED_ATTRS = new Set(['role', 'list_tags', 'id']);

export function auditActor(userId: number, ip: string | undefined, userAgent: string | undefined): AuditActor {
  return { userId, ip: ip ?? null, userAgent: userAgent === undefined ? null : userAgent.slice(0, USER_AGENT_MAX) };
}

export class AuditLog {
  /** Oldest first; a record's position is its sequence number (cursors use it). */
  private readonly records: AuditEvent[];
  private actor: AuditActor | undefined;

  constructor(
    seed: readonly AuditEvent[] = [],
    /** Only a workspace on the Corporation plan keeps a log (and may read it). */
    readonly corporationPlan = true,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.records = [...seed].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  }

  /** Runs one request's work with `actor` as the actor of what it records. */
  as<T>(actor: AuditActor, work: () => T): T {
    this.actor = actor;
    try {
      return work();
    } finally {
      this.actor = undefined;
    }
  }

  /** The records, oldest first (JSON.stringify of the store writes them without a copy: big --state files). */
  toJSON(): readonly AuditEvent[] {
    return this.records;
  }

  /** Actions without an actor (seeding, operator endpoints) are not logged, as on the real service. */
  private record(key: AuditEventKey, entity: { type: string; id: number }, details: Record<string, unknown> = {}, actorId?: number): void {
    if (!this.corporationPlan || !this.actor) return;
    this.records.push({
      id: randomUUID(),
      created_at: this.now().toISOString(),
      event_key: key,
      entity_id: String(entity.id),
      entity_type: entity.type,
      actor_id: String(actorId ?? this.actor.userId),
      actor_type: 'User',
      details,
      ip_address: this.actor.ip,
      user_agent: this.actor.userAgent,
    });
  }

  /** The member is the actor of a tag membership event, the one who did it its initiator_id (like user_chat_join's inviter_id). */
  private tagMembership(key: 'user_added_to_tag' | 'user_removed_from_tag', userId: number, tagId: number | undefined): void {
    if (tagId === undefined || !this.actor) return;
    this.record(key, { type: 'GroupTag', id: tagId }, { initiator_id: this.actor.userId }, userId);
  }

  userCreated(user: User, tagIdOf: (name: string) => number | undefined): void {
    this.record('user_created', { type: 'User', id: user.id });
    for (const name of user.list_tags) this.tagMembership('user_added_to_tag', user.id, tagIdOf(name));
  }

  /** Before the changes are applied to `user`. */
  userUpdated(user: User, changes: Partial<User>, tagIdOf: (name: string) => number | undefined): void {
    const changed = (Object.keys(changes) as (keyof User)[])
      .filter((key) => !NOT_IN_CHANGED_ATTRS.has(key) && JSON.stringify(changes[key]) !== JSON.stringify(user[key]));
    if (changed.length > 0) this.record('user_updated', { type: 'User', id: user.id }, { changed_attrs: changed });
    if (changes.role !== undefined && changes.role !== user.role && this.actor) {
      this.record('user_role_changed', { type: 'User', id: user.id }, {
        new_company_role: changes.role, previous_company_role: user.role, initiator_id: this.actor.userId,
      });
    }
    if (changes.list_tags !== undefined) {
      for (const name of changes.list_tags) if (!user.list_tags.includes(name)) this.tagMembership('user_added_to_tag', user.id, tagIdOf(name));
      for (const name of user.list_tags) if (!changes.list_tags.includes(name)) this.tagMembership('user_removed_from_tag', user.id, tagIdOf(name));
    }
  }

  userDeleted(userId: number): void {
    this.record('user_deleted', { type: 'User', id: userId });
  }

  tagCreated(tag: { id: number; name: string }): void {
    this.record('tag_created', { type: 'GroupTag', id: tag.id }, { name: tag.name });
  }

  tagDeleted(tag: { id: number; name: string }): void {
    this.record('tag_deleted', { type: 'GroupTag', id: tag.id }, { name: tag.name });
  }

  /** The member is the actor of user_chat_join, the one who added them its inviter_id (audit-events.mdx). */
  chatJoined(userId: number, chatId: number): void {
    if (!this.actor) return;
    this.record('user_chat_join', { type: 'Chat', id: chatId }, { inviter_id: this.actor.userId }, userId);
  }

  chatLeft(userId: number, chatId: number): void {
    if (!this.actor) return;
    this.record('user_chat_leave', { type: 'Chat', id: chatId }, { initiator_id: this.actor.userId }, userId);
  }

  tagAddedToChat(tag: { id: number; name: string }, chatId: number): void {
    this.record('tag_added_to_chat', { type: 'GroupTag', id: tag.id }, { chat_id: chatId, tag_name: tag.name });
  }

  tagRemovedFromChat(tagId: number, chatId: number): void {
    this.record('tag_removed_from_chat', { type: 'GroupTag', id: tagId }, { chat_id: chatId });
  }

  /** GET /audit_events: filters, newest first, then the read itself is logged (audit_events_accessed). */
  list(request: ApiRequest, legacyPagination: boolean, shortPages = false): ApiAnswer {
    if (!this.corporationPlan) {
      throw apiError(402, 'base', 'payment_required', 'Журнал аудита доступен только на тарифе «Корпорация»');
    }
    const matches = eventMatcher(request.query);
    const page = parsePageQuery(request.query);
    // Newest first over ascending keys: the key of the record at position i is -(i + 1).
    const keys: number[] = [];
    for (let index = this.records.length - 1; index >= 0; index -= 1) {
      if (matches(this.records[index] as AuditEvent)) keys.push(-(index + 1));
    }
    const { ids, meta } = pageOf(keys, page, legacyPagination, shortPages);
    const data = ids.map((key) => this.records[-key - 1] as AuditEvent);
    this.record('audit_events_accessed', { type: 'User', id: request.caller.userId });
    return { status: 200, body: { data: structuredClone(data), meta } };
  }
}

function timeParam(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  const time = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(time)) throw apiError(400, key, 'invalid', `${key} должен быть датой ISO 8601`, raw);
  return time;
}

function eventMatcher(query: URLSearchParams): (event: AuditEvent) => boolean {
  const start = timeParam(query, 'start_time');
  const end = timeParam(query, 'end_time');
  const eventKey = query.get('event_key') || undefined;
  if (eventKey !== undefined && !(AUDIT_EVENT_KEYS as readonly string[]).includes(eventKey)) {
    throw apiError(400, 'event_key', 'inclusion', 'Неизвестный тип события', eventKey);
  }
  const exact: [keyof AuditEvent, string][] = [];
  for (const key of ['actor_id', 'actor_type', 'entity_id', 'entity_type'] as const) {
    const value = query.get(key);
    if (value !== null && value !== '') exact.push([key, value]);
  }
  return (event) => {
    const time = Date.parse(event.created_at);
    if (start !== undefined && time < start) return false;
    if (end !== undefined && time > end) return false;
    if (eventKey !== undefined && event.event_key !== eventKey) return false;
    return exact.every(([key, value]) => event[key] === value);
  };
}

export const AUDIT_EVENTS_ROUTE: Route = {
  method: 'GET',
  template: '/audit_events',
  scope: 'audit_events:read',
  handle: (request: ApiRequest, { store, legacyPagination, behaviour }: RouteContext) => store.audit.list(request, legacyPagination, behaviour.shortPages),
};
