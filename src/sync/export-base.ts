// The values an export wrote (its "base"), kept with the export so that importing an edited
// copy later can tell the cells a person changed from those Pachca changed since (three-way
// merge, see merge-base.ts). An XLSX export keeps them in a very hidden, protected sheet; a
// CSV export in a JSON side file next to users.csv. Values are keyed by user id and tag id.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../exit-codes.js';
import type { CanonicalColumn, NamedSheet, SheetDetected } from '../records/types.js';
import type { User } from '../pachca/types.js';
import type { Directory } from './directory.js';
import { splitZonedHeader } from '../sheets/time-zone.js';

/** The import columns, in the order the Users sheet lists them; custom properties go after `suspended`. */
export const EXPORT_LEADING_COLUMNS = [
  'email', 'first_name', 'last_name', 'nickname', 'phone_number', 'department', 'title', 'role', 'tags', 'suspended',
] as const satisfies readonly CanonicalColumn[];
export const EXPORT_STATUS_COLUMNS = [
  'status_emoji', 'status_title', 'status_expires_at', 'status_is_away', 'status_away_message',
] as const satisfies readonly CanonicalColumn[];

/** How `tags` cells join tag names (the import splits on commas). */
export const TAG_SEPARATOR = ', ';

/** The export workbook's tag sheets, read back by import (its Tags sheet renames and adds tags). */
export const TAGS_SHEET = 'Tags';
export const MEMBERSHIP_SHEET = 'Membership';
/** The workbook sheet holding the base: very hidden (not even listed by Unhide) and protected. */
export const BASE_SHEET = '_export_base';
/** Base sheet columns before the import columns: what a row is (`user` or `tag`), its id, and a tag's name. */
export const BASE_KIND_COLUMN = '_kind';
export const BASE_ID_COLUMN = '_id';
export const BASE_TAG_NAME_COLUMN = '_tag_name';

export interface ExportBase {
  /** Where it was read from, for messages. */
  source: string;
  /** User id -> import column (canonical name, or a custom property's name) -> text as exported. */
  users: Map<number, ReadonlyMap<string, string>>;
  /** Tag id -> name as exported (XLSX only: a CSV import has no Tags sheet). */
  tags: Map<number, string>;
}

/** The Users sheet's import columns: the leading ones, custom properties by name, the status ones. */
export function importColumns(directory: Directory): string[] {
  return [...EXPORT_LEADING_COLUMNS, ...directory.customProperties.map((definition) => definition.name), ...EXPORT_STATUS_COLUMNS];
}

function text(value: string | null | undefined): string {
  return value ?? '';
}

/** One user's import columns as the export writes them (text exactly as the API has it), aligned with importColumns. */
export function exportedUserValues(user: User, directory: Directory): string[] {
  const customValues = new Map(user.custom_properties.map((property) => [property.id, property.value]));
  const status = user.user_status;
  return [
    text(user.email),
    text(user.first_name),
    text(user.last_name),
    text(user.nickname),
    text(user.phone_number),
    text(user.department),
    text(user.title),
    user.role,
    user.list_tags.join(TAG_SEPARATOR),
    String(user.suspended),
    ...directory.customProperties.map((definition) => text(customValues.get(definition.id))),
    text(status?.emoji),
    text(status?.title),
    text(status?.expires_at),
    status ? String(status.is_away) : '',
    text(status?.away_message?.text),
  ];
}

/** The base sheet's header: kind, id, tag name, then the import columns. */
export function baseSheetColumns(directory: Directory): string[] {
  return [BASE_KIND_COLUMN, BASE_ID_COLUMN, BASE_TAG_NAME_COLUMN, ...importColumns(directory)];
}

/** The JSON side file of a CSV export: `users.csv` -> `users.base.json` in the same folder. */
export function baseSideFilePath(csvPath: string): string {
  return join(dirname(csvPath), `${basename(csvPath, extname(csvPath))}.base.json`);
}

export interface BaseSideFile {
  format: 'pachca-roster export base';
  version: 1;
  exportedAt: string;
  columns: string[];
  /** [user id, values aligned with columns]. */
  users: Array<[number, string[]]>;
}

