// The warnings a sheet gets before anything is sent: one list for validate (offline) and for the
// import plan, so `validate` shows exactly what `import` will warn about for the same file and flags.
import type { ValidatedSheet } from './types.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { splitZonedHeader } from '../sheets/time-zone.js';

/** Read-only columns of the export; the import ignores them without a word. */
export const READ_ONLY_COLUMNS: readonly string[] = [
  'id', 'invite_status', 'bot', 'sso', 'created_at', 'last_activity_at', 'time_zone', 'inviter_id', 'inviter',
];

/** failed.csv's own column (English and Russian reports), ignored when the file is imported again. */
export const FAILED_ERROR_COLUMNS: readonly string[] = ['error', 'ошибка'];

/** Headers the import passes over without a word: the read-only columns in either language, failed.csv's own. */
const QUIET_HEADERS: ReadonlySet<string> = new Set(
  [...READ_ONLY_COLUMNS, ...READ_ONLY_COLUMNS.map((column) => messages('ru').exportColumns[column] ?? column), ...FAILED_ERROR_COLUMNS]
    .map((header) => header.toLowerCase()),
);

/** Row warnings listed one by one; the rest are counted. */
export const ROW_WARNINGS_SHOWN = 20;

function middleNameWarning(sheet: ValidatedSheet, t: Catalog): string | undefined {
  if (!sheet.records.some((record) => record.middle_name)) return undefined;
  const headers = [...sheet.mapping.byHeader];
  const middleHeader = headers.find(([, target]) => target === 'middle_name')?.[0];
  const fullNameHeader = headers.find(([, target]) => target === 'full_name')?.[0];
  if (middleHeader) {
    return t.recordMiddleNameColumn(middleHeader);
  }
  // Mapping the full-name column to a custom property would lose the first and last names.
  if (fullNameHeader) return t.recordMiddleNameInFullName(fullNameHeader);
  return undefined;
}

/**
 * The sheet's warnings as printed lines: file-level ones (a --map naming a missing column, a
 * column mapped twice), columns that are not imported, a middle name with nowhere to go, and the
 * rows' own warnings (a status without an emoji, a dropped phone extension). `customHeaders`
 * are unknown headers that the directory has custom properties for (the import knows them;
 * validate, offline, does not, and lists every unknown column).
 */
export function sheetWarnings(sheet: ValidatedSheet, customHeaders: ReadonlySet<string> = new Set()): string[] {
  const t = messages(sheet.lang ?? 'en');
  const lines: string[] = [];
  const unknown = new Set(sheet.mapping.unknown);
  for (const issue of sheet.issues) {
    if (issue.row === 0 && issue.severity === 'warning' && !unknown.has(issue.column)) {
      lines.push(issue.column ? t.recordColumnWarning(issue.column, issue.message) : issue.message);
    }
  }
  const middleName = middleNameWarning(sheet, t);
  if (middleName) lines.push(middleName);
  const quiet = QUIET_HEADERS;
  const ignored = sheet.mapping.unknown.filter((header) => !quiet.has(splitZonedHeader(header.trim()).name.toLowerCase()) && !customHeaders.has(header));
  if (ignored.length > 0) {
    lines.push(t.recordColumnsNotImported(ignored.length, ignored.map((header) => `"${header}"`).join(', ')));
  }
  const rowWarnings = sheet.issues.filter((issue) => issue.row > 0 && issue.severity === 'warning' && !issue.onlyWhenCreating);
  lines.push(...rowWarnings.slice(0, ROW_WARNINGS_SHOWN).map((issue) => t.recordRowWarning(issue.row, issue.column, issue.message)));
  if (rowWarnings.length > ROW_WARNINGS_SHOWN) lines.push(t.recordMoreRowWarnings(rowWarnings.length - ROW_WARNINGS_SHOWN));
  return lines;
}
