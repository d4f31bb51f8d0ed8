// journal.jsonl: one JSON line per finished action, written to disk as it happens, so an
// interrupted run (crash, kill -9, lost network) can say how far it got and be resumed.
// It never holds the token: entries carry item keys, ids, results and one-line messages.
import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../files/private.js';
import type { PlanItemKind } from './plan.js';

export type JournalStep = 'create-tag' | 'rename-tag' | 'delete-tag' | 'user' | 'status' | 'welcome';

export interface JournalEntry {
  at: string;
  /** The plan item's key (`row:12`, `tag:backend`, `missing:345`, `tags-row:5`). */
  key: string;
  step: JournalStep;
  kind: PlanItemKind;
  ok: boolean;
  row?: number;
  email?: string;
  userId?: number;
  /** For a user create whose POST outcome was unknown and that was found by email. */
  recovered?: boolean;
  message?: string;
}

export interface JournalWriter {
  append(entry: Omit<JournalEntry, 'at'>): void;
  close(): void;
}

export class Journal implements JournalWriter {
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a', PRIVATE_FILE_MODE);
  }

  append(entry: Omit<JournalEntry, 'at'>): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The entries of a journal; a last line cut off by a crash is ignored. */
export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A partial line from an interrupted write.
    }
  }
  return entries;
}

/** `key step` pairs the journal records as done successfully. */
export function completedSteps(entries: readonly JournalEntry[]): Set<string> {
  return new Set(entries.filter((entry) => entry.ok).map((entry) => stepId(entry.key, entry.step)));
}

export function stepId(key: string, step: JournalStep): string {
  return `${key} ${step}`;
}
