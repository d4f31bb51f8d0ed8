// The run folder: new (a unique default name, or an empty --out) or, for --resume, the run's own;
// locked for as long as the run uses it. Private (700): it holds e-mails and phones.
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../exit-codes.js';
import { acquireRunLock, LOCK_FILE, type RunLock } from './run-lock.js';

export const RUNS_PARENT = 'pachca-roster-runs';

export interface RunFolder {
  readonly path: string;
  /** Lets the folder go: the lock is removed, and a folder this run created and left empty too. */
  release(): void;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** 2026-08-14_15-04-05-123 in local time. */
export function runFolderStamp(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}-${pad(now.getMilliseconds(), 3)}`;
}

/** Creates <parent>/<stamp> exclusively; a name taken by a run started the same millisecond gets -2, -3, ... */
export function createDefaultFolder(now: Date, parent = resolve(RUNS_PARENT)): string {
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const base = join(parent, runFolderStamp(now));
  for (let n = 1; n < 1000; n++) {
    const folder = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(folder, { mode: 0o700 });
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new InputError(`cannot create a run folder under ${parent}: every name for ${runFolderStamp(now)} is taken; use --out`);
}

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

function handle(path: string, lock: RunLock, created: boolean): RunFolder {
  return {
    path,
    release() {
      lock.release();
      if (!created) return;
      try {
        if (readdirSync(path).length === 0) rmdirSync(path);
      } catch {
        // Gone or not empty: leave it.
      }
    },
  };
}

/**
 * A new run's folder: `--out DIR` (created if missing; refused if it holds anything but the
 * run's own input files, `inputs`) or the default. Refuses (exit 2) a folder another run has locked.
 */
export function openNewRunFolder(outDir: string | undefined, now: Date, warn: (text: string) => void, inputs: readonly string[] = []): RunFolder {
  if (outDir === undefined) {
    const folder = createDefaultFolder(now);
    return handle(folder, acquireRunLock(folder, warn), true);
  }
  const folder = resolve(outDir);
  const existed = existsSync(folder);
  if (existed && !isDirectory(folder)) throw new InputError(`--out ${outDir} is a file; --out names a folder for the run's files`);
  if (!existed) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const lock = acquireRunLock(folder, warn);
  const ownInputs = new Set(inputs.map((input) => resolve(input)));
  const held = readdirSync(folder).filter((name) => name !== LOCK_FILE && !ownInputs.has(join(folder, name)));
  if (held.length > 0) {
    lock.release();
    const shown = held.slice(0, 3).join(', ') + (held.length > 3 ? `, ... (${held.length} files)` : '');
    const resume = held.includes('plan.json') ? `, or continue the run that is there with --resume ${outDir}` : '';
    throw new InputError(`--out ${outDir} already holds files (${shown}); a run folder must be new or empty: choose another --out${resume}`);
  }
  return handle(folder, lock, !existed);
}

/** The folder of the run `--resume DIR` continues, locked. */
export function openResumeFolder(dir: string, warn: (text: string) => void): RunFolder {
  const folder = resolve(dir);
  if (!existsSync(folder) || !isDirectory(folder)) throw new InputError(`--resume ${dir}: no such run folder`);
  return handle(folder, acquireRunLock(folder, warn), false);
}

/** The command that finishes an interrupted or stopped run, quoted for a POSIX shell. */
export function resumeCommand(folder: string): string {
  return `pachca-roster import --resume ${shellQuoted(folder)}`;
}

/** A path as a POSIX shell reads it back: as it is when plain, else in single quotes. */
export function shellQuoted(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
