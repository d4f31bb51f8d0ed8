// The apply use case: a saved plan (`plan FILE --out DIR`) applied exactly as it was planned,
// without reading the sheet again. The users, tags and chats it touches are read again first
// (only them when they are few: basis-directory.ts); when any differs from the values the plan
// was made against, nothing is sent. Run again after a stop, it continues from its journal (what was done
// is not checked again, nor redone); run again after it finished, it sends nothing (finished-run.ts).
import { InputError } from '../exit-codes.js';
import type { PachcaApi } from '../pachca/api.js';
import { InterruptedError } from '../pachca/errors.js';
import { openResumeFolder } from '../sync/run-folder.js';
import { readBasisChats, readBasisDirectory } from './basis-directory.js';
import { applyContextOf, applyInFolder, earlierAttempts, type RunResult } from './apply-run.js';
import { CancelledError, toCliError } from './errors.js';
import { finishedRunSummary, reportFinishedRun } from './finished-run.js';
import { systemClock, type Clock, type EventSink } from './events.js';
import { checkToken, missingScopes, missingScopesError, readWelcome } from './import-sheet.js';
import { changedSinceBasis } from './plan-basis.js';
import { readSavedPlan, savedSheetRows, savedSheetShape } from './saved-plan.js';
import type { Say } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import type { Plan } from '../sync/plan.js';

export interface ApplyRequest {
  /** The folder `plan FILE --out DIR` wrote. */
  dir: string;
  yes: boolean;
  /** The language of the report files (default English). */
  lang?: Lang;
}

export interface ApplyPorts {
  /** Creates the client (resolving the token). */
  connect(): PachcaApi;
  confirm?: (question: string) => Promise<boolean>;
  events: EventSink;
  interrupt?: AbortSignal;
  clock?: Clock;
}

/** The directory changed since the plan: refused before anything is sent. */
export class PlanOutdatedError extends InputError {
  constructor(
    /** What changed, one phrase each. */
    readonly changed: readonly Say[],
  ) {
    super((t) => t.basisPlanOutdated(changed.slice(0, 10).map((say) => say(t)), Math.max(0, changed.length - 10)));
    this.name = 'PlanOutdatedError';
  }
}

export async function applySavedPlan(request: ApplyRequest, ports: ApplyPorts): Promise<RunResult> {
  const clock = ports.clock ?? systemClock;
  const warn = (text: string): void => ports.events({ type: 'warning', text: text.replace(/^Warning: /, '') });
  const runFolder = openResumeFolder(request.dir, warn);
  ports.events({ type: 'run-folder', path: runFolder.path });
  try {
    const folder = runFolder.path;
    const startedAt = clock.now().getTime();
    const saved = readSavedPlan(folder, 'apply');
    if (!saved.basis || !saved.sheet) {
      throw new InputError(`apply ${request.dir}: its plan.json was not saved by plan FILE --out DIR (an import's run folder, or an older version's plan): make one with plan FILE --out DIR`);
    }
    const finished = finishedRunSummary(folder);
    if (finished) return reportFinishedRun(folder, finished, request.lang ?? 'en', ports.events, clock, startedAt);
    const identity = { runId: saved.runId, inputSha256: saved.input.sha256 };
    const earlier = earlierAttempts(folder, identity, ports.events);
    const welcomeText = readWelcome(saved.welcomeFile);

    if (ports.interrupt?.aborted) throw new CancelledError();
    const api = ports.connect();
    if (api.apiUrl !== saved.apiUrl) {
      throw new InputError(`apply ${request.dir}: the plan was made for ${saved.apiUrl}, not ${api.apiUrl}; plan again against this one`);
    }
    const token = await checkToken(api, ports.interrupt);
    const missing = missingScopes(saved.requiredScopes, token.scopes);
    if (missing.length > 0) throw missingScopesError(missing);

    // The users and tags the plan touches, as they are now (items an earlier attempt did are its own changes).
    let changed: Say[];
    try {
      const done = new Set(earlier.map((entry) => entry.key));
      const [directory, chats] = await Promise.all([
        readBasisDirectory(api, saved.basis, done, (users) => ports.events({ type: 'listing', users }))
          .finally(() => ports.events({ type: 'listing-done' })),
        readBasisChats(api, saved.basis, done),
      ]);
      changed = changedSinceBasis(saved.basis, directory, done, chats);
    } catch (error) {
      throw ports.interrupt?.aborted || error instanceof InterruptedError ? new CancelledError() : toCliError(error, 'readDirectory');
    }
    if (changed.length > 0) throw new PlanOutdatedError(changed);

    const plan: Plan = {
      items: saved.items,
      counts: saved.counts,
      requiredScopes: saved.requiredScopes,
      warnings: saved.warnings,
      customColumns: saved.customColumns,
    };
    ports.events({ type: 'plan-ready', plan, preferSheet: saved.planOptions.preferSheet === true, planFile: `${folder}/plan.json` });
    const context = applyContextOf(ports, {
      folder,
      api,
      clock,
      identity,
      inputPath: saved.input.path,
      ...savedSheetShape(saved.sheet),
      rows: savedSheetRows(saved.sheet),
      lang: request.lang ?? 'en',
      ...(welcomeText !== undefined ? { welcomeText } : {}),
      yes: request.yes,
      ...(earlier.length > 0 ? { firstPlanItems: saved.items } : {}),
      startedAt,
    });
    return await applyInFolder(plan, context, earlier);
  } finally {
    runFolder.release();
  }
}
