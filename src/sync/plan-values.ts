// How the planner reads and compares values: sheet cells against what the directory holds,
// the way Pachca stores them (text trimmed, custom numbers and dates normalized, statuses).
import { InputError } from '../exit-codes.js';
import { messages } from '../i18n/catalog.js';
import type { CustomPropertyDefinition, StatusInput, User, UserStatus, WriteScope } from '../pachca/types.js';
import type { EmployeeRecord, StatusFields, ValidatedSheet } from '../records/types.js';
import { parseCustomValue } from '../records/normalize.js';
import { STATUS_SKIPPED } from '../records/validate.js';
import { tagKey, type Directory } from './directory.js';
import type { FieldChange, Plan, PlanItem, PlanItemKind, TagItem } from './plan-types.js';
import { PLAN_ITEM_KINDS } from './plan-types.js';

export const TEXT_FIELDS = ['first_name', 'last_name', 'nickname', 'phone_number', 'department', 'title'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/** Fields --blank-clears may empty (Pachca requires a nickname, so never that one). */
export const CLEARABLE_FIELDS: readonly TextField[] = ['first_name', 'last_name', 'phone_number', 'department', 'title'];

export { READ_ONLY_COLUMNS } from '../records/warnings.js';

export interface CustomColumn {
  header: string;
  definition: CustomPropertyDefinition;
}

export function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

export function orNull(value: string): string | null {
  return value === '' ? null : value;
}

export function tagsText(tags: readonly string[]): string | null {
  return tags.length > 0 ? tags.join(', ') : null;
}

export function userPath(userId: number | string): string {
  return `/users/${userId}`;
}

/** Values compared the way Pachca stores them (records' one rule); a cell it refuses is kept as typed. */
export function normalizeCustomValue(value: string, definition: CustomPropertyDefinition): string {
  const parsed = parseCustomValue(value, definition.data_type);
  return parsed.ok ? parsed.value : value.trim();
}

/**
 * Columns that hold custom properties: `custom:NAME` mappings and unknown headers equal to a
 * property's name (case-insensitive). An unknown `custom:` name is a usage error.
 */
export function resolveCustomColumns(sheet: ValidatedSheet, directory: Directory): CustomColumn[] {
  const t = messages(sheet.lang ?? 'en');
  const columns: CustomColumn[] = [];
  for (const [header, target] of sheet.mapping.byHeader) {
    if (!target.startsWith('custom:')) continue;
    const name = target.slice('custom:'.length);
    const definition = directory.customPropertiesByName.get(tagKey(name));
    if (!definition) {
      const known = directory.customProperties.map((property) => property.name).join(', ') || t.none;
      throw new InputError(t.columnCustomMissing(sheet.detected.file, header, name, known));
    }
    columns.push({ header, definition });
  }
  for (const header of sheet.mapping.unknown) {
    const key = header.trim().toLowerCase();
    const name = key.startsWith('custom:') ? key.slice('custom:'.length).trim() : key;
    const definition = directory.customPropertiesByName.get(name);
    if (definition) columns.push({ header, definition });
    else if (key.startsWith('custom:')) {
      throw new InputError(t.columnCustomNamedMissing(sheet.detected.file, header, name));
    }
  }
  const position = (header: string): number => sheet.detected.headers.indexOf(header);
  return columns.sort((a, b) => position(a.header) - position(b.header));
}

/** The sheet's value for a custom column: the reader's customByName first, else the raw cell. */
export function customCell(record: EmployeeRecord, column: CustomColumn): string | undefined {
  const wanted = tagKey(column.definition.name);
  for (const [name, value] of Object.entries(record.customByName)) {
    if (tagKey(name) === wanted) return value;
  }
  return record.source.cells.get(column.header);
}

export function instant(value: string | null | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

export interface StatusView {
  emoji: string;
  title: string;
  expires_at: string;
  is_away: string;
  away_message: string;
}

export function statusView(status: UserStatus | null): StatusView | null {
  if (!status) return null;
  return {
    emoji: text(status.emoji),
    title: text(status.title),
    expires_at: text(status.expires_at),
    is_away: String(status.is_away === true),
    away_message: text(status.away_message?.text),
  };
}

export function wantedStatusView(fields: StatusFields): StatusView {
  return {
    emoji: text(fields.emoji),
    title: text(fields.title),
    expires_at: text(fields.expires_at),
    is_away: String(fields.is_away === true),
    away_message: text(fields.away_message),
  };
}

export function statusChanges(before: StatusView | null, after: StatusView | null): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ['emoji', 'title', 'expires_at', 'is_away', 'away_message'] as const) {
    const was = before ? before[field] : '';
    const will = after ? after[field] : '';
    const same = field === 'expires_at' ? instant(was) === instant(will) : was === will;
    const bothDefaultAway = field === 'is_away' && (was === '' || was === 'false') && (will === '' || will === 'false');
    if (!same && !bothDefaultAway) changes.push({ field: `status_${field}`, before: orNull(was), after: orNull(will) });
  }
  return changes;
}

