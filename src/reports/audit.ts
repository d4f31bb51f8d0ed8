// Directory -> audit findings. Pure (the clock is a parameter) so tests can pin `now`.
// Bots are left out of every people finding: they never log in and have no department.
import type { GroupTag, User } from '../pachca/types.js';
import type { CellValue } from '../sheets/write.js';
import { createXlsxWorkbookWriter } from '../sheets/xlsx-writer.js';
import { tagKey, type Directory } from '../sync/directory.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { machineTimeZone, zonedHeader } from '../sheets/time-zone.js';
import { addSummarySheet, fittedColumns, zonedColumns } from './column-widths.js';

export const DEFAULT_INACTIVE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditOptions {
  now: Date;
  inactiveDays?: number;
  /** Person id -> last sign-in from the security log; used instead of last activity where present. */
  lastSignInById?: ReadonlyMap<number, string>;
}

export interface InactiveFinding {
  user: User;
  /** Whole days since last activity; null when the user never logged in. */
  daysSinceActivity: number | null;
  daysSinceCreated: number;
  reason: string;
}

export interface PendingInviteFinding {
  user: User;
  ageDays: number;
  /** The inviter's name, looked up in the directory (the API gives only inviter_id); null when not there. */
  inviterName: string | null;
}

export interface SuspendedInTagsFinding {
  user: User;
  tags: string[];
}

export type MissingField = 'department' | 'title' | 'phone_number';

export interface MissingFieldsFinding {
  user: User;
  missing: MissingField[];
}

export interface PrivilegedFinding {
  user: User;
}

export interface EmptyTagFinding {
  tag: GroupTag;
}

export interface DuplicateFinding {
  /** "first last", lower-cased: the key the group shares. */
  name: string;
  /** Users sharing the name, two or more distinct emails. */
  users: User[];
}

/** Buckets of the "days since last activity" histogram. */
export interface ActivityBucket {
  label: string;
  count: number;
}

export interface DepartmentCount {
  department: string;
  count: number;
}

export interface AuditReport {
  now: Date;
  inactiveDays: number;
  /** Non-bot users considered. */
  people: number;
  inactive: InactiveFinding[];
  pendingInvites: PendingInviteFinding[];
  suspendedInTags: SuspendedInTagsFinding[];
  missingFields: MissingFieldsFinding[];
  adminsAndGuests: PrivilegedFinding[];
  emptyTags: EmptyTagFinding[];
  duplicates: DuplicateFinding[];
  /** Active (not suspended) people per department, largest first. */
  headcountByDepartment: DepartmentCount[];
  /** Active people by days since last activity. */
  activityHistogram: ActivityBucket[];
}

export const NO_DEPARTMENT = '(no department)';

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

function daysSince(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : Math.max(0, wholeDaysBetween(date, now));
}

export function displayName(user: User): string {
  return [user.first_name, user.last_name].filter((part) => !isBlank(part)).join(' ');
}

/** Upper bounds (inclusive, days) of the histogram buckets; the last bucket is open, then "never". */
const ACTIVITY_BUCKETS: { label: string; maxDays: number }[] = [
  { label: '0–7', maxDays: 7 },
  { label: '8–30', maxDays: 30 },
  { label: '31–90', maxDays: 90 },
  { label: '91–180', maxDays: 180 },
  { label: '181–365', maxDays: 365 },
  { label: '> 365', maxDays: Number.POSITIVE_INFINITY },
];
export const NEVER_ACTIVE_LABEL = 'never';

