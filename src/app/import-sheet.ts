// The import use case: read the sheet, check the token, list the directory, plan, save the plan
// (with the before values it depends on), then either stop there (a dry run, `plan`) or confirm
// and apply. `--resume` plans the run's own input again and skips what its journal says is done.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, ExitCode, InputError } from '../exit-codes.js';
import type { PachcaApi } from '../pachca/api.js';
import { InterruptedError } from '../pachca/errors.js';
import type { WriteScope } from '../pachca/types.js';
import type { ValidatedSheet } from '../records/types.js';
import type { Lang } from '../i18n/lang.js';
import { reportShapeFor } from '../reports/failed-rows.js';
import { writePlanWorkbook } from '../reports/plan-workbook.js';
import { takeSnapshot } from '../sync/directory.js';
import { BASE_SHEET, MEMBERSHIP_SHEET, readExportBase, TAGS_SHEET } from '../sync/export-base.js';
import { buildPlan, type Plan, type PlanOptions } from '../sync/plan.js';
import { emailOptionalFor } from '../sync/match.js';
import { rememberRenamedNames } from '../sync/resume.js';
import { openNewRunFolder, openResumeFolder, type RunFolder } from '../sync/run-folder.js';
import { tagsSheetInput } from '../sync/tags-sheet.js';
import { loadChatContext } from '../sync/chat-membership.js';
import { findRowPhotos, photoPlanWarnings } from '../sync/plan-photos.js';
import { applyContextOf, applyInFolder, earlierAttempts, finishDryRun, type RunResult } from './apply-run.js';
import { CancelledError, toCliError } from './errors.js';
import { finishedRunSummary, reportFinishedRun } from './finished-run.js';
import { systemClock, type Clock, type EventSink } from './events.js';
import {
  checkResumeFlags, readSavedPlan, savedPlanOf, saveSheet, writeSavedPlan, type PlanFlags, type SavedPlan, type SheetReadOptions,
} from './saved-plan.js';

export interface ImportRequest {
  /** The input sheet; absent with --resume (the run folder names it). */
  file?: string;
  resumeDir?: string;
  outDir?: string;
  dryRun: boolean;
  yes: boolean;
  readOptions: SheetReadOptions;
  planOptions: PlanOptions;
  welcomeFile?: string;
  /** --resume: the plan-shaping flags given on the command line (refused if they differ from the run's). */
  resumeFlags?: PlanFlags;
  /** The language of the report files (default English; summary.json and plan.json never change with it). */
  lang?: Lang;
  /** The IANA zone of plan.xlsx's time (default the machine's). */
  timeZone?: string;
  /** --report-delimiter: report.csv and failed.csv's delimiter instead of the input's. */
  reportDelimiter?: string;
  /** outDir may already hold the input sheet and the welcome file (the web page uploads them there); otherwise it must be empty. */
  inputsInOutDir?: boolean;
}

/** The sheets of an export workbook read beside its users sheet. */
const EXPORT_COMPANION_SHEETS = [TAGS_SHEET, MEMBERSHIP_SHEET, BASE_SHEET];

/** The sheet reader's options: the saved ones, and the other sheets to read in the same pass. */
export type ImportReadOptions = SheetReadOptions & { companionSheets?: readonly string[] };

/** What the import touches outside itself. */
export interface ImportPorts {
  /** `emailOptional`: rows are matched by another key (--match id or custom:NAME). */
  readSheet(file: string, options: ImportReadOptions & { emailOptional?: boolean }): Promise<ValidatedSheet>;
  /** Creates the client (resolving the token); called after the sheet was read. */
  connect(): PachcaApi;
  /** Asks whether to apply; absent when nobody can answer (then --yes is needed). */
  confirm?: (question: string) => Promise<boolean>;
  events: EventSink;
  /** Aborted by the first Ctrl+C or SIGTERM (the client gets the same signal and stops sending). */
  interrupt?: AbortSignal;
  clock?: Clock;
}

/** A resumed run's fresh plan (plan.json keeps the first one). */
export const RESUME_PLAN_FILE = 'plan-resume.json';

export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

