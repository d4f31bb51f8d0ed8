// One import run, end to end: read the sheet, check the token, snapshot, plan, show, confirm,
// apply with a journal, report. The CLI command parses flags and supplies the parts that touch
// the terminal (output, confirmation, progress) and the reader and client.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, ExitCode, InputError } from '../exit-codes.js';
import type { PachcaApi } from '../pachca/api.js';
import { exitCodeForError, toCliError } from '../pachca/config.js';
import type { WriteScope } from '../pachca/types.js';
import type { ValidatedSheet } from '../records/types.js';
import { countResults, countTagsSheetResults, TAGS_REPORT_FILE, writeFailedRows, writeRunReport, writeSummary, type RunSummary } from '../reports/report.js';
import { applyPlan, resultOfKind, staticOutcome, type Outcome } from './apply.js';
import { tagKey, takeSnapshot } from './directory.js';
import { Journal, readJournal, stepId, type JournalEntry } from './journal.js';
import { actionableItems, buildPlan, type Plan, type PlanItem, type PlanOptions } from './plan.js';
import { readExportBase } from './export-base.js';
import { formatConflicts } from './merge-base.js';
import { isTagsSheetItem, readTagsSheet, TAGS_SHEET, type TagsSheetInput } from './tags-sheet.js';

/** How the sheet is read; saved in plan.json so --resume reads it the same way. */
export interface SheetReadOptions {
  sheet?: string;
  map?: string[];
  mapping?: string;
  encoding?: string;
  delimiter?: string;
  phoneRegion?: string;
}

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
  startProgress(total: number, requests: () => number): ProgressHandle;
  /** A running count while the directory is listed (optional). */
  startSnapshotProgress?(): { count(users: number): void; stop(): void };
  now?: () => Date;
}

export interface SavedPlan {
  version: 1;
  createdAt: string;
  input: { path: string; sha256: string };
  readOptions: SheetReadOptions;
  planOptions: PlanOptions;
  welcomeFile?: string;
  apiUrl: string;
  counts: Plan['counts'];
  requiredScopes: WriteScope[];
  warnings: string[];
  customColumns: Plan['customColumns'];
  items: PlanItem[];
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

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** ./pachca-roster-runs/2026-08-14_15-04-05 in local time (a suffix if taken). */
function defaultRunFolder(now: Date): string {
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  const base = resolve('pachca-roster-runs', stamp);
  let folder = base;
  for (let n = 2; existsSync(folder); n++) folder = `${base}-${n}`;
  return folder;
}

function readSavedPlan(folder: string): SavedPlan {
  const path = join(folder, 'plan.json');
  let saved: SavedPlan;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as SavedPlan;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`--resume ${folder}: cannot read plan.json (${code ?? 'not valid JSON'}); is this a run folder?`);
  }
  if (saved.version !== 1 || !saved.input?.path || !saved.input.sha256) {
    throw new InputError(`--resume ${folder}: plan.json does not name its input file`);
  }
  return saved;
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

/** On --resume, rows an earlier attempt finished now plan as unchanged: report what was done. */
function mergeEarlierResults(outcomes: Outcome[], earlier: readonly JournalEntry[], savedItems: readonly PlanItem[]): Outcome[] {
  // The fresh plan sees those rows as unchanged; the first plan says what they were to do and which fields.
  const firstPlanItems = new Map(savedItems.map((item) => [item.key, item]));
  const byKey = new Map<string, JournalEntry[]>();
  for (const entry of earlier) {
    if (!entry.ok) continue;
    const list = byKey.get(entry.key) ?? [];
    list.push(entry);
    byKey.set(entry.key, list);
  }
  return outcomes.map((outcome) => {
    const done = byKey.get(outcome.item.key);
    if (!done) return outcome;
    const userStep = done.find((entry) => entry.step === 'user' || entry.step === 'create-tag' || entry.step === 'rename-tag' || entry.step === 'delete-tag');
    const main = userStep ?? done.find((entry) => entry.step === 'status');
    if (!main) return outcome;
    const replace = outcome.result === 'unchanged'
      || (userStep !== undefined && (outcome.result === 'status set' || outcome.result === 'status cleared'));
    if (!replace) return outcome;
    const userId = main.userId ?? outcome.userId;
    const firstItem = firstPlanItems.get(outcome.item.key);
    return {
      ...outcome,
      ...(firstItem && firstItem.kind === main.kind ? { item: firstItem } : {}),
      result: resultOfKind(main.kind),
      ...(userId !== undefined ? { userId } : {}),
      message: [outcome.message, 'done by an earlier attempt of this run'].filter(Boolean).join('; '),
    };
  });
}

