// The import's and apply's events as terminal text: the plan table, warnings, the progress bar,
// what to do after a stop, the summary. The use cases (src/app) never print.
import { join } from 'node:path';
import type { AppEvent, EventSink } from '../app/events.js';
import { ExitCode } from '../exit-codes.js';
import { TAGS_REPORT_FILE, type RunSummary } from '../reports/report.js';
import { formatConflicts } from '../sync/merge-base.js';
import { isTagItem, type Plan } from '../sync/plan.js';
import { resumeCommand } from '../sync/run-folder.js';
import { isTagsSheetItem, TAGS_SHEET } from '../sync/tags-sheet.js';
import { readingDirectory, startCountLine, startProgress } from './progress.js';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { describeReportShape } from '../reports/failed-rows.js';

const TABLE_LIMIT = 40;
const INVALID_LIMIT = 20;

function show(value: string | null): string {
  if (value === null || value === '') return '(empty)';
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

/** The printed plan: counts per action and a table of changes (`rowNumbers` false: people by e-mail alone, as the one-person commands show them). */
export function formatPlan(plan: Plan, preferSheet = false, rowNumbers = true): string {
  const lines: string[] = [];
  for (const warning of plan.warnings) lines.push(`Warning: ${warning}`);
  const counts = Object.entries(plan.counts).filter(([, count]) => count > 0).map(([kind, count]) => `${kind} ${count}`);
  lines.push(`Plan: ${counts.length > 0 ? counts.join(', ') : 'nothing'}`);

  const table: string[] = [];
  for (const item of plan.items) {
    if (item.changes.length === 0 || item.kind === 'invalid' || item.kind === 'unchanged' || item.kind === 'skip') continue;
    const who = item.kind === 'create-tag' || (isTagItem(item) && !isTagsSheetItem(item))
      ? `tag "${item.tagName}"`
      : isTagsSheetItem(item)
        ? `${TAGS_SHEET} row ${item.row} tag id ${item.tagId}`
        : `${item.row !== undefined && rowNumbers ? `row ${item.row} ` : ''}${item.email ?? ''}`;
    if (item.kind === 'create') {
      table.push(`  ${who}  create  ${item.changes.filter((change) => change.field !== 'email').map((change) => `${change.field}: ${show(change.after)}`).join(', ') || 'new user'}`);
      continue;
    }
    item.changes.forEach((change, index) => {
      const head = index === 0 ? `  ${who}  ${item.kind}` : `  ${' '.repeat(who.length)}  ${' '.repeat(item.kind.length)}`;
      // Chats joined and left read as a list of moves: `chats: + Продажи, - Архив`.
      const moves = change.field === 'chats' && change.before === null;
      table.push(`${head}  ${change.field}: ${moves ? show(change.after) : `${show(change.before)} -> ${show(change.after)}`}`);
    });
  }
  if (table.length > 0) {
    lines.push('Changes:');
    lines.push(...table.slice(0, TABLE_LIMIT));
    if (table.length > TABLE_LIMIT) lines.push(`  ... and ${table.length - TABLE_LIMIT} more, see plan.json`);
  }
  lines.push(...formatConflicts(plan.items, preferSheet));
  const invalid = plan.items.filter((item) => item.kind === 'invalid');
  if (invalid.length > 0) {
    lines.push(`Invalid rows (${invalid.length}; they go to failed.csv):`);
    for (const item of invalid.slice(0, INVALID_LIMIT)) {
      const where = isTagsSheetItem(item)
        ? `${TAGS_SHEET} row ${item.row ?? '?'}${item.tagId !== undefined ? ` tag id ${item.tagId}` : ''}`
        : `row ${item.row ?? '?'} ${item.email ?? ''}`;
      lines.push(`  ${where}: ${item.message ?? 'invalid'}`);
    }
    if (invalid.length > INVALID_LIMIT) lines.push(`  ... and ${invalid.length - INVALID_LIMIT} more, see plan.json`);
  }
  return lines.join('\n');
}

export function formatSummary(summary: RunSummary, folder: string, lang: Lang = 'en'): string {
  const counts = Object.entries(summary.counts).filter(([, count]) => count > 0).map(([result, count]) => `${result} ${count}`);
  const lines = [
    `${summary.dryRun ? 'Dry run, nothing changed; would be' : summary.exitCode === ExitCode.Interrupted ? 'Interrupted; done so far' : 'Done'}: ${counts.length > 0 ? counts.join(', ') : 'no rows'}${summary.tagsCreated ? `; tags created ${summary.tagsCreated}` : ''}`,
    `Requests: ${summary.requestsSent} (${summary.rateLimited} rate-limited), ${summary.elapsedSeconds} s`,
    `Run folder: ${folder}`,
  ];
  if (!summary.dryRun) lines.push(`Report: ${join(folder, 'report.xlsx')}`);
  if (summary.tagCounts) {
    const tagCounts = Object.entries(summary.tagCounts).filter(([, count]) => count > 0).map(([result, count]) => `${result} ${count}`);
    lines.splice(1, 0, `${TAGS_SHEET} sheet: ${tagCounts.join(', ') || 'no rows'}`);
    if (!summary.dryRun) lines.push(`${TAGS_SHEET} report: ${join(folder, TAGS_REPORT_FILE)}`);
  }
  if (summary.counts.failed + summary.counts.invalid > 0) lines.push(`Rows to fix: ${join(folder, 'failed.csv')}`);
  if (summary.reportFiles) lines.push(messages(lang).summaryReportShapeLine(describeReportShape(summary.reportFiles, lang)));
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
}

/** Renders a run's events as the terminal shows them; the summary is left to the command. */
export function renderImportEvents(options: ImportRendering, onEvent?: (event: AppEvent) => void): EventSink {
  const barsOff = options.quiet || options.noProgress === true;
  const hint = options.resumeHint ?? resumeCommand;
  let countLine: { count(users: number): void; stop(): void } | undefined;
  let progress: { tick(failed: boolean): void; stop(): void } | undefined;
  return (event) => {
    onEvent?.(event);
    switch (event.type) {
      case 'warning':
        options.warn(`Warning: ${event.text}`);
        break;
      case 'note':
        if (!options.quiet || event.text.startsWith('Cancelled')) options.print(event.text);
        break;
      case 'listing':
        countLine ??= startCountLine(readingDirectory, { quiet: barsOff });
        countLine.count(event.users);
        break;
      case 'listing-done':
        countLine?.stop();
        countLine = undefined;
        break;
      case 'plan-ready':
        if (!options.quiet) options.print(formatPlan(event.plan, event.preferSheet, options.rowNumbers !== false));
        break;
      case 'apply-started':
        progress = startProgress({ total: event.total, requests: event.requests, quiet: barsOff });
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
          ? `Stopped: ${event.message}. The journal (${event.journalPath}) records what was done; fix the cause and run: ${hint(event.folder)}`
          : `Interrupted: nothing more was sent after Ctrl+C. The journal (${event.journalPath}) and the report record what was done; finish the run with: ${hint(event.folder)}`);
        break;
      default:
        break;
    }
  };
}
