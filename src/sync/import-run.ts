// One import run, end to end: read the sheet, check the token, snapshot, plan, show, confirm,
// apply with a journal, report. The CLI command parses flags and supplies the parts that touch
// the terminal (output, confirmation, progress) and the reader and client.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, ExitCode, InputError } from '../exit-codes.js';
import { makePrivateFolderSync, PRIVATE_FILE_MODE } from '../files/private.js';
import type { PachcaApi } from '../pachca/api.js';
import { exitCodeForError, toCliError } from '../pachca/config.js';
import type { WriteScope } from '../pachca/types.js';
import type { ValidatedSheet } from '../records/types.js';
import { countResults, countTagsSheetResults, TAGS_REPORT_FILE, writeFailedRows, writeRunReport, writeSummary, type RunSummary } from '../reports/report.js';
import { describeReportShape, reportShapeFor } from '../reports/failed-rows.js';
import { writePlanWorkbook } from '../reports/plan-workbook.js';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { InterruptedError } from '../pachca/errors.js';
import { applyPlan, staticOutcome, type Outcome } from './apply.js';
import { takeSnapshot } from './directory.js';
import { readExportBase } from './export-base.js';
import { Journal, readJournal, type JournalEntry } from './journal.js';
import { formatConflicts } from './merge-base.js';
import { actionableItems, buildPlan, type Plan, type PlanOptions } from './plan.js';
import { completedSteps, mergeEarlierResults, pendingWelcomes, rememberRenamedNames } from './resume.js';
import { openNewRunFolder, openResumeFolder, resumeCommand, type RunFolder } from './run-folder.js';
import { checkResumeFlags, readSavedPlan, SAVED_PLAN_VERSION, type PlanFlags, type SavedPlan, type SheetReadOptions } from './saved-plan.js';
import { isTagsSheetItem, readTagsSheet, TAGS_SHEET } from './tags-sheet.js';

export type { SavedPlan, SheetReadOptions } from './saved-plan.js';

export interface ImportRequest {
  /** The input sheet; absent with --resume (the run folder names it). */
  file?: string;
  resumeDir?: string;
  outDir?: string;
  dryRun: boolean;
  yes: boolean;
  quiet: boolean;
  readOptions: SheetReadOptions;
  planOptions: PlanOptions;
  welcomeFile?: string;
  /** --resume: the plan-shaping flags given on the command line (refused if they differ from the run's). */
  resumeFlags?: PlanFlags;
  /** The language of the report files (default English; summary.json and plan.json never change with it). */
  lang?: Lang;
  /** --report-delimiter: report.csv and failed.csv's delimiter instead of the input's. */
  reportDelimiter?: string;
}

export interface ProgressHandle {
  tick(failed: boolean): void;
  stop(): void;
}

export interface ImportDeps {
  readSheet(file: string, options: SheetReadOptions): Promise<ValidatedSheet>;
  /** Creates the client (resolving the token); called after the sheet was read. */
  connect(): PachcaApi;
  stdinIsTerminal: boolean;
  confirm(question: string): Promise<boolean>;
  /** Human-readable output (the command sends it to stderr under --json). */
  print(text: string): void;
  /** Warnings and what to do after an interruption: always to stderr. */
  warn(text: string): void;
  /** Told the run folder once it is open and locked. */
  onRunFolder?(folder: string): void;
  /** Aborted by the first Ctrl+C or SIGTERM (the client gets the same signal and stops sending). */
  interrupt?: AbortSignal;
  startProgress(total: number, requests: () => number): ProgressHandle;
  /** A running count while the directory is listed (optional). */
  startSnapshotProgress?(): { count(users: number): void; stop(): void };
  now?: () => Date;
}

export interface ImportResult {
  exitCode: number;
  runFolder: string;
  summary?: RunSummary;
}

/** A resumed run's fresh plan (plan.json keeps the first one). */
export const RESUME_PLAN_FILE = 'plan-resume.json';

const TABLE_LIMIT = 40;
const INVALID_LIMIT = 20;

export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

