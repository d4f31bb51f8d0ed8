// One run per folder: `run.lock` holds the pid of the process using the folder. It is created
// exclusively (O_EXCL), so of two runs started together exactly one gets it; a lock left by a
// process that is gone (crash, kill -9) is taken over with a warning.
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../exit-codes.js';

export const LOCK_FILE = 'run.lock';

export interface RunLock {
  readonly path: string;
  /** Removes the lock if it is still this process's; safe to call twice. */
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid)) {
      return { pid: parsed.pid, host: typeof parsed.host === 'string' ? parsed.host : '', since: typeof parsed.since === 'string' ? parsed.since : '' };
    }
  } catch {
    // Unreadable or half-written: treated like a lock whose owner cannot be asked.
  }
  return undefined;
}

/** Whether the owner may still be running (another host's process cannot be checked: assume so). */
function isAlive(owner: LockOwner): boolean {
  if (owner.host && owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(folder: string, owner: LockOwner): InputError {
  const where = owner.host && owner.host !== hostname() ? ` on ${owner.host}` : '';
  return new InputError(`${folder} is in use by another pachca-roster run (pid ${owner.pid}${where}, since ${owner.since || 'unknown'}); wait for it to finish, or stop it first (its lock is ${join(folder, LOCK_FILE)})`);
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the folder's lock or refuses (exit 2) naming the pid that holds it. `warn` hears about
 * a stale lock taken over.
 */
export function acquireRunLock(folder: string, warn: (text: string) => void): RunLock {
  const path = join(folder, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path)) return lockHandle(path);
    const owner = readOwner(path);
    if (owner === undefined) {
      // Another run may be writing its pid this very moment.
      if (attempt < 4) continue;
      throw new InputError(`${folder} is locked (${path} exists but names no process); if no run uses this folder, delete that file`);
    }
    if (isAlive(owner)) throw lockedError(folder, owner);
    // Move the stale lock aside (atomic): if another run took it over meanwhile we moved its live
    // lock, so put that back and refuse.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readOwner(aside);
    if (moved && moved.pid !== owner.pid && isAlive(moved)) {
      try {
        linkSync(aside, path);
      } catch {
        // A third run holds the folder now; it will be refused or refuse others by itself.
      }
      unlinkSync(aside);
      throw lockedError(folder, moved);
    }
    unlinkSync(aside);
    warn(`Warning: ${folder} was locked by pid ${owner.pid}, which is no longer running (it was interrupted); taking the folder over`);
  }
  throw new InputError(`${folder}: could not take the run lock ${path}; another run keeps taking it`);
}

function lockHandle(path: string): RunLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    if (readOwner(path)?.pid !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  // A process that ends abruptly (a second Ctrl+C) still leaves no lock behind.
  process.on('exit', release);
  return { path, release };
}
