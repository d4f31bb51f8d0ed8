// plan, import and validate run in process in Russian (LANG=ru_RU.UTF-8) and in English
// (--lang en over the same locale): the plan, a validation message, the summary, the report's
// headers and an error in the chosen language; summary.json the same in both.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain, useCliWorkspace } from './helpers/in-process-cli.js';

const RU = { extraEnv: { LANG: 'ru_RU.UTF-8' } };
const SHEET = 'Почта;Фамилия;Имя;Отдел\r\nnew.person@example.ru;Новиков;Пётр;Продажи\r\nbad-email;Плохов;Иван;Продажи\r\n';

const workspace = useCliWorkspace('i18n-run-');
let sheet: string;
beforeAll(() => {
  sheet = join(workspace.dir, 'hires.csv');
  writeFileSync(sheet, SHEET);
});
beforeEach(() => workspace.sandbox.reset());

const firstLine = (path: string): string => readFileSync(path, 'utf8').split('\r\n')[0]!;

describe('a run in the chosen language', () => {
  it('plan with LANG=ru: Russian plan, validation message, summary and failed.csv error column', async () => {
    const out = join(workspace.dir, 'plan-ru');
    const result = await runMain(['plan', sheet, '--out', out], RU);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain('План: создание: 1, строки с ошибками: 1');
    // Fields by the headers the export writes in Russian; plan.json keeps the field names.
    expect(result.stdout).toContain('строка 2 new.person@example.ru  создать  Имя: Пётр, Фамилия: Новиков, Отдел: Продажи');
    const saved = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { items: { kind: string; changes: { field: string }[] }[] };
    expect(saved.items.find((item) => item.kind === 'create')!.changes.map((change) => change.field)).toEqual(['email', 'first_name', 'last_name', 'department']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'plan.xlsx'));
    expect(workbook.getWorksheet('Изменения')!.getColumn(4).values.slice(2)).toEqual(['Почта', 'Имя', 'Фамилия', 'Отдел']);
    expect(result.stdout).toContain('Строки с ошибками (1; они попадут в failed.csv):');
    expect(result.stdout).toContain('строка 3 bad-email: Почта: неверный адрес почты');
    expect(result.stdout).toContain('Было бы: создано: 1, строк с ошибками: 1');
    expect(result.stdout).toContain(`Папка запуска: ${out}`);
    expect(firstLine(join(out, 'failed.csv'))).toBe('\uFEFFПочта;Фамилия;Имя;Отдел;Ошибка');
  });

  it('import --lang en over LANG=ru: English plan, message, summary and report headers', async () => {
    const out = join(workspace.dir, 'import-en');
    const result = await runMain(['import', sheet, '--yes', '--out', out, '--lang', 'en'], RU);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain('Plan: create 1, invalid 1');
    expect(result.stdout).toContain('row 2 new.person@example.ru  create  first_name: Пётр, last_name: Новиков, department: Продажи');
    expect(result.stdout).toContain('row 3 bad-email: Почта: not a valid email');
    expect(result.stdout).toContain('Done: created 1, invalid 1');
    expect(firstLine(join(out, 'report.csv'))).toBe('\uFEFFrow;email;name;action;result;pachca_user_id;changed_fields;message');
    expect(readFileSync(join(out, 'failed.csv'), 'utf8')).toContain('not a valid email');
  });

  it('import with LANG=ru: Russian summary and report headers; summary.json the same keys and values as in English', async () => {
    const ruOut = join(workspace.dir, 'import-ru');
    const russian = await runMain(['import', sheet, '--yes', '--out', ruOut], RU);
    expect(russian.code).toBe(5);
    expect(russian.stdout).toContain('Готово: создано: 1, строк с ошибками: 1');
    expect(firstLine(join(ruOut, 'report.csv'))).toBe('\uFEFFСтрока;Почта;Имя;Действие;Результат;ID в Пачке;Изменённые поля;Сообщение');
    expect(readFileSync(join(ruOut, 'report.csv'), 'utf8')).toContain('неверный адрес почты');
    workspace.sandbox.reset();
    const enOut = join(workspace.dir, 'import-en-json');
    const english = await runMain(['import', sheet, '--yes', '--out', enOut, '--json', '--lang', 'en'], RU);
    const stable = (path: string): unknown => {
      const { elapsedSeconds: _elapsed, startedAt: _started, finishedAt: _finished, runFolder: _folder, input: _input, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      return rest;
    };
    expect(english.code).toBe(5);
    expect(stable(join(ruOut, 'summary.json'))).toEqual(stable(join(enOut, 'summary.json')));
  });

  it('validate: the counts, columns and the message in Russian, and in English with --lang en', async () => {
    const russian = await runMain(['validate', sheet], RU);
    expect(russian.code).toBe(5);
    expect(russian.stdout).toContain('CSV, кодировка utf-8, разделитель ";", заголовок в строке 1');
    expect(russian.stdout).toContain('Строк: 2, верных: 1, с ошибками: 1, предупреждений: 0');
    expect(russian.stdout).toContain('ошибка         строка 3, колонка «Почта»: неверный адрес почты');
    const english = await runMain(['validate', sheet, '--lang', 'en'], RU);
    expect(english.stdout).toContain('Rows: 2, valid: 1, invalid: 1, warnings: 0');
    expect(english.stdout).toContain('error   row 3, column "Почта": not a valid email');
    const json = await runMain(['validate', sheet, '--json'], RU);
    expect(JSON.parse(json.stdout).issues[0].message).toMatch(/^not a valid email/);
  });
});

describe('errors in the chosen language', () => {
  it('a missing file, a missing token and a bad flag value: Russian with LANG=ru, English with --lang en', async () => {
    const missing = join(workspace.dir, 'missing.csv');
    expect((await runMain(['plan', missing], RU)).stderr).toBe(`Ошибка: ${missing}: такого файла нет\n`);
    expect((await runMain(['plan', missing, '--lang', 'en'], RU)).stderr).toBe(`Error: ${missing}: no such file\n`);
    delete process.env.PACHCA_TOKEN;
    const noToken = await runMain(['tags'], RU);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^Ошибка: нет токена API: укажите --token-file ФАЙЛ/);
    const badRps = await runMain(['export', '--rps', '0'], RU);
    expect(badRps.code).toBe(2);
    expect(badRps.stderr.split('\n')[0]).toBe('Ошибка: --rps: нужно число больше 0, не больше 1000, а не «0»');
    expect((await runMain(['export', '--rps', '0', '--lang', 'en'], RU)).stderr.split('\n')[0]).toBe('Error: --rps must be a number above 0, at most 1000, not "0"');
  });
});
