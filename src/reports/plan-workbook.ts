// plan.xlsx: the plan a person can review in full (the terminal shows only the first lines):
// a Summary sheet first, every change (row, person, action, field, before, after), and the
// invalid rows with the reason. Written beside plan.json by every plan, dry run or real.
import { join } from 'node:path';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { createXlsxWriter, type CellValue } from '../sheets/write.js';
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

function changeRows(item: PlanItem, t: Catalog): CellValue[][] {
  const head = [item.row ?? null, person(item, t), actionWord(item, t)];
  if (item.changes.length === 0) return [[...head, '', '', '']];
  return item.changes.map((change) => [...head, change.field, change.before ?? '', change.after ?? '']);
}

/** Writes plan.xlsx into the run folder, in `lang` (the plan's values themselves are as in plan.json). */
export async function writePlanWorkbook(folder: string, plan: PlanWorkbookInput, lang: Lang): Promise<void> {
  const t = messages(lang);
  const writer = createXlsxWriter(join(folder, PLAN_WORKBOOK_FILE));
  try {
    const summary = writer.addSheet(t.summarySheet, [{ header: t.summaryItem, width: 30 }, { header: t.summaryValue, width: 80 }], { autoFilter: false, active: true });
    if (plan.input) summary.addRow([t.planSummaryInput, plan.input.path]);
    if (plan.createdAt) summary.addRow([t.planSummaryCreated, plan.createdAt]);
    for (const kind of PLAN_ITEM_KINDS) summary.addRow([t.actions[kind], plan.counts[kind]]);
    for (const warning of plan.warnings) summary.addRow([t.planSummaryWarning, warning]);

    const columns = t.planColumns;
    const changes = writer.addSheet(t.planSheetChanges, [
      { header: columns.row, key: 'row', width: 8 }, { header: columns.person, key: 'person', width: 40 },
      { header: columns.action, key: 'action', width: 18 }, { header: columns.field, key: 'field', width: 22 },
      { header: columns.before, key: 'before', width: 36 }, { header: columns.after, key: 'after', width: 36 },
    ]);
    for (const item of plan.items) {
      if (NOT_CHANGES.has(item.kind)) continue;
      for (const row of changeRows(item, t)) changes.addRow(row);
    }

    const invalidColumns = t.planInvalidColumns;
    const invalid = writer.addSheet(t.planSheetInvalid, [
      { header: invalidColumns.row, key: 'row', width: 8 }, { header: invalidColumns.person, key: 'person', width: 40 },
      { header: invalidColumns.reason, key: 'reason', width: 90 },
    ]);
    for (const item of plan.items) {
      if (item.kind === 'invalid') invalid.addRow([item.row ?? null, person(item, t), item.message ?? t.results.invalid]);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
