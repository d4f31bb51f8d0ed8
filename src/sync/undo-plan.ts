// The plan that takes a run back, built from what its journal says was done (the values before
// and after each step) and the directory as it is now. A field goes back only where Pachca still
// has what the run set; where it has something else, that is a conflict, named and left alone.
// People the run created are suspended (deleted with allowDelete); tags it created are deleted
// once nobody is in them; renamed tags get their old names. What cannot be taken back (a sent
// welcome message, an invitation e-mail, a deleted person or tag) is named in the plan.
import type { User, UserUpdateInput } from '../pachca/types.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { tagKey, type Directory } from './directory.js';
import type { JournalEntry } from './journal.js';
import type { ChangeUserItem, FieldChange, Plan, PlanItem, PlanSelf, StatusItem, StatusRequest } from './plan-types.js';
import { emptyCounts, requiredScopes, tagsText, userPath } from './plan-values.js';
import { recordedStatus, RECORDED_TEXT_FIELDS, userValues, type RecordedStatus } from './recorded-values.js';

export interface UndoOptions {
  allowDelete: boolean;
  /** Statuses that expired since are not set again. */
  now: Date;
  /** The language of the items' messages and the warnings (default English). */
  lang?: Lang;
}

/** One field's first value before the run and last value it set. */
interface FieldTrail<T> {
  before: T;
  after: T;
}

interface PersonTrail {
  userId: number;
  email?: string;
  created: boolean;
  /** The tags a create gave the person. */
  createdTags: string[];
  deleted: boolean;
  /** A change journaled without the values before it (an older version): not undone. */
  unknown: boolean;
  text: Map<string, FieldTrail<string | null>>;
  role?: FieldTrail<string>;
  suspended?: FieldTrail<boolean>;
  tags?: FieldTrail<string[]>;
  custom: Map<number, FieldTrail<string | null>>;
  status?: FieldTrail<RecordedStatus | null>;
}

interface TagTrail {
  tagId: number;
  created?: string;
  renamed?: FieldTrail<string>;
  deleted?: string;
}

