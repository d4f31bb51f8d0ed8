// The security log's part of the audit (audit --since/--days): who changed roles, who created
// and deleted accounts (and whether this tool's runs did), API tokens, repeated two-factor
// failures, the last sign-in per person, changes made outside the tool and events per day.
// Pure: the log, the directory and the runs' changes come in, tables come out.
import type { AuditEvent, User } from '../pachca/types.js';
import type { CellValue } from '../sheets/write.js';
import type { Directory } from '../sync/directory.js';
import type { ToolChange } from '../sync/run-journals.js';
import type { SecurityLog, SecurityLogRefusal } from '../sync/security-log.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { displayName, type AuditAppendix } from './audit.js';

/** Two or more failed second factors in the period make a person's failures "repeated". */
export const REPEATED_2FA_FAILURES = 2;
/** A journal line this close to an event (either side) is the tool's own change. */
const TOOL_MATCH_WINDOW_MS = 10 * 60 * 1000;
const TOOL_USER_AGENT = 'pachca-roster/';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The events-per-day chart shows at most this many days (the log keeps 90). */
const MAX_CHART_DAYS = 366;

const DIRECTORY_CHANGE_KEYS = new Set([
  'user_created', 'user_deleted', 'user_updated', 'user_role_changed',
  'tag_created', 'tag_deleted', 'user_added_to_tag', 'user_removed_from_tag',
]);

export interface PersonRef {
  id: number | null;
  email: string;
  name: string;
}

export interface RoleChange { at: Date; person: PersonRef; from: string; to: string; by: PersonRef; madeBy: string }
export interface AccountChange { at: Date; change: 'created' | 'deleted'; account: PersonRef; by: PersonRef; madeBy: string; byTool: boolean }
export interface TokenChange { at: Date; change: 'created' | 'updated' | 'destroyed'; tokenId: string; owner: PersonRef; scopes: string[] }
export interface TwoFactorFailures { person: PersonRef; failures: number; first: Date; last: Date }
export interface LastSignIn { person: PersonRef; at: Date; signIns: number; ipAddress: string; userAgent: string }
export interface OutsideChange { at: Date; event: string; target: string; by: PersonRef; detail: string }
export interface DayCount { day: string; count: number }

export interface SecurityLogReport {
  since: Date;
  /** Why the log was not read (no scope, not on the plan; English, as the JSON says it); the sections are then empty. */
  note?: string;
  /** The same, as a reason the reports say in their language. */
  refusal?: SecurityLogRefusal;
  /** Run folders' journals read with --runs, or null without it. */
  journalsRead: number | null;
  roleChanges: RoleChange[];
  accounts: AccountChange[];
  tokens: TokenChange[];
  twoFactorFailures: TwoFactorFailures[];
  lastSignIns: LastSignIn[];
  outsideChanges: OutsideChange[];
  eventsPerDay: DayCount[];
}

export interface SecurityLogOptions {
  now: Date;
  /** From --runs DIR: what this tool's runs changed. */
  runs?: { journals: number; changes: ToolChange[] };
  /** The words of the rows (not in the directory, made by a run, a change's details); default English, as the JSON says them. */
  t?: Catalog;
}

