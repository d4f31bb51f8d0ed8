// An interrupted import, then someone edits a person it created, then `import --resume`: the
// fresh plan sees an update for that person, which the resume does not send (the journal has the
// row done). The report says what happened: created by the earlier attempt, not "updated".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../src/app/events.js';
import { importSheet, type ImportPorts } from '../src/app/import-sheet.js';
import { validateSheet } from '../src/app/validate-sheet.js';
import { PachcaClient } from '../src/pachca/client.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/sync/plan.js';
import { readReport, type ReportLine } from './helpers/reliability.js';
import { api, sandboxForFile } from './helpers/sandbox.js';

const files = sandboxForFile('resume-edited');
const { workDir } = files;

interface Entry { key: string; step: string; kind: string; ok: boolean; userId?: number; email?: string }

function journal(folder: string): Entry[] {
  return readFileSync(join(folder, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Entry);
}

function portsWith(events: (event: AppEvent) => void, stop?: AbortController): ImportPorts {
  return {
    readSheet: async (path, options) => (await validateSheet(path, options)).sheet,
    connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken, concurrency: 1, ...(stop ? { stopSignal: stop.signal } : {}) }),
    events,
    ...(stop ? { interrupt: stop.signal } : {}),
  };
}

describe('import --resume after a person the run created was edited', () => {
  it('sends no update for them and reports them as created by the earlier attempt', async () => {
    const file = join(workDir, 'hires.csv');
    const emails = Array.from({ length: 8 }, (_, index) => `edited${index + 1}@example.ru`);
    await writeCsvFile(file, ['email', 'first_name', 'last_name', 'department'], emails.map((email, index) => [email, `Имя${index + 1}`, 'Новиков', 'Продажи']));
    const out = join(workDir, 'run');

    // The first attempt is stopped (as by Ctrl+C) once its first person is created.
    const stop = new AbortController();
    const first = await importSheet({ file, outDir: out, dryRun: false, yes: true, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS }, portsWith((event) => {
      if (event.type === 'action-done' && event.outcome.result === 'created') stop.abort();
    }, stop));
    expect(first.status).toBe('interrupted');
    const created = journal(out).filter((entry) => entry.step === 'user' && entry.ok);
    expect(created.length).toBeGreaterThan(0);
    expect(created.length).toBeLessThan(emails.length);
    const edited = created[0]!;

    // Someone else edits that person before the resume.
    expect((await api(files.sandbox, 'PUT', `/users/${edited.userId}`, { body: { user: { department: 'Склад' } } })).status).toBe(200);
    const updatesBefore = files.sandbox.requestLog().filter((record) => record.method === 'PUT').length;

    const outcomes: AppEvent[] = [];
    const resumed = await importSheet({ resumeDir: out, dryRun: false, yes: true, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS }, portsWith((event) => outcomes.push(event)));
    expect(resumed.status).toBe('ok');

    // Nothing was sent for them: the edit stays.
    expect(files.sandbox.requestLog().filter((record) => record.method === 'PUT').length).toBe(updatesBefore);
    expect(files.sandbox.directory().users.find((user) => user.id === edited.userId)?.department).toBe('Склад');
    // The live outcome, the report and the summary say created (by the earlier attempt), not updated.
    const live = outcomes.flatMap((event) => (event.type === 'action-done' && event.outcome.item.key === edited.key ? [event.outcome.result] : []));
    expect(live).not.toContain('updated');
    const row = (readReport(out) as (ReportLine & { message: string })[]).find((line) => line.email === edited.email)!;
    expect(row.result).toBe('created');
    expect(row.message).toContain('done by an earlier attempt');
    expect(resumed.summary?.counts).toMatchObject({ created: emails.length, updated: 0 });
  });
});
