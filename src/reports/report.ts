// The import's run report: report.xlsx and report.csv (one row per input row, in input order,
// then users suspended for being missing from the sheet), failed.csv (the input's own columns
// plus `error`, importable again once fixed) and summary.json. When the workbook's Tags sheet was
// imported too, its rows go to report-tags.csv and a Tags sheet of report.xlsx (one row per
// Tags row), so report.csv stays one row per row of the users sheet.
import { writeFileAtomic } from '../files/private.js';
import { join } from 'node:path';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import type { Row, SheetDetected } from '../records/types.js';
import { writeCsvFile, type CellValue } from '../sheets/write.js';
import { createXlsxWorkbookWriter } from '../sheets/xlsx-writer.js';
import { addSummarySheet, fittedColumns } from './column-widths.js';
import { describeReportShape, writeFailedFiles, type ReportShape } from './failed-rows.js';
import { ROW_RESULTS, type Outcome, type RowResult } from '../sync/apply.js';
import type { PlanItemKind } from '../sync/plan.js';
import { isTagsSheetItem } from '../sync/tags-sheet.js';
import { actionWord } from './action-word.js';

export const REPORT_COLUMNS = ['row', 'email', 'name', 'action', 'result', 'pachca_user_id', 'changed_fields', 'message'] as const;
export const TAGS_REPORT_COLUMNS = ['row', 'tag_id', 'name', 'action', 'result', 'changes', 'message'] as const;
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
  /** How report.csv and failed.csv were written (delimiter, encoding). */
  reportFiles?: ReportShape;
}

export interface ReportInput {
  folder: string;
  /** Outcomes of every plan item, in plan order. */
  outcomes: Outcome[];
  /** What was read (format, header cells, sheet), for failed.csv/xlsx. */
  detected: Pick<SheetDetected, 'format' | 'headers' | 'sheet'>;
  rows: Row[];
  summary: RunSummary;
  /** The delimiter and encoding of the CSV reports. */
  shape: ReportShape;
  /** The language of headers and words (summary.json stays English). */
  lang: Lang;
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

function tagsReportRow(outcome: Outcome, t: Catalog): CellValue[] {
  const { item } = outcome;
  return [
    item.row ?? null,
    item.tagId ?? null,
    item.tagName ?? '',
    t.actions[item.kind],
    t.results[outcome.result],
    item.changes.map((change) => `${change.field}: ${change.before ?? t.none} -> ${change.after ?? t.none}`).join('; '),
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

function reportRow(outcome: Outcome, t: Catalog): CellValue[] {
  const { item } = outcome;
  return [
    item.row ?? null,
    item.email ?? '',
    item.name ?? '',
    actionWord(item, t),
    t.results[outcome.result],
    outcome.userId ?? item.userId ?? null,
    changedFields(outcome),
    outcome.message ?? '',
  ];
}

/** Rows measured for the column widths. */
const WIDTH_SAMPLE = 500;

const reportHeaders = (t: Catalog): string[] => REPORT_COLUMNS.map((column) => t.reportColumns[column]);
const tagsReportHeaders = (t: Catalog): string[] => TAGS_REPORT_COLUMNS.map((column) => t.tagsReportColumns[column]);

async function writeXlsxReport(path: string, rows: readonly Outcome[], tagRows: readonly Outcome[], summary: RunSummary, lang: Lang): Promise<void> {
  const t = messages(lang);
  const writer = createXlsxWorkbookWriter(path);
  try {
    // The Summary first (and the sheet the workbook opens on), then the rows.
    const summaryRows: CellValue[][] = ROW_RESULTS.map((result) => [t.results[result], summary.counts[result]]);
    if (summary.tagCounts) {
      for (const result of ROW_RESULTS) if (summary.tagCounts[result] > 0) summaryRows.push([t.summaryTagsSheetResult(t.results[result]), summary.tagCounts[result]]);
    }
    summaryRows.push(
      [t.summaryTagsCreated, summary.tagsCreated],
      [t.summaryRequests, summary.requestsSent],
      [t.summary429, summary.rateLimited],
      [t.summaryElapsed, summary.elapsedSeconds],
      [t.summaryExitCode, summary.exitCode],
      [t.summaryInput, summary.input],
      [t.summaryApiUrl, summary.apiUrl],
      [t.summaryDryRun, summary.dryRun ? t.yes : t.no],
    );
    if (summary.reportFiles) summaryRows.push([t.summaryReportFiles, describeReportShape(summary.reportFiles, lang)]);
    if (summary.stoppedBy) summaryRows.push([t.summaryStoppedBy, summary.stoppedBy]);
    addSummarySheet(writer, t.summarySheet, [t.summaryItem, t.summaryValue], summaryRows, 100);

    const lines = rows.map((outcome) => reportRow(outcome, t));
    const results = writer.addSheet(t.reportSheet, fittedColumns(reportHeaders(t), lines.slice(0, WIDTH_SAMPLE), { max: 80 }));
    lines.forEach((line, index) => results.addRow(line, { fills: resultFills(REPORT_COLUMNS, rows[index]!.result) }));
    if (tagRows.length > 0) {
      const tagLines = tagRows.map((outcome) => tagsReportRow(outcome, t));
      const tags = writer.addSheet(t.tagsReportSheet, fittedColumns(tagsReportHeaders(t), tagLines.slice(0, WIDTH_SAMPLE), { max: 80 }));
      tagLines.forEach((line, index) => tags.addRow(line, { fills: resultFills(TAGS_REPORT_COLUMNS, tagRows[index]!.result) }));
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export async function writeSummary(folder: string, summary: RunSummary): Promise<void> {
  await writeFileAtomic(join(folder, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

/** A dry run's failed.csv (and failed.xlsx): the invalid rows, to fix before the real run. */
export async function writeFailedRows(input: Omit<ReportInput, 'summary'>): Promise<void> {
  await writeFailedFiles({ ...input, outcomes: reportOutcomes(input.outcomes) });
}

/** Writes report.xlsx, report.csv, failed.csv (failed.xlsx for an XLSX input) and summary.json into the run folder. */
export async function writeRunReport(input: ReportInput): Promise<void> {
  const t = messages(input.lang);
  const csv = { delimiter: input.shape.delimiter, bom: true };
  const rows = reportOutcomes(input.outcomes);
  const tagRows = tagsSheetOutcomes(input.outcomes);
  await writeCsvFile(join(input.folder, 'report.csv'), reportHeaders(t), rows.map((outcome) => reportRow(outcome, t)), csv);
  if (tagRows.length > 0) await writeCsvFile(join(input.folder, TAGS_REPORT_FILE), tagsReportHeaders(t), tagRows.map((outcome) => tagsReportRow(outcome, t)), csv);
  await writeXlsxReport(join(input.folder, 'report.xlsx'), rows, tagRows, input.summary, input.lang);
  await writeFailedFiles({ ...input, outcomes: rows });
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