function idOf(value: unknown): number | null {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

function detail(event: AuditEvent, key: string): unknown {
  return event.details && typeof event.details === 'object' ? event.details[key] : undefined;
}

function personRef(directory: Directory, id: number | null, t: Catalog): PersonRef {
  const user: User | undefined = id === null ? undefined : directory.usersById.get(id);
  if (!user) return { id, email: '', name: id === null ? '' : t.logNotInDirectory(id) };
  return { id, email: user.email ?? '', name: displayName(user) };
}

/** Who did it: `initiator_id` in the details when there is one (role and tag membership changes), else the actor. */
function initiatorOf(event: AuditEvent): number | null {
  return idOf(detail(event, 'initiator_id')) ?? idOf(event.actor_id);
}

/** The user or tag a change is about, as the runs' journals name them (a membership event's member is its actor). */
function changeTarget(event: AuditEvent): { target: 'user' | 'tag'; id: number | null } {
  if (event.event_key === 'user_added_to_tag' || event.event_key === 'user_removed_from_tag') return { target: 'user', id: idOf(event.actor_id) };
  return { target: event.entity_type === 'GroupTag' ? 'tag' : 'user', id: idOf(event.entity_id) };
}

class ToolAttribution {
  private readonly byTarget = new Map<string, ToolChange[]>();

  constructor(
    changes: readonly ToolChange[],
    private readonly t: Catalog,
  ) {
    for (const change of changes) {
      const key = `${change.target}:${change.id}`;
      const list = this.byTarget.get(key) ?? [];
      list.push(change);
      this.byTarget.set(key, list);
    }
  }

  /** '' when made outside the tool; else "pachca-roster" and the run folder when a journal names it. */
  madeBy(event: AuditEvent): string {
    const { target, id } = changeTarget(event);
    const at = Date.parse(event.created_at);
    const run = id === null ? undefined : this.byTarget.get(`${target}:${id}`)?.find((change) => Math.abs(change.at.getTime() - at) <= TOOL_MATCH_WINDOW_MS);
    if (run) return this.t.logMadeByRun(run.run);
    return (event.user_agent ?? '').startsWith(TOOL_USER_AGENT) ? 'pachca-roster' : '';
  }
}

function eventDetail(event: AuditEvent, directory: Directory, t: Catalog): string {
  const name = detail(event, 'name');
  if (typeof name === 'string') return t.logTagNamed(name);
  const changed = detail(event, 'changed_attrs');
  if (Array.isArray(changed)) return t.logChangedAttrs(changed.join(', '));
  const role = detail(event, 'new_company_role');
  if (typeof role === 'string') return t.logRoleChange(String(detail(event, 'previous_company_role') ?? '?'), role);
  if (event.entity_type === 'GroupTag') {
    const tag = directory.tags.find((candidate) => String(candidate.id) === event.entity_id);
    return tag ? t.logTagNamed(tag.name) : t.logTagId(event.entity_id);
  }
  return '';
}

function targetText(event: AuditEvent, directory: Directory, t: Catalog): string {
  const { target, id } = changeTarget(event);
  if (target === 'tag') {
    const tag = directory.tags.find((candidate) => candidate.id === id);
    return tag ? t.logTagNamed(tag.name) : t.logTagId(String(detail(event, 'name') ?? id ?? ''));
  }
  const person = personRef(directory, id, t);
  return [person.name, person.email].filter(Boolean).join(' ') || String(id ?? '');
}

const TOKEN_CHANGES: Record<string, TokenChange['change']> = {
  access_token_created: 'created', access_token_updated: 'updated', access_token_destroy: 'destroyed',
};

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function buildSecurityLogReport(log: SecurityLog, directory: Directory, options: SecurityLogOptions): SecurityLogReport {
  const report: SecurityLogReport = {
    since: log.since, journalsRead: options.runs ? options.runs.journals : null,
    roleChanges: [], accounts: [], tokens: [], twoFactorFailures: [], lastSignIns: [], outsideChanges: [], eventsPerDay: [],
  };
  if (!log.available) return { ...report, note: log.note, refusal: log.reason };
  const t = options.t ?? messages('en');
  const tool = new ToolAttribution(options.runs?.changes ?? [], t);
  const person = (id: number | null): PersonRef => personRef(directory, id, t);
  const failures = new Map<number, TwoFactorFailures>();
  const signIns = new Map<number, LastSignIn>();
  const perDay = new Map<string, number>();

  for (const event of log.events) {
    const at = new Date(event.created_at);
    if (Number.isNaN(at.getTime())) continue;
    perDay.set(dayOf(at), (perDay.get(dayOf(at)) ?? 0) + 1);
    const key = event.event_key;
    const madeBy = DIRECTORY_CHANGE_KEYS.has(key) ? tool.madeBy(event) : '';
    if (key === 'user_role_changed') {
      report.roleChanges.push({
        at, person: person(idOf(event.entity_id)), by: person(initiatorOf(event)), madeBy,
        from: String(detail(event, 'previous_company_role') ?? ''), to: String(detail(event, 'new_company_role') ?? ''),
      });
    } else if (key === 'user_created' || key === 'user_deleted') {
      report.accounts.push({
        at, change: key === 'user_created' ? 'created' : 'deleted', account: person(idOf(event.entity_id)),
        by: person(idOf(event.actor_id)), madeBy, byTool: madeBy !== '',
      });
    } else if (key in TOKEN_CHANGES) {
      const scopes = detail(event, 'scopes');
      report.tokens.push({
        at, change: TOKEN_CHANGES[key] as TokenChange['change'], tokenId: event.entity_id, owner: person(idOf(event.actor_id)),
        scopes: Array.isArray(scopes) ? scopes.map(String) : [],
      });
    } else if (key === 'user_2fa_fail') {
      const id = idOf(event.actor_id);
      if (id === null) continue;
      const entry = failures.get(id) ?? { person: person(id), failures: 0, first: at, last: at };
      entry.failures += 1;
      if (at < entry.first) entry.first = at;
      if (at > entry.last) entry.last = at;
      failures.set(id, entry);
    } else if (key === 'user_login') {
      const id = idOf(event.actor_id);
      if (id === null) continue;
      const entry = signIns.get(id);
      if (!entry || at >= entry.at) {
        signIns.set(id, { person: person(id), at, signIns: (entry?.signIns ?? 0) + 1, ipAddress: event.ip_address ?? '', userAgent: event.user_agent ?? '' });
      } else entry.signIns += 1;
    }
    if (DIRECTORY_CHANGE_KEYS.has(key) && madeBy === '') {
      report.outsideChanges.push({ at, event: key, target: targetText(event, directory, t), by: person(initiatorOf(event)), detail: eventDetail(event, directory, t) });
    }
  }
  report.twoFactorFailures = [...failures.values()].filter((entry) => entry.failures >= REPEATED_2FA_FAILURES).sort((a, b) => b.failures - a.failures);
  report.lastSignIns = [...signIns.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  report.eventsPerDay = daysBetween(log.since, options.now).map((day) => ({ day, count: perDay.get(day) ?? 0 }));
  return report;
}

function daysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const start = Math.max(Date.parse(dayOf(from)), Date.parse(dayOf(to)) - (MAX_CHART_DAYS - 1) * DAY_MS);
  for (let time = start; time <= to.getTime(); time += DAY_MS) days.push(dayOf(new Date(time)));
  return days;
}

/** Person id -> last sign-in in the period: the audit's "inactive" uses it where present. */
export function lastSignInById(report: SecurityLogReport): Map<number, string> {
  const map = new Map<number, string>();
  for (const entry of report.lastSignIns) if (entry.person.id !== null) map.set(entry.person.id, entry.at.toISOString());
  return map;
}

export interface SecurityLogCounts {
  roleChanges: number;
  accountsCreated: number;
  accountsCreatedByTool: number;
  accountsDeleted: number;
  tokenChanges: number;
  repeated2faFailures: number;
  peopleSignedIn: number;
  outsideChanges: number;
}

export function securityLogCounts(report: SecurityLogReport): SecurityLogCounts {
  const created = report.accounts.filter((entry) => entry.change === 'created');
  return {
    roleChanges: report.roleChanges.length,
    accountsCreated: created.length,
    accountsCreatedByTool: created.filter((entry) => entry.byTool).length,
    accountsDeleted: report.accounts.length - created.length,
    tokenChanges: report.tokens.length,
    repeated2faFailures: report.twoFactorFailures.length,
    peopleSignedIn: report.lastSignIns.length,
    outsideChanges: report.outsideChanges.length,
  };
}

/** Why the log was not read, in the catalog's language (undefined when it was read). */
export function securityLogNote(report: SecurityLogReport, t: Catalog): string | undefined {
  if (!report.note) return undefined;
  return report.refusal ? t.securityLogNotRead[report.refusal] : report.note;
}

/** The heading of the printed counts: since when, or why the log was not read. */
export function securityLogHeading(report: SecurityLogReport, t: Catalog): string {
  return securityLogNote(report, t) ?? t.securityLogSince(dayOf(report.since));
}

/** [title, count] for the text output and the Summary sheet; empty when the log was not read. */
export function securityLogSummaryLines(report: SecurityLogReport, t: Catalog = messages('en')): [string, number][] {
  if (report.note) return [];
  const counts = securityLogCounts(report);
  const title = t.securityLogCounts;
  return [
    [title.roleChanges, counts.roleChanges],
    [title.accountsCreated, counts.accountsCreated],
    [title.accountsCreatedByTool, counts.accountsCreatedByTool],
    [title.accountsDeleted, counts.accountsDeleted],
    [title.tokenChanges, counts.tokenChanges],
    [title.repeated2faFailures(REPEATED_2FA_FAILURES), counts.repeated2faFailures],
    [title.peopleSignedIn, counts.peopleSignedIn],
    [title.outsideChanges, counts.outsideChanges],
  ];
}

export interface SecurityLogTable {
  key: string;
  title: string;
  description: string;
  columns: string[];
  rows: CellValue[][];
}

type ColumnKey = keyof Catalog['securityLogColumns'];
const PERSON_COLUMNS = (prefix: '' | 'by_' | 'owner_'): ColumnKey[] => [`${prefix}id`, `${prefix}email`, `${prefix}name`];
const personCells = (ref: PersonRef): CellValue[] => [ref.id, ref.email, ref.name];
const TOOL_RUN = /^pachca-roster \(run (.+)\)$/;

export function securityLogTables(report: SecurityLogReport, t: Catalog = messages('en')): SecurityLogTable[] {
  if (report.note) return [];
  const since = dayOf(report.since);
  const section = t.securityLogSections;
  const runsNote = report.journalsRead === null ? t.securityLogWithoutRuns : t.securityLogRunsMatched(report.journalsRead);
  const madeBy = (text: string): string => {
    const run = TOOL_RUN.exec(text)?.[1];
    return run === undefined ? text : t.securityLogByRun(run);
  };
  const change = (word: string): string => t.securityLogChanges[word] ?? word;
  const tables: (Omit<SecurityLogTable, 'columns'> & { columns: ColumnKey[] })[] = [
    {
      key: 'roleChanges', title: section.roleChanges.title, description: section.roleChanges.description(since),
      columns: ['at', ...PERSON_COLUMNS(''), 'from', 'to', ...PERSON_COLUMNS('by_'), 'made_by'],
      rows: report.roleChanges.map((entry) => [entry.at, ...personCells(entry.person), entry.from, entry.to, ...personCells(entry.by), madeBy(entry.madeBy)]),
    },
    {
      key: 'accounts', title: section.accounts.title, description: `${section.accounts.description(since)} ${runsNote}`,
      columns: ['at', 'change', ...PERSON_COLUMNS(''), ...PERSON_COLUMNS('by_'), 'made_by'],
      rows: report.accounts.map((entry) => [entry.at, change(entry.change), ...personCells(entry.account), ...personCells(entry.by), madeBy(entry.madeBy)]),
    },
    {
      key: 'tokens', title: section.tokens.title, description: section.tokens.description(since),
      columns: ['at', 'change', 'token_id', ...PERSON_COLUMNS('owner_'), 'scopes'],
      rows: report.tokens.map((entry) => [entry.at, change(entry.change), entry.tokenId, ...personCells(entry.owner), entry.scopes.join(', ')]),
    },
    {
      key: 'twoFactorFailures', title: section.twoFactorFailures.title, description: section.twoFactorFailures.description(since, REPEATED_2FA_FAILURES),
      columns: [...PERSON_COLUMNS(''), 'failures', 'first_at', 'last_at'],
      rows: report.twoFactorFailures.map((entry) => [...personCells(entry.person), entry.failures, entry.first, entry.last]),
    },
    {
      key: 'lastSignIns', title: section.lastSignIns.title, description: section.lastSignIns.description(since),
      columns: [...PERSON_COLUMNS(''), 'last_sign_in_at', 'sign_ins', 'ip_address', 'user_agent'],
      rows: report.lastSignIns.map((entry) => [...personCells(entry.person), entry.at, entry.signIns, entry.ipAddress, entry.userAgent]),
    },
    {
      key: 'outsideChanges', title: section.outsideChanges.title, description: `${section.outsideChanges.description(since)} ${runsNote}`,
      columns: ['at', 'event', 'target', ...PERSON_COLUMNS('by_'), 'detail'],
      rows: report.outsideChanges.map((entry) => [entry.at, entry.event, entry.target, ...personCells(entry.by), entry.detail]),
    },
    {
      key: 'eventsPerDay', title: section.eventsPerDay.title, description: section.eventsPerDay.description,
      columns: ['day', 'events'],
      rows: report.eventsPerDay.map((entry) => [entry.day, entry.count]),
    },
  ];
  return tables.map((table) => ({ ...table, columns: table.columns.map((column) => t.securityLogColumns[column]) }));
}

/** The security log's sheets and Summary lines for the audit workbook (only the note when it was not read). */
export function securityLogAppendix(report: SecurityLogReport, t: Catalog = messages('en')): AuditAppendix {
  const since: [string, CellValue] = [t.securityLogSummarySince, report.since];
  const note = securityLogNote(report, t);
  if (note !== undefined) return { tables: [], summary: [since, [t.securityLogSummaryNote, note]] };
  return { tables: securityLogTables(report, t), summary: [since, ...securityLogSummaryLines(report, t)] };
}
