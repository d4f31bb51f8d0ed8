// Directory -> export workbook (XLSX) or CSV files. The Users sheet starts with exactly the
// columns the import reads, written as the import reads them back (see export-cells.ts), so an
// unmodified export imports back as zero changes; read-only columns follow.
import { join } from 'node:path';
import { makePrivateFolder, writeFileAtomic } from '../files/private.js';
import type { CustomPropertyDefinition, GroupTag, User } from '../pachca/types.js';
import { writeCsvFile, type CellValue, type PreparedRow, type XlsxSheetWriter, type XlsxWriter } from '../sheets/write.js';
import { createXlsxWorkbookWriter } from '../sheets/xlsx-writer.js';
import { machineTimeZone, zonedHeader } from '../sheets/time-zone.js';
import { buildDirectory, tagKey, type Directory } from '../sync/directory.js';
import { BASE_SHEET, baseSheetColumns, baseSideFile, baseSideFilePath, exportedUserValues, MEMBERSHIP_SHEET, TAGS_SHEET } from '../sync/export-base.js';
import { addChatSheets, writeChatCsvs, type ExportChats } from './export-chats.js';
import {
  fullName, inviterName, MEMBERSHIP_COLUMNS, membershipRow, TAGS_COLUMNS, tagRow, userColumns, userRow,
  type ExportWords, type MembershipRow, type TagRow,
} from './export-cells.js';
import { addSummarySheet, fittedColumns } from './column-widths.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';

export { EXPORT_LEADING_COLUMNS, EXPORT_STATUS_COLUMNS, TAG_SEPARATOR } from '../sync/export-base.js';
export { MEMBERSHIP_COLUMNS, TAGS_COLUMNS, userColumns, userRow, type MembershipRow, type TagRow } from './export-cells.js';

export interface ExportFilter {
  includeBots?: boolean;
  /** Case-insensitive partial match over names, email, phone and nickname (the API's `query` semantics). */
  query?: string;
  /** Only members of this tag (case-insensitive name). */
  tag?: string;
  /** Only this department (case-insensitive, exact). */
  department?: string;
}

export interface ExportSelection {
  users: User[];
  membership: MembershipRow[];
  tags: TagRow[];
  /** Tag the --tag filter resolved to, when given. */
  tag?: GroupTag;
  botsExcluded: number;
}

export class UnknownTagError extends Error {
  constructor(readonly tagName: string) {
    super(`no tag named "${tagName}" in the directory`);
    this.name = 'UnknownTagError';
  }
}

