// Three-way merge of an edited export (docs: DESIGN "Three-way merge for edited exports").
// Per cell of a row that has a base (the values as exported, found by the row's user id):
// - sheet = base: the person did not touch it, so it never changes the directory;
// - sheet != base, directory = base (or = sheet): applied as usual;
// - sheet != base, directory != base and != sheet: a conflict, left alone unless --prefer-sheet.
// All three sides are compared after the same normalization (the row validator), so an
// exported phone or date reads the same as the sheet's cell.
import { normalizeHeaderKey } from '../records/columns.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { EmployeeRecord, Issue, Row, ValidatedSheet } from '../records/types.js';
import { validateRow } from '../records/validate.js';
import type { User } from '../pachca/types.js';
import { tagKey, type Directory } from './directory.js';
import { exportedUserValues, importColumns, rowUserId, TAGS_SHEET, type ExportBase } from './export-base.js';
import type { FieldConflict, PlanItem } from './plan-types.js';
import {
  customCell, normalizeCustomValue, statusChanges, statusIntent, TEXT_FIELDS, wantedStatusView, type CustomColumn, type StatusView,
} from './plan-values.js';

export interface RowMerge {
  /** Fields to leave alone: unchanged since the export, or in conflict without --prefer-sheet. */
  leaveAlone: Set<string>;
  conflicts: FieldConflict[];
  /** The tags the sheet added to and removed from the exported list, when it changed it. */
  tags?: { added: string[]; removed: string[] };
}

export interface MergeOptions {
  preferSheet: boolean;
  blankClears: boolean;
  tagsReplace: boolean;
}

/** The merge key of a custom property column (the plan's field name is the property's name). */
export function customField(column: CustomColumn): string {
  return `custom:${column.definition.id}`;
}

function statusOf(record: EmployeeRecord): StatusView | null | 'clear' {
  const intent = statusIntent(record.status);
  if (intent.kind === 'clear') return 'clear';
  if (intent.kind === 'set') return wantedStatusView(intent.fields);
  return null;
}

function sameStatus(a: StatusView | null | 'clear', b: StatusView | null | 'clear'): boolean {
  if (a === 'clear' || b === 'clear') return a === b;
  return statusChanges(a, b).length === 0;
}

function statusText(status: StatusView | null | 'clear'): string | null {
  if (status === 'clear') return '-';
  return status ? `${status.emoji} ${status.title}`.trim() : null;
}

function orNull(value: string): string | null {
  return value === '' ? null : value;
}

export class ThreeWayMerge {
  private readonly idHeader: string | undefined;
  private readonly issuesSink: Issue[] = [];

  constructor(
    private readonly sheet: ValidatedSheet,
    private readonly base: ExportBase,
    private readonly directory: Directory,
    private readonly customColumns: readonly CustomColumn[],
    private readonly options: MergeOptions,
  ) {
    this.idHeader = sheet.mapping.unknown.find((header) => normalizeHeaderKey(header) === 'id');
  }

  /** The row's merge against its base, or undefined when it has none (a new row, another person's id). */
  forRow(record: EmployeeRecord, user: User): RowMerge | undefined {
    const id = rowUserId(record.source.cells, this.idHeader);
    if (id === undefined || id !== user.id) return undefined;
    const exported = this.base.users.get(id);
    if (!exported) return undefined;
    const base = this.sideOf(exported, record.source.rowNumber);
    const values = exportedUserValues(user, this.directory);
    const current = this.sideOf(new Map(importColumns(this.directory).map((column, index) => [column, values[index] ?? ''])), record.source.rowNumber);
    if (!base || !current) return undefined;
    return this.compare(record, base, current);
  }

  /** Exported (or current) values laid out under the sheet's own headers, validated like the sheet's row. */
  private sideOf(values: ReadonlyMap<string, string>, rowNumber: number): EmployeeRecord | undefined {
    const byKey = new Map<string, string>();
    for (const [column, value] of values) byKey.set(tagKey(column), value);
    const cells = new Map<string, string>();
    for (const [header, target] of this.sheet.mapping.byHeader) {
      const value = byKey.get(tagKey(target.startsWith('custom:') ? target.slice('custom:'.length) : target));
      if (value !== undefined) cells.set(header, value);
    }
    for (const column of this.customColumns) {
      const value = byKey.get(tagKey(column.definition.name));
      if (value !== undefined) cells.set(column.header, value);
    }
    const row: Row = { rowNumber, cells };
    const record = validateRow(row, this.sheet.mapping, { emailOptional: true }, this.issuesSink);
    this.issuesSink.length = 0;
    return record;
  }

