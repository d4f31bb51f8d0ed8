// What this tool changed, from the journal.jsonl files of its run folders (audit --runs DIR), so
// the audit can tell its own changes in the security log from changes made by hand. Read
// tolerantly: unreadable folders and files, and lines that are not journal entries, are skipped.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readJournal, type JournalEntry } from './journal.js';

export interface ToolChange {
  at: Date;
  /** The run folder, relative to DIR ('.' for DIR itself). */
  run: string;
  target: 'user' | 'tag';
  id: number;
}

const JOURNAL_FILE = 'journal.jsonl';
const MAX_DEPTH = 4;
const TAG_ID = /\(id (\d+)\)/;

function journalPaths(dir: string, depth = 0): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const paths: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && entry.name === JOURNAL_FILE) paths.push(join(dir, entry.name));
    else if (entry.isDirectory() && depth < MAX_DEPTH) paths.push(...journalPaths(join(dir, entry.name), depth + 1));
  }
  return paths;
}

function changeOf(entry: Partial<JournalEntry>, run: string): ToolChange | undefined {
  if (entry.ok !== true || typeof entry.at !== 'string') return undefined;
  const at = new Date(entry.at);
  if (Number.isNaN(at.getTime())) return undefined;
  if (entry.step === 'user' && typeof entry.userId === 'number') return { at, run, target: 'user', id: entry.userId };
  if (entry.step === 'create-tag' || entry.step === 'delete-tag' || entry.step === 'rename-tag') {
    const id = TAG_ID.exec(typeof entry.message === 'string' ? entry.message : '')?.[1];
    if (id !== undefined) return { at, run, target: 'tag', id: Number(id) };
  }
  return undefined;
}

export interface RunJournals {
  journals: number;
  changes: ToolChange[];
}

/** Every successful user and tag change recorded under `dir` (run folders, nested up to a few levels). */
export function readRunJournals(dir: string): RunJournals {
  const paths = journalPaths(dir);
  const changes: ToolChange[] = [];
  for (const path of paths) {
    let entries: Partial<JournalEntry>[];
    try {
      entries = readJournal(path).entries;
    } catch {
      continue;
    }
    const run = relative(dir, join(path, '..')) || '.';
    for (const entry of entries) {
      const change = entry !== null && typeof entry === 'object' ? changeOf(entry, run) : undefined;
      if (change) changes.push(change);
    }
  }
  return { journals: paths.length, changes };
}
