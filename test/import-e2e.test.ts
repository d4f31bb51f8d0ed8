// The CLI's main() in this process against a sandbox over loopback HTTP.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../src/pachca/types.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { RunSummary } from '../src/reports/report.js';
import type { CliResult } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const tempDir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
let counter = 0;

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.stop();
});

async function sheet(header: string[], rows: string[][]): Promise<string> {
  const file = join(tempDir, `sheet-${++counter}.csv`);
  await writeCsvFile(file, header, rows);
  return file;
}

function runFolder(): string {
  return join(tempDir, `run-${++counter}`);
}

function importCli(args: string[], token = sandbox.adminToken): Promise<CliResult> {
  return runCliInProcess(['import', ...args, '--api-url', sandbox.url], { env: { PACHCA_TOKEN: token } });
}

function userByEmail(email: string): User | undefined {
  return sandbox.directory().users.find((user) => user.email?.toLowerCase() === email.toLowerCase());
}

function writes(): number {
  return sandbox.stats().writes;
}

function requestCount(route: string): number {
  return Object.values(sandbox.stats().requests[route] ?? {}).reduce((sum, count) => sum + count, 0);
}

interface ReportLine {
  row: string;
  email: string;
  action: string;
  result: string;
  pachca_user_id: string;
  changed_fields: string;
  message: string;
}

/** report.csv parsed (simple: our test values contain no quotes or newlines except in messages). */
async function readReport(folder: string): Promise<ReportLine[]> {
  const { parse } = await import('csv-parse/sync');
  const text = readFileSync(join(folder, 'report.csv'), 'utf8').replace(/^\uFEFF/, '');
  return parse(text, { columns: true }) as ReportLine[];
}

function readSummary(folder: string): RunSummary {
  return JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as RunSummary;
}