function text(value: string | null | undefined): string {
  return value ?? '';
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Partial, case-insensitive match over names, email, phone and nickname, like GET /users?query=. */
export function matchesQuery(user: User, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const haystacks = [user.first_name, user.last_name, fullName(user), user.email, user.phone_number, user.nickname];
  if (haystacks.some((value) => value && value.toLowerCase().includes(needle))) return true;
  // "+7 916 123" finds "+79161234567": compare phone digits too.
  const needleDigits = digitsOf(needle);
  return needleDigits.length >= 3 && needleDigits.length === needle.replace(/[\s()+\-.]/g, '').length
    && !!user.phone_number && digitsOf(user.phone_number).includes(needleDigits);
}

/** Tags of a user that exist in the directory (list_tags holds names). */
function tagsOf(user: User, directory: Pick<Directory, 'tagsByName'>): GroupTag[] {
  const tags: GroupTag[] = [];
  for (const name of user.list_tags) {
    const tag = directory.tagsByName.get(tagKey(name));
    if (tag) tags.push(tag);
  }
  return tags;
}

/**
 * Which users the filters keep, from the tags alone (so users can be judged as their pages
 * arrive). Throws UnknownTagError for a --tag the directory lacks.
 */
export function exportUserFilter(tagsByName: ReadonlyMap<string, GroupTag>, filter: ExportFilter = {}): { keep: (user: User) => boolean; tag?: GroupTag } {
  const tag = filter.tag !== undefined ? tagsByName.get(tagKey(filter.tag)) : undefined;
  if (filter.tag !== undefined && !tag) throw new UnknownTagError(filter.tag);
  const department = filter.department?.trim().toLowerCase();
  const keep = (user: User): boolean => {
    if (!filter.includeBots && user.bot) return false;
    if (filter.query && !matchesQuery(user, filter.query)) return false;
    if (department !== undefined && text(user.department).trim().toLowerCase() !== department) return false;
    if (tag && !user.list_tags.some((name) => tagKey(name) === tagKey(tag.name))) return false;
    return true;
  };
  return tag ? { keep, tag } : { keep };
}

/**
 * Each tag's place in name order (localeCompare; names that compare equal share one), so
 * membership rows are grouped by a number: 300 tags are collated once, not 15,000 rows' pairs.
 */
function tagNameRanks(tags: readonly GroupTag[]): Map<number, number> {
  const sorted = [...tags].sort((a, b) => a.name.localeCompare(b.name));
  const ranks = new Map<number, number>();
  sorted.forEach((tag, index) => {
    const previous = sorted[index - 1];
    ranks.set(tag.id, previous && previous.name.localeCompare(tag.name) === 0 ? ranks.get(previous.id)! : index);
  });
  return ranks;
}

/**
 * The selection built user by user, in server order: the export's stream feeds it each user as
 * the pages arrive, so nothing is left to work out when the last page is in. Throws
 * UnknownTagError for a --tag the directory lacks.
 */
export class ExportSelector {
  private readonly keep: (user: User) => boolean;
  private readonly tag: GroupTag | undefined;
  private readonly users: User[] = [];
  private readonly membersByTag = new Map<number, User[]>();
  private readonly counts = new Map<number, { active: number; suspended: number }>();
  private listed = 0;
  private people = 0;

  constructor(private readonly lists: Pick<Directory, 'tags' | 'tagsByName'>, private readonly filter: ExportFilter = {}) {
    ({ keep: this.keep, tag: this.tag } = exportUserFilter(lists.tagsByName, filter));
  }

  /** Counts the user in: the tags whose membership rows list them, or undefined when the filters leave them out. */
  add(user: User): GroupTag[] | undefined {
    this.listed++;
    if (!this.filter.includeBots && user.bot) return undefined;
    this.people++;
    const kept = this.keep(user);
    if (kept) this.users.push(user);
    const memberOf: GroupTag[] = [];
    for (const userTag of tagsOf(user, this.lists)) {
      const count = this.counts.get(userTag.id) ?? { active: 0, suspended: 0 };
      if (user.suspended) count.suspended += 1;
      else count.active += 1;
      this.counts.set(userTag.id, count);
      if (kept && (!this.tag || userTag.id === this.tag.id)) {
        memberOf.push(userTag);
        const members = this.membersByTag.get(userTag.id);
        if (members) members.push(user);
        else this.membersByTag.set(userTag.id, [user]);
      }
    }
    return kept ? memberOf : undefined;
  }

  /** Membership by tag name, then user id; rows of tags whose names compare equal are mixed, by user id then tag id. */
  selection(): ExportSelection {
    const ranks = tagNameRanks(this.lists.tags);
    const byRank = new Map<number, MembershipRow[]>();
    for (const tag of this.lists.tags) {
      const members = this.membersByTag.get(tag.id);
      if (!members) continue;
      const rank = ranks.get(tag.id)!;
      const rows = byRank.get(rank) ?? [];
      for (const user of members) rows.push({ tag, user });
      byRank.set(rank, rows);
    }
    const membership = [...byRank.keys()].sort((a, b) => a - b).flatMap((rank) => byRank.get(rank)!.sort((a, b) => a.user.id - b.user.id || a.tag.id - b.tag.id));
    const tags = this.lists.tags.map((tag) => ({
      tag,
      activeMembers: this.counts.get(tag.id)?.active ?? 0,
      suspendedMembers: this.counts.get(tag.id)?.suspended ?? 0,
    }));
    return { users: [...this.users], membership, tags, ...(this.tag ? { tag: this.tag } : {}), botsExcluded: this.listed - this.people };
  }
}

/** Applies the filters to the snapshot. Throws UnknownTagError for a --tag the directory lacks. */
export function selectForExport(directory: Directory, filter: ExportFilter = {}): ExportSelection {
  const selector = new ExportSelector(directory, filter);
  for (const user of directory.users) selector.add(user);
  return selector.selection();
}

export interface ExportMeta {
  apiUrl: string;
  exportedAt: Date;
  filter: ExportFilter;
  /** The chats listed for the Chats sheets (absent: the token could not list them). */
  chats?: ExportChats;
}

/** The words and the zone of an export's cells; the zone defaults to the machine's. */
export function exportWords(lang: Lang = 'en', timeZone?: string): ExportWords {
  return { t: messages(lang), timeZone: timeZone ?? machineTimeZone() };
}

export interface ExportCounts {
  users: number;
  usersInDirectory: number;
  botsExcluded: number;
  suspended: number;
  pendingInvites: number;
  tags: number;
  memberships: number;
  customProperties: number;
}

export function exportCounts(directory: Directory, selection: ExportSelection): ExportCounts {
  return {
    users: selection.users.length,
    usersInDirectory: directory.users.length,
    botsExcluded: selection.botsExcluded,
    suspended: selection.users.filter((user) => user.suspended).length,
    pendingInvites: selection.users.filter((user) => user.invite_status === 'sent').length,
    tags: selection.tags.length,
    memberships: selection.membership.length,
    customProperties: directory.customProperties.length,
  };
}

function summaryRows(counts: ExportCounts, meta: ExportMeta, { t, timeZone }: ExportWords): CellValue[][] {
  const words = t.exportSummary;
  const filters = [
    meta.filter.query ? `query=${meta.filter.query}` : '',
    meta.filter.tag ? `tag=${meta.filter.tag}` : '',
    meta.filter.department ? `department=${meta.filter.department}` : '',
    meta.filter.includeBots ? 'include-bots' : '',
  ].filter(Boolean);
  return [
    [zonedHeader(words.exportedAt, timeZone), meta.exportedAt],
    [words.apiUrl, meta.apiUrl],
    [words.filters, filters.length ? filters.join('; ') : words.none],
    [words.users, counts.users],
    [words.usersInDirectory, counts.usersInDirectory],
    [words.botsExcluded, counts.botsExcluded],
    [words.suspended, counts.suspended],
    [words.pendingInvites, counts.pendingInvites],
    [words.tags, counts.tags],
    [words.memberships, counts.memberships],
    [words.customProperties, counts.customProperties],
  ];
}

/** Fits widths on a sample: measuring every row of a 20,000-user export buys nothing. */
const WIDTH_SAMPLE = 500;

/**
 * addRow is synchronous, and zlib, which compresses off the main thread, is handed its next piece
 * of text (about 500 rows' worth) only between turns: a pause that often keeps it busy while rows
 * are still being made, and a 20,000-user sheet bounded in memory.
 */
const YIELD_EVERY_ROWS = 500;
function yieldToStreams(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ExportResult {
  files: string[];
  counts: ExportCounts;
}

/**
 * The XLSX export, started while the directory is still being listed: once the tags and custom
 * property definitions are known (start), each user's rows (Users and the base sheet) are written
 * as the page arrives (user), and its membership rows are made then too (numbered and put in tag
 * order at the end), so little is left when the last page is in (finish).
 */
/** What start() fixes, once the tags and custom property definitions are known. */
interface ExportStarted {
  lists: Directory;
  /** Whom the filters keep, and the membership and tag counts, gathered as users arrive. */
  selector: ExportSelector;
  /** The values as exported, for the three-way merge when an edited copy is imported later. */
  base: XlsxSheetWriter;
  prepareMembershipRow: (values: readonly CellValue[]) => PreparedRow;
}

export class XlsxExportStream {
  private opened: XlsxWriter | undefined;
  private started: ExportStarted | undefined;
  private sheet: XlsxSheetWriter | undefined;
  /** Rows held back until WIDTH_SAMPLE of them have fixed the column widths. */
  private readonly pending: CellValue[][] = [];
  private written = 0;
  /** Every listed person's name by id (bots and people filtered out too), for the inviter column. */
  private readonly names = new Map<number, string>();
  /** Membership rows made as their users arrive, by tag id and user id; added in tag order at the end. */
  private readonly membershipRows = new Map<number, Map<number, PreparedRow>>();

  private readonly words: ExportWords;

  constructor(private readonly path: string, private readonly filter: ExportFilter, lang: Lang = 'en', timeZone?: string) {
    this.words = exportWords(lang, timeZone);
  }

  private get t(): Catalog {
    return this.words.t;
  }

  /** The workbook, opened on first use (when the lists have come). */
  private get writer(): XlsxWriter {
    this.opened ??= createXlsxWorkbookWriter(this.path, { timeZone: this.words.timeZone, dateTimeFormat: this.t.excelDateTimeFormat });
    return this.opened;
  }

  /** Fixes the columns and the filters. Throws UnknownTagError for a --tag the directory lacks. */
  start(tags: GroupTag[], customProperties: CustomPropertyDefinition[]): void {
    const lists = buildDirectory([], tags, customProperties);
    const selector = new ExportSelector(lists, this.filter);
    // The sheet's own columns (fitted at the end) differ only in width, which rows do not carry.
    const prepareMembershipRow = this.writer.rowPreparer(MEMBERSHIP_COLUMNS.map((header) => ({ header })));
    // Filled from now on, the last tab once the others are added.
    const base = this.writer.addSheet(BASE_SHEET, baseSheetColumns(lists).map((header) => ({ header })), {
      freezeHeader: false, autoFilter: false, state: 'veryHidden', protect: true, last: true,
    });
    for (const tag of tags) base.addRow(['tag', tag.id, tag.name]);
    this.started = { lists, selector, base, prepareMembershipRow };
  }

  /**
   * One listed user, in directory order (after start). An inviter joined before the people they
   * invited, so in the API's order (by id) their name is known by the time it is needed.
   */
  user(user: User): void {
    this.names.set(user.id, inviterName(user));
    if (!this.started) return;
    const { lists, selector, base, prepareMembershipRow } = this.started;
    const memberOf = selector.add(user);
    if (!memberOf) return;
    for (const tag of memberOf) {
      const rows = this.membershipRows.get(tag.id) ?? new Map<number, PreparedRow>();
      rows.set(user.id, prepareMembershipRow(membershipRow({ tag, user }, this.t)));
      this.membershipRows.set(tag.id, rows);
    }
    const row = userRow(user, lists, this.words, (id) => this.names.get(id));
    base.addRow(['user', user.id, '', ...exportedUserValues(user, lists)]);
    this.written++;
    if (this.sheet) {
      this.sheet.addRow(row);
      return;
    }
    this.pending.push(row);
    if (this.pending.length >= WIDTH_SAMPLE) this.openUsersSheet();
  }

  /** What the filters keep of the users listed so far (all of them once the listing is done). */
  selection(directory: Directory): ExportSelection {
    return this.started?.selector.selection() ?? selectForExport(directory, this.filter);
  }

  /** The rest of the workbook, from the whole directory; `selection` must be what the filters keep. */
  async finish(directory: Directory, meta: ExportMeta, selection = this.selection(directory)): Promise<ExportResult> {
    const counts = exportCounts(directory, selection);
    try {
      if (!this.started) this.start(directory.tags, directory.customProperties);
      if (this.written !== selection.users.length) {
        throw new Error(`export: ${this.written} users written, but the filters keep ${selection.users.length}`);
      }
      if (!this.sheet) this.openUsersSheet();

      const tagRows = selection.tags.map(tagRow);
      const tags = this.writer.addSheet(TAGS_SHEET, fittedColumns(TAGS_COLUMNS, tagRows));
      for (const row of tagRows) tags.addRow(row);

      const membershipSample = selection.membership.slice(0, WIDTH_SAMPLE).map((row) => membershipRow(row, this.t));
      const membership = this.writer.addSheet(MEMBERSHIP_SHEET, fittedColumns(MEMBERSHIP_COLUMNS, membershipSample));
      for (const [index, row] of selection.membership.entries()) {
        const prepared = this.membershipRows.get(row.tag.id)?.get(row.user.id);
        if (prepared) membership.addPreparedRow(prepared);
        else membership.addRow(membershipRow(row, this.t));
        if (index % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToStreams();
      }

      if (meta.chats) addChatSheets(this.writer, meta.chats, directory.tags, selection.users, this.t);

      addSummarySheet(this.writer, this.t.summarySheet, [this.t.summaryItem, this.t.summaryValue], summaryRows(counts, meta, this.words));

      await this.writer.commit();
    } catch (error) {
      await this.writer.abort();
      throw error;
    }
    return { files: [this.path], counts };
  }

  /** Gives up: removes the partial file. */
  async abort(): Promise<void> {
    await this.opened?.abort();
  }

  private openUsersSheet(): void {
    this.sheet = this.writer.addSheet(this.t.exportUsersSheet, fittedColumns(userColumns(this.started!.lists, this.words), this.pending));
    for (const row of this.pending.splice(0)) this.sheet.addRow(row);
  }
}

/** Writes the export workbook (the same stream as a live export), from a snapshot already taken. */
export async function writeExportXlsx(path: string, directory: Directory, selection: ExportSelection, meta: ExportMeta, lang: Lang = 'en', timeZone?: string): Promise<ExportResult> {
  const stream = new XlsxExportStream(path, meta.filter, lang, timeZone);
  try {
    stream.start(directory.tags, directory.customProperties);
    for (const [index, user] of directory.users.entries()) {
      stream.user(user);
      if (index % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToStreams();
    }
  } catch (error) {
    await stream.abort();
    throw error;
  }
  return stream.finish(directory, meta, selection);
}

export const CSV_FILE_NAMES = { users: 'users.csv', tags: 'tags.csv', membership: 'membership.csv', base: 'users.base.json' } as const;

/** Writes users.csv, tags.csv and membership.csv (UTF-8 with BOM, formula-neutralized) into `directoryPath`. */
export async function writeExportCsv(
  directoryPath: string,
  directory: Directory,
  selection: ExportSelection,
  { delimiter = ',', exportedAt = new Date(), lang = 'en', timeZone, chats }: { delimiter?: string; exportedAt?: Date; lang?: Lang; timeZone?: string; chats?: ExportChats } = {},
): Promise<ExportResult> {
  const words = exportWords(lang, timeZone);
  const names = new Map(directory.users.map((user) => [user.id, inviterName(user)]));
  await makePrivateFolder(directoryPath);
  const usersPath = join(directoryPath, CSV_FILE_NAMES.users);
  const tagsPath = join(directoryPath, CSV_FILE_NAMES.tags);
  const membershipPath = join(directoryPath, CSV_FILE_NAMES.membership);
  const options = { delimiter, bom: true, timeZone: words.timeZone };
  await writeCsvFile(usersPath, userColumns(directory, words), (function* () {
    for (const user of selection.users) yield userRow(user, directory, words, (id) => names.get(id));
  })(), options);
  await writeCsvFile(tagsPath, [...TAGS_COLUMNS], selection.tags.map(tagRow), options);
  await writeCsvFile(membershipPath, [...MEMBERSHIP_COLUMNS], (function* () {
    for (const row of selection.membership) yield membershipRow(row, words.t);
  })(), options);
  // The values as exported, for the three-way merge when an edited users.csv is imported later.
  const basePath = baseSideFilePath(usersPath);
  await writeFileAtomic(basePath, `${JSON.stringify(baseSideFile(directory, selection.users, exportedAt))}\n`);
  const chatFiles = chats ? await writeChatCsvs(directoryPath, chats, directory.tags, selection.users, delimiter, words.t) : [];
  return { files: [usersPath, tagsPath, membershipPath, basePath, ...chatFiles], counts: exportCounts(directory, selection) };
}

/** `pachca-directory-YYYY-MM-DD.xlsx` for the local date of `when`. */
export function defaultExportFileName(when: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `pachca-directory-${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}.xlsx`;
}
