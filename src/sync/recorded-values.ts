// The values a journal line keeps so that `undo` can take the step back: for a person's change,
// the fields it sent (`after`) and what those fields held before it (`before`), as the API has
// them (tag names, custom properties by id, the status); for a tag, its id and names.
// A plan item carries its `before` from the snapshot it was planned against (attachBefore).
import type { StatusInput, User, UserStatus, UserWriteFields } from '../pachca/types.js';
import type { Directory } from './directory.js';
import type { JournalStep } from './journal.js';
import type { PlanItem } from './plan-types.js';

export interface RecordedStatus {
  emoji: string;
  title: string;
  expires_at: string | null;
  is_away: boolean;
  away_message: string | null;
}

export const RECORDED_TEXT_FIELDS = ['email', 'first_name', 'last_name', 'nickname', 'phone_number', 'department', 'title'] as const;
export type RecordedTextField = (typeof RECORDED_TEXT_FIELDS)[number];

export interface RecordedValues {
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  nickname?: string | null;
  phone_number?: string | null;
  department?: string | null;
  title?: string | null;
  role?: string;
  suspended?: boolean;
  list_tags?: string[];
  custom_properties?: { id: number; value: string | null }[];
  /** null: no status. */
  status?: RecordedStatus | null;
  /** A tag's name. */
  tag_name?: string;
}

/** What a journal line adds to say what the step changed. */
export interface StepValues {
  before?: RecordedValues;
  after?: RecordedValues;
  tagId?: number;
  /** A create that sent Pachca's invitation e-mail (no skip_email_notify). */
  invitationSent?: boolean;
}

export function recordedStatus(status: UserStatus | null): RecordedStatus | null {
  if (!status) return null;
  return {
    emoji: status.emoji,
    title: status.title,
    expires_at: status.expires_at ?? null,
    is_away: status.is_away === true,
    away_message: status.away_message?.text ?? null,
  };
}

export function statusOfInput(input: StatusInput): RecordedStatus {
  return {
    emoji: input.emoji,
    title: input.title,
    expires_at: input.expires_at ?? null,
    is_away: input.is_away === true,
    away_message: input.away_message ?? null,
  };
}

/** The fields a request sent, as recorded. */
export function sentValues(user: UserWriteFields & { role?: string }): RecordedValues {
  const values: RecordedValues = {};
  for (const field of RECORDED_TEXT_FIELDS) if (user[field] !== undefined) values[field] = user[field] === '' ? null : user[field]!;
  if (user.role !== undefined) values.role = user.role;
  if (user.suspended !== undefined) values.suspended = user.suspended;
  if (user.list_tags !== undefined) values.list_tags = [...user.list_tags];
  if (user.custom_properties !== undefined) values.custom_properties = user.custom_properties.map(({ id, value }) => ({ id, value: value === '' ? null : value }));
  return values;
}

/** A person's current values of `fields` (request field names), as recorded. */
export function userValues(user: User, fields: readonly string[]): RecordedValues {
  const values: RecordedValues = {};
  for (const field of fields) {
    if ((RECORDED_TEXT_FIELDS as readonly string[]).includes(field)) {
      const value = user[field as RecordedTextField];
      values[field as RecordedTextField] = value === '' ? null : value;
    } else if (field === 'role') values.role = user.role;
    else if (field === 'suspended') values.suspended = user.suspended;
    else if (field === 'list_tags') values.list_tags = [...user.list_tags];
    else if (field === 'custom_properties') values.custom_properties = user.custom_properties.map(({ id, value }) => ({ id, value: value === '' ? null : value }));
  }
  return values;
}

/** The values a person's item will change, read from the snapshot it was planned against. */
function beforeOf(item: PlanItem, directory: Directory): RecordedValues | undefined {
  if (item.userRequest?.method === 'POST' || item.userId === undefined) return undefined;
  const user = directory.usersById.get(item.userId);
  if (!user) return undefined;
  const fields = item.userRequest?.method === 'PUT' ? Object.keys(item.userRequest.body.user) : item.userRequest?.method === 'DELETE' ? ['email', 'suspended'] : [];
  const values = userValues(user, fields);
  if (item.statusRequest) values.status = recordedStatus(user.user_status);
  return values;
}

/** Gives each item that changes an existing person the values it changes, as they are in `directory`. */
export function attachBefore(items: PlanItem[], directory: Directory): void {
  for (const item of items) {
    const before = beforeOf(item, directory);
    if (before) item.before = before;
  }
}

/** What the journal line of a finished step keeps for undo. */
export function stepValues(item: PlanItem, step: JournalStep): StepValues {
  const { status: statusBefore, ...userBefore } = item.before ?? {};
  switch (step) {
    case 'user': {
      const request = item.userRequest;
      if (!request) return {};
      if (request.method === 'POST') return { after: sentValues(request.body.user), invitationSent: request.body.skip_email_notify !== true };
      if (request.method === 'DELETE') return item.before ? { before: userBefore } : {};
      return { ...(item.before ? { before: userBefore } : {}), after: sentValues(request.body.user) };
    }
    case 'status': {
      const request = item.statusRequest;
      if (!request) return {};
      const after = request.method === 'PUT' ? statusOfInput(request.body.status) : null;
      return { ...(statusBefore !== undefined ? { before: { status: statusBefore } } : {}), after: { status: after } };
    }
    case 'rename-tag':
      return { tagId: item.tagId!, before: { tag_name: item.changes[0]?.before ?? '' }, after: { tag_name: item.tagName! } };
    case 'delete-tag':
      return { tagId: item.tagId!, before: { tag_name: item.tagName! } };
    case 'create-tag':
      return { after: { tag_name: item.tagName! } };
    default:
      return {};
  }
}