/** What the journal says was done, per person and per tag, in the order first touched. */
function readTrails(entries: readonly JournalEntry[], t: Catalog): { people: Map<number, PersonTrail>; tags: Map<number, TagTrail>; notes: string[] } {
  const people = new Map<number, PersonTrail>();
  const tags = new Map<number, TagTrail>();
  const notes: string[] = [];
  const person = (entry: JournalEntry, userId: number): PersonTrail => {
    let trail = people.get(userId);
    if (!trail) {
      trail = { userId, created: false, createdTags: [], deleted: false, unknown: false, text: new Map(), custom: new Map() };
      people.set(userId, trail);
    }
    if (entry.email) trail.email = entry.email;
    return trail;
  };
  const tag = (tagId: number): TagTrail => {
    const trail = tags.get(tagId) ?? { tagId };
    tags.set(tagId, trail);
    return trail;
  };
  const follow = <T>(trail: FieldTrail<T> | undefined, before: T, after: T): FieldTrail<T> => (trail ? { before: trail.before, after } : { before, after });
  for (const entry of entries) {
    if (!entry.ok) continue;
    const who = entry.email ?? (entry.userId !== undefined ? t.undoUser(entry.userId) : entry.key);
    if (entry.step === 'welcome') notes.push(t.undoWelcome(who));
    if (entry.step === 'create-tag' && entry.tagId !== undefined) tag(entry.tagId).created = entry.after?.tag_name ?? '';
    if (entry.step === 'rename-tag' && entry.tagId !== undefined && entry.before?.tag_name !== undefined && entry.after?.tag_name !== undefined) {
      const trail = tag(entry.tagId);
      trail.renamed = follow(trail.renamed, entry.before.tag_name, entry.after.tag_name);
    }
    if (entry.step === 'chat-join') notes.push(t.undoChatJoin(who, String(entry.chatId ?? '?')));
    if (entry.step === 'chat-leave') notes.push(t.undoChatLeave(who, String(entry.chatId ?? '?')));
    if (entry.step === 'photo') notes.push(t.undoPhoto(who));
    if (entry.step === 'delete-tag') notes.push(t.undoTagDeleted(entry.before?.tag_name ?? entry.key));
    if (entry.userId === undefined || (entry.step !== 'user' && entry.step !== 'status')) continue;
    const trail = person(entry, entry.userId);
    if (entry.step === 'user' && entry.kind === 'create') {
      trail.created = true;
      trail.createdTags = entry.after?.list_tags ?? [];
      if (entry.invitationSent) notes.push(t.undoInvitation(who));
      continue;
    }
    if (entry.step === 'user' && entry.kind === 'delete') {
      trail.deleted = true;
      notes.push(t.undoPersonDeleted(who));
      continue;
    }
    const before = entry.before ?? {};
    const after = entry.after ?? {};
    if (entry.step === 'status') {
      if (after.status !== undefined && before.status !== undefined) trail.status = follow(trail.status, before.status, after.status);
      continue;
    }
    // A line without before values (a version before undo) cannot be taken back field by field.
    if (!entry.before) {
      trail.unknown = true;
      notes.push(t.undoNoValuesBefore(who));
      continue;
    }
    for (const field of RECORDED_TEXT_FIELDS) {
      if (after[field] !== undefined && before[field] !== undefined) trail.text.set(field, follow(trail.text.get(field), before[field] ?? null, after[field] ?? null));
    }
    if (after.role !== undefined && before.role !== undefined) trail.role = follow(trail.role, before.role, after.role);
    if (after.suspended !== undefined && before.suspended !== undefined) trail.suspended = follow(trail.suspended, before.suspended, after.suspended);
    if (after.list_tags && before.list_tags) trail.tags = follow(trail.tags, before.list_tags, after.list_tags);
    if (after.custom_properties && before.custom_properties) {
      const was = new Map(before.custom_properties.map((property) => [property.id, property.value]));
      for (const property of after.custom_properties) {
        trail.custom.set(property.id, follow(trail.custom.get(property.id), was.get(property.id) ?? null, property.value));
      }
    }
  }
  return { people, tags, notes };
}

const sameText = (a: string | null | undefined, b: string | null | undefined): boolean => (a ?? '').trim() === (b ?? '').trim();
const sameTags = (a: readonly string[], b: readonly string[]): boolean => {
  const keys = new Set(a.map(tagKey));
  return a.length === b.length && b.every((name) => keys.has(tagKey(name)));
};
const instant = (value: string | null): number | null => (value ? new Date(value).getTime() : null);
const sameStatus = (a: RecordedStatus | null, b: RecordedStatus | null): boolean =>
  a === null || b === null
    ? a === b
    : a.emoji === b.emoji && a.title === b.title && instant(a.expires_at) === instant(b.expires_at) && a.is_away === b.is_away && sameText(a.away_message, b.away_message);
const showStatus = (status: RecordedStatus | null): string | null => (status ? `${status.emoji} ${status.title}`.trim() : null);

/** Where Pachca still has what the run set: back to before; already before: nothing; else a conflict. */
type Decision = 'revert' | 'done' | 'conflict';
function decide<T>(trail: FieldTrail<T>, now: T, same: (a: T, b: T) => boolean): Decision {
  if (same(trail.before, trail.after)) return 'done';
  if (same(now, trail.after)) return 'revert';
  return same(now, trail.before) ? 'done' : 'conflict';
}

class UndoPlanner {
  private readonly items: PlanItem[] = [];
  private readonly warnings: string[] = [];
  /** Each person's tags as they will be once the undo went through. */
  private readonly tagsAfter = new Map<number, string[]>();
  private readonly deletedPeople = new Set<number>();
  private readonly t: Catalog;

  constructor(
    private readonly directory: Directory,
    private readonly options: UndoOptions,
    private readonly self: PlanSelf,
  ) {
    this.t = messages(options.lang ?? 'en');
  }

