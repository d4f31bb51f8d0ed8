// The import's and apply's events as terminal text: the plan table, warnings, the progress bar,
// what to do after a stop, the summary. The use cases (src/app) never print.
import { join } from 'node:path';
import type { AppEvent, EventSink } from '../app/events.js';
import { ExitCode } from '../exit-codes.js';
import { TAGS_REPORT_FILE, type RunSummary } from '../reports/report.js';
import { formatConflicts } from '../sync/merge-base.js';
import { isTagItem, type Plan } from '../sync/plan.js';
import { resumeCommand } from '../sync/run-folder.js';
import { isTagsSheetItem } from '../sync/tags-sheet.js';
import { TAGS_SHEET } from '../sync/export-base.js';
import { startCountLine, startProgress } from './progress.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { describeReportShape } from '../reports/failed-rows.js';
import { fieldHeader, fieldValue } from '../records/field-headers.js';
import type { FieldChange } from '../sync/plan-types.js';
import { actionWord } from '../reports/action-word.js';

const TABLE_LIMIT = 40;

/** A plan action or a run result in the reader's words (the files and JSON keep the English values). */
const INVALID_LIMIT = 20;

function show(value: string | null, t: Catalog): string {
  if (value === null || value === '') return t.runEmpty;
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

/** A change's value as shown: yes/no fields in the reader's words, long values cut. */
function valueText(field: string, value: string | null, t: Catalog, lang: Lang): string {
  return show(value === null ? null : fieldValue(field, value, lang), t);
}

/** One change as `Отдел: before -> after` (the field by its column header in the reader's language). */
function changeText(change: FieldChange, t: Catalog, lang: Lang): string {
  const header = fieldHeader(change.field, lang);
  // Chats joined and left read as a list of moves: `Чаты: + Продажи, - Архив`.
  if (change.field === 'chats' && change.before === null) return `${header}: ${valueText(change.field, change.after, t, lang)}`;
  return `${header}: ${valueText(change.field, change.before, t, lang)} -> ${valueText(change.field, change.after, t, lang)}`;
}

/** The printed plan: counts per action and a table of changes (`rowNumbers` false: people by e-mail alone, as the one-person commands show them). */
export function formatPlan(plan: Plan, preferSheet = false, lang: Lang = 'en', rowNumbers = true): string {
  const t = messages(lang);
  const lines: string[] = [];
  for (const warning of plan.warnings) lines.push(t.runWarning(warning));
  const counts = Object.entries(plan.counts).filter(([, count]) => count > 0).map(([kind, count]) => t.countAction(kind, count));
  lines.push(t.runPlan(counts.length > 0 ? counts.join(', ') : t.runNothing));

  const table: string[] = [];
  for (const item of plan.items) {
    if (item.changes.length === 0 || item.kind === 'invalid' || item.kind === 'unchanged' || item.kind === 'skip') continue;
    const who = item.kind === 'create-tag' || (isTagItem(item) && !isTagsSheetItem(item))
      ? t.planTag(item.tagName ?? '')
      : isTagsSheetItem(item)
        ? t.runTagsSheetRow(TAGS_SHEET, item.row ?? '?', item.tagId)
        : `${item.row !== undefined && rowNumbers ? `${t.runRow(item.row)} ` : ''}${item.email ?? ''}`;
    const action = actionWord(item, t);
    if (item.kind === 'create') {
      table.push(`  ${who}  ${action}  ${item.changes.filter((change) => change.field !== 'email').map((change) => `${fieldHeader(change.field, lang)}: ${valueText(change.field, change.after, t, lang)}`).join(', ') || t.planNewUser}`);
      continue;
    }
    item.changes.forEach((change, index) => {
      const head = index === 0 ? `  ${who}  ${action}` : `  ${' '.repeat(who.length)}  ${' '.repeat(action.length)}`;
      table.push(`${head}  ${changeText(change, t, lang)}`);
    });
  }
  if (table.length > 0) {
    lines.push(t.runChanges);
    lines.push(...table.slice(0, TABLE_LIMIT));
    if (table.length > TABLE_LIMIT) lines.push(t.runMoreSeePlan(table.length - TABLE_LIMIT));
  }
  lines.push(...formatConflicts(plan.items, preferSheet, t));
  const invalid = plan.items.filter((item) => item.kind === 'invalid');
  if (invalid.length > 0) {
    lines.push(t.runInvalidRows(invalid.length));
    for (const item of invalid.slice(0, INVALID_LIMIT)) {
      const where = isTagsSheetItem(item)
        ? t.runTagsSheetRow(TAGS_SHEET, item.row ?? '?', item.tagId)
        : `${t.runRow(item.row ?? '?')} ${item.email ?? ''}`;
      lines.push(`  ${where}: ${item.message ?? t.runInvalid}`);
    }
    if (invalid.length > INVALID_LIMIT) lines.push(t.runMoreSeePlan(invalid.length - INVALID_LIMIT));
  }
  return lines.join('\n');
}

export function formatSummary(summary: RunSummary, folder: string, lang: Lang = 'en'): string {
  const t = messages(lang);
  const resultCounts = (counts: RunSummary['counts']): string[] =>
    Object.entries(counts).filter(([, count]) => count > 0).map(([result, count]) => t.countResult(result, count));
  const counts = resultCounts(summary.counts);
  const lines = [
    `${summary.dryRun ? t.runDryRunWouldBe : summary.exitCode === ExitCode.Interrupted ? t.runInterruptedSoFar : t.runDone}: ${counts.length > 0 ? counts.join(', ') : t.runNoRows}${summary.tagsCreated ? t.runTagsCreated(summary.tagsCreated) : ''}`,
    t.runRequests(summary.requestsSent, summary.rateLimited, summary.elapsedSeconds),
    t.runFolder(folder),
  ];
  if (!summary.dryRun) lines.push(t.runReport(join(folder, 'report.xlsx')));
  if (summary.tagCounts) {
    lines.splice(1, 0, t.runTagsSheet(TAGS_SHEET, resultCounts(summary.tagCounts).join(', ') || t.runNoRows));
    if (!summary.dryRun) lines.push(t.runTagsReport(TAGS_SHEET, join(folder, TAGS_REPORT_FILE)));
  }
  if (summary.counts.failed + summary.counts.invalid > 0) lines.push(t.runRowsToFix(join(folder, 'failed.csv')));
  if (summary.reportFiles) lines.push(t.summaryReportShapeLine(describeReportShape(summary.reportFiles, lang)));
  return lines.join('\n');
}

export interface ImportRendering {
  /** Human-readable output (the command sends it to stderr under --json). */
  print(text: string): void;
  /** Warnings and what to do after an interruption: always to stderr. */
  warn(text: string): void;
  /** Only the summary: no plan table, no progress bar. */
  quiet: boolean;
  /** No progress bar or count line (--json). */
  noProgress?: boolean;
  /** The command that finishes a stopped run. */
  resumeHint?: (folder: string) => string;
  /** The plan names input rows (false for the one-person commands, which have no sheet). */
  rowNumbers?: boolean;
  /** The language of the text (default English). */
  lang?: Lang;
}

/** Renders a run's events as the terminal shows them; the summary is left to the command. */
export function renderImportEvents(options: ImportRendering, onEvent?: (event: AppEvent) => void): EventSink {
  const barsOff = options.quiet || options.noProgress === true;
  const hint = options.resumeHint ?? resumeCommand;
  const lang = options.lang ?? 'en';
  const t = messages(lang);
  let countLine: { count(users: number): void; stop(): void } | undefined;
  let progress: { tick(failed: boolean): void; stop(): void } | undefined;
  return (event) => {
    onEvent?.(event);
    switch (event.type) {
      case 'warning':
        options.warn(t.runWarning(event.text));
        break;
      case 'note':
        if (!options.quiet || event.text === t.runCancelled) options.print(event.text);
        break;
      case 'listing':
        countLine ??= startCountLine(t.runReadingDirectory, { quiet: barsOff });
        countLine.count(event.users);
        break;
      case 'listing-done':
        countLine?.stop();
        countLine = undefined;
        break;
      case 'plan-ready':
        if (!options.quiet) options.print(formatPlan(event.plan, event.preferSheet, lang, options.rowNumbers !== false));
        break;
      case 'apply-started':
        progress = startProgress({ total: event.total, requests: event.requests, quiet: barsOff, t });
        break;
      case 'action-done':
        progress?.tick(event.outcome.result === 'failed');
        break;
      case 'apply-ended':
        progress?.stop();
        progress = undefined;
        break;
      case 'stopped':
        options.warn(event.reason === 'fatal'
          ? t.runStoppedFatal(event.message, event.journalPath, hint(event.folder))
          : t.runInterrupted(event.journalPath, hint(event.folder)));
        break;
      default:
        break;
    }
  };
}