  private compare(sheet: EmployeeRecord, base: EmployeeRecord, current: EmployeeRecord): RowMerge {
    const merge: RowMerge = { leaveAlone: new Set(), conflicts: [] };
    const decide = <T>(field: string, get: (record: EmployeeRecord) => T, same: (a: T, b: T) => boolean, show: (value: T) => string | null, blank: (value: T) => boolean): void => {
      const wanted = get(sheet);
      const exported = get(base);
      const now = get(current);
      if (same(wanted, exported) || (blank(wanted) && !this.options.blankClears)) {
        merge.leaveAlone.add(field);
        return;
      }
      if (same(now, exported) || same(now, wanted)) return;
      merge.conflicts.push({ field, exported: show(exported), sheet: show(wanted), pachca: show(now) });
      if (!this.options.preferSheet) merge.leaveAlone.add(field);
    };
    const sameText = (a: string, b: string): boolean => a === b;
    const isBlank = (value: string): boolean => value === '';
    // Matched by id, the e-mail is a field like the others (matched by e-mail, it never differs).
    decide('email', (record) => record.email.toLowerCase(), sameText, orNull, isBlank);
    for (const field of TEXT_FIELDS) decide(field, (record) => (record[field] ?? '').trim(), sameText, orNull, isBlank);
    decide('role', (record) => record.role ?? '', sameText, orNull, isBlank);
    decide('suspended', (record) => (record.suspended === undefined ? '' : String(record.suspended)), sameText, orNull, isBlank);
    decide('status', statusOf, sameStatus, statusText, (value) => value === null);
    for (const column of this.customColumns) {
      decide(customField(column), (record) => normalizeCustomValue(customCell(record, column) ?? '', column.definition), sameText, orNull, isBlank);
    }
    // Conflicts name custom properties as the plan does: by the property's name.
    for (const conflict of merge.conflicts) {
      const column = this.customColumns.find((candidate) => customField(candidate) === conflict.field);
      if (column) conflict.field = column.definition.name;
    }

    const sheetTags = sheet.tags ?? [];
    const exportedTags = base.tags ?? [];
    const exportedKeys = new Set(exportedTags.map(tagKey));
    const sheetKeys = new Set(sheetTags.map(tagKey));
    const added = sheetTags.filter((name) => !exportedKeys.has(tagKey(name)));
    const removed = exportedTags.filter((name) => !sheetKeys.has(tagKey(name)));
    const blankTags = sheetTags.length === 0 && !(this.options.tagsReplace && this.options.blankClears);
    if ((added.length === 0 && removed.length === 0) || blankTags) merge.leaveAlone.add('tags');
    else merge.tags = { added, removed };
    return merge;
  }
}

/** The report's words for a row's conflicts. */
export function conflictMessage(conflicts: readonly FieldConflict[], preferSheet: boolean, t: Catalog = messages('en')): string {
  return t.noteConflict(conflicts, preferSheet);
}

const CONFLICTS_SHOWN = 20;

/** The plan's list of conflicts (cells changed both in the sheet and in Pachca since the export). */
export function formatConflicts(items: readonly PlanItem[], preferSheet: boolean, t: Catalog = messages('en')): string[] {
  const rows = items.filter((item) => item.conflicts && item.conflicts.length > 0);
  if (rows.length === 0) return [];
  const count = rows.reduce((total, item) => total + item.conflicts!.length, 0);
  const lines = [t.conflictsHeader(count, preferSheet)];
  for (const item of rows.slice(0, CONFLICTS_SHOWN)) {
    const who = item.key.startsWith('tags-row:') ? t.runTagsSheetRow(TAGS_SHEET, item.row ?? '?', item.tagId) : `${t.runRow(item.row ?? '?')} ${item.email ?? ''}`;
    for (const conflict of item.conflicts!) {
      lines.push(`  ${who}  ${t.conflictsLine(conflict.field, conflict.exported, conflict.pachca, conflict.sheet)}`);
    }
  }
  if (rows.length > CONFLICTS_SHOWN) lines.push(t.conflictsMoreRows(rows.length - CONFLICTS_SHOWN));
  return lines;
}
