// The apply half of a run, shared by `import` (right after planning) and `apply DIR` (a saved
// plan): what earlier attempts journaled, the confirmation, the requests, the report.
import { join } from 'node:path';
import { InputError } from '../exit-codes.js';
import type { PachcaApi } from '../pachca/api.js';
import { PachcaError } from '../pachca/errors.js';
import { countResults, countTagsSheetResults, writeFailedRows, writeRunReport, writeSummary, type RunSummary } from '../reports/report.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/catalog.js';
import type { ReportShape } from '../reports/failed-rows.js';
import type { Row, SheetDetected } from '../sheets/types.js';
import { applyPlan, staticOutcome, type Outcome } from '../sync/apply.js';
import { Journal, readJournal, type JournalEntry, type RunIdentity } from '../sync/journal.js';
import { actionableItems, type Plan, type PlanItem } from '../sync/plan.js';
import { completedSteps, mergeEarlierResults, pendingWelcomes } from '../sync/resume.js';
import { CancelledError, exitCodeOfRun, type RunStatus } from './errors.js';
import type { Clock, EventSink } from './events.js';

export const JOURNAL_FILE = 'journal.jsonl';

/** What a run's apply needs besides the plan. */
export interface ApplyContext {
  folder: string;
  api: PachcaApi;
  events: EventSink;
  clock: Clock;
  identity: RunIdentity;
  inputPath: string;
  /** What was read and its rows, for failed.csv/failed.xlsx shaped like the input. */
  detected: Pick<SheetDetected, 'format' | 'headers' | 'sheet'>;
  rows: Row[];
  /** The delimiter and encoding of the CSV reports. */
  shape: ReportShape;
  /** The language of the report files (summary.json and plan.json never change with it). */
  lang: Lang;
  welcomeText?: string;
  /** Asks whether to apply; absent when nobody can answer (then `yes` is needed). */
  confirm?: (question: string) => Promise<boolean>;
  yes: boolean;
  interrupt?: AbortSignal;
  /** The run's first plan, when this attempt continues it (its journal counts). */
  firstPlanItems?: readonly PlanItem[];
  /** When the run started (for the elapsed time). */
  startedAt: number;
}

/** What a use case's ports give every apply: where events go, and the confirmation and Ctrl+C when there are. */
export type ApplyContextPorts = Pick<ApplyContext, 'events' | 'confirm' | 'interrupt'>;

/** The apply context of a run: its fields, with the ports' events (or `events`), confirmation and interrupt. */
export function applyContextOf(
  ports: ApplyContextPorts, fields: Omit<ApplyContext, 'events' | 'confirm' | 'interrupt'>, events: EventSink = ports.events,
): ApplyContext {
  return {
    ...fields,
    events,
    ...(ports.confirm ? { confirm: ports.confirm } : {}),
    ...(ports.interrupt ? { interrupt: ports.interrupt } : {}),
  };
}

export interface RunResult {
  status: RunStatus;
  runFolder: string;
  summary?: RunSummary;
  fatal?: Error;
}

/** The journal lines of this run written by earlier attempts (a fresh run has none). */
export function earlierAttempts(folder: string, identity: RunIdentity, events: EventSink): JournalEntry[] {
  const contents = readJournal(join(folder, JOURNAL_FILE), identity);
  for (const warning of contents.warnings) events({ type: 'warning', text: warning });
  return contents.entries;
}

export function runSummary(context: ApplyContext, plan: Plan, outcomes: readonly Outcome[], status: RunStatus, dryRun: boolean, fatal?: Error, stoppedBy?: string): RunSummary {
  const stats = context.api.stats();
  const tagCounts = countTagsSheetResults(outcomes);
  return {
    input: context.inputPath,
    runFolder: context.folder,
    apiUrl: context.api.apiUrl,
    dryRun,
    resumed: context.firstPlanItems !== undefined,
    counts: countResults(outcomes),
    ...(tagCounts ? { tagCounts } : {}),
    planned: plan.counts,
    tagsCreated: outcomes.filter((outcome) => outcome.item.kind === 'create-tag' && outcome.result === 'created').length,
    requestsSent: stats.requests,
    rateLimited: stats.rateLimited,
    retries: stats.retries,
    elapsedSeconds: Math.round((context.clock.now().getTime() - context.startedAt) / 100) / 10,
    exitCode: exitCodeOfRun(status, fatal),
    ...(stoppedBy ? { stoppedBy } : {}),
    reportFiles: context.shape,
  };
}

