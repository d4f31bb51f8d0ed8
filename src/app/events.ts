// What a use case tells its caller while it runs: typed events, rendered by the CLI as text,
// a progress bar or JSON (a web page would stream them). A use case never prints.
import type { Outcome } from '../sync/apply.js';
import type { Plan } from '../sync/plan.js';
import type { RunSummary } from '../reports/report.js';

export type AppEvent =
  /** The run folder is open and locked. */
  | { type: 'run-folder'; path: string }
  | { type: 'warning'; text: string }
  /** A note for the person running it ("Dry run: nothing was changed ..."). */
  | { type: 'note'; text: string }
  /** The directory is being listed: the running count of users. */
  | { type: 'listing'; users: number }
  | { type: 'listing-done' }
  | { type: 'plan-ready'; plan: Plan; preferSheet: boolean; planFile: string }
  /** Requests are about to be sent: `total` items; `requests` counts the requests sent so far. */
  | { type: 'apply-started'; total: number; requests: () => number }
  | { type: 'action-done'; outcome: Outcome }
  | { type: 'apply-ended' }
  /** The run stopped early (a fatal error or Ctrl+C); the journal records what was done. */
  | { type: 'stopped'; reason: 'fatal' | 'interrupted'; message: string; folder: string; journalPath: string }
  | { type: 'finished'; summary: RunSummary; runFolder: string };

export type EventSink = (event: AppEvent) => void;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