  build(entries: readonly JournalEntry[]): Plan {
    const { people, tags, notes } = readTrails(entries, this.t);
    for (const trail of people.values()) this.person(trail);
    const renameItems = [...tags.values()].flatMap((trail) => this.renameBack(trail));
    const deleteItems = [...tags.values()].flatMap((trail) => this.deleteCreated(trail));
    const createItems = this.tagsToCreateAgain(renameItems);
    this.warnings.push(...notes);
    const items = [...createItems, ...renameItems, ...this.items, ...deleteItems];
    const counts = emptyCounts();
    for (const item of items) counts[item.kind] += 1;
    return { items, counts, requiredScopes: requiredScopes(items), warnings: this.warnings, customColumns: [] };
  }

  private conflict(user: User | undefined, trail: PersonTrail, field: string, set: string | null, now: string | null): string {
    const text = this.t.undoConflict(trail.email ?? this.t.undoUser(trail.userId), field, set || null, now || null);
    this.warnings.push(text);
    return text;
  }

  private person(trail: PersonTrail): void {
    const user = this.directory.usersById.get(trail.userId);
    const key = `undo:user:${trail.userId}`;
    const base = { key, userId: trail.userId, email: user?.email ?? trail.email ?? '', name: [user?.first_name, user?.last_name].filter(Boolean).join(' ') };
    if (!user) {
      if (!trail.deleted) this.items.push({ ...base, kind: 'unchanged', changes: [], message: this.t.undoGone });
      return;
    }
    this.tagsAfter.set(user.id, user.list_tags);
    if (trail.created) {
      this.createdPerson(trail, user, base);
      return;
    }
    const update: UserUpdateInput = {};
    const changes: FieldChange[] = [];
    const messages: string[] = [];
    for (const [field, fieldTrail] of trail.text) {
      const now = user[field as (typeof RECORDED_TEXT_FIELDS)[number]] ?? null;
      const decision = decide(fieldTrail, now, sameText);
      if (decision === 'conflict') messages.push(this.conflict(user, trail, field, fieldTrail.after, now));
      if (decision !== 'revert') continue;
      update[field as (typeof RECORDED_TEXT_FIELDS)[number]] = fieldTrail.before ?? '';
      changes.push({ field, before: now, after: fieldTrail.before });
    }
    if (trail.role) {
      const decision = decide(trail.role, user.role as string, (a, b) => a === b);
      if (decision === 'conflict') messages.push(this.conflict(user, trail, 'role', trail.role.after, user.role));
      if (decision === 'revert') {
        update.role = trail.role.before as UserUpdateInput['role'];
        changes.push({ field: 'role', before: user.role, after: trail.role.before });
      }
    }
    if (trail.suspended) {
      const decision = decide(trail.suspended, user.suspended, (a, b) => a === b);
      if (decision === 'conflict') messages.push(this.conflict(user, trail, 'suspended', String(trail.suspended.after), String(user.suspended)));
      if (decision === 'revert' && !(trail.suspended.before && (user.id === this.self.selfId || user.id === this.self.ownerId))) {
        update.suspended = trail.suspended.before;
        changes.push({ field: 'suspended', before: String(user.suspended), after: String(trail.suspended.before) });
      }
    }
    if (trail.tags) {
      const decision = decide(trail.tags, user.list_tags, sameTags);
      if (decision === 'conflict') messages.push(this.conflict(user, trail, 'tags', tagsText(trail.tags.after), tagsText(user.list_tags)));
      if (decision === 'revert') {
        update.list_tags = trail.tags.before;
        this.tagsAfter.set(user.id, trail.tags.before);
        changes.push({ field: 'tags', before: tagsText(user.list_tags), after: tagsText(trail.tags.before) });
      }
    }
    const reverted = new Map<number, string>();
    for (const [id, fieldTrail] of trail.custom) {
      const definition = this.directory.customProperties.find((candidate) => candidate.id === id);
      const now = user.custom_properties.find((property) => property.id === id)?.value ?? null;
      const name = definition?.name ?? this.t.undoCustomProperty(id);
      const decision = decide(fieldTrail, now, sameText);
      if (decision === 'conflict') messages.push(this.conflict(user, trail, name, fieldTrail.after, now));
      if (decision !== 'revert') continue;
      reverted.set(id, fieldTrail.before ?? '');
      changes.push({ field: name, before: now, after: fieldTrail.before });
    }
    if (reverted.size > 0) {
      // The full resulting set, as the planner sends it: a PUT that replaces the list keeps the rest.
      const kept = (userValues(user, ['custom_properties']).custom_properties ?? [])
        .filter((property) => !reverted.has(property.id) && property.value !== null)
        .map((property) => ({ id: property.id, value: property.value! }));
      update.custom_properties = [...kept, ...[...reverted].map(([id, value]) => ({ id, value }))];
    }
    if (trail.unknown) messages.push(this.t.undoUnknownChange);
    const statusRequest = this.statusBack(trail, user, changes, messages);
    this.items.push(this.userItem(base, user, update, changes, statusRequest, messages));
  }

