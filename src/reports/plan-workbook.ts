// plan.xlsx: the plan a person can review in full (the terminal shows only the first lines):
// a Summary sheet first, every change (row, person, action, field, before, after), and the
// invalid rows with the reason. Written beside plan.json by every plan, dry run or real.
import { join } from 'node:path';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { fieldHeader, fieldValue } from '../records/field-headers.js';
import type { CellValue } from '../sheets/write.js';
import { createXlsxWorkbookWriter } from '../sheets/xlsx-writer.js';
import { machineTimeZone, zonedHeader } from '../sheets/time-zone.js';
import { addSummarySheet, fittedColumns, zonedColumns } from './column-widths.js';
import { PLAN_ITEM_KINDS, type PlanItem, type PlanItemKind } from '../sync/plan-types.js';
import { isTagsSheetItem } from '../sync/tags-sheet.js';
import { actionWord } from './action-word.js';

export const PLAN_WORKBOOK_FILE = 'plan.xlsx';

/** What the workbook shows of a plan (a SavedPlan has all of it). */
export interface PlanWorkbookInput {
  items: readonly PlanItem[];
  counts: Record<PlanItemKind, number>;
  warnings: readonly string[];
  createdAt?: string;
  input?: { path: string };
}

const NOT_CHANGES: ReadonlySet<PlanItemKind> = new Set(['unchanged', 'skip', 'invalid']);

function person(item: PlanItem, t: Catalog): string {
  if (item.kind === 'create-tag') return t.planTag(item.tagName ?? '');
  if (isTagsSheetItem(item)) return t.planTagsSheetRow(item.row ?? '?', item.tagId ?? '?');
  return [item.email, item.name].filter((part) => part !== undefined && part !== '').join(' ');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A before/after value as a person reads it: a time as a date cell, else as the printed plan shows it (да/нет). */
function shownValue(field: string, value: string | null, lang: Lang): CellValue {
  if (value === null) return '';
  return ISO_INSTANT.test(value) ? new Date(value) : fieldValue(field, value, lang);
}

function changeRows(item: PlanItem, t: Catalog, lang: Lang): CellValue[][] {
  const head = [item.row ?? null, person(item, t), actionWord(item, t)];
  if (item.changes.length === 0) return [[...head, '', '', '']];
  return item.changes.map((change) => [
    ...head, fieldHeader(change.field, lang), shownValue(change.field, change.before, lang), shownValue(change.field, change.after, lang),
  ]);
}

/** Rows measured for the column widths. */
const WIDTH_SAMPLE = 500;

/**
 * Writes plan.xlsx into the run folder, in `lang` (the plan's values themselves are as in
 * plan.json); its time is a date cell in `timeZone` (default the machine's), named beside it.
 */
export async function writePlanWorkbook(folder: string, plan: PlanWorkbookInput, lang: Lang, timeZone: string = machineTimeZone()): Promise<void> {
  const t = messages(lang);
  const writer = createXlsxWorkbookWriter(join(folder, PLAN_WORKBOOK_FILE), { timeZone, dateTimeFormat: t.excelDateTimeFormat });
  try {
    const created = plan.createdAt ? new Date(plan.createdAt) : undefined;
    const summaryRows: CellValue[][] = [
      ...(plan.input ? [[t.planSummaryInput, plan.input.path]] : []),
      ...(created && !Number.isNaN(created.getTime()) ? [[zonedHeader(t.planSummaryCreated, timeZone), created]] : []),
      ...PLAN_ITEM_KINDS.map((kind) => [t.actions[kind], plan.counts[kind]]),
      ...plan.warnings.map((warning) => [t.planSummaryWarning, warning]),
    ];
    addSummarySheet(writer, t.summarySheet, [t.summaryItem, t.summaryValue], summaryRows, 100);

    const columns = t.planColumns;
    const changeLines = plan.items.filter((item) => !NOT_CHANGES.has(item.kind)).flatMap((item) => changeRows(item, t, lang));
    const changeHeaders = zonedColumns([columns.row, columns.person, columns.action, columns.field, columns.before, columns.after], changeLines, timeZone);
    const changes = writer.addSheet(t.planSheetChanges, fittedColumns(changeHeaders, changeLines.slice(0, WIDTH_SAMPLE), { max: 60 }));
    for (const row of changeLines) changes.addRow(row);

    const invalidColumns = t.planInvalidColumns;
    const invalidLines: CellValue[][] = plan.items
      .filter((item) => item.kind === 'invalid')
      .map((item) => [item.row ?? null, person(item, t), item.message ?? t.results.invalid]);
    const invalidHeaders = [invalidColumns.row, invalidColumns.person, invalidColumns.reason];
    const invalid = writer.addSheet(t.planSheetInvalid, fittedColumns(invalidHeaders, invalidLines.slice(0, WIDTH_SAMPLE), { max: 100 }));
    for (const row of invalidLines) invalid.addRow(row);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