export function buildAudit(directory: Directory, options: AuditOptions): AuditReport {
  const now = options.now;
  const inactiveDays = options.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
  const people = directory.users.filter((user) => !user.bot);
  const active = people.filter((user) => !user.suspended);

  const inactive: InactiveFinding[] = [];
  for (const user of active) {
    const signIn = options.lastSignInById?.get(user.id);
    const daysSinceActivity = daysSince(signIn ?? user.last_activity_at, now);
    const daysSinceCreated = daysSince(user.created_at, now) ?? 0;
    if (daysSinceActivity !== null && daysSinceActivity > inactiveDays) {
      const reason = signIn ? `no sign-in for ${daysSinceActivity} days (security log)` : `no activity for ${daysSinceActivity} days`;
      inactive.push({ user, daysSinceActivity, daysSinceCreated, reason });
    } else if (daysSinceActivity === null && daysSinceCreated > inactiveDays) {
      inactive.push({ user, daysSinceActivity, daysSinceCreated, reason: `never logged in; created ${daysSinceCreated} days ago` });
    }
  }
  inactive.sort((a, b) => (b.daysSinceActivity ?? b.daysSinceCreated) - (a.daysSinceActivity ?? a.daysSinceCreated));

  const byId = new Map(directory.users.map((user) => [user.id, user]));
  const nameOf = (id: number | null): string | null => {
    const inviter = id === null ? undefined : byId.get(id);
    return inviter ? displayName(inviter) || inviter.email || String(inviter.id) : null;
  };
  const pendingInvites = people
    .filter((user) => user.invite_status === 'sent')
    .map((user) => ({ user, ageDays: daysSince(user.created_at, now) ?? 0, inviterName: nameOf(user.inviter_id) }))
    .sort((a, b) => b.ageDays - a.ageDays);

  const suspendedInTags = people
    .filter((user) => user.suspended && user.list_tags.length > 0)
    .map((user) => ({ user, tags: [...user.list_tags] }));

  const missingFields: MissingFieldsFinding[] = [];
  for (const user of active) {
    const missing: MissingField[] = [];
    if (isBlank(user.department)) missing.push('department');
    if (isBlank(user.title)) missing.push('title');
    if (isBlank(user.phone_number)) missing.push('phone_number');
    if (missing.length) missingFields.push({ user, missing });
  }

  const adminsAndGuests = people
    .filter((user) => user.role !== 'user')
    .map((user) => ({ user }));

  // A tag with only bots or suspended members still has members: "empty" means nobody at all.
  const taggedNames = new Set<string>();
  for (const user of directory.users) for (const name of user.list_tags) taggedNames.add(tagKey(name));
  const emptyTags = directory.tags.filter((tag) => !taggedNames.has(tagKey(tag.name))).map((tag) => ({ tag }));

  const byName = new Map<string, User[]>();
  for (const user of people) {
    if (isBlank(user.first_name) || isBlank(user.last_name)) continue;
    const key = `${user.first_name!.trim()} ${user.last_name!.trim()}`.toLowerCase().replace(/\s+/g, ' ');
    const group = byName.get(key) ?? [];
    group.push(user);
    byName.set(key, group);
  }
  const duplicates: DuplicateFinding[] = [];
  for (const [name, group] of byName) {
    const emails = new Set(group.map((user) => (user.email ?? '').trim().toLowerCase()));
    if (group.length > 1 && emails.size > 1) duplicates.push({ name, users: group });
  }
  duplicates.sort((a, b) => a.name.localeCompare(b.name));

  const departmentCounts = new Map<string, number>();
  for (const user of active) {
    const department = isBlank(user.department) ? NO_DEPARTMENT : user.department!.trim();
    departmentCounts.set(department, (departmentCounts.get(department) ?? 0) + 1);
  }
  const headcountByDepartment = [...departmentCounts]
    .map(([department, count]) => ({ department, count }))
    .sort((a, b) => b.count - a.count || a.department.localeCompare(b.department));

  const activityHistogram: ActivityBucket[] = [
    ...ACTIVITY_BUCKETS.map((bucket) => ({ label: bucket.label, count: 0 })),
    { label: NEVER_ACTIVE_LABEL, count: 0 },
  ];
  for (const user of active) {
    const days = daysSince(user.last_activity_at, now);
    const index = days === null ? ACTIVITY_BUCKETS.length : ACTIVITY_BUCKETS.findIndex((bucket) => days <= bucket.maxDays);
    activityHistogram[index]!.count += 1;
  }

  return {
    now, inactiveDays, people: people.length,
    inactive, pendingInvites, suspendedInTags, missingFields, adminsAndGuests, emptyTags, duplicates,
    headcountByDepartment, activityHistogram,
  };
}

/** One finding as a titled table: the shape the workbook, the HTML page and --json share. */
export interface FindingTable {
  key: keyof AuditSummaryCounts;
  title: string;
  description: string;
  columns: string[];
  rows: CellValue[][];
}

export interface AuditSummaryCounts {
  inactive: number;
  pendingInvites: number;
  suspendedInTags: number;
  missingFields: number;
  adminsAndGuests: number;
  emptyTags: number;
  duplicates: number;
}

export function auditSummary(report: AuditReport): AuditSummaryCounts {
  return {
    inactive: report.inactive.length,
    pendingInvites: report.pendingInvites.length,
    suspendedInTags: report.suspendedInTags.length,
    missingFields: report.missingFields.length,
    adminsAndGuests: report.adminsAndGuests.length,
    emptyTags: report.emptyTags.length,
    duplicates: report.duplicates.reduce((sum, group) => sum + group.users.length, 0),
  };
}

