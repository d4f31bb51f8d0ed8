// The import's run report: report.xlsx and report.csv (one row per input row, in input order,
// then users suspended for being missing from the sheet), failed.csv (the input's own columns
// plus `error`, importable again once fixed) and summary.json. When the workbook's Tags sheet was
// imported too, its rows go to report-tags.csv and a Tags sheet of report.xlsx (one row per
// Tags row), so report.csv stays one row per row of the users sheet.
import { writeFileAtomic } from '../files/private.js';
import { join } from 'node:path';
import type { Row } from '../records/types.js';
import { createXlsxWriter, writeCsvFile, type CellValue, type XlsxColumn } from '../sheets/write.js';
import { ROW_RESULTS, type Outcome, type RowResult } from '../sync/apply.js';
import type { PlanItemKind } from '../sync/plan.js';
import { isTagsSheetItem } from '../sync/tags-sheet.js';

export const REPORT_COLUMNS = ['row', 'email', 'name', 'action', 'result', 'pachca_user_id', 'changed_fields', 'message'] as const;
export const TAGS_REPORT_COLUMNS = ['row', 'tag_id', 'name', 'action', 'result', 'changes', 'message'] as const;
export const FAILED_ERROR_COLUMN = 'error';
export const TAGS_REPORT_FILE = 'report-tags.csv';

export interface RunSummary {
  input: string;
  runFolder: string;
  apiUrl: string;
  dryRun: boolean;
  resumed: boolean;
  /** Report rows per result (rows of the users sheet, and users suspended as missing). */
  counts: Record<RowResult, number>;
  /** Rows of the workbook's Tags sheet per result, when it had one. */
  tagCounts?: Record<RowResult, number>;
  /** Plan items per action. */
  planned: Record<PlanItemKind, number>;
  tagsCreated: number;
  requestsSent: number;
  rateLimited: number;
  retries: number;
  elapsedSeconds: number;
  exitCode: number;
  /** Why the run stopped early, when it did. */
  stoppedBy?: string;
}

export interface ReportInput {
  folder: string;
  /** Outcomes of every plan item, in plan order. */
  outcomes: Outcome[];
  /** The input's header cells and rows, for failed.csv. */
  headers: string[];
  rows: Row[];
  summary: RunSummary;
}

const RESULT_FILL: Partial<Record<RowResult, string>> = {
  created: 'FFC6EFCE',
  updated: 'FFDDEBF7',
  renamed: 'FFDDEBF7',
  'status set': 'FFDDEBF7',
  'status cleared': 'FFDDEBF7',
  restored: 'FFE2EFDA',
  suspended: 'FFFFEB9C',
  deleted: 'FFFFEB9C',
  invalid: 'FFFFC7CE',
  failed: 'FFFFC7CE',
};

export function emptyResultCounts(): Record<RowResult, number> {
  return Object.fromEntries(ROW_RESULTS.map((result) => [result, 0])) as Record<RowResult, number>;
}

/** Outcomes that are report rows: input rows and missing users, not tag creations nor Tags-sheet rows. */
export function reportOutcomes(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter((outcome) => outcome.item.kind !== 'create-tag' && !isTagsSheetItem(outcome.item));
}

/** Outcomes of the Tags sheet's rows, in sheet order. */
export function tagsSheetOutcomes(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter((outcome) => isTagsSheetItem(outcome.item));
}

function tagsReportRow(outcome: Outcome): CellValue[] {
  const { item } = outcome;
  return [
    item.row ?? null,
    item.tagId ?? null,
    item.tagName ?? '',
    item.kind,
    outcome.result,
    item.changes.map((change) => `${change.field}: ${change.before ?? '(none)'} -> ${change.after ?? '(none)'}`).join('; '),
    outcome.message ?? '',
  ];
}

function resultFills(columns: readonly string[], result: RowResult): (string | undefined)[] {
  const fills: (string | undefined)[] = [];
  fills[columns.indexOf('result')] = RESULT_FILL[result];
  return fills;
}

function changedFields(outcome: Outcome): string {
  return [...new Set(outcome.item.changes.map((change) => change.field))].join(', ');
}

function reportRow(outcome: Outcome): CellValue[] {
  const { item } = outcome;
  return [
    item.row ?? null,
    item.email ?? '',
    item.name ?? '',
    item.kind,
    outcome.result,
    outcome.userId ?? item.userId ?? null,
    changedFields(outcome),
    outcome.message ?? '',
  ];
}