function statusOf(outcomes: readonly Outcome[]): RunStatus {
  return outcomes.some((outcome) => outcome.result === 'failed' || outcome.result === 'invalid') ? 'rows-failed' : 'ok';
}

/** A dry run's end: summary.json (and failed.csv for invalid rows) as the apply would count them; nothing is sent. */
export async function finishDryRun(plan: Plan, context: ApplyContext): Promise<RunResult> {
  const { folder, events } = context;
  const outcomes = plan.items.map(staticOutcome);
  const status: RunStatus = outcomes.some((outcome) => outcome.result === 'invalid') ? 'rows-failed' : 'ok';
  const summary = runSummary(context, plan, outcomes, status, true);
  if (status === 'rows-failed') await writeFailedRows({ folder, outcomes, detected: context.detected, rows: context.rows, shape: context.shape, lang: context.lang });
  await writeSummary(folder, summary);
  events({ type: 'note', text: messages(context.lang).runDryRunNote(join(folder, 'plan.json')) });
  events({ type: 'finished', summary, runFolder: folder });
  return { status, runFolder: folder, summary };
}

/** Confirms (unless `yes`), applies with a journal, writes the report. */
export async function applyInFolder(plan: Plan, context: ApplyContext, earlier: readonly JournalEntry[]): Promise<RunResult> {
  const { api, events, folder } = context;
  const stopped = (): boolean => context.interrupt?.aborted === true;
  const journalPath = join(folder, JOURNAL_FILE);
  const completed = completedSteps(earlier);
  const welcomesOwed = context.firstPlanItems && context.welcomeText !== undefined ? pendingWelcomes(plan, context.firstPlanItems, completed) : new Map<string, PlanItem>();
  const actionable = actionableItems(plan);
  const actionableKeys = new Set(actionable.map((item) => item.key));
  const work = actionable.length + [...welcomesOwed.keys()].filter((key) => !actionableKeys.has(key)).length;

  if (work > 0 && !context.yes) {
    if (!context.confirm) {
      throw new InputError(messages(context.lang).runNobodyToConfirm);
    }
    const yes = await context.confirm(messages(context.lang).runConfirmApply(work, api.apiUrl));
    if (!yes || stopped()) {
      events({ type: 'note', text: messages(context.lang).runCancelled });
      return { status: stopped() ? 'interrupted' : 'cancelled', runFolder: folder };
    }
  }
  if (stopped()) throw new CancelledError();

  const journal = new Journal(journalPath, context.identity);
  events({ type: 'apply-started', total: work, requests: () => api.stats().requests });
  let applied;
  try {
    applied = await applyPlan(plan, api, journal, {
      completed,
      ...(context.welcomeText !== undefined ? { welcomeText: context.welcomeText, pendingWelcomes: welcomesOwed } : {}),
      onOutcome: (outcome) => events({ type: 'action-done', outcome }),
      t: messages(context.lang),
    });
  } finally {
    events({ type: 'apply-ended' });
    journal.close();
  }
  const outcomes = context.firstPlanItems ? mergeEarlierResults(applied.outcomes, earlier, context.firstPlanItems, messages(context.lang)) : applied.outcomes;

  // The report (an interrupted run's too: what was done so far).
  const interrupted = applied.interrupted && !applied.fatal;
  const status: RunStatus = applied.fatal ? 'stopped' : interrupted ? 'interrupted' : statusOf(outcomes);
  const stoppedBy = applied.fatal?.message ?? (interrupted ? 'interrupted (Ctrl+C or SIGTERM)' : undefined);
  const summary = runSummary(context, plan, outcomes, status, false, applied.fatal, stoppedBy);
  await writeRunReport({ folder, outcomes, detected: context.detected, rows: context.rows, summary, shape: context.shape, lang: context.lang });
  if (applied.fatal) {
    const message = applied.fatal instanceof PachcaError ? applied.fatal.say(messages(context.lang)) : applied.fatal.message;
    events({ type: 'stopped', reason: 'fatal', message, folder, journalPath });
  }
  else if (interrupted) events({ type: 'stopped', reason: 'interrupted', message: 'interrupted (Ctrl+C or SIGTERM)', folder, journalPath });
  events({ type: 'finished', summary, runFolder: folder });
  return { status, runFolder: folder, summary, ...(applied.fatal ? { fatal: applied.fatal } : {}) };
}
