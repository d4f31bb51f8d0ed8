// journal.jsonl: one JSON line per finished action, written to disk as it happens, so an
// interrupted run (crash, kill -9, lost network, Ctrl+C) can say how far it got and be resumed.
// Every line names its run and the input's SHA-256: a resume trusts only its own run's lines.
// It never holds the token: entries carry item keys, ids, results and one-line messages.
import { closeSync, existsSync, fdatasync, fdatasyncSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { PRIVATE_FILE_MODE } from '../files/private.js';
import { PLAN_ITEM_KINDS, type PlanItemKind } from './plan.js';
import type { StepValues } from './recorded-values.js';

export const JOURNAL_STEPS = ['create-tag', 'rename-tag', 'delete-tag', 'user', 'status', 'welcome', 'chat-join', 'chat-leave', 'photo'] as const;
export type JournalStep = (typeof JOURNAL_STEPS)[number];

/** Which run a line belongs to. */
export interface RunIdentity {
  runId: string;
  /** SHA-256 of the input file. */
  inputSha256: string;
}

/** `before`/`after`/`tagId`/`invitationSent` (StepValues): what a finished step changed, for undo. */
export interface JournalEntry extends StepValues {
  at: string;
  run: string;
  input: string;
  /** The plan item's key (`row:12`, `tag:backend`, `missing:345`, `tags-row:5`). */
  key: string;
  step: JournalStep;
  kind: PlanItemKind;
  ok: boolean;
  row?: number;
  email?: string;
  userId?: number;
  /** The chat a chat-join or chat-leave step was about. */
  chatId?: number;
  /** For a user create whose POST outcome was unknown and that was found by email. */
  recovered?: boolean;
  message?: string;
}

export type JournalRecord = Omit<JournalEntry, 'at' | 'run' | 'input'>;

export interface JournalWriter {
  append(entry: JournalRecord): void;
  close(): void;
}

const entrySchema = z.looseObject({
  at: z.string(),
  // Absent in journals of versions before runs had ids: such lines belong to no run being resumed.
  run: z.string().optional(),
  input: z.string().optional(),
  key: z.string().min(1),
  step: z.enum(JOURNAL_STEPS),
  kind: z.enum(PLAN_ITEM_KINDS),
  ok: z.boolean(),
  row: z.number().int().optional(),
  email: z.string().optional(),
  userId: z.number().int().optional(),
  chatId: z.number().int().optional(),
  recovered: z.boolean().optional(),
  message: z.string().optional(),
  before: z.looseObject({}).optional(),
  after: z.looseObject({}).optional(),
  tagId: z.number().int().optional(),
  invitationSent: z.boolean().optional(),
});

function endsWithNewline(fd: number, size: number): boolean {
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

export class Journal implements JournalWriter {
  private fd: number | undefined;
  /** Lines written since the last flush to disk began. */
  private unflushed = false;
  /** A flush to disk is running on the thread pool. */
  private flushing = false;
  private closing = false;

  constructor(readonly path: string, private readonly identity: RunIdentity) {
    this.fd = openSync(path, 'a+', PRIVATE_FILE_MODE);
    // A line cut off by a crash must not swallow the first new entry: start on a line of our own.
    const size = statSync(path).size;
    if (size > 0 && !endsWithNewline(this.fd, size)) writeSync(this.fd, '\n');
  }

  /**
   * Written to the file before it returns, so a kill right after loses nothing; the flush to disk
   * (against a power cut) follows on the thread pool, one at a time, each covering every line
   * written before it started. A synchronous flush per line held the event loop, and with it
   * the requests, for as long as the disk took (hundreds of ms on a busy disk).
   */
  append(entry: JournalRecord): void {
    if (this.fd === undefined || this.closing) throw new Error(`journal ${this.path} is closed`);
    const line: JournalEntry = { at: new Date().toISOString(), run: this.identity.runId, input: this.identity.inputSha256, ...entry };
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    this.unflushed = true;
    this.flush();
  }

  private flush(): void {
    const fd = this.fd;
    if (this.flushing || !this.unflushed || fd === undefined) return;
    this.flushing = true;
    this.unflushed = false;
    fdatasync(fd, () => {
      this.flushing = false;
      if (this.closing) this.finishClose();
      else this.flush();
    });
  }

  /** Flushes what is left and closes the file (once a running flush has ended). */
  close(): void {
    if (this.fd === undefined || this.closing) return;
    this.closing = true;
    if (!this.flushing) this.finishClose();
  }

  private finishClose(): void {
    if (this.fd === undefined) return;
    if (this.unflushed) fdatasyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface JournalContents {
  /** This run's entries, in order. */
  entries: JournalEntry[];
  /** One line per kind of problem: cut-off or malformed lines (by number), other runs' lines. */
  warnings: string[];
}

/** The journal's valid entries: of the run `identity` names (others are counted in a warning), or of any run without it. */
export function readJournal(path: string, identity?: RunIdentity): JournalContents {
  const contents: JournalContents = { entries: [], warnings: [] };
  if (!existsSync(path)) return contents;
  const lines = readFileSync(path, 'utf8').split('\n');
  let foreign = 0;
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${path} line ${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      const cutOff = index === lines.length - 1 || (index === lines.length - 2 && lines[lines.length - 1] === '');
      contents.warnings.push(`${where} is ${cutOff ? 'cut off (the process was stopped while writing it)' : 'not JSON'}; skipped`);
      return;
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? `field ${issue.path.join('.')}: ${issue.message}` : 'not a journal entry';
      contents.warnings.push(`${where} is not a journal entry (${field}); skipped`);
      return;
    }
    if (identity && (parsed.data.run !== identity.runId || parsed.data.input !== identity.inputSha256)) {
      foreign++;
      return;
    }
    contents.entries.push(parsed.data as JournalEntry);
  });
  if (foreign > 0) {
    contents.warnings.push(`${path}: ${foreign} line${foreign === 1 ? '' : 's'} of another run or another input ignored (this run is ${identity?.runId})`);
  }
  return contents;
}

/** One step of one item; a chat step also names its chat. */
export function stepId(key: string, step: JournalStep, chatId?: number): string {
  return chatId === undefined ? `${key} ${step}` : `${key} ${step} ${chatId}`;
}