export function readWelcome(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new InputError(`--welcome ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function missingScopes(required: readonly WriteScope[], granted: readonly string[]): WriteScope[] {
  const have = new Set(granted);
  return required.filter((scope) => !have.has(scope));
}

export function missingScopesError(missing: readonly WriteScope[], what: 'import' | 'undo' | 'change' = 'import'): CliError {
  return new CliError((t) => t.apiMissingScopes(missing, what), ExitCode.Auth);
}

/** The token's scopes and own user id; a Ctrl+C meanwhile cancels. */
export async function checkToken(api: PachcaApi, interrupt: AbortSignal | undefined): Promise<{ scopes: string[]; selfId: number }> {
  try {
    const [info, profile] = await Promise.all([api.getTokenInfo(), api.getProfile()]);
    return { scopes: info.scopes, selfId: profile.id };
  } catch (error) {
    throw interrupt?.aborted || error instanceof InterruptedError ? new CancelledError() : toCliError(error, 'checkToken');
  }
}

export async function importSheet(request: ImportRequest, ports: ImportPorts): Promise<RunResult> {
  const clock = ports.clock ?? systemClock;
  if (!request.resumeDir) {
    if (!request.file) throw new InputError('name the file to import (or --resume DIR)');
    const file = request.file;
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError((t) => t.errNoSuchFile(file));
  }
  const warn = (text: string): void => ports.events({ type: 'warning', text: text.replace(/^Warning: /, '') });
  // The folder is locked before anything reads or writes it, and let go whatever happens.
  const inputs = request.inputsInOutDir ? [request.file, request.welcomeFile].filter((path): path is string => path !== undefined) : [];
  const runFolder = request.resumeDir ? openResumeFolder(request.resumeDir, warn) : openNewRunFolder(request.outDir, clock.now(), warn, inputs);
  ports.events({ type: 'run-folder', path: runFolder.path });
  try {
    return await importInFolder(request, ports, runFolder, clock);
  } finally {
    runFolder.release();
  }
}

async function importInFolder(request: ImportRequest, ports: ImportPorts, runFolder: RunFolder, clock: Clock): Promise<RunResult> {
  const startedAt = clock.now().getTime();
  const folder = runFolder.path;
  const stopped = (): boolean => ports.interrupt?.aborted === true;

  // 1. The input (the run's own for --resume).
  let saved: SavedPlan | undefined;
  let inputPath: string;
  let { readOptions, planOptions, welcomeFile } = request;
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
    const finished = finishedRunSummary(folder);
    if (finished) return reportFinishedRun(folder, finished, request.lang ?? 'en', ports.events, clock, startedAt);
  } else {
    inputPath = resolve(request.file!);
  }
  const runId = saved?.runId ?? randomUUID();
  const welcomeText = readWelcome(welcomeFile);
  // One pass over a workbook reads the users and the export's other sheets; the file is hashed meanwhile.
  const readOptionsNow: ImportReadOptions & { emailOptional?: boolean } = { ...readOptions, companionSheets: EXPORT_COMPANION_SHEETS, ...(emailOptionalFor(planOptions.match) ? { emailOptional: true } : {}) };
  const [sha256, sheet] = await Promise.all([saved?.input.sha256 ?? sha256File(inputPath), ports.readSheet(inputPath, readOptionsNow)]);
  // An export workbook's Tags sheet carries tag renames and deletes; CSV and one-sheet files have none.
  const tagsSheet = sheet.detected.format === 'xlsx' ? tagsSheetInput(inputPath, sheet.detected.sheet, sheet.companions) : { warnings: [] };
  if (saved && tagsSheet.input) rememberRenamedNames(tagsSheet.input, saved.items);
  // An edited export's values as exported: the base of the three-way merge.
  const exportBase = await readExportBase(sheet.detected, sheet.companions);
  // Photo files are found and checked before any request: a bad --photos folder is exit 2.
  const shape = reportShapeFor(sheet.detected, request.reportDelimiter);
  const lang = request.lang ?? 'en';
  const photos = await findRowPhotos(sheet, planOptions.photos, lang);

  // 2. The token, 3. the snapshot, 4. the plan.
  if (stopped()) throw new CancelledError();
  const api = ports.connect();
  // The token check and the listing go out together: the listing's cursor chain is the longer wait.
  const listing = takeSnapshot(api, (users) => ports.events({ type: 'listing', users })).finally(() => ports.events({ type: 'listing-done' }));
  // Awaited below; until then a refusal (402, 401) must not count as an unhandled rejection.
  listing.catch(() => undefined);
  const token = await checkToken(api, ports.interrupt).catch(async (error: unknown) => {
    // A refused token is the error to report, once the listing (refused too) has ended.
    await listing.catch(() => undefined);
    throw error;
  });
  let plan: Plan;
  let savedPlan: SavedPlan;
  try {
    const directory = await listing;
    const chats = await loadChatContext(api, sheet, planOptions);
    plan = buildPlan(sheet, directory, planOptions, { selfId: token.selfId }, tagsSheet.input, exportBase.base, { ...(chats ? { chats } : {}), photos, ...(request.lang ? { lang: request.lang } : {}) });
    plan.warnings.push(...tagsSheet.warnings, ...(exportBase.warning ? [exportBase.warning] : []), ...photoPlanWarnings(plan.items, photos, lang));
    savedPlan = {
      ...savedPlanOf({
        runId,
        createdAt: saved?.createdAt ?? clock.now().toISOString(),
        input: { path: inputPath, sha256 },
        readOptions,
        planOptions,
        ...(welcomeFile !== undefined ? { welcomeFile: resolve(welcomeFile) } : {}),
        apiUrl: api.apiUrl,
      }, plan, directory, chats),
      // A plan saved for `apply DIR` carries the input's rows for failed.csv (an import has the sheet).
      ...(request.dryRun ? { sheet: saveSheet(sheet.detected, sheet.rows, shape) } : {}),
    };
  } catch (error) {
    throw stopped() || error instanceof InterruptedError ? new CancelledError() : toCliError(error, 'readDirectory');
  }
  // plan.json stays the run's first plan: later resumes need its items (old names of renamed
  // tags, what each row was to do). A resume's fresh plan goes beside it.
  const planFile = writeSavedPlan(folder, savedPlan, saved ? RESUME_PLAN_FILE : 'plan.json');
  // With --yes nobody reads plan.xlsx before the requests go: it is written once the first
  // answer is in (requests are flowing and the run mostly waits on the rate), so the first
  // request does not wait for it (nor for loading exceljs, for a CSV input), nor does the exit.
  const workbookDuringApply = request.yes && !request.dryRun;
  let workbook: Promise<void> | undefined;
  const writeWorkbook = (): Promise<void> => {
    workbook ??= writePlanWorkbook(folder, savedPlan, lang, request.timeZone);
    workbook.catch(() => undefined); // awaited (and its error thrown) at the end
    return workbook;
  };
  if (!workbookDuringApply) await writeWorkbook();
  const events: EventSink = workbookDuringApply
    ? (event) => {
      ports.events(event);
      if (event.type === 'action-done') void writeWorkbook();
    }
    : ports.events;
  try {
    const missing = missingScopes(plan.requiredScopes, token.scopes);
    if (missing.length > 0) throw missingScopesError(missing);

    // 5. The plan is ready.
    ports.events({ type: 'plan-ready', plan, preferSheet: planOptions.preferSheet === true, planFile });
    const context = applyContextOf(ports, {
      folder,
      api,
      clock,
      identity: { runId, inputSha256: sha256 },
      inputPath,
      detected: sheet.detected,
      rows: sheet.rows,
      shape,
      lang,
      ...(welcomeText !== undefined ? { welcomeText } : {}),
      yes: request.yes,
      ...(saved ? { firstPlanItems: saved.items } : {}),
      startedAt,
    }, events);

    if (request.dryRun) return await finishDryRun(plan, context);

    // 6. What earlier attempts of this run did (--resume): only this run's journal lines count; 7. apply.
    const earlier = saved ? earlierAttempts(folder, context.identity, ports.events) : [];
    return await applyInFolder(plan, context, earlier);
  } finally {
    await writeWorkbook();
  }
}