export function statusInput(fields: StatusFields): StatusInput {
  const input: StatusInput = { emoji: text(fields.emoji), title: text(fields.title) };
  if (fields.expires_at) input.expires_at = fields.expires_at;
  if (fields.is_away !== undefined) input.is_away = fields.is_away;
  if (fields.away_message) input.away_message = fields.away_message;
  return input;
}

export type StatusIntent =
  | { kind: 'none' }
  | { kind: 'clear' }
  | { kind: 'set'; fields: StatusFields }
  | { kind: 'error'; message: string };

/** What the row's status columns ask for. */
export function statusIntent(fields: StatusFields | undefined): StatusIntent {
  if (!fields) return { kind: 'none' };
  if (fields.clear) return { kind: 'clear' };
  const hasEmoji = text(fields.emoji) !== '';
  const hasTitle = text(fields.title) !== '';
  if (!hasEmoji && !hasTitle) return { kind: 'none' };
  if (!hasEmoji || !hasTitle) return { kind: 'error', message: STATUS_SKIPPED };
  return { kind: 'set', fields };
}

export function displayName(record: EmployeeRecord | undefined, user: User | undefined): string {
  const first = record?.first_name ?? user?.first_name ?? '';
  const last = record?.last_name ?? user?.last_name ?? '';
  return [first, last].filter((part) => part && part.trim()).join(' ');
}

export function emptyCounts(): Record<PlanItemKind, number> {
  return Object.fromEntries(PLAN_ITEM_KINDS.map((kind) => [kind, 0])) as Record<PlanItemKind, number>;
}

/** "10%" of 40 -> 4; "3" -> 3. */
export function parseMaxSuspend(spec: string, activeUsers: number): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(spec);
  if (!match) throw new InputError(`--max-suspend "${spec}": give a number of users (5) or a percentage (10%)`);
  const value = Number(match[1]);
  return match[2] === '%' ? Math.floor((activeUsers * value) / 100) : Math.floor(value);
}

export function sameTagSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map(tagKey));
  const right = new Set(b.map(tagKey));
  return left.size === right.size && [...left].every((key) => right.has(key));
}

export function requiredScopes(items: readonly PlanItem[]): WriteScope[] {
  const scopes = new Set<WriteScope>();
  for (const item of items) {
    if (item.kind === 'create-tag' || item.kind === 'rename-tag' || item.kind === 'delete-tag') scopes.add('group_tags:write');
    if (item.userRequest?.method === 'POST') scopes.add('users:create');
    if (item.userRequest?.method === 'PUT') scopes.add('users:update');
    if (item.userRequest?.method === 'DELETE') scopes.add('users:delete');
    if (item.statusRequest) scopes.add('user_status:write');
    if (item.chatRequests && item.chatRequests.length > 0) scopes.add('chat_members:write');
    if (item.photoRequest) scopes.add('user_avatar:write');
  }
  return [...scopes].sort();
}

/** Plan items that change a tag itself (created, renamed, deleted) rather than a user. */
export function isTagItem(item: PlanItem): item is TagItem {
  return item.kind === 'create-tag' || item.kind === 'rename-tag' || item.kind === 'delete-tag';
}

/** Items that send requests, in plan order (apply runs them in phases: tags, users, tag deletes). */
export function actionableItems(plan: Plan): PlanItem[] {
  return plan.items.filter((item) => isTagItem(item) || item.userRequest || item.statusRequest || item.chatRequests || item.photoRequest);
}