export function baseSideFile(directory: Directory, users: readonly User[], exportedAt: Date): BaseSideFile {
  return {
    format: 'pachca-roster export base',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    columns: importColumns(directory),
    users: users.map((user) => [user.id, exportedUserValues(user, directory)]),
  };
}

function zipValues(columns: readonly string[], values: readonly string[]): ReadonlyMap<string, string> {
  return new Map(columns.map((column, index) => [column, values[index] ?? '']));
}

function parseId(value: string | undefined): number | undefined {
  const trimmed = (value ?? '').trim();
  return /^\d{1,15}$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : undefined;
}

async function readSideFile(path: string): Promise<ExportBase> {
  const label = basename(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new InputError(`${label}: the export's base file is not valid JSON; delete it to import without the three-way merge`);
  }
  const file = parsed as Partial<BaseSideFile> | null;
  if (!file || file.format !== 'pachca-roster export base' || file.version !== 1 || !Array.isArray(file.columns) || !Array.isArray(file.users)) {
    throw new InputError(`${label}: not a pachca-roster export base file; delete it to import without the three-way merge`);
  }
  const columns = file.columns.map(String);
  const users = new Map<number, ReadonlyMap<string, string>>();
  for (const entry of file.users) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number' || !Array.isArray(entry[1])) {
      throw new InputError(`${label}: a user entry is damaged; delete the file to import without the three-way merge`);
    }
    users.set(entry[0], zipValues(columns, entry[1].map(String)));
  }
  return { source: label, users, tags: new Map() };
}

function baseFromSheet(path: string, sheet: NamedSheet): ExportBase {
  const columns = sheet.detected.headers.filter((header) => ![BASE_KIND_COLUMN, BASE_ID_COLUMN, BASE_TAG_NAME_COLUMN].includes(header));
  const users = new Map<number, ReadonlyMap<string, string>>();
  const tags = new Map<number, string>();
  for (const row of sheet.rows) {
    const id = parseId(row.cells.get(BASE_ID_COLUMN));
    if (id === undefined) continue;
    const kind = row.cells.get(BASE_KIND_COLUMN);
    if (kind === 'tag') tags.set(id, row.cells.get(BASE_TAG_NAME_COLUMN) ?? '');
    else if (kind === 'user') users.set(id, new Map(columns.map((column) => [column, row.cells.get(column) ?? ''])));
  }
  return { source: `${basename(path)}, sheet ${BASE_SHEET}`, users, tags };
}

/** Read-only columns that mark a sheet as a pachca-roster export. */
const EXPORT_MARKERS = ['id', 'invite_status', 'last_activity_at'];

function looksLikeExport(detected: SheetDetected): boolean {
  const headers = new Set(detected.headers.map((header) => splitZonedHeader(header.trim()).name.toLowerCase()));
  return EXPORT_MARKERS.every((marker) => headers.has(marker));
}

/**
 * The base kept with the sheet being imported, when it has one (an XLSX's base sheet is among
 * `workbookSheets`, read in the same pass as its users); `warning` when the sheet looks
 * like an export but its base is missing (a CSV without its side file), so edits apply over
 * whatever Pachca has now.
 */
export async function readExportBase(detected: SheetDetected, workbookSheets?: ReadonlyMap<string, NamedSheet>): Promise<{ base?: ExportBase; warning?: string }> {
  if (detected.format === 'xlsx') {
    const sheet = workbookSheets?.get(BASE_SHEET.toLowerCase());
    return sheet ? { base: baseFromSheet(detected.file, sheet) } : {};
  }
  const sidePath = baseSideFilePath(detected.file);
  if (existsSync(sidePath)) return { base: await readSideFile(sidePath) };
  if (!looksLikeExport(detected)) return {};
  return {
    warning: `${basename(detected.file)} looks like an export, but ${basename(sidePath)} (the values as exported, written next to it by export --format csv) is not beside it: ` +
      'every cell that differs from Pachca is applied, so changes made in Pachca since the export are reverted; export again, or keep the .base.json file with the CSV',
  };
}

/** The id in a sheet row's `id` column (the export's read-only column), when it holds one. */
export function rowUserId(cells: ReadonlyMap<string, string>, idHeader: string | undefined): number | undefined {
  return idHeader === undefined ? undefined : parseId(cells.get(idHeader));
}
