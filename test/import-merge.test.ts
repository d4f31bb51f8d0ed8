// Three-way merge of an edited export (the CLI in process against the sandbox): an old export imported
// unmodified never reverts what was changed in Pachca since; a cell edited only in the sheet is
// applied; a cell changed on both sides is a conflict, kept as Pachca has it unless --prefer-sheet.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { api, startTestSandbox } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
/** Title changed in Pachca after the export. */
const CHANGED_IN_PACHCA = 'm.ivanova@example.ru';
/** Only the sheet changes this one. */
const CHANGED_IN_SHEET = 'a.smirnov@example.ru';
const BACKEND_TAG = 9100;

let sandbox: RunningSandbox;
let workDir: string;
const env = (): Record<string, string> => ({ PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken });
let run = 0;

interface ImportOutcome {
  code: number | null;
  stdout: string;
  writes: number;
  report: Array<Record<string, string>>;
}

async function importFile(file: string, extra: string[] = []): Promise<ImportOutcome> {
  const before = sandbox.stats().writes;
  const out = join(workDir, `run-${++run}`);
  const result = await runCliInProcess(['import', file, '--yes', '--out', out, ...extra], { env: env(), cwd: workDir });
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const report = extra.includes('--dry-run')
    ? []
    : parse(await readFile(join(out, 'report.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
  return { code: result.code, stdout: result.stdout, writes: sandbox.stats().writes - before, report };
}

function user(email: string) {
  return sandbox.directory().users.find((candidate) => candidate.email === email)!;
}

function tagName(id: number): string {
  return sandbox.directory().tags.find((tag) => tag.id === id)!.name;
}

/** Since the export: a title changed and the Backend tag renamed in Pachca. */
async function changeInPachca(): Promise<void> {
  const target = user(CHANGED_IN_PACHCA);
  expect((await api(sandbox, 'PUT', `/users/${target.id}`, { body: { user: { title: 'Тимлид' } } })).status).toBe(200);
  expect((await api(sandbox, 'PUT', `/group_tags/${BACKEND_TAG}`, { body: { group_tag: { name: 'Backend-команда' } } })).status).toBe(200);
}

/** Sets cells of the Users (and Tags) sheets in a copy of the workbook, the way Excel would save it. */
async function editWorkbook(from: string, to: string, users: Record<string, Record<string, string>>, tags: Record<number, string> = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(from);
  const sheet = workbook.getWorksheet('Users')!;
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const changes = users[String(row.getCell(headers.indexOf('email')).value)];
    for (const [column, value] of Object.entries(changes ?? {})) row.getCell(headers.indexOf(column)).value = value;
  });
  const tagsSheet = workbook.getWorksheet('Tags')!;
  tagsSheet.eachRow((row, number) => {
    const name = tags[Number(row.getCell(1).value)];
    if (number > 1 && name !== undefined) row.getCell(2).value = name;
  });
  await workbook.xlsx.writeFile(to);
}

async function editCsv(from: string, to: string, users: Record<string, Record<string, string>>): Promise<void> {
  const rows = parse(await readFile(from, 'utf8'), { bom: true }) as string[][];
  const headers = rows[0]!;
  for (const row of rows.slice(1)) {
    for (const [column, value] of Object.entries(users[row[headers.indexOf('email')]!] ?? {})) row[headers.indexOf(column)] = value;
  }
  await writeFile(to, `\ufeff${stringify(rows, { record_delimiter: 'windows' })}`);
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed });
  workDir = await mkdtemp(join(tmpdir(), 'import-merge-'));
});
afterAll(async () => {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.reset();
});

async function exportXlsx(): Promise<string> {
  const xlsx = join(workDir, `old-${++run}.xlsx`);
  expect((await runCliInProcess(['export', '--out', xlsx], { env: env(), cwd: workDir })).code).toBe(0);
  return xlsx;
}

/** users.csv of a CSV export (users.base.json beside it). */
async function exportCsv(): Promise<string> {
  const csvDir = join(workDir, `old-csv-${++run}`);
  expect((await runCliInProcess(['export', '--format', 'csv', '--out', csvDir], { env: env(), cwd: workDir })).code).toBe(0);
  return join(csvDir, 'users.csv');
}

/** Each test runs the CLI several times (export, imports): minutes on a loaded machine. */
const SLOW = { timeout: 300_000 };