function readWelcome(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new InputError(`--welcome ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function show(value: string | null): string {
  if (value === null || value === '') return '(empty)';
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

/** The printed plan: counts per action and a table of changes. */
export function formatPlan(plan: Plan, preferSheet = false): string {
  const lines: string[] = [];
  for (const warning of plan.warnings) lines.push(`Warning: ${warning}`);
  const counts = Object.entries(plan.counts).filter(([, count]) => count > 0).map(([kind, count]) => `${kind} ${count}`);
  lines.push(`Plan: ${counts.length > 0 ? counts.join(', ') : 'nothing'}`);

  const table: string[] = [];
  for (const item of plan.items) {
    if (item.changes.length === 0 || item.kind === 'invalid' || item.kind === 'unchanged' || item.kind === 'skip') continue;
    const who = item.kind === 'create-tag'
      ? `tag "${item.tagName}"`
      : isTagsSheetItem(item)
        ? `${TAGS_SHEET} row ${item.row} tag id ${item.tagId}`
        : `${item.row !== undefined ? `row ${item.row} ` : ''}${item.email ?? ''}`;
    if (item.kind === 'create') {
      table.push(`  ${who}  create  ${item.changes.filter((change) => change.field !== 'email').map((change) => `${change.field}: ${show(change.after)}`).join(', ') || 'new user'}`);
      continue;
    }
    item.changes.forEach((change, index) => {
      const head = index === 0 ? `  ${who}  ${item.kind}` : `  ${' '.repeat(who.length)}  ${' '.repeat(item.kind.length)}`;
      table.push(`${head}  ${change.field}: ${show(change.before)} -> ${show(change.after)}`);
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

function missingScopes(plan: Plan, granted: readonly string[]): WriteScope[] {
  const have = new Set(granted);
  return plan.requiredScopes.filter((scope) => !have.has(scope));
}

function tagCountsOf(outcomes: readonly Outcome[]): Pick<RunSummary, 'tagCounts'> {
  const tagCounts = countTagsSheetResults(outcomes);
  return tagCounts ? { tagCounts } : {};
}

function exitCodeFor(outcomes: readonly Outcome[], fatal: Error | undefined): number {
  if (fatal) return exitCodeForError(fatal);
  return outcomes.some((outcome) => outcome.result === 'failed' || outcome.result === 'invalid') ? ExitCode.RowsFailed : ExitCode.Ok;
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

/** Ctrl+C before anything was sent. */
function cancelled(): CliError {
  return new CliError('Cancelled: nothing was changed', ExitCode.Interrupted);
}

export async function runImport(request: ImportRequest, deps: ImportDeps): Promise<ImportResult> {
  const now = deps.now ?? (() => new Date());
  if (!request.resumeDir) {
    if (!request.file) throw new InputError('name the file to import (or --resume DIR)');
    if (!existsSync(request.file) || !statSync(request.file).isFile()) throw new InputError(`${request.file}: no such file`);
  }
  // The folder is locked before anything reads or writes it, and let go whatever happens.
  const runFolder = request.resumeDir
    ? openResumeFolder(request.resumeDir, deps.warn)
    : openNewRunFolder(request.outDir, now(), deps.warn);
  deps.onRunFolder?.(runFolder.path);
  try {
    return await runInFolder(request, deps, runFolder);
  } finally {
    runFolder.release();
  }
}

async function runInFolder(request: ImportRequest, deps: ImportDeps, runFolder: RunFolder): Promise<ImportResult> {
  const started = Date.now();
  const now = deps.now ?? (() => new Date());
  const folder = runFolder.path;
  const stopped = (): boolean => deps.interrupt?.aborted === true;

  // 1. The input (the run's own for --resume).
  let saved: SavedPlan | undefined;
  let inputPath: string;
  let readOptions = request.readOptions;
  let planOptions = request.planOptions;
  let welcomeFile = request.welcomeFile;
  if (request.resumeDir) {
    saved = readSavedPlan(folder);
    if (request.resumeFlags) checkResumeFlags(request.resumeDir, saved, request.resumeFlags);
    inputPath = saved.input.path;
    readOptions = saved.readOptions;
    planOptions = saved.planOptions;
    welcomeFile = saved.welcomeFile;
    if (!existsSync(inputPath)) throw new InputError(`--resume ${folder}: the input ${inputPath} is gone`);
    const sha256 = await sha256File(inputPath);
    if (sha256 !== saved.input.sha256) {
      throw new InputError(`--resume ${folder}: ${inputPath} changed since the run started (SHA-256 differs); start a new run instead`);
    }
  } else {
    inputPath = resolve(request.file!);
  }
  const runId = saved?.runId ?? randomUUID();
  const lang = request.lang ?? 'en';
  const welcomeText = readWelcome(welcomeFile);
  const sha256 = saved?.input.sha256 ?? (await sha256File(inputPath));
  const sheet = await deps.readSheet(inputPath, readOptions);
  // An export workbook's Tags sheet carries tag renames and deletes; CSV and one-sheet files have none.
  const tagsSheet = sheet.detected.format === 'xlsx' ? await readTagsSheet(inputPath, sheet.detected.sheet) : { warnings: [] };
  if (saved && tagsSheet.input) rememberRenamedNames(tagsSheet.input, saved.items);
  // An edited export's values as exported: the base of the three-way merge.
  const exportBase = await readExportBase(sheet.detected);
  const shape = reportShapeFor(sheet.detected, request.reportDelimiter);

  // 2. The token, 3. the snapshot, 4. the plan.
  if (stopped()) throw cancelled();
  const api = deps.connect();
  let tokenScopes: string[];
  let selfId: number;
  try {
    const [info, profile] = await Promise.all([api.getTokenInfo(), api.getProfile()]);
    tokenScopes = info.scopes;
    selfId = profile.id;
  } catch (error) {
    throw stopped() || error instanceof InterruptedError ? cancelled() : toCliError(error, 'checking the token');
  }
  let plan: Plan;
  try {
    const snapshotProgress = deps.startSnapshotProgress?.();
    const directory = await takeSnapshot(api, snapshotProgress?.count).finally(() => snapshotProgress?.stop());
    plan = buildPlan(sheet, directory, planOptions, { selfId }, tagsSheet.input, exportBase.base);
    plan.warnings.push(...tagsSheet.warnings, ...(exportBase.warning ? [exportBase.warning] : []));
  } catch (error) {
    throw stopped() || error instanceof InterruptedError ? cancelled() : toCliError(error, 'reading the directory');
  }

  const savedPlan: SavedPlan = {
    version: SAVED_PLAN_VERSION,
    runId,
    createdAt: (saved?.createdAt ?? now().toISOString()),
    input: { path: inputPath, sha256 },
    readOptions,
    planOptions,
    ...(welcomeFile !== undefined ? { welcomeFile: resolve(welcomeFile) } : {}),
    apiUrl: api.apiUrl,
    counts: plan.counts,
    requiredScopes: plan.requiredScopes,
    warnings: plan.warnings,
    customColumns: plan.customColumns,
    items: plan.items,
  };
  // plan.json stays the run's first plan: later resumes need its items (old names of renamed
  // tags, what each row was to do). A resume's fresh plan goes beside it.
  writeFileSync(join(folder, saved ? RESUME_PLAN_FILE : 'plan.json'), `${JSON.stringify(savedPlan, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  await writePlanWorkbook(folder, savedPlan, lang);

  const missing = missingScopes(plan, tokenScopes);
  if (missing.length > 0) {
    throw new CliError(
      `the token lacks scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that this import needs; use an Owner/Admin personal token with ${missing.join(', ')} (nothing was changed)`,
      ExitCode.Auth,
    );
  }

  // 5. Show the plan.
  if (!request.quiet) deps.print(formatPlan(plan, planOptions.preferSheet === true));
  const actionable = actionableItems(plan);
  const baseSummary = (outcomes: Outcome[], exitCode: number, dryRun: boolean, stoppedBy?: string): RunSummary => {
    const stats = api.stats();
    return {
      input: inputPath,
      runFolder: folder,
      apiUrl: api.apiUrl,
      dryRun,
      resumed: saved !== undefined,
      counts: countResults(outcomes),
      ...(tagCountsOf(outcomes)),
      planned: plan.counts,
      tagsCreated: outcomes.filter((outcome) => outcome.item.kind === 'create-tag' && outcome.result === 'created').length,
      requestsSent: stats.requests,
      rateLimited: stats.rateLimited,
      retries: stats.retries,
      elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
      exitCode,
      ...(stoppedBy ? { stoppedBy } : {}),
      reportFiles: shape,
    };
  };

  if (request.dryRun) {
    const outcomes = plan.items.map(staticOutcome);
    const exitCode = outcomes.some((outcome) => outcome.result === 'invalid') ? ExitCode.RowsFailed : ExitCode.Ok;
    const summary = baseSummary(outcomes, exitCode, true);
    if (exitCode === ExitCode.RowsFailed) await writeFailedRows({ folder, outcomes, detected: sheet.detected, rows: sheet.rows, shape, lang });
    await writeSummary(folder, summary);
    if (!request.quiet) deps.print(`Dry run: nothing was changed. The plan is in ${join(folder, 'plan.json')}`);
    return { exitCode, runFolder: folder, summary };
  }

  // 6. What earlier attempts of this run did (--resume): only this run's journal lines count.
  const journalPath = join(folder, 'journal.jsonl');
  const identity = { runId, inputSha256: sha256 };
  let earlier: JournalEntry[] = [];
  if (saved) {
    const contents = readJournal(journalPath, identity);
    for (const warning of contents.warnings) deps.warn(`Warning: ${warning}`);
    earlier = contents.entries;
  }
  const completed = completedSteps(earlier);
  const welcomesOwed = saved && welcomeText !== undefined ? pendingWelcomes(plan, saved.items, completed) : new Map();
  const actionableKeys = new Set(actionable.map((item) => item.key));
  const work = actionable.length + [...welcomesOwed.keys()].filter((key) => !actionableKeys.has(key)).length;

  if (work > 0 && !request.yes) {
    if (!deps.stdinIsTerminal) {
      throw new InputError('stdin is not a terminal, so there is nobody to confirm: pass --yes to apply this plan (nothing was changed)');
    }
    const question = `Apply ${work} change${work === 1 ? '' : 's'} to ${api.apiUrl}?`;
    const yes = await deps.confirm(question);
    if (!yes || stopped()) {
      deps.print('Cancelled: nothing was changed.');
      return { exitCode: stopped() ? ExitCode.Interrupted : ExitCode.Ok, runFolder: folder };
    }
  }
  if (stopped()) throw cancelled();

  // 7. Apply.
  const journal = new Journal(journalPath, identity);
  const progress = deps.startProgress(work, () => api.stats().requests);
  let applied;
  try {
    applied = await applyPlan(plan, api, journal, {
      completed,
      ...(welcomeText !== undefined ? { welcomeText, pendingWelcomes: welcomesOwed } : {}),
      onOutcome: (outcome) => progress.tick(outcome.result === 'failed'),
    });
  } finally {
    progress.stop();
    journal.close();
  }
  const outcomes = saved ? mergeEarlierResults(applied.outcomes, earlier, saved.items) : applied.outcomes;

  // 8. Report (an interrupted run's too: what was done so far).
  const interrupted = applied.interrupted && !applied.fatal;
  const exitCode = interrupted ? ExitCode.Interrupted : exitCodeFor(outcomes, applied.fatal);
  const stoppedBy = applied.fatal?.message ?? (interrupted ? 'interrupted (Ctrl+C or SIGTERM)' : undefined);
  const summary = baseSummary(outcomes, exitCode, false, stoppedBy);
  await writeRunReport({ folder, outcomes, detected: sheet.detected, rows: sheet.rows, summary, shape, lang });
  if (applied.fatal) {
    deps.warn(`Stopped: ${applied.fatal.message}. The journal (${journalPath}) records what was done; fix the cause and run: ${resumeCommand(folder)}`);
  } else if (interrupted) {
    deps.warn(`Interrupted: nothing more was sent after Ctrl+C. The journal (${journalPath}) and the report record what was done; finish the run with: ${resumeCommand(folder)}`);
  }
  return { exitCode, runFolder: folder, summary };
}
