// Reports shaped like the input and in the user's language: a Windows-1251 ';' CSV gets ';'
// failed.csv/report.csv (UTF-8 with BOM) that re-import to the fixed rows only; an XLSX input gets
// failed.xlsx that re-imports the same way; every plan writes plan.xlsx; machine files stay English.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import type { RunSummary } from '../src/reports/report.js';
import type { CliResult } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const tempDir = mkdtempSync(join(tmpdir(), 'report-shape-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
let counter = 0;
const folder = (): string => join(tempDir, `run-${++counter}`);

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.stop();
});

function importCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCliInProcess(['import', ...args, '--yes', '--api-url', sandbox.url], { env: { PACHCA_TOKEN: sandbox.adminToken, ...env } });
}

const creates = (): number => Object.values(sandbox.stats().requests['POST /users'] ?? {}).reduce((sum, count) => sum + count, 0);
const summaryOf = (out: string): RunSummary => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
const sheetNames = async (path: string): Promise<string[]> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => sheet.name);
};

const HEADER = ['Рабочая почта', 'Фамилия', 'Имя', 'Отдел'];
const ROWS = [
  ['ivan@example.ru', 'Петров', 'Иван', 'Продажи'],
  ['oleg(at)example.ru', 'Олегов', 'Олег', 'Склад'],
  ['anna@example.ru', 'Смирнова', 'Анна', 'HR'],
];