describe('an old XLSX export', SLOW, () => {
  it('imported unmodified after changes in Pachca sends zero writes and reverts nothing', async () => {
    const xlsx = await exportXlsx();
    await changeInPachca();
    const result = await importFile(xlsx);
    expect(result.writes).toBe(0);
    expect(user(CHANGED_IN_PACHCA).title).toBe('Тимлид');
    expect(tagName(BACKEND_TAG)).toBe('Backend-команда');
    expect(user(CHANGED_IN_PACHCA).list_tags).toContain('Backend-команда');
    expect(result.stdout).toContain('Plan: unchanged');
  });

  it('applies a cell edited only in the sheet; a cell changed on both sides is a conflict, kept as Pachca has it', async () => {
    const xlsx = await exportXlsx();
    await changeInPachca();
    const edited = join(workDir, 'edited.xlsx');
    await editWorkbook(xlsx, edited, {
      [CHANGED_IN_SHEET]: { department: 'Платформа' },
      [CHANGED_IN_PACHCA]: { title: 'Ведущий разработчик' },
    }, { [BACKEND_TAG]: 'Backend-team' });
    const result = await importFile(edited);
    expect(user(CHANGED_IN_SHEET).department).toBe('Платформа');
    expect(user(CHANGED_IN_PACHCA).title).toBe('Тимлид');
    expect(tagName(BACKEND_TAG)).toBe('Backend-команда');
    expect(result.writes).toBe(1);
    expect(result.stdout).toContain('Conflicts (2): changed both in the sheet and in Pachca since the export');
    expect(result.stdout).toMatch(/m\.ivanova@example\.ru {2}title: exported "Старший backend-разработчик", Pachca now "Тимлид", sheet "Ведущий разработчик"/);
    expect(result.stdout).toMatch(/Tags row \d+ tag id 9100 {2}name: exported "Backend", Pachca now "Backend-команда", sheet "Backend-team"/);
    const row = result.report.find((line) => line.email === CHANGED_IN_PACHCA)!;
    expect(row.result).toBe('unchanged');
    expect(row.message).toContain("conflict: changed both in the sheet and in Pachca since the export: title (exported \"Старший backend-разработчик\", Pachca now \"Тимлид\", sheet \"Ведущий разработчик\"); Pachca's value is kept");

    const preferred = await importFile(edited, ['--prefer-sheet']);
    expect(user(CHANGED_IN_PACHCA).title).toBe('Ведущий разработчик');
    expect(tagName(BACKEND_TAG)).toBe('Backend-team');
    expect(preferred.writes).toBe(2);
    expect(preferred.stdout).toContain("the sheet's values are applied (--prefer-sheet)");
  });

  it('a row added to the export (no base) is created as before', async () => {
    const xlsx = await exportXlsx();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Users')!;
    sheet.addRow(['new.hire@example.ru', 'Новый', 'Сотрудник']);
    const edited = join(workDir, 'added.xlsx');
    await workbook.xlsx.writeFile(edited);
    const result = await importFile(edited);
    expect(result.writes).toBe(1);
    expect(user('new.hire@example.ru')).toMatchObject({ first_name: 'Новый', last_name: 'Сотрудник' });
  });
});

describe('an old CSV export (users.base.json beside users.csv)', SLOW, () => {
  it('unmodified: zero writes; an edit only in the sheet applies; both changed: a conflict unless --prefer-sheet', async () => {
    const csv = await exportCsv();
    await changeInPachca();
    expect((await importFile(csv)).writes).toBe(0);
    expect(user(CHANGED_IN_PACHCA).title).toBe('Тимлид');

    const edited = join(workDir, 'edited-csv');
    await cp(join(csv, '..'), edited, { recursive: true });
    await editCsv(csv, join(edited, 'users.csv'), {
      [CHANGED_IN_SHEET]: { department: 'Платформа' },
      [CHANGED_IN_PACHCA]: { title: 'Ведущий разработчик' },
    });
    const result = await importFile(join(edited, 'users.csv'));
    expect(result.writes).toBe(1);
    expect(user(CHANGED_IN_SHEET).department).toBe('Платформа');
    expect(user(CHANGED_IN_PACHCA).title).toBe('Тимлид');
    expect(result.stdout).toContain('Conflicts (1)');

    await importFile(join(edited, 'users.csv'), ['--prefer-sheet']);
    expect(user(CHANGED_IN_PACHCA).title).toBe('Ведущий разработчик');
  });

  it('without its base file: a warning that newer changes in Pachca are overwritten', async () => {
    const csv = await exportCsv();
    const lone = join(workDir, 'lone-users.csv');
    await cp(csv, lone);
    await changeInPachca();
    const result = await importFile(lone, ['--dry-run']);
    expect(result.stdout).toContain('Warning: lone-users.csv looks like an export, but lone-users.base.json');
    // What the base prevents: without it the old title would be written back.
    expect(result.stdout).toContain('title: Тимлид -> Старший backend-разработчик');
    expect(result.writes).toBe(0);
  });
});
