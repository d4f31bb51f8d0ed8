// The export's headers and cells: import columns as the import reads them back (booleans as
// да/нет or yes/no, the status expiry a date cell in the stated zone), then read-only columns
// (real dates in that zone, the inviter's name beside the id). Shared by the XLSX and CSV exports.
import type { GroupTag, User } from '../pachca/types.js';
import type { CellValue } from '../sheets/write.js';
import { zonedHeader } from '../sheets/time-zone.js';
import type { Directory } from '../sync/directory.js';
import { EXPORT_LEADING_COLUMNS, EXPORT_STATUS_COLUMNS, exportedUserValues, importColumns } from '../sync/export-base.js';
import { READ_ONLY_COLUMNS } from '../records/warnings.js';
import type { Catalog } from '../i18n/catalog.js';

/** How cells are written: the catalog (headers, да/нет) and the zone of the times. */
export interface ExportWords {
  t: Catalog;
  timeZone: string;
}

/** Columns holding times: date cells in the stated zone, named in the header. */
const TIME_COLUMNS: ReadonlySet<string> = new Set(['status_expires_at', 'created_at', 'last_activity_at']);

function text(value: string | null | undefined): string {
  return value ?? '';
}

export function fullName(user: User): string {
  return [user.first_name, user.last_name].filter((part) => part && part.trim()).join(' ');
}

/** How the inviter column names a person: the name, else the e-mail. */
export function inviterName(user: User): string {
  return fullName(user) || (user.email ?? '');
}

export function yesNo(value: boolean, t: Catalog): string {
  return value ? t.yes : t.no;
}

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Users sheet headers: import columns (custom properties by name), then read-only columns, in the catalog's words. */
export function userColumns(directory: Directory, words: ExportWords): string[] {
  const { t, timeZone } = words;
  return [
    ...importColumns(directory),
    // The import's own list of the columns it ignores: the two sides cannot drift apart.
    ...READ_ONLY_COLUMNS,
  ].map((column) => {
    const header = column in t.exportColumns ? t.exportColumns[column]! : column;
    return TIME_COLUMNS.has(column) ? zonedHeader(header, timeZone) : header;
  });
}

/** Read-only cells: numbers, real dates and yes/no words, for sorting and filtering in Excel. */
function readOnlyCell(user: User, column: string, words: ExportWords, nameOf: (id: number) => string | undefined): CellValue {
  switch (column) {
    case 'id': return user.id;
    case 'invite_status': return words.t.exportInviteStatus(user.invite_status);
    case 'bot': return yesNo(user.bot, words.t);
    case 'sso': return yesNo(user.sso, words.t);
    case 'created_at': return parseDate(user.created_at);
    case 'last_activity_at': return parseDate(user.last_activity_at);
    case 'time_zone': return text(user.time_zone);
    case 'inviter_id': return user.inviter_id;
    case 'inviter': return user.inviter_id === null ? '' : nameOf(user.inviter_id) ?? '';
    default: return null;
  }
}

const SUSPENDED_INDEX = EXPORT_LEADING_COLUMNS.indexOf('suspended');

/**
 * One Users row, aligned with userColumns(directory). Import columns are text as the API has
 * them, except the ones a person reads better otherwise and the import reads back the same.
 */
export function userRow(user: User, directory: Directory, words: ExportWords, nameOf: (id: number) => string | undefined): CellValue[] {
  const values: CellValue[] = exportedUserValues(user, directory);
  const status = user.user_status;
  const statusStart = EXPORT_LEADING_COLUMNS.length + directory.customProperties.length;
  values[SUSPENDED_INDEX] = yesNo(user.suspended, words.t);
  values[statusStart + EXPORT_STATUS_COLUMNS.indexOf('status_expires_at')] = parseDate(status?.expires_at);
  values[statusStart + EXPORT_STATUS_COLUMNS.indexOf('status_is_away')] = status ? yesNo(status.is_away, words.t) : '';
  return [...values, ...READ_ONLY_COLUMNS.map((column) => readOnlyCell(user, column, words, nameOf))];
}

export const TAGS_COLUMNS = ['id', 'name', 'users_count', 'active members', 'suspended members'] as const;
export const MEMBERSHIP_COLUMNS = ['tag', 'tag_id', 'user_id', 'email', 'name', 'suspended'] as const;

export interface TagRow {
  tag: GroupTag;
  activeMembers: number;
  suspendedMembers: number;
}

export interface MembershipRow {
  tag: GroupTag;
  user: User;
}

export function tagRow(row: TagRow): CellValue[] {
  return [row.tag.id, row.tag.name, row.tag.users_count, row.activeMembers, row.suspendedMembers];
}

export function membershipRow(row: MembershipRow, t: Catalog): CellValue[] {
  return [row.tag.name, row.tag.id, row.user.id, text(row.user.email), fullName(row.user), yesNo(row.user.suspended, t)];
}