describe('a Windows-1251 CSV with semicolons', () => {
  it('gets ;-separated UTF-8 failed.csv and report.csv; the fixed failed.csv imports only its row', async () => {
    const input = join(tempDir, 'staff-1251.csv');
    writeFileSync(input, iconv.encode(`${[HEADER, ...ROWS].map((row) => row.join(';')).join('\r\n')}\r\n`, 'windows-1251'));
    const out = folder();
    const first = await importCli([input, '--out', out]);
    expect(first.code, first.stderr).toBe(5);
    expect(creates()).toBe(2);

    const failedBytes = readFileSync(join(out, 'failed.csv'));
    expect([...failedBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const failed = failedBytes.toString('utf8').slice(1);
    expect(failed.split('\r\n')[0]).toBe('Рабочая почта;Фамилия;Имя;Отдел;error');
    expect(failed).toContain('oleg(at)example.ru;Олегов;Олег;Склад;');
    expect(readFileSync(join(out, 'report.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFrow;email;name;action;result;pachca_user_id;changed_fields;message');
    expect(summaryOf(out).reportFiles).toEqual({ delimiter: ';', encoding: 'utf-8-bom' });
    expect(first.stdout).toContain('CSV reports: semicolon (;), UTF-8 with BOM');

    const fixed = join(tempDir, 'failed-fixed.csv');
    writeFileSync(fixed, failed.replace('oleg(at)example.ru', 'oleg@example.ru'));
    const again = await importCli([fixed, '--out', folder()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Plan: create 1');
    expect(creates()).toBe(3);
    expect(sandbox.directory().users.find((user) => user.email === 'oleg@example.ru')?.department).toBe('Склад');
  });

  it('--report-delimiter overrides the input\'s', async () => {
    const input = join(tempDir, 'staff-semicolon.csv');
    writeFileSync(input, `${[HEADER, ...ROWS].map((row) => row.join(';')).join('\n')}\n`);
    const out = folder();
    await importCli([input, '--out', out, '--report-delimiter', 'tab', '--dry-run']);
    expect(readFileSync(join(out, 'failed.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFРабочая почта\tФамилия\tИмя\tОтдел\terror');
  });
});

describe('an XLSX input', () => {
  it('also gets failed.xlsx with its own columns and the error, which imports only the fixed row', async () => {
    const input = join(tempDir, 'staff.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Сотрудники');
    for (const row of [HEADER, ...ROWS]) sheet.addRow(row);
    await workbook.xlsx.writeFile(input);
    const out = folder();
    const first = await importCli([input, '--out', out]);
    expect(first.code, first.stderr).toBe(5);
    expect(creates()).toBe(2);

    const failed = new ExcelJS.Workbook();
    await failed.xlsx.readFile(join(out, 'failed.xlsx'));
    const failedSheet = failed.getWorksheet('Сотрудники')!;
    expect(failedSheet.getRow(1).values).toEqual([undefined, ...HEADER, 'error']);
    expect(failedSheet.rowCount).toBe(2);
    expect(failedSheet.getCell('A2').value).toBe('oleg(at)example.ru');
    failedSheet.getCell('A2').value = 'oleg@example.ru';
    const fixed = join(tempDir, 'failed-fixed.xlsx');
    await failed.xlsx.writeFile(fixed);

    const again = await importCli([fixed, '--out', folder()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Plan: create 1');
    expect(creates()).toBe(3);
  });
});

describe('plan.xlsx and the language of the reports', () => {
  it('a Russian run writes Russian plan.xlsx and report headers; the reason in Russian; summary.json and plan.json keep English keys and kinds', async () => {
    const input = join(tempDir, 'staff-ru.csv');
    writeFileSync(input, `${[HEADER, ...ROWS].map((row) => row.join(';')).join('\n')}\n`);
    const out = folder();
    const run = await importCli([input, '--out', out], { LANG: 'ru_RU.UTF-8' });
    expect(run.code, run.stderr).toBe(5);
    expect(await sheetNames(join(out, 'plan.xlsx'))).toEqual(['Итоги', 'Изменения', 'Ошибки в строках']);
    const plan = new ExcelJS.Workbook();
    await plan.xlsx.readFile(join(out, 'plan.xlsx'));
    const changes = plan.getWorksheet('Изменения')!;
    expect(changes.getRow(1).values).toEqual([undefined, 'Строка', 'Сотрудник', 'Действие', 'Поле', 'Было', 'Станет']);
    expect(changes.getRow(2).getCell(3).value).toBe('создать');
    const invalid = plan.getWorksheet('Ошибки в строках')!;
    expect(invalid.rowCount).toBe(2);
    expect(String(invalid.getCell('C2').value)).toMatch(/^Рабочая почта: неверный адрес почты/);

    expect(readFileSync(join(out, 'report.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFСтрока;Почта;Имя;Действие;Результат;ID в Пачке;Изменённые поля;Сообщение');
    expect(readFileSync(join(out, 'report.csv'), 'utf8')).toContain(';создан;');
    expect(readFileSync(join(out, 'failed.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFРабочая почта;Фамилия;Имя;Отдел;Ошибка');
    expect(await sheetNames(join(out, 'report.xlsx'))).toEqual(['Итоги', 'Отчёт']);
    expect(run.stdout).toContain('CSV-отчёты: точка с запятой (;), UTF-8 с BOM');
    const summary = summaryOf(out);
    expect(summary.counts.created).toBe(2);
    expect(summary.reportFiles).toEqual({ delimiter: ';', encoding: 'utf-8-bom' });
    expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')).items[0].kind).toBe('create');
  });

  it('a dry run writes plan.xlsx too, in English with --lang en whatever the locale', async () => {
    const input = join(tempDir, 'staff-dry.csv');
    writeFileSync(input, `${[HEADER, ...ROWS].map((row) => row.join(',')).join('\n')}\n`);
    const out = folder();
    const run = await runCliInProcess(['plan', input, '--out', out, '--lang', 'en', '--api-url', sandbox.url], { env: { PACHCA_TOKEN: sandbox.adminToken, LANG: 'ru_RU.UTF-8' } });
    expect(run.code, run.stderr).toBe(5);
    expect(await sheetNames(join(out, 'plan.xlsx'))).toEqual(['Summary', 'Changes', 'Invalid rows']);
    expect(creates()).toBe(0);
  });
});
