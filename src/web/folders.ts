// The folders the page reads and writes under --runs-dir: run folders (an upload, its plan, its
// journal and reports), exports/ and audits/. A name from a request is checked to be one plain
// folder name that exists there; the files served back are the reports only, never an upload.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from '../sync/run-lock.js';
import type { RunSummary } from '../reports/report.js';

export const EXPORTS_FOLDER = 'exports';
export const AUDITS_FOLDER = 'audits';

/** The files of a run folder the page offers for download (the input sheet is not one of them). */
export const RUN_FILES = ['report.xlsx', 'report.csv', 'report-tags.csv', 'failed.xlsx', 'failed.csv', 'plan.xlsx', 'plan.json', 'summary.json'] as const;

const FOLDER_NAME = /^[\w][\w.-]{0,120}$/;

/** `<parent>/<name>` when name is one plain folder name that exists there. */
export function childFolder(parent: string, name: string): string | undefined {
  if (!FOLDER_NAME.test(name) || name.includes('..')) return undefined;
  const path = join(parent, name);
  return existsSync(path) && statSync(path).isDirectory() ? path : undefined;
}

/** The report files present in a folder, in RUN_FILES order. */
export function runFilesIn(folder: string): string[] {
  return RUN_FILES.filter((name) => existsSync(join(folder, name)));
}

/** Files in an export or audit folder (all of them are outputs). */
export function outputFilesIn(folder: string): string[] {
  return readdirSync(folder).filter((name) => !name.startsWith('.') && statSync(join(folder, name)).isFile()).sort();
}

export type RunState = 'uploaded' | 'planned' | 'applied' | 'rows-failed' | 'interrupted' | 'running' | 'other';

export interface RunListing {
  name: string;
  state: RunState;
  /** The uploaded sheet's file name (a run of the command line: its input's). */
  input?: string;
  summary?: Pick<RunSummary, 'counts' | 'planned' | 'exitCode' | 'dryRun' | 'requestsSent' | 'elapsedSeconds' | 'stoppedBy'>;
  files: string[];
  /** Whether `apply` can take it up (a saved plan not finished). */
  resumable: boolean;
  /** Whether `undo` can take it back (its journal records what it did, and it is not running). */
  undoable: boolean;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

interface PlanFacts {
  inputPath?: string;
  /** Saved by a plan (web or `plan --out`): `apply` can carry it out. */
  appliable: boolean;
}

function planFacts(folder: string): PlanFacts | undefined {
  const plan = readJson(join(folder, 'plan.json')) as { input?: { path?: unknown }; sheet?: unknown; basis?: unknown } | undefined;
  if (!plan) return undefined;
  return {
    ...(typeof plan.input?.path === 'string' ? { inputPath: plan.input.path } : {}),
    appliable: plan.sheet !== undefined && plan.basis !== undefined,
  };
}

/** Whether a live process holds the folder's lock (one left by a killed process does not count). */
function lockedByLiveProcess(folder: string): boolean {
  const owner = readJson(join(folder, LOCK_FILE)) as { pid?: unknown } | undefined;
  if (typeof owner?.pid !== 'number') return existsSync(join(folder, LOCK_FILE));
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stateOf(folder: string, plan: PlanFacts | undefined, summary: RunSummary | undefined, running: boolean): RunState {
  if (running || lockedByLiveProcess(folder)) return 'running';
  if (!plan) return 'uploaded';
  const journaled = existsSync(join(folder, 'journal.jsonl'));
  // A saved plan whose apply started (a journal) but wrote no final summary, or stopped early.
  if (journaled && (!summary || summary.dryRun || summary.stoppedBy !== undefined)) return plan.appliable ? 'interrupted' : 'other';
  if (!summary || summary.dryRun) return plan.appliable ? 'planned' : 'other';
  return summary.exitCode === 5 ? 'rows-failed' : 'applied';
}

export function describeRun(folder: string, name: string, running: boolean): RunListing {
  const plan = planFacts(folder);
  const summary = readJson(join(folder, 'summary.json')) as RunSummary | undefined;
  const state = stateOf(folder, plan, summary, running);
  const uploaded = plan?.inputPath?.split(/[\\/]/).pop() ?? readdirSync(folder).find((file) => /\.(csv|xlsx)$/i.test(file) && !RUN_FILES.includes(file as (typeof RUN_FILES)[number]));
  return {
    name,
    state,
    ...(uploaded ? { input: uploaded } : {}),
    ...(summary ? {
      summary: {
        counts: summary.counts, planned: summary.planned, exitCode: summary.exitCode, dryRun: summary.dryRun,
        requestsSent: summary.requestsSent, elapsedSeconds: summary.elapsedSeconds,
        ...(summary.stoppedBy !== undefined ? { stoppedBy: summary.stoppedBy } : {}),
      },
    } : {}),
    files: runFilesIn(folder),
    resumable: state === 'interrupted' || state === 'planned',
    undoable: (state === 'applied' || state === 'rows-failed' || state === 'interrupted') && existsSync(join(folder, 'journal.jsonl')),
  };
}

/** Run folders under runsDir, newest first (by name: the names are timestamps). */
export function listRuns(runsDir: string, running: ReadonlySet<string>): RunListing[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}-\d{2}-\d{2}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .reverse()
    .map((name) => describeRun(join(runsDir, name), name, running.has(name)));
}