/**
 * On --resume, tags the earlier attempt may have renamed already: their old names (from the saved
 * plan) still mean those tags in the users sheet, as in the first attempt, even without a Membership sheet.
 */
function rememberRenamedNames(input: TagsSheetInput, savedItems: readonly PlanItem[]): void {
  for (const item of savedItems) {
    const before = item.changes[0]?.before;
    if (item.kind === 'rename-tag' && item.tagId !== undefined && before) input.membershipIds.set(tagKey(before), item.tagId);
  }
}

function tagCountsOf(outcomes: readonly Outcome[]): Pick<RunSummary, 'tagCounts'> {
  const tagCounts = countTagsSheetResults(outcomes);
  return tagCounts ? { tagCounts } : {};
}

function exitCodeFor(outcomes: readonly Outcome[], fatal: Error | undefined): number {
  if (fatal) return exitCodeForError(fatal);
  return outcomes.some((outcome) => outcome.result === 'failed' || outcome.result === 'invalid') ? ExitCode.RowsFailed : ExitCode.Ok;
}

export function formatSummary(summary: RunSummary, folder: string): string {
  const counts = Object.entries(summary.counts).filter(([, count]) => count > 0).map(([result, count]) => `${result} ${count}`);
  const lines = [
    `${summary.dryRun ? 'Dry run, nothing changed; would be' : 'Done'}: ${counts.length > 0 ? counts.join(', ') : 'no rows'}${summary.tagsCreated ? `; tags created ${summary.tagsCreated}` : ''}`,
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
  return lines.join('\n');
}

export async function runImport(request: ImportRequest, deps: ImportDeps): Promise<ImportResult> {
  const started = Date.now();
  const now = deps.now ?? (() => new Date());

  // 1. The input and the run folder.
  let saved: SavedPlan | undefined;
  let inputPath: string;
  let folder: string;
  let readOptions = request.readOptions;
  let planOptions = request.planOptions;
  let welcomeFile = request.welcomeFile;
  if (request.resumeDir) {
    folder = resolve(request.resumeDir);
    saved = readSavedPlan(folder);
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
    if (!request.file) throw new InputError('name the file to import (or --resume DIR)');
    inputPath = resolve(request.file);
    if (!existsSync(inputPath) || !statSync(inputPath).isFile()) throw new InputError(`${request.file}: no such file`);
    folder = request.outDir ? resolve(request.outDir) : defaultRunFolder(now());
    if (existsSync(join(folder, 'journal.jsonl')) && statSync(join(folder, 'journal.jsonl')).size > 0) {
      throw new InputError(`${folder} already holds a run (journal.jsonl); continue it with --resume ${folder} or choose another --out`);
    }
  }
  const welcomeText = readWelcome(welcomeFile);
  const sha256 = saved?.input.sha256 ?? (await sha256File(inputPath));
  const sheet = await deps.readSheet(inputPath, readOptions);
  // An export workbook's Tags sheet carries tag renames and deletes; CSV and one-sheet files have none.
  const tagsSheet = sheet.detected.format === 'xlsx' ? await readTagsSheet(inputPath, sheet.detected.sheet) : { warnings: [] };
  if (saved && tagsSheet.input) rememberRenamedNames(tagsSheet.input, saved.items);
  // An edited export's values as exported: the base of the three-way merge.
  const exportBase = await readExportBase(sheet.detected);

  // 2. The token, 3. the snapshot, 4. the plan.
  const api = deps.connect();
  let tokenScopes: string[];
  let selfId: number;
  try {
    const [info, profile] = await Promise.all([api.getTokenInfo(), api.getProfile()]);
    tokenScopes = info.scopes;
    selfId = profile.id;
  } catch (error) {
    throw toCliError(error, 'checking the token');
  }
  let plan: Plan;
  try {
    const snapshotProgress = deps.startSnapshotProgress?.();
    const directory = await takeSnapshot(api, snapshotProgress?.count).finally(() => snapshotProgress?.stop());
    plan = buildPlan(sheet, directory, planOptions, { selfId }, tagsSheet.input, exportBase.base);
    plan.warnings.push(...tagsSheet.warnings, ...(exportBase.warning ? [exportBase.warning] : []));
  } catch (error) {
    throw toCliError(error, 'reading the directory');
  }

  mkdirSync(folder, { recursive: true });
  const savedPlan: SavedPlan = {
    version: 1,
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
  writeFileSync(join(folder, saved ? RESUME_PLAN_FILE : 'plan.json'), `${JSON.stringify(savedPlan, null, 2)}\n`);

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
  const baseSummary = (outcomes: Outcome[], exitCode: number, dryRun: boolean, fatal?: Error): RunSummary => {
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
      ...(fatal ? { stoppedBy: fatal.message } : {}),
    };
  };

  if (request.dryRun) {
    const outcomes = plan.items.map(staticOutcome);
    const exitCode = outcomes.some((outcome) => outcome.result === 'invalid') ? ExitCode.RowsFailed : ExitCode.Ok;
    const summary = baseSummary(outcomes, exitCode, true);
    if (exitCode === ExitCode.RowsFailed) await writeFailedRows(folder, outcomes, sheet.detected.headers, sheet.rows);
    await writeSummary(folder, summary);
    if (!request.quiet) deps.print(`Dry run: nothing was changed. The plan is in ${join(folder, 'plan.json')}`);
    return { exitCode, runFolder: folder, summary };
  }

  if (actionable.length > 0 && !request.yes) {
    if (!deps.stdinIsTerminal) {
      throw new InputError('stdin is not a terminal, so there is nobody to confirm: pass --yes to apply this plan (nothing was changed)');
    }
    const question = `Apply ${actionable.length} change${actionable.length === 1 ? '' : 's'} to ${api.apiUrl}?`;
    if (!(await deps.confirm(question))) {
      deps.print('Cancelled: nothing was changed.');
      return { exitCode: ExitCode.Ok, runFolder: folder };
    }
  }

  // 6. Apply.
  const journalPath = join(folder, 'journal.jsonl');
  const earlier = saved ? readJournal(journalPath) : [];
  const completed = new Map<string, JournalEntry>();
  for (const entry of earlier) if (entry.ok) completed.set(stepId(entry.key, entry.step), entry);
  const journal = new Journal(journalPath);
  const progress = deps.startProgress(actionable.length, () => api.stats().requests);
  let applied;
  try {
    applied = await applyPlan(plan, api, journal, {
      completed,
      ...(welcomeText !== undefined ? { welcomeText } : {}),
      onOutcome: (outcome) => progress.tick(outcome.result === 'failed'),
    });
  } finally {
    progress.stop();
    journal.close();
  }
  const outcomes = saved ? mergeEarlierResults(applied.outcomes, earlier, saved.items) : applied.outcomes;

  // 7. Report.
  const exitCode = exitCodeFor(outcomes, applied.fatal);
  const summary = baseSummary(outcomes, exitCode, false, applied.fatal);
  await writeRunReport({ folder, outcomes, headers: sheet.detected.headers, rows: sheet.rows, summary });
  if (applied.fatal) {
    deps.print(`Stopped: ${applied.fatal.message}. The journal (${journalPath}) records what was done; fix the cause and run: pachca-roster import --resume ${folder}`);
  }
  return { exitCode, runFolder: folder, summary };
}