function dateOrNull(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function personCells(user: User): CellValue[] {
  return [user.id, user.email ?? '', displayName(user)];
}
const PERSON_COLUMNS = ['id', 'email', 'name'];

/** The findings as tables, titled and headed in the catalog's words. */
export function findingTables(report: AuditReport, t: Catalog = messages('en')): FindingTable[] {
  const yesNo = (value: boolean): string => (value ? t.yes : t.no);
  const said = (table: Omit<FindingTable, 'title' | 'description'>): FindingTable => ({
    ...table,
    title: t.auditFindings[table.key].title,
    description: t.auditFindings[table.key].description(report.inactiveDays),
    columns: table.columns.map((column) => t.auditColumns[column] ?? column),
  });
  return [
    said({
      key: 'inactive',
      columns: [...PERSON_COLUMNS, 'department', 'last_activity_at', 'days_since_activity', 'created_at', 'reason'],
      rows: report.inactive.map((finding) => [
        ...personCells(finding.user), finding.user.department ?? '', dateOrNull(finding.user.last_activity_at),
        finding.daysSinceActivity, dateOrNull(finding.user.created_at), finding.reason,
      ]),
    }),
    said({
      key: 'pendingInvites',
      columns: [...PERSON_COLUMNS, 'department', 'created_at', 'age_days', 'inviter_id', 'inviter', 'suspended'],
      rows: report.pendingInvites.map((finding) => [
        ...personCells(finding.user), finding.user.department ?? '', dateOrNull(finding.user.created_at),
        finding.ageDays, finding.user.inviter_id, finding.inviterName ?? '', yesNo(finding.user.suspended),
      ]),
    }),
    said({
      key: 'suspendedInTags',
      columns: [...PERSON_COLUMNS, 'tags'],
      rows: report.suspendedInTags.map((finding) => [...personCells(finding.user), finding.tags.join(', ')]),
    }),
    said({
      key: 'missingFields',
      columns: [...PERSON_COLUMNS, 'missing', 'department', 'title', 'phone_number'],
      rows: report.missingFields.map((finding) => [
        ...personCells(finding.user), finding.missing.join(', '),
        finding.user.department ?? '', finding.user.title ?? '', finding.user.phone_number ?? '',
      ]),
    }),
    said({
      key: 'adminsAndGuests',
      columns: [...PERSON_COLUMNS, 'role', 'suspended', 'last_activity_at'],
      rows: report.adminsAndGuests.map((finding) => [
        ...personCells(finding.user), finding.user.role, yesNo(finding.user.suspended), dateOrNull(finding.user.last_activity_at),
      ]),
    }),
    said({
      key: 'emptyTags',
      columns: ['tag_id', 'tag', 'users_count'],
      rows: report.emptyTags.map((finding) => [finding.tag.id, finding.tag.name, finding.tag.users_count]),
    }),
    said({
      key: 'duplicates',
      columns: ['duplicate_name', ...PERSON_COLUMNS, 'department', 'suspended', 'created_at'],
      rows: report.duplicates.flatMap((group) => group.users.map((user) => [
        group.name, ...personCells(user), user.department ?? '', yesNo(user.suspended), dateOrNull(user.created_at),
      ])),
    }),
  ];
}

/** Excel sheet names are limited to 31 characters and a few forbidden characters. */
function sheetName(title: string): string {
  return title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
}

/** Sections from elsewhere (the security log): sheets after the directory's, lines in the Summary. */
export interface AuditAppendix {
  tables: { title: string; columns: string[]; rows: CellValue[][] }[];
  summary: [string, CellValue][];
}

/** Rows measured for the column widths. */
const WIDTH_SAMPLE = 500;

/** The audit workbook; its times are date cells in `timeZone` (default the machine's), named in the headers. */
export async function writeAuditXlsx(
  path: string, report: AuditReport, appendix: AuditAppendix = { tables: [], summary: [] }, lang: Lang = 'en', timeZone: string = machineTimeZone(),
): Promise<void> {
  const t = messages(lang);
  const writer = createXlsxWorkbookWriter(path, { timeZone, dateTimeFormat: t.excelDateTimeFormat });
  try {
    // The Summary first (and the sheet the workbook opens on), then a sheet per finding.
    const summaryRows: CellValue[][] = [
      ...summaryLines(report, t),
      [t.auditThreshold, report.inactiveDays],
      [t.auditPeople, report.people],
      [t.auditAuditedAt, report.now],
      ...appendix.summary,
    ].map(([title, value]) => [value instanceof Date ? zonedHeader(String(title), timeZone) : title, value]);
    addSummarySheet(writer, t.summarySheet, [t.auditFinding, t.auditCount], summaryRows);
    for (const table of [...findingTables(report, t), ...appendix.tables]) {
      const headers = zonedColumns(table.columns, table.rows, timeZone);
      const sheet = writer.addSheet(sheetName(table.title), fittedColumns(headers, table.rows.slice(0, WIDTH_SAMPLE)));
      for (const row of table.rows) sheet.addRow(row);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** [title, count] per finding, in sheet order. */
export function summaryLines(report: AuditReport, t: Catalog = messages('en')): [string, number][] {
  const counts = auditSummary(report);
  return findingTables(report, t).map((table) => [table.title, counts[table.key]]);
}