async function writeXlsxReport(path: string, rows: readonly Outcome[], tagRows: readonly Outcome[], summary: RunSummary): Promise<void> {
  const writer = createXlsxWriter(path);
  try {
    const widths: Record<string, number> = { row: 7, email: 32, name: 28, action: 13, result: 15, pachca_user_id: 15, changed_fields: 36, message: 70 };
    const columns: XlsxColumn[] = REPORT_COLUMNS.map((header) => ({ header, width: widths[header] ?? 15 }));
    const results = writer.addSheet('Report', columns);
    for (const outcome of rows) results.addRow(reportRow(outcome), { fills: resultFills(REPORT_COLUMNS, outcome.result) });
    if (tagRows.length > 0) {
      const tagWidths: Record<string, number> = { row: 7, tag_id: 10, name: 28, action: 13, result: 15, changes: 50, message: 70 };
      const tags = writer.addSheet('Tags', TAGS_REPORT_COLUMNS.map((header) => ({ header, width: tagWidths[header] ?? 15 })));
      for (const outcome of tagRows) tags.addRow(tagsReportRow(outcome), { fills: resultFills(TAGS_REPORT_COLUMNS, outcome.result) });
    }
    const summarySheet = writer.addSheet('Summary', [{ header: 'item', width: 24 }, { header: 'value', width: 60 }], { autoFilter: false });
    for (const result of ROW_RESULTS) summarySheet.addRow([result, summary.counts[result]]);
    if (summary.tagCounts) {
      for (const result of ROW_RESULTS) if (summary.tagCounts[result] > 0) summarySheet.addRow([`Tags sheet: ${result}`, summary.tagCounts[result]]);
    }
    summarySheet.addRow(['tags created', summary.tagsCreated]);
    summarySheet.addRow(['requests sent', summary.requestsSent]);
    summarySheet.addRow(['429 answers', summary.rateLimited]);
    summarySheet.addRow(['elapsed seconds', summary.elapsedSeconds]);
    summarySheet.addRow(['exit code', summary.exitCode]);
    summarySheet.addRow(['input', summary.input]);
    summarySheet.addRow(['API URL', summary.apiUrl]);
    summarySheet.addRow(['dry run', summary.dryRun]);
    if (summary.stoppedBy) summarySheet.addRow(['stopped by', summary.stoppedBy]);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** failed.csv: the input's columns for each invalid or failed row, plus the reason. */
async function writeFailedCsv(path: string, outcomes: readonly Outcome[], headers: readonly string[], rows: readonly Row[]): Promise<void> {
  const byNumber = new Map(rows.map((row) => [row.rowNumber, row]));
  const errorIndex = headers.findIndex((header) => header.trim().toLowerCase() === FAILED_ERROR_COLUMN);
  const columns = errorIndex >= 0 ? headers : [...headers, FAILED_ERROR_COLUMN];
  const lines: CellValue[][] = [];
  for (const outcome of outcomes) {
    if (outcome.result !== 'failed' && outcome.result !== 'invalid') continue;
    const row = outcome.item.row !== undefined ? byNumber.get(outcome.item.row) : undefined;
    if (!row) continue;
    const cells: CellValue[] = headers.map((header) => row.cells.get(header) ?? '');
    const reason = outcome.message ?? outcome.result;
    if (errorIndex >= 0) cells[errorIndex] = reason;
    else cells.push(reason);
    lines.push(cells);
  }
  await writeCsvFile(path, [...columns], lines);
}

export async function writeSummary(folder: string, summary: RunSummary): Promise<void> {
  await writeFileAtomic(join(folder, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

/** A dry run's failed.csv: the invalid rows, to fix before the real run. */
export async function writeFailedRows(folder: string, outcomes: readonly Outcome[], headers: readonly string[], rows: readonly Row[]): Promise<void> {
  await writeFailedCsv(join(folder, 'failed.csv'), reportOutcomes(outcomes), headers, rows);
}

/** Writes report.xlsx, report.csv, failed.csv and summary.json into the run folder. */
export async function writeRunReport(input: ReportInput): Promise<void> {
  const rows = reportOutcomes(input.outcomes);
  const tagRows = tagsSheetOutcomes(input.outcomes);
  await writeCsvFile(join(input.folder, 'report.csv'), [...REPORT_COLUMNS], rows.map(reportRow));
  if (tagRows.length > 0) await writeCsvFile(join(input.folder, TAGS_REPORT_FILE), [...TAGS_REPORT_COLUMNS], tagRows.map(tagsReportRow));
  await writeXlsxReport(join(input.folder, 'report.xlsx'), rows, tagRows, input.summary);
  await writeFailedCsv(join(input.folder, 'failed.csv'), rows, input.headers, input.rows);
  await writeSummary(input.folder, input.summary);
}

/** Counts report rows per result. */
export function countResults(outcomes: readonly Outcome[]): Record<RowResult, number> {
  const counts = emptyResultCounts();
  for (const outcome of reportOutcomes(outcomes)) counts[outcome.result] += 1;
  return counts;
}

/** Counts Tags-sheet rows per result; undefined when the import had no Tags sheet. */
export function countTagsSheetResults(outcomes: readonly Outcome[]): Record<RowResult, number> | undefined {
  const rows = tagsSheetOutcomes(outcomes);
  if (rows.length === 0) return undefined;
  const counts = emptyResultCounts();
  for (const outcome of rows) counts[outcome.result] += 1;
  return counts;
}