  private statusBack(trail: PersonTrail, user: User, changes: FieldChange[], messages: string[]): StatusRequest | undefined {
    if (!trail.status) return undefined;
    const now = recordedStatus(user.user_status);
    const decision = decide(trail.status, now, sameStatus);
    if (decision === 'conflict') messages.push(this.conflict(user, trail, 'status', showStatus(trail.status.after), showStatus(now)));
    if (decision !== 'revert') return undefined;
    const before = trail.status.before;
    if (before?.expires_at && new Date(before.expires_at).getTime() <= this.options.now.getTime()) {
      messages.push(this.t.undoStatusExpired(showStatus(before) ?? ''));
      return { method: 'DELETE', path: `${userPath(user.id)}/status` };
    }
    changes.push({ field: 'status', before: showStatus(now), after: showStatus(before) });
    if (!before) return { method: 'DELETE', path: `${userPath(user.id)}/status` };
    return {
      method: 'PUT',
      path: `${userPath(user.id)}/status`,
      body: { status: { emoji: before.emoji, title: before.title, expires_at: before.expires_at, is_away: before.is_away, away_message: before.away_message } },
    };
  }

  private userItem(
    base: { key: string; userId: number; email: string; name: string },
    user: User,
    update: UserUpdateInput,
    changes: FieldChange[],
    statusRequest: StatusRequest | undefined,
    messages: string[],
  ): PlanItem {
    const message = messages.length > 0 ? { message: messages.join('; ') } : {};
    if (Object.keys(update).length > 0) {
      const body = { user: update.suspended === undefined ? { ...update, suspended: user.suspended } : update };
      const item: ChangeUserItem = {
        ...base,
        kind: update.suspended === true ? 'suspend' : update.suspended === false ? 'restore' : 'update',
        changes,
        userRequest: { method: 'PUT', path: userPath(user.id), userId: user.id, body },
        ...(statusRequest ? { statusRequest } : {}),
        ...message,
      };
      return item;
    }
    if (statusRequest) {
      const item: StatusItem = { ...base, kind: statusRequest.method === 'DELETE' ? 'clear-status' : 'set-status', changes, statusRequest, ...message };
      return item;
    }
    return { ...base, kind: 'unchanged', changes: [], message: messages.length > 0 ? messages.join('; ') : this.t.undoAsBefore };
  }

