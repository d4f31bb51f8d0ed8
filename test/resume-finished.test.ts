// `import --resume` of a run that already finished, and `apply DIR` run again on a plan folder
// whose apply finished, send nothing and say so: later edits of the people it created (by set,
// tag add, ...) are not counted as its changes, and its report stays as the run wrote it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySavedPlan } from '../src/app/apply-saved.js';
import type { AppEvent } from '../src/app/events.js';
import { importSheet } from '../src/app/import-sheet.js';
import { messages } from '../src/i18n/catalog.js';
import { changePeople } from '../src/app/one-person.js';
import { validateSheet } from '../src/app/validate-sheet.js';
import { PachcaClient } from '../src/pachca/client.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/sync/plan.js';
import { runMain } from './helpers/in-process-cli.js';
import { sandboxForFile } from './helpers/sandbox.js';

const files = sandboxForFile('resume-finished');
const { workDir } = files;

describe('import --resume of a finished run', () => {
  it('sends nothing, says the run is finished and reports what it did', async () => {
    const file = join(workDir, 'hires.csv');
    await writeCsvFile(file, ['email', 'first_name', 'last_name'], [
      ['r.a@example.ru', 'Анна', 'Новикова'],
      ['r.b@example.ru', 'Борис', 'Новиков'],
      ['r.c@example.ru', 'Вера', 'Новая'],
    ]);
    const out = join(workDir, 'monday');
    const ports = (events: AppEvent[] = []) => ({
      readSheet: async (path: string, options: Parameters<typeof validateSheet>[1]) => (await validateSheet(path, options)).sheet,
      connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }),
      events: (event: AppEvent) => events.push(event),
    });
    await importSheet({ file, outDir: out, dryRun: true, yes: false, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS }, ports());
    expect((await applySavedPlan({ dir: out, yes: true }, ports())).summary?.counts.created).toBe(3);
    await changePeople({ label: 'set', people: ['r.a@example.ru'], cells: [['Отдел', 'Продажи']], dryRun: false, yes: true, outDir: join(workDir, 'set') }, ports());
    await changePeople({ label: 'tag add', people: ['r.b@example.ru'], cells: [['tags', '+HR']], dryRun: false, yes: true, outDir: join(workDir, 'tag') }, ports());
    const report = readFileSync(join(out, 'report.csv'), 'utf8');
    const requestsBefore = files.sandbox.requestLog().length;

    const events: AppEvent[] = [];
    const resumed = await importSheet({ resumeDir: out, dryRun: false, yes: true, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS, lang: 'ru' }, ports(events));

    expect(files.sandbox.requestLog().length).toBe(requestsBefore);
    expect(resumed.status).toBe('ok');
    expect(resumed.summary).toMatchObject({ resumed: true, requestsSent: 0, counts: { created: 3, updated: 0 } });
    expect(events).toContainEqual({ type: 'note', text: expect.stringContaining('Этот запуск уже завершён') });
    expect(events.some((event) => event.type === 'plan-ready' || event.type === 'apply-started')).toBe(false);
    expect(readFileSync(join(out, 'report.csv'), 'utf8')).toBe(report);
  });
});

describe('apply DIR again on a plan folder whose apply finished', () => {
  it('sends nothing, says the run is finished (naming report.xlsx), exits 0 and prints what the run did', async () => {
    const file = join(workDir, 'again.csv');
    await writeCsvFile(file, ['email', 'first_name', 'last_name'], [
      ['a.a@example.ru', 'Анна', 'Новикова'],
      ['a.b@example.ru', 'Борис', 'Новиков'],
    ]);
    const out = join(workDir, 'tuesday');
    const cli = (args: string[]) => runMain([...args, '--api-url', files.sandbox.url, `--token=${files.sandbox.adminToken}`]);
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const applied = await cli(['apply', out, '--yes', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    // Someone edits a person the run created: the plan's basis no longer matches.
    expect((await cli(['set', 'a.a@example.ru', 'Отдел=Продажи', '--yes'])).code).toBe(0);
    const report = readFileSync(join(out, 'report.csv'), 'utf8');
    const requestsBefore = files.sandbox.requestLog().length;

    const again = await cli(['apply', out, '--json']);

    expect(files.sandbox.requestLog().length).toBe(requestsBefore);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(messages('en').runAlreadyFinished(join(out, 'report.xlsx')));
    expect(JSON.parse(again.stdout)).toMatchObject({ resumed: true, requestsSent: 0, counts: { created: 2, updated: 0 } });
    expect(readFileSync(join(out, 'report.csv'), 'utf8')).toBe(report);
  });
});
