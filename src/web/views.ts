// The use cases' results as the page shows them: plain JSON (the page renders each value as
// text). Long lists are cut; the full lists are in plan.xlsx and the reports.
import type { SheetCheck } from '../app/validate-sheet.js';
import type { Lang } from '../i18n/lang.js';
import { CANONICAL_COLUMNS } from '../records/columns.js';
import { fieldHeader, fieldValue } from '../records/field-headers.js';
import type { Outcome } from '../sync/apply.js';
import { actionableItems, PLAN_ITEM_KINDS, type Plan, type PlanItem, type PlanItemKind } from '../sync/plan.js';

/** The most rows of one kind the page lists (plan.xlsx has them all). */
export const ITEMS_SHOWN = 500;
const INVALID_ROWS_SHOWN = 500;

export interface CheckView {
  detected: { format: string; encoding?: string; delimiter?: string; sheet?: string; headerRow: number; headers: string[] };
  /** Each header with the column it is read as (null: kept as a possible custom property). */
  mapping: { header: string; column: string | null }[];
  columns: readonly string[];
  /** Each column's name as the page shows it (its header in the page's language). */
  columnLabels: Record<string, string>;
  rows: number;
  invalidCount: number;
  invalid: { row: number; issues: { column: string; value: string; message: string }[] }[];
  warnings: string[];
}

export function checkView(check: SheetCheck, lang: Lang): CheckView {
  const { sheet } = check;
  const byRow = new Map<number, CheckView['invalid'][number]['issues']>();
  for (const issue of sheet.issues) {
    if (issue.severity !== 'error' || !sheet.invalidRows.has(issue.row)) continue;
    const list = byRow.get(issue.row) ?? [];
    list.push({ column: issue.column, value: issue.value, message: issue.message });
    byRow.set(issue.row, list);
  }
  const { detected } = sheet;
  return {
    detected: {
      format: detected.format,
      ...(detected.encoding !== undefined ? { encoding: detected.encoding } : {}),
      ...(detected.delimiter !== undefined ? { delimiter: detected.delimiter } : {}),
      ...(detected.sheet !== undefined ? { sheet: detected.sheet } : {}),
      headerRow: detected.headerRow,
      headers: detected.headers,
    },
    mapping: detected.headers.filter((header) => header !== '').map((header) => ({ header, column: sheet.mapping.byHeader.get(header) ?? null })),
    columns: CANONICAL_COLUMNS,
    columnLabels: Object.fromEntries(CANONICAL_COLUMNS.map((column) => [column, fieldHeader(column, lang)])),
    rows: sheet.rows.length,
    invalidCount: sheet.invalidRows.size,
    invalid: [...byRow].sort(([a], [b]) => a - b).slice(0, INVALID_ROWS_SHOWN).map(([row, issues]) => ({ row, issues })),
    warnings: check.warnings,
  };
}

export interface ItemView {
  key: string;
  kind: PlanItemKind;
  row?: number;
  person: string;
  email?: string;
  /** `label`: the field as the page shows it (its column header in the page's language); values likewise. */
  changes: { field: string; label: string; before: string | null; after: string | null }[];
  message?: string;
}

function personOf(item: PlanItem): string {
  if (item.tagName !== undefined && item.email === undefined) return item.tagName;
  return [item.name, item.email].filter((part) => part !== undefined && part !== '').join(' <') + (item.name && item.email ? '>' : '');
}

/** An item as the page lists it; its message already names any conflict (the planner's note). */
export function itemView(item: PlanItem, lang: Lang): ItemView {
  const shown = (field: string, value: string | null): string | null => (value === null ? null : fieldValue(field, value, lang));
  return {
    key: item.key,
    kind: item.kind,
    ...(item.row !== undefined ? { row: item.row } : {}),
    person: personOf(item),
    ...(item.email !== undefined ? { email: item.email } : {}),
    changes: item.changes.map((change) => ({ field: change.field, label: fieldHeader(change.field, lang), before: shown(change.field, change.before), after: shown(change.field, change.after) })),
    ...(item.message ? { message: item.message } : {}),
  };
}

export interface PlanView {
  counts: Partial<Record<PlanItemKind, number>>;
  /** The changes Apply sends (items with requests). */
  work: number;
  groups: { kind: PlanItemKind; count: number; items: ItemView[] }[];
  warnings: string[];
}

export function planView(plan: Plan, lang: Lang): PlanView {
  const groups = PLAN_ITEM_KINDS.map((kind) => {
    const items = plan.items.filter((item) => item.kind === kind);
    return { kind, count: items.length, items: items.slice(0, ITEMS_SHOWN).map((item) => itemView(item, lang)) };
  }).filter((group) => group.count > 0);
  const counts = Object.fromEntries(Object.entries(plan.counts).filter(([, count]) => count > 0));
  return { counts, work: actionableItems(plan).length, groups, warnings: plan.warnings };
}

export interface OutcomeView {
  key: string;
  kind: PlanItemKind;
  row?: number;
  person: string;
  result: string;
  message?: string;
}

export function outcomeView(outcome: Outcome): OutcomeView {
  const { item } = outcome;
  return {
    key: item.key,
    kind: item.kind,
    ...(item.row !== undefined ? { row: item.row } : {}),
    person: personOf(item),
    result: outcome.result,
    ...(outcome.message ? { message: outcome.message } : {}),
  };
}
