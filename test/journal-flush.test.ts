// journal.jsonl is written line by line as actions finish; the flush to disk runs beside the
// requests. Whatever was appended is in the file at once, and still there after close.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../src/sync/journal.js';

const identity = { runId: 'run-1', inputSha256: 'abc' };

describe('journal', () => {
  it('has each line in the file as append returns, keeps them all after close, and refuses lines after it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-flush-')), 'journal.jsonl');
    const journal = new Journal(path, identity);
    for (let index = 0; index < 40; index++) {
      journal.append({ key: `row:${index + 2}`, step: 'user', kind: 'create', ok: true, row: index + 2, userId: 100 + index });
      expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(index + 1);
    }
    journal.close();
    journal.close();
    expect(readJournal(path, identity).entries.map((entry) => entry.userId)).toEqual(Array.from({ length: 40 }, (_, index) => 100 + index));
    expect(() => journal.append({ key: 'row:99', step: 'user', kind: 'create', ok: true })).toThrow(/closed/);
  });

  it('a journal opened again while the last flush of the first may still run appends after the earlier lines', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-flush-')), 'journal.jsonl');
    const first = new Journal(path, identity);
    first.append({ key: 'row:2', step: 'user', kind: 'create', ok: true });
    first.close();
    const second = new Journal(path, identity);
    second.append({ key: 'row:3', step: 'user', kind: 'create', ok: true });
    second.close();
    expect(readJournal(path, identity).entries.map((entry) => entry.key)).toEqual(['row:2', 'row:3']);
  });
});