  /** A person the run created: suspended (out of the tags the run gave them), or deleted with allowDelete. */
  private createdPerson(trail: PersonTrail, user: User, base: { key: string; userId: number; email: string; name: string }): void {
    if (this.options.allowDelete && user.id !== this.self.selfId && user.id !== this.self.ownerId) {
      this.deletedPeople.add(user.id);
      this.items.push({
        ...base, kind: 'delete', changes: [{ field: 'user', before: user.email, after: null }],
        userRequest: { method: 'DELETE', path: userPath(user.id), userId: user.id },
        message: this.t.undoCreatedDeleted,
      });
      return;
    }
    const runTags = new Set(trail.createdTags.map(tagKey));
    const keptTags = user.list_tags.filter((name) => !runTags.has(tagKey(name)));
    const update: UserUpdateInput = {};
    const changes: FieldChange[] = [];
    if (!user.suspended) {
      update.suspended = true;
      changes.push({ field: 'suspended', before: 'false', after: 'true' });
    }
    if (keptTags.length !== user.list_tags.length) {
      update.list_tags = keptTags;
      this.tagsAfter.set(user.id, keptTags);
      changes.push({ field: 'tags', before: tagsText(user.list_tags), after: tagsText(keptTags) });
    }
    const item = this.userItem(base, user, update, changes, undefined, []);
    item.message = update.suspended ? this.t.undoCreatedSuspended : this.t.undoCreatedAlreadySuspended;
    this.items.push(item);
  }

  private renameBack(trail: TagTrail): PlanItem[] {
    if (!trail.renamed) return [];
    const tag = this.directory.tags.find((candidate) => candidate.id === trail.tagId);
    if (!tag) {
      this.warnings.push(this.t.undoTagGone(trail.tagId, trail.renamed.after));
      return [];
    }
    const decision = decide(trail.renamed, tag.name, (a, b) => a === b);
    if (decision === 'conflict') this.warnings.push(this.t.undoTagRenameConflict(tag.id, trail.renamed.after, tag.name));
    if (decision !== 'revert') return [];
    return [{ key: `undo:tag:${tag.id}`, kind: 'rename-tag', tagId: tag.id, tagName: trail.renamed.before, changes: [{ field: 'tag', before: tag.name, after: trail.renamed.before }] }];
  }

  /** A tag the run created, deleted once the undo leaves nobody in it. */
  private deleteCreated(trail: TagTrail): PlanItem[] {
    if (trail.created === undefined) return [];
    const tag = this.directory.tags.find((candidate) => candidate.id === trail.tagId);
    if (!tag) return [];
    const members = this.directory.users.filter((user) => !this.deletedPeople.has(user.id) && (this.tagsAfter.get(user.id) ?? user.list_tags).some((name) => tagKey(name) === tagKey(tag.name)));
    if (members.length > 0) {
      this.warnings.push(this.t.undoTagKept(tag.name, members.length));
      return [];
    }
    return [{ key: `undo:tag:${tag.id}`, kind: 'delete-tag', tagId: tag.id, tagName: tag.name, changes: [{ field: 'tag', before: tag.name, after: null }], message: this.t.undoCreatedTag }];
  }

  /** Tags the undo gives people back that no longer exist (an undo deleted them): created again first. */
  private tagsToCreateAgain(renames: readonly PlanItem[]): PlanItem[] {
    const renamed = new Set(renames.map((item) => tagKey(item.tagName!)));
    const known = new Set(this.directory.tags.map((tag) => tagKey(tag.name)));
    const missing = new Map<string, string>();
    for (const item of this.items) {
      const names = item.userRequest?.method === 'PUT' ? item.userRequest.body.user.list_tags ?? [] : [];
      const absent = names.filter((name) => !known.has(tagKey(name)) && !renamed.has(tagKey(name)));
      for (const name of absent) missing.set(tagKey(name), name);
      // Tags that exist only once a tag item of this plan went through (apply fails the person if it did not).
      const needs = names.map(tagKey).filter((key) => missing.has(key) || renamed.has(key));
      if (needs.length > 0 && (item.kind === 'update' || item.kind === 'suspend' || item.kind === 'restore')) item.needsTags = [...new Set(needs)];
    }
    return [...missing].map(([key, name]) => ({ key: `tag:${key}`, kind: 'create-tag', tagName: name, changes: [{ field: 'tag', before: null, after: name }] }));
  }
}

/** The plan that takes back what `entries` (one run's journal lines) say was done. Pure. */
export function buildUndoPlan(entries: readonly JournalEntry[], directory: Directory, options: UndoOptions, self: PlanSelf): Plan {
  return new UndoPlanner(directory, options, self).build(entries);
}