describe('import: creates, re-runs, reports', () => {
  it('creates the sheet, reports every row, then a re-run plans nothing and sends no writes; the token is nowhere', async () => {
    const file = await sheet(
      ['email', 'first_name', 'last_name', 'department', 'role', 'suspended', 'Город', 'custom:Табельный номер'],
      [
        ['ivan@example.ru', 'Иван', 'Петров', 'Продажи', 'user', 'нет', 'Москва', '17'],
        ['anna@example.ru', 'Анна', 'Смирнова', 'HR', 'admin', '', '', ''],
        ['not-an-email', 'X', 'Y', '', '', '', '', ''],
        ['olga@example.ru', 'Ольга', 'Котова', '', '', 'да', 'Казань', ''],
      ],
    );
    const out = runFolder();
    const first = await importCli([file, '--yes', '--out', out]);
    expect(first.code, first.stderr).toBe(5);
    expect(first.stdout).toContain('Plan: create 3, invalid 1');

    const ivan = userByEmail('ivan@example.ru')!;
    expect(ivan).toMatchObject({ first_name: 'Иван', last_name: 'Петров', department: 'Продажи', role: 'user', suspended: false });
    expect(ivan.custom_properties.find((property) => property.name === 'Город')?.value).toBe('Москва');
    expect(ivan.custom_properties.find((property) => property.name === 'Табельный номер')?.value).toBe('17');
    expect(userByEmail('anna@example.ru')?.role).toBe('admin');
    expect(userByEmail('olga@example.ru')?.suspended).toBe(true);

    const report = await readReport(out);
    expect(report.map((line) => [line.row, line.email, line.result])).toEqual([
      ['2', 'ivan@example.ru', 'created'],
      ['3', 'anna@example.ru', 'created'],
      ['4', 'not-an-email', 'invalid'],
      ['5', 'olga@example.ru', 'created'],
    ]);
    expect(report[0]!.pachca_user_id).toBe(String(ivan.id));
    expect(report[2]!.message).toMatch(/email/);
    expect(readFileSync(join(out, 'failed.csv'), 'utf8')).toContain('not-an-email');
    expect(readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readSummary(out)).toMatchObject({ exitCode: 5, counts: { created: 3, invalid: 1 } });
    expect(readdirSync(out).sort()).toEqual(['failed.csv', 'journal.jsonl', 'plan.json', 'plan.xlsx', 'report.csv', 'report.xlsx', 'summary.json']);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'report.xlsx'));
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['Summary', 'Report']);
    const reportSheet = workbook.getWorksheet('Report')!;
    expect(reportSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(reportSheet.getColumn(5).values.slice(2)).toEqual(['created', 'created', 'invalid', 'created']);

    const writesAfterFirst = writes();
    const again = runFolder();
    const second = await importCli([file, '--yes', '--out', again, '--json']);
    expect(second.code).toBe(5);
    expect(writes()).toBe(writesAfterFirst);
    const summary = JSON.parse(second.stdout) as RunSummary;
    expect(summary.counts).toMatchObject({ unchanged: 3, invalid: 1, created: 0, updated: 0 });

    for (const text of [first.stdout, first.stderr, second.stdout, second.stderr]) expect(text).not.toContain(sandbox.adminToken);
    for (const folder of [out, again]) {
      for (const name of readdirSync(folder)) {
        expect(readFileSync(join(folder, name)).toString('latin1'), `${name} holds the token`).not.toContain(sandbox.adminToken);
      }
    }
  });

  it('refuses without --yes when stdin is not a terminal, and --dry-run changes nothing', async () => {
    const file = await sheet(['email', 'first_name'], [['new@example.ru', 'Новый']]);
    const refused = await importCli([file, '--out', runFolder()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const dryRun = await importCli([file, '--dry-run', '--out', runFolder()]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('new@example.ru  create');
    const plan = await runCliInProcess(['plan', file, '--api-url', sandbox.url, '--out', runFolder()], { env: { PACHCA_TOKEN: sandbox.adminToken } });
    expect(plan.code).toBe(0);
    expect(writes()).toBe(0);
    expect(userByEmail('new@example.ru')).toBeUndefined();
  });

  it('--dry-run with invalid rows exits 5 and writes the failed.csv it points to, which imports again once fixed', async () => {
    const file = await sheet(['email', 'first_name', 'Отдел'], [['ok@example.ru', 'Ок', 'HR'], ['broken@@example.ru', 'Сломан', 'Продажи']]);
    const out = runFolder();
    const dryRun = await importCli([file, '--dry-run', '--out', out]);
    expect(dryRun.code).toBe(5);
    expect(dryRun.stdout).toContain(`Rows to fix: ${join(out, 'failed.csv')}`);
    const { parse } = await import('csv-parse/sync');
    const failed = parse(readFileSync(join(out, 'failed.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(failed).toEqual([{ email: 'broken@@example.ru', first_name: 'Сломан', Отдел: 'Продажи', error: expect.stringMatching(/email/i) }]);
    expect(writes()).toBe(0);

    const fixed = join(tempDir, `fixed-${++counter}.csv`);
    await writeCsvFile(fixed, Object.keys(failed[0]!), [['broken@example.ru', 'Сломан', 'Продажи', failed[0]!.error!]]);
    const again = await importCli([fixed, '--yes', '--out', runFolder()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/Ignored columns/);
    expect(userByEmail('broken@example.ru')).toMatchObject({ first_name: 'Сломан', department: 'Продажи' });
  });

  it('--resume of a finished run sends no writes, keeps plan.json and reports what the run did', async () => {
    const file = await sheet(['email', 'first_name', 'tags'], [['r1@example.ru', 'Раз', 'Новый тег'], ['r2@example.ru', 'Два', '']]);
    const out = runFolder();
    expect((await importCli([file, '--yes', '--out', out])).code).toBe(0);
    const planBefore = readFileSync(join(out, 'plan.json'), 'utf8');
    const reportBefore = await readReport(out);
    const writesBefore = writes();

    const resumed = await runCliInProcess(['import', '--resume', out, '--yes', '--api-url', sandbox.url], { env: { PACHCA_TOKEN: sandbox.adminToken } });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(writes()).toBe(writesBefore);
    expect(readFileSync(join(out, 'plan.json'), 'utf8')).toBe(planBefore);
    // Nothing is planned again: the run says it is finished.
    expect(readdirSync(out)).not.toContain('plan-resume.json');
    expect(resumed.stdout).toContain('This run has already finished');
    const report = await readReport(out);
    expect(report.map((line) => [line.email, line.action, line.result, line.pachca_user_id, line.changed_fields])).toEqual(
      reportBefore.map((line) => [line.email, line.action, line.result, line.pachca_user_id, line.changed_fields]),
    );
    expect(report.map((line) => line.action)).toEqual(['create', 'create']);
  });

  it('exits 3 naming the missing scopes with a bot token, before any write', async () => {
    const file = await sheet(['email', 'tags'], [['new@example.ru', 'Новый тег']]);
    const result = await importCli([file, '--yes', '--out', runFolder()], sandbox.botToken);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/lacks scopes? .*users:create/);
    expect(result.stderr).toContain('group_tags:write');
    expect(writes()).toBe(0);
    expect(result.stderr + result.stdout).not.toContain(sandbox.botToken);
  });

  it('--welcome sends the text with {first_name} filled in to each created user', async () => {
    const welcome = join(tempDir, 'welcome.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(welcome, 'Привет, {first_name}! Добро пожаловать.');
    const file = await sheet(['email', 'first_name'], [['new1@example.ru', 'Мария'], ['new2@example.ru', 'Пётр']]);
    const result = await importCli([file, '--yes', '--welcome', welcome, '--out', runFolder()]);
    expect(result.code, result.stderr).toBe(0);
    const messages = sandbox.directory().messages ?? [];
    expect(messages.map((message) => [message.entity_id, message.content]).sort()).toEqual([
      [userByEmail('new1@example.ru')!.id, 'Привет, Мария! Добро пожаловать.'],
      [userByEmail('new2@example.ru')!.id, 'Привет, Пётр! Добро пожаловать.'],
    ].sort());
  });

  it('marks later duplicates of an email invalid and creates the person once', async () => {
    const file = await sheet(['email', 'first_name'], [['dup@example.ru', 'Первый'], ['DUP@example.ru', 'Второй']]);
    const out = runFolder();
    const result = await importCli([file, '--yes', '--out', out]);
    expect(result.code).toBe(5);
    expect(sandbox.directory().users.filter((user) => user.email === 'dup@example.ru')).toHaveLength(1);
    expect(userByEmail('dup@example.ru')?.first_name).toBe('Первый');
    expect((await readReport(out)).map((line) => line.result)).toEqual(['created', 'invalid']);
    expect((await readReport(out))[1]!.message).toContain('row 2');
  });
});

describe('import: changes to existing people', () => {
  async function seedPeople(): Promise<void> {
    const file = await sheet(
      ['email', 'first_name', 'last_name', 'department', 'tags', 'Город'],
      [
        ['ivan@example.ru', 'Иван', 'Петров', 'Продажи', 'Backend, Moscow', 'Москва'],
        ['anna@example.ru', 'Анна', 'Смирнова', 'HR', 'Backend', ''],
      ],
    );
    const result = await importCli([file, '--yes', '--out', runFolder()]);
    expect(result.code, result.stderr).toBe(0);
  }

  it('updates only the differing cells and shows the field diff', async () => {
    await seedPeople();
    const file = await sheet(['email', 'first_name', 'department', 'Город'], [['IVAN@example.ru', 'Иван', 'Маркетинг', ''], ['anna@example.ru', '', '', '']]);
    const out = runFolder();
    const result = await importCli([file, '--yes', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('department: Продажи -> Маркетинг');
    expect(userByEmail('ivan@example.ru')).toMatchObject({ department: 'Маркетинг', last_name: 'Петров' });
    expect(userByEmail('ivan@example.ru')?.custom_properties.find((property) => property.name === 'Город')?.value).toBe('Москва');
    expect(requestCount('PUT /users/{id}')).toBe(1);
    expect((await readReport(out)).map((line) => [line.result, line.changed_fields])).toEqual([['updated', 'department'], ['unchanged', '']]);
  });

  it('merges tags by default, replaces them with --tags replace, and creates a missing tag once', async () => {
    await seedPeople();
    const tagCreatesBefore = requestCount('POST /group_tags');
    const merge = await sheet(['email', 'tags'], [['ivan@example.ru', 'Design'], ['anna@example.ru', 'design']]);
    expect((await importCli([merge, '--yes', '--out', runFolder()])).code).toBe(0);
    expect(userByEmail('ivan@example.ru')?.list_tags.sort()).toEqual(['Backend', 'Design', 'Moscow']);
    expect(userByEmail('anna@example.ru')?.list_tags.sort()).toEqual(['Backend', 'Design']);
    expect(requestCount('POST /group_tags')).toBe(tagCreatesBefore + 1);
    expect(sandbox.directory().tags.filter((tag) => tag.name.toLowerCase() === 'design')).toHaveLength(1);

    const replace = await sheet(['email', 'tags'], [['ivan@example.ru', 'design']]);
    const result = await importCli([replace, '--yes', '--tags', 'replace', '--out', runFolder()]);
    expect(result.code).toBe(0);
    expect(userByEmail('ivan@example.ru')?.list_tags).toEqual(['Design']);
    expect(requestCount('POST /group_tags')).toBe(tagCreatesBefore + 1);
  });

  it('suspends and restores; refuses delete without --allow-delete and deletes with it', async () => {
    await seedPeople();
    const suspend = await sheet(['email', 'suspended'], [['ivan@example.ru', 'уволен']]);
    const out = runFolder();
    expect((await importCli([suspend, '--yes', '--out', out])).code).toBe(0);
    expect(userByEmail('ivan@example.ru')?.suspended).toBe(true);
    expect((await readReport(out))[0]!.result).toBe('suspended');

    const restore = await sheet(['email', 'action'], [['ivan@example.ru', 'restore']]);
    expect((await importCli([restore, '--yes', '--out', runFolder()])).code).toBe(0);
    expect(userByEmail('ivan@example.ru')?.suspended).toBe(false);

    const remove = await sheet(['email', 'action'], [['anna@example.ru', 'delete']]);
    const refusedFolder = runFolder();
    const refused = await importCli([remove, '--yes', '--out', refusedFolder]);
    expect(refused.code).toBe(5);
    expect(refused.stdout).toContain('--allow-delete');
    expect(userByEmail('anna@example.ru')).toBeDefined();
    expect(readFileSync(join(refusedFolder, 'failed.csv'), 'utf8')).toContain('--allow-delete');

    const deleted = await importCli([remove, '--yes', '--allow-delete', '--out', runFolder()]);
    expect(deleted.code).toBe(0);
    expect(userByEmail('anna@example.ru')).toBeUndefined();
  });

  it('sets a status and clears it with "-"', async () => {
    await seedPeople();
    const set = await sheet(
      ['email', 'status_emoji', 'status_title', 'status_expires_at', 'status_is_away', 'status_away_message'],
      [['ivan@example.ru', '🏝️', 'В отпуске', '2030-08-15', 'да', 'Вернусь 16-го']],
    );
    const out = runFolder();
    expect((await importCli([set, '--yes', '--out', out])).code).toBe(0);
    expect(userByEmail('ivan@example.ru')?.user_status).toMatchObject({ emoji: '🏝️', title: 'В отпуске', is_away: true, away_message: { text: 'Вернусь 16-го' } });
    expect((await readReport(out))[0]!.result).toBe('status set');

    const writesBefore = writes();
    expect((await importCli([set, '--yes', '--out', runFolder()])).code).toBe(0);
    expect(writes()).toBe(writesBefore);

    const clear = await sheet(['email', 'status_title'], [['ivan@example.ru', '-'], ['anna@example.ru', '-']]);
    const clearedFolder = runFolder();
    expect((await importCli([clear, '--yes', '--out', clearedFolder])).code).toBe(0);
    expect(userByEmail('ivan@example.ru')?.user_status).toBeNull();
    expect((await readReport(clearedFolder)).map((line) => line.result)).toEqual(['status cleared', 'unchanged']);
  });

  it('--suspend-missing suspends people missing from the sheet within --max-suspend and refuses beyond it', async () => {
    const everyone = Array.from({ length: 12 }, (_, index) => [`p${index}@example.ru`, `Имя${index}`]);
    expect((await importCli([await sheet(['email', 'first_name'], everyone), '--yes', '--out', runFolder()])).code).toBe(0);

    const tooFew = await sheet(['email'], everyone.slice(4).map(([email]) => [email!]));
    const refused = await importCli([tooFew, '--yes', '--suspend-missing', '--out', runFolder()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/would suspend 4 of 13 active users/);
    const writesBefore = writes();

    const oneMissing = await sheet(['email'], everyone.slice(1).map(([email]) => [email!]));
    const out = runFolder();
    const result = await importCli([oneMissing, '--yes', '--suspend-missing', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(writes()).toBe(writesBefore + 1);
    expect(userByEmail('p0@example.ru')?.suspended).toBe(true);
    expect(userByEmail('owner@example.ru')?.suspended).toBe(false);
    const report = await readReport(out);
    expect(report.at(-1)).toMatchObject({ email: 'p0@example.ru', result: 'suspended', row: '' });
  });
});
