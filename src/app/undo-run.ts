// The undo use case: the plan that takes back what a run's journal says was done (sync/undo-plan),
// shown, confirmed, applied, journaled and reported like any run, in a run folder of its own
// (whose journal an undo can take back in turn). An interrupted run is undone as far as its
// journal goes. The undone run's folder is locked meanwhile, so it cannot be resumed at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { InputError } from '../exit-codes.js';
import { InterruptedError } from '../pachca/errors.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/catalog.js';
import { writePlanWorkbook } from '../reports/plan-workbook.js';
import { writeSummary } from '../reports/report.js';
import { staticOutcome } from '../sync/apply.js';
import { takeSnapshot } from '../sync/directory.js';
import { readJournal } from '../sync/journal.js';
import { DEFAULT_PLAN_OPTIONS, type Plan } from '../sync/plan.js';
import { openNewRunFolder, openResumeFolder } from '../sync/run-folder.js';
import { buildUndoPlan } from '../sync/undo-plan.js';
import { applyContextOf, applyInFolder, JOURNAL_FILE, runSummary, type RunResult } from './apply-run.js';
import type { ApplyPorts } from './apply-saved.js';
import { CancelledError, toCliError } from './errors.js';
import { systemClock } from './events.js';
import { checkToken, missingScopes, missingScopesError, sha256File } from './import-sheet.js';
import { savedPlanOf, writeSavedPlan, type SavedPlan } from './saved-plan.js';

export interface UndoRequest {
  /** The folder of the run to take back (an import's, an apply's or an undo's). */
  runDir: string;
  /** The undo's own run folder (default: a new one under ./pachca-roster-runs). */
  outDir?: string;
  /** People the run created are deleted instead of suspended. */
  allowDelete: boolean;
  dryRun: boolean;
  yes: boolean;
  lang?: Lang;
  /** The IANA zone of plan.xlsx's times (default the machine's). */
  timeZone?: string;
}

/** The run's id from its plan.json, when it has one: only its own journal lines are taken back. */
function runIdOf(folder: string): string | undefined {
  try {
    const saved = JSON.parse(readFileSync(join(folder, 'plan.json'), 'utf8')) as { runId?: unknown };
    return typeof saved.runId === 'string' ? saved.runId : undefined;
  } catch {
    return undefined;
  }
}

export async function undoRun(request: UndoRequest, ports: ApplyPorts): Promise<RunResult> {
  const clock = ports.clock ?? systemClock;
  const warn = (text: string): void => ports.events({ type: 'warning', text: text.replace(/^Warning: /, '') });
  const undoneFolder = resolve(request.runDir);
  const journalPath = join(undoneFolder, JOURNAL_FILE);
  if (!existsSync(undoneFolder) || !statSync(undoneFolder).isDirectory()) throw new InputError(`undo ${request.runDir}: no such run folder`);
  if (!existsSync(journalPath)) {
    throw new InputError(`undo ${request.runDir}: no ${JOURNAL_FILE} there, so that run changed nothing (a plan or a dry run?) or this is not a run folder`);
  }
  const undone = openResumeFolder(undoneFolder, warn);
  try {
    const undoneRunId = runIdOf(undoneFolder);
    const contents = readJournal(journalPath);
    for (const warning of contents.warnings) warn(warning);
    const entries = contents.entries.filter((entry) => undoneRunId === undefined || entry.run === undoneRunId);
    if (entries.length === 0) throw new InputError(`undo ${request.runDir}: its journal records no step, so there is nothing to undo`);
    const inputSha256 = await sha256File(journalPath);

    const runFolder = openNewRunFolder(request.outDir, clock.now(), warn);
    ports.events({ type: 'run-folder', path: runFolder.path });
    try {
      return await undoInFolder(request, ports, runFolder.path, { entries, journalPath, inputSha256, undoneRunId });
    } finally {
      runFolder.release();
    }
  } finally {
    undone.release();
  }
}

interface Undone {
  entries: ReturnType<typeof readJournal>['entries'];
  journalPath: string;
  inputSha256: string;
  undoneRunId: string | undefined;
}

async function undoInFolder(request: UndoRequest, ports: ApplyPorts, folder: string, undone: Undone): Promise<RunResult> {
  const clock = ports.clock ?? systemClock;
  const startedAt = clock.now().getTime();
  const stopped = (): boolean => ports.interrupt?.aborted === true;
  if (stopped()) throw new CancelledError();
  const api = ports.connect();
  const token = await checkToken(api, ports.interrupt);
  let plan: Plan;
  let saved: SavedPlan & { undo: { runFolder: string; runId?: string } };
  const runId = randomUUID();
  const sheet = { headers: [], rows: [], format: 'csv' as const };
  try {
    const directory = await takeSnapshot(api, (users) => ports.events({ type: 'listing', users })).finally(() => ports.events({ type: 'listing-done' }));
    plan = buildUndoPlan(undone.entries, directory, { allowDelete: request.allowDelete, now: clock.now(), ...(request.lang ? { lang: request.lang } : {}) }, { selfId: token.selfId });
    saved = {
      ...savedPlanOf({
        runId,
        createdAt: clock.now().toISOString(),
        input: { path: undone.journalPath, sha256: undone.inputSha256 },
        readOptions: {},
        planOptions: { ...DEFAULT_PLAN_OPTIONS, allowDelete: request.allowDelete },
        apiUrl: api.apiUrl,
      }, plan, directory),
      // With its basis and (empty) sheet, `apply DIR` applies a dry run's undo, or finishes an interrupted one.
      sheet,
      undo: { runFolder: resolve(request.runDir), ...(undone.undoneRunId ? { runId: undone.undoneRunId } : {}) },
    };
  } catch (error) {
    throw stopped() || error instanceof InterruptedError ? new CancelledError() : toCliError(error, 'readDirectory');
  }
  const planFile = writeSavedPlan(folder, saved);
  const lang = request.lang ?? 'en';
  await writePlanWorkbook(folder, saved, lang, request.timeZone);
  const missing = missingScopes(plan.requiredScopes, token.scopes);
  if (missing.length > 0) throw missingScopesError(missing, 'undo');

  ports.events({ type: 'plan-ready', plan, preferSheet: false, planFile });
  const context = applyContextOf(ports, {
    folder,
    api,
    clock,
    identity: { runId, inputSha256: undone.inputSha256 },
    inputPath: undone.journalPath,
    detected: { format: 'csv', headers: [] },
    rows: [],
    shape: { delimiter: ',', encoding: 'utf-8-bom' },
    lang,
    yes: request.yes,
    startedAt,
  });
  if (request.dryRun) {
    const outcomes = plan.items.map(staticOutcome);
    const summary = runSummary(context, plan, outcomes, 'ok', true);
    await writeSummary(folder, summary);
    ports.events({ type: 'note', text: messages(lang).undoDryRunNote(planFile, folder) });
    ports.events({ type: 'finished', summary, runFolder: folder });
    return { status: 'ok', runFolder: folder, summary };
  }
  return applyInFolder(plan, context, []);
}
