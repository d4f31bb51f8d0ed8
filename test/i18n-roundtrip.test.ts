// A Russian export imports back into an English run, and an English export into a Russian run,
// with zero changes planned and zero writes sent (in process, against the sandbox); the audit's
// workbook, page and printed summary in either language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMain, useCliWorkspace } from './helpers/in-process-cli.js';
import { machineTimeZone } from '../src/sheets/time-zone.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const RU = { extraEnv: { LANG: 'ru_RU.UTF-8' } };

const workspace = useCliWorkspace('i18n-roundtrip-', { seed: SEED });
beforeEach(() => workspace.sandbox.reset());

/** Imports `file` with --yes; the plan's changing items, the writes sent and what was printed. */
async function importBack(file: string, name: string, env: Record<string, string>, extra: string[] = []) {
  const before = workspace.sandbox.stats().writes;
  const out = join(workspace.dir, `run-${name}`);
  const result = await runMain(['import', file, '--yes', '--out', out, ...extra], { extraEnv: env });
  expect(result.code, result.stderr).toBe(0);
  const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { items: Array<{ kind: string }> };
  return { changing: plan.items.filter((item) => item.kind !== 'unchanged'), writes: workspace.sandbox.stats().writes - before, printed: result.stdout + result.stderr };
}

describe('export in one language, import in the other', () => {
  it('Russian XLSX export -> English import: zero changes, zero writes, no column left unread', async () => {
    const file = join(workspace.dir, 'ru.xlsx');
    const exported = await runMain(['export', '--out', file], RU);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Выгружено сотрудников: \d+ \(из \d+ в справочнике; ботов не выгружено: \d+\), тегов: \d+/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    // Tags, Membership and Chats keep their English names (import finds them by name).
    expect(workbook.worksheets.map((sheet) => sheet.name).slice(0, 5)).toEqual(['Сотрудники', 'Tags', 'Membership', 'Chats', 'Итоги']);
    // Written while the directory is listed, the Summary comes last but is the sheet the workbook opens on.
    expect(workbook.views[0]).toMatchObject({ activeTab: 4 });
    const headers = workbook.getWorksheet('Сотрудники')!.getRow(1).values as string[];
    const zone = machineTimeZone();
    expect(headers).toEqual(expect.arrayContaining(['Почта', 'Имя', 'Фамилия', 'Отдел', 'Должность', 'Заблокирован', `Последняя активность (${zone})`, `Статус до (${zone})`]));
    const back = await importBack(file, 'ru-xlsx', {}, ['--lang', 'en']);
    expect(back.changing).toEqual([]);
    expect(back.writes).toBe(0);
    expect(back.printed).not.toContain('not imported');
  });

  it('English XLSX export -> Russian import: zero changes, zero writes', async () => {
    const file = join(workspace.dir, 'en.xlsx');
    expect((await runMain(['export', '--out', file, '--lang', 'en'], RU)).code).toBe(0);
    const back = await importBack(file, 'en-xlsx', RU.extraEnv);
    expect(back.changing).toEqual([]);
    expect(back.writes).toBe(0);
    expect(back.printed).toContain('Готово');
    expect(back.printed).not.toContain('не импортиру');
  });

  it('Russian CSV export (";") -> English import: zero changes, zero writes', async () => {
    const out = join(workspace.dir, 'ru-csv');
    expect((await runMain(['export', '--format', 'csv', '--out', out, '--delimiter', ';'], RU)).code).toBe(0);
    expect(readFileSync(join(out, 'users.csv'), 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFПочта;Имя;Фамилия;/);
    const back = await importBack(join(out, 'users.csv'), 'ru-csv', {});
    expect(back.changing).toEqual([]);
    expect(back.writes).toBe(0);
  });
});

describe('audit in the chosen language', () => {
  it('LANG=ru: Russian sheets, headers and page (lang="ru"); --lang en: English', async () => {
    const xlsx = join(workspace.dir, 'audit-ru.xlsx');
    const html = join(workspace.dir, 'audit-ru.html');
    const russian = await runMain(['audit', '--out', xlsx, '--html', html], RU);
    expect(russian.code).toBe(0);
    expect(russian.stdout).toMatch(/^Проверено сотрудников \(без ботов\): \d+; неактивный — без активности больше 90 дн\.:\n {2}Неактивные/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Итоги', 'Неактивные', 'Неприглашённые до конца', 'Заблокированные в тегах', 'Незаполненные поля', 'Администраторы и гости', 'Пустые теги', 'Возможные дубли',
    ]);
    expect((workbook.getWorksheet('Неактивные')!.getRow(1).values as string[]).slice(1, 4)).toEqual(['ID', 'Почта', 'Имя']);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="ru">');
    expect(page).toContain('<h1>Проверка справочника Пачки</h1>');

    const englishHtml = join(workspace.dir, 'audit-en.html');
    const english = await runMain(['audit', '--html', englishHtml, '--lang', 'en'], RU);
    expect(english.stdout).toMatch(/^Audit of \d+ people/);
    expect(readFileSync(englishHtml, 'utf8')).toContain('<html lang="en">');
    expect(readFileSync(englishHtml, 'utf8')).toContain('<h1>Pachca directory audit</h1>');
  });
});
