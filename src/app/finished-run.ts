// A run that already finished (its summary.json says it ran to the end with every row done):
// resuming it has nothing left to do. Planning it again against today's directory would count
// later edits by other commands as this run's changes, so the resume only reports what the run
// did, as its report says, and sends nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import type { RunSummary } from '../reports/report.js';
import { ExitCode } from '../exit-codes.js';
import type { RunResult } from './apply-run.js';
import type { Clock, EventSink } from './events.js';

/** The folder's summary.json when it is that of a real (not dry) run that ended with exit 0. */
export function finishedRunSummary(folder: string): RunSummary | undefined {
  let summary: Partial<RunSummary>;
  try {
    summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as Partial<RunSummary>;
  } catch {
    return undefined;
  }
  const finished = summary.dryRun === false && summary.exitCode === ExitCode.Ok && summary.stoppedBy === undefined && typeof summary.counts === 'object';
  return finished ? (summary as RunSummary) : undefined;
}

/** The resume of a finished run: a note, and the run's own counts with this attempt's (zero) requests. */
export function reportFinishedRun(folder: string, done: RunSummary, lang: Lang, events: EventSink, clock: Clock, startedAt: number): RunResult {
  events({ type: 'note', text: messages(lang).runAlreadyFinished(join(folder, 'report.xlsx')) });
  const summary: RunSummary = {
    ...done,
    runFolder: folder,
    resumed: true,
    requestsSent: 0,
    rateLimited: 0,
    retries: 0,
    elapsedSeconds: Math.round((clock.now().getTime() - startedAt) / 100) / 10,
  };
  events({ type: 'finished', summary, runFolder: folder });
  return { status: 'ok', runFolder: folder, summary };
}
