// The one-person changes, apply DIR, undo, the look-ups and the audit's security log in Russian
// (LANG=ru_RU.UTF-8) and in English (--lang en over the same locale): the plan, a validation
// message, the item messages (plan.json keeps its keys and kinds), the summary, the report's
// headers, the look-up tables and errors. main() in process against the demo company's sandbox.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMain, useCliWorkspace } from './helpers/in-process-cli.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const RU = { extraEnv: { LANG: 'ru_RU.UTF-8' } };
const workspace = useCliWorkspace('i18n-write-', { seed: SEED });
beforeEach(() => workspace.sandbox.reset());

let runs = 0;
const runFolder = (): string => join(workspace.dir, `run-${(runs += 1)}`);
const firstLine = (path: string): string => readFileSync(path, 'utf8').split('\r\n')[0]!;
interface SavedPlan { items: { kind: string; message?: string }[] }
const planOf = (folder: string): SavedPlan => JSON.parse(readFileSync(join(folder, 'plan.json'), 'utf8')) as SavedPlan;
/** summary.json without what differs between two runs (times, folders). */
function stableSummary(folder: string): unknown {
  const { elapsedSeconds: _elapsed, startedAt: _started, finishedAt: _finished, runFolder: _folder, input: _input, ...rest } = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return rest;
}

describe('the one-person changes in the chosen language', () => {
  it('set: Russian plan, summary and report headers; English with --lang en; summary.json the same', async () => {
    const ruOut = runFolder();
    const russian = await runMain(['set', '11', 'Отдел=Продажи', '--yes', '--out', ruOut], RU);
    expect(russian.code).toBe(0);
    expect(russian.stdout).toContain('План: изменение: 1');
    expect(russian.stdout).toContain('Готово: изменено: 1');
    expect(firstLine(join(ruOut, 'report.csv'))).toBe('\uFEFFСтрока,Почта,Имя,Действие,Результат,ID в Пачке,Изменённые поля,Сообщение');
    workspace.sandbox.reset();
    const enOut = runFolder();
    const english = await runMain(['set', '11', 'Отдел=Продажи', '--yes', '--out', enOut, '--lang', 'en'], RU);
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Plan: update 1');
    expect(english.stdout).toContain('Done: updated 1');
    expect(firstLine(join(enOut, 'report.csv'))).toBe('\uFEFFrow,email,name,action,result,pachca_user_id,changed_fields,message');
    expect(stableSummary(ruOut)).toEqual(stableSummary(enOut));
  });

  it("a value the sheet's rules refuse: the validation message in the run's language, nothing sent", async () => {
    const russian = await runMain(['set', '11', 'Телефон=abc', '--yes', '--out', runFolder()], RU);
    expect(russian.code).toBe(2);
    expect(russian.stderr).toMatch(/^Ошибка: Телефон=abc: неверный номер телефона/);
    const english = await runMain(['set', '11', 'Телефон=abc', '--yes', '--out', runFolder(), '--lang', 'en'], RU);
    expect(english.code).toBe(2);
    expect(english.stderr).toMatch(/^Error: Телефон=abc: not a valid phone number/);
    expect(workspace.sandbox.requestLog().filter((record) => record.method !== 'GET')).toEqual([]);
  });

  it('suspend, restore, status and tag: the plan in the chosen language', async () => {
    expect((await runMain(['suspend', '11', '--dry-run', '--out', runFolder()], RU)).stdout).toContain('План: блокировка: 1');
    expect((await runMain(['suspend', '11', '--dry-run', '--out', runFolder(), '--lang', 'en'], RU)).stdout).toContain('Plan: suspend 1');
    const status = await runMain(['status', '11', '--emoji', '🏝️', '--title', 'В отпуске', '--dry-run', '--out', runFolder()], RU);
    expect(status.stdout).toContain('План: установка статуса: 1');
    const tag = await runMain(['tag', 'remove', 'Нет', '11', '--yes', '--out', runFolder()], RU);
    expect(tag.code).toBe(2);
    expect(tag.stderr.split('\n')[0]).toMatch(/^Ошибка: нет тега «Нет»; теги: «Москва», /);
    const englishTag = await runMain(['tag', 'remove', 'Нет', '11', '--yes', '--out', runFolder(), '--lang', 'en'], RU);
    expect(englishTag.stderr.split('\n')[0]).toMatch(/^Error: no tag named "Нет"; the tags are "Москва", /);
  });

  it("offboard: an item's message follows the language; its kind stays English in plan.json", async () => {
    expect((await runMain(['offboard', '12', '--yes', '--out', runFolder()], RU)).code).toBe(0);
    const ruOut = runFolder();
    const russian = await runMain(['offboard', '12', '--dry-run', '--out', ruOut], RU);
    expect(russian.stdout).toContain('План: без изменений: 1');
    expect(planOf(ruOut).items).toEqual([expect.objectContaining({ kind: 'unchanged', message: 'уже уволен' })]);
    const enOut = runFolder();
    await runMain(['offboard', '12', '--dry-run', '--out', enOut, '--lang', 'en'], RU);
    expect(planOf(enOut).items).toEqual([expect.objectContaining({ kind: 'unchanged', message: 'already offboarded' })]);
  });
});

describe('apply DIR and undo in the chosen language', () => {
  it('a saved plan applied in Russian; its undo planned in Russian and in English', async () => {
    const saved = runFolder();
    expect((await runMain(['set', '11', 'Отдел=Продажи', '--dry-run', '--out', saved], RU)).code).toBe(0);
    const applied = await runMain(['apply', saved, '--yes'], RU);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Готово: изменено: 1');

    const ruUndo = runFolder();
    const russian = await runMain(['undo', saved, '--dry-run', '--out', ruUndo], RU);
    expect(russian.code).toBe(0);
    expect(russian.stdout).toContain('План: изменение: 1');
    expect(russian.stdout + russian.stderr).toContain('Пробный запуск: ничего не изменено. План отмены в');
    const enUndo = runFolder();
    const english = await runMain(['undo', saved, '--dry-run', '--out', enUndo, '--lang', 'en'], RU);
    expect(english.stdout).toContain('Plan: update 1');
    expect(english.stdout + english.stderr).toContain('Dry run: nothing was changed. The undo plan is in');
    expect(planOf(ruUndo).items.map((item) => item.kind)).toEqual(planOf(enUndo).items.map((item) => item.kind));
  });
});

describe('the look-ups in the chosen language', () => {
  it('find, show, tags, chats: Russian column labels and words; English with --lang en; JSON keys the same', async () => {
    const find = await runMain(['find', 'Петров'], RU);
    expect(find.stdout.split('\n')[0]).toMatch(/^ID +Имя и фамилия +Почта +Отдел +Должность +Роль +Теги +Заблокирован +Статус$/);
    expect(find.stdout).toContain('В отпуске до 2026-08-15 21:00 UTC, нет на месте');
    const englishFind = await runMain(['find', 'Петров', '--lang', 'en'], RU);
    expect(englishFind.stdout.split('\n')[0]).toMatch(/^id +name +email +department +title +role +tags +suspended +status$/);
    expect(englishFind.stdout).toContain('until 2026-08-15 21:00 UTC, away');
    expect((await runMain(['find', 'Петров', '-o', 'json'], RU)).stdout).toBe((await runMain(['find', 'Петров', '-o', 'json', '--lang', 'en'], RU)).stdout);

    const show = await runMain(['show', '11'], RU);
    expect(show.stdout).toMatch(/^Почта +m\.ivanova@example\.ru$/m);
    expect(show.stdout).toMatch(/^Заблокирован +нет$/m);
    expect((await runMain(['show', '11', '-o', 'csv'], RU)).stdout.split('\r\n')[0]).toBe('Поле,Значение');
    expect((await runMain(['tags'], RU)).stdout.split('\n')[0]).toMatch(/^ID +Название +Участников$/);
    expect((await runMain(['chats'], RU)).stdout).toMatch(/^501 +Общий +беседа +\d+ +да +нет$/m);
    expect((await runMain(['chats', '--lang', 'en'], RU)).stdout).toMatch(/^501 +Общий +discussion +\d+ +yes +no$/m);
  });

  it("a bot token's hidden contacts: the warning of the look-ups and of the export in the chosen language", async () => {
    const bot = { extraEnv: { LANG: 'ru_RU.UTF-8', PACHCA_TOKEN: workspace.sandbox.botToken } };
    expect((await runMain(['find', 'Петров'], bot)).stderr).toMatch(/^Предупреждение: этот токен не видит почту и телефоны/);
    const exported = await runMain(['export', '--out', join(workspace.dir, 'bot-export.xlsx')], bot);
    expect(exported.stderr).toContain('Предупреждение: этот токен не видит почту и телефоны (токен бота?), поэтому эти колонки пустые');
    const english = await runMain(['find', 'Петров', '--lang', 'en'], bot);
    expect(english.stderr).toMatch(/^Warning: this token sees no e-mail addresses or phone numbers/);
  });

  it('nobody found and an unknown tag: one Russian line, one English line; exit 2', async () => {
    const none = await runMain(['find', 'Несуществующий'], RU);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('Ошибка: никто не найден по запросу Несуществующий\n');
    expect((await runMain(['find', 'Несуществующий', '--lang', 'en'], RU)).stderr).toBe('Error: no user matches Несуществующий\n');
    const members = await runMain(['members', 'Бекенд'], RU);
    expect(members.code).toBe(2);
    expect(members.stderr).toMatch(/^Ошибка: нет тега «Бекенд»/);
    const noPerson = await runMain(['show', '99999'], RU);
    expect(noPerson.stderr).toBe('Ошибка: нет такого сотрудника: 99999\n');
  });
});

describe("the audit's security log in the chosen language", () => {
  it('printed counts, workbook sheets and page sections: Russian with LANG=ru, English with --lang en', async () => {
    const xlsx = join(workspace.dir, 'audit-log-ru.xlsx');
    const html = join(workspace.dir, 'audit-log-ru.html');
    const russian = await runMain(['audit', '--since', '2026-01-01', '--out', xlsx, '--html', html], RU);
    expect(russian.code).toBe(0);
    expect(russian.stdout).toContain('Журнал безопасности с 2026-01-01:');
    expect(russian.stdout).toMatch(/^ {2}Смены ролей +\d+$/m);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['Смены ролей', 'Токены API', 'Последний вход', 'Изменения не через программу']));
    // The time column's header names the zone its date cells are in (--tz, default the machine's).
    const [when, id] = (workbook.getWorksheet('Смены ролей')!.getRow(1).values as string[]).slice(1, 3);
    expect(when).toMatch(/^Когда \([A-Za-z_/+-]+\)$/);
    expect(id).toBe('ID');
    // A person the directory no longer has and an outside change's details, in the run's language.
    const outsideRu = JSON.stringify(workbook.getWorksheet('Изменения не через программу')!.getSheetValues());
    expect(outsideRu).toContain('(нет в справочнике: 90)');
    expect(outsideRu).toContain('роль user -> admin');
    expect(outsideRu).toContain('тег «Руководители»');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2>Журнал безопасности с 2026-01-01</h2>');
    expect(page).toContain('События безопасности по дням');
    expect(page).not.toContain('Security log');

    const englishXlsx = join(workspace.dir, 'audit-log-en.xlsx');
    const english = await runMain(['audit', '--since', '2026-01-01', '--out', englishXlsx, '--lang', 'en'], RU);
    expect(english.stdout).toContain('Security log since 2026-01-01:');
    expect(english.stdout).toMatch(/^ {2}Role changes +\d+$/m);
    const englishBook = new ExcelJS.Workbook();
    await englishBook.xlsx.readFile(englishXlsx);
    const outsideEn = JSON.stringify(englishBook.getWorksheet('Changes outside the tool')!.getSheetValues());
    expect(outsideEn).toContain('(not in the directory: 90)');
    expect(outsideEn).toContain('role user -> admin');
    expect(outsideEn).toContain('tag \\"Руководители\\"');
  });

  it('a token that may not read the log: the note in the chosen language (the JSON keeps the English note)', async () => {
    const env = { extraEnv: { LANG: 'ru_RU.UTF-8', PACHCA_TOKEN: workspace.sandbox.botToken } };
    const russian = await runMain(['audit', '--since', '2026-01-01'], env);
    expect(russian.stdout).toContain('Журнал безопасности не прочитан: у токена нет права audit_events:read');
    const json = await runMain(['audit', '--since', '2026-01-01', '--json'], env);
    expect((JSON.parse(json.stdout) as { securityLog: { note: string } }).securityLog.note).toMatch(/^Security log not read: the token lacks/);
  });
});

describe('a sheet that cannot be read, in the chosen language', () => {
  it('an empty file, a header without rows and an old .xls: Russian with LANG=ru, English with --lang en', async () => {
    const empty = join(workspace.dir, 'empty.csv');
    writeFileSync(empty, '');
    expect((await runMain(['validate', empty], RU)).stderr).toBe('Ошибка: empty.csv: файл пустой\n');
    expect((await runMain(['validate', empty, '--lang', 'en'], RU)).stderr).toBe('Error: empty.csv: the file is empty\n');
    const headerOnly = join(workspace.dir, 'header-only.csv');
    writeFileSync(headerOnly, 'Почта;Фамилия\r\n');
    expect((await runMain(['validate', headerOnly], RU)).stderr).toBe('Ошибка: header-only.csv: нет строк с данными (только заголовок в строке 1)\n');
    const xls = join(workspace.dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]));
    expect((await runMain(['validate', xls], RU)).stderr).toMatch(/^Ошибка: old\.xls: это старый формат Excel/);
  });
});

describe("the API's and the connection's errors in the chosen language", () => {
  it("a rejected token, a missing scope and a refused connection: Russian with LANG=ru, English with --lang en; Pachca's text as given", async () => {
    const badToken = { extraEnv: { LANG: 'ru_RU.UTF-8', PACHCA_TOKEN: 'not-a-token' } };
    const rejected = await runMain(['tags'], badToken);
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toMatch(/^Ошибка: токен отклонён: .+ \(invalid_token\)\n$/);
    expect((await runMain(['tags', '--lang', 'en'], badToken)).stderr).toMatch(/^Error: token rejected: .+ \(invalid_token\)\n$/);

    const bot = { extraEnv: { LANG: 'ru_RU.UTF-8', PACHCA_TOKEN: workspace.sandbox.botToken } };
    const scope = await runMain(['set', '11', 'Отдел=Продажи', '--yes', '--out', runFolder()], bot);
    expect(scope.code).toBe(3);
    expect(scope.stderr).toBe('Ошибка: у токена нет права users:update, нужного для этого изменения; используйте личный токен владельца или администратора с users:update (ничего не изменено)\n');
    const englishScope = await runMain(['set', '11', 'Отдел=Продажи', '--yes', '--out', runFolder(), '--lang', 'en'], bot);
    expect(englishScope.stderr).toBe('Error: the token lacks scope users:update that this change needs; use an Owner/Admin personal token with users:update (nothing was changed)\n');

    const nowhere = { extraEnv: { LANG: 'ru_RU.UTF-8', PACHCA_API_URL: 'http://127.0.0.1:1/api/shared/v1' } };
    const refused = await runMain(['tags', '--retries', '1'], nowhere);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Ошибка: GET \/group_tags: (не удалось подключиться к|сетевая ошибка при обращении к) 127\.0\.0\.1:1 /);
    expect((await runMain(['tags', '--retries', '1', '--lang', 'en'], nowhere)).stderr).toMatch(/^Error: GET \/group_tags: (cannot connect to|network error talking to) 127\.0\.0\.1:1 /);
  });
});

describe("the planner's refusals and the Tags sheet in the chosen language", () => {
  it('--max-suspend exceeded, a --photos-key column the sheet lacks and validate without FILE: Russian with LANG=ru, English with --lang en', async () => {
    const sheet = join(workspace.dir, 'one-person.csv');
    writeFileSync(sheet, 'Почта;Отдел\r\nm.ivanova@example.ru;Продажи\r\n');
    const tooMany = await runMain(['plan', sheet, '--suspend-missing', '--out', runFolder()], RU);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/^Ошибка: --suspend-missing заблокировал бы \d+ из \d+ активных сотрудников — больше, чем --max-suspend 10% \(\d+\); проверьте, что в таблице есть все/);
    expect((await runMain(['plan', sheet, '--suspend-missing', '--out', runFolder(), '--lang', 'en'], RU)).stderr).toMatch(/^Error: --suspend-missing would suspend \d+ of \d+ active users, more than --max-suspend 10%/);

    const photosKey = await runMain(['plan', sheet, '--photos', workspace.dir, '--photos-key', 'Нет', '--out', runFolder()], RU);
    expect(photosKey.code).toBe(2);
    expect(photosKey.stderr).toBe('Ошибка: --photos-key «Нет»: в таблице нет такой колонки (её колонки: Почта, Отдел)\n');
    expect((await runMain(['plan', sheet, '--photos', workspace.dir, '--photos-key', 'Нет', '--out', runFolder(), '--lang', 'en'], RU)).stderr)
      .toBe('Error: --photos-key "Нет": the sheet has no such column (its columns: Почта, Отдел)\n');

    expect((await runMain(['validate'], RU)).stderr.split('\n')[0]).toBe('Ошибка: команде validate нужен один аргумент ФАЙЛ: pachca-roster validate ФАЙЛ');
    expect((await runMain(['validate', '--lang', 'en'], RU)).stderr.split('\n')[0]).toBe('Error: validate needs one FILE: pachca-roster validate FILE');

    const noProperty = await runMain(['plan', sheet, '--match', 'custom:Нет', '--out', runFolder()], RU);
    expect(noProperty.code).toBe(2);
    expect(noProperty.stderr).toMatch(/^Ошибка: --match custom:Нет: в Пачке нет дополнительного поля «Нет» \(есть: Город, Табельный номер/);
    expect((await runMain(['plan', sheet, '--match', 'custom:Нет', '--out', runFolder(), '--lang', 'en'], RU)).stderr).toMatch(/^Error: --match custom:Нет: Pachca has no custom property "Нет" \(known: Город/);
    expect((await runMain(['plan', sheet, '--match', 'Табельный номер', '--out', runFolder()], RU)).stderr)
      .toBe(`Ошибка: ${sheet}: --match custom:Табельный номер: в таблице нет колонки «Табельный номер» (или укажите --map "Заголовок=custom:Табельный номер")\n`);

    const out = join(workspace.dir, 'filtered.xlsx');
    expect((await runMain(['export', '--tag', 'Нет', '--out', out], RU)).stderr).toBe('Ошибка: --tag: в справочнике нет тега «Нет»\n');
    expect((await runMain(['export', '--tag', 'Нет', '--out', out, '--lang', 'en'], RU)).stderr).toBe('Error: --tag: no tag named "Нет" in the directory\n');
    expect((await runMain(['export', '--department', 'Нет', '--out', out], RU)).stderr)
      .toBe('Ошибка: никто не подходит под --department "Нет" (боты не учитываются; --include-bots учтёт их); ничего не записано\n');
  });

  it("a Tags sheet's delete without --allow-delete: the reason in the chosen language", async () => {
    const exported = join(workspace.dir, 'tags-export.xlsx');
    expect((await runMain(['export', '--out', exported, '--lang', 'en'], RU)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported);
    const tags = workbook.getWorksheet('Tags')!;
    const headers = (tags.getRow(1).values as ExcelJS.CellValue[]).map((value) => String(value ?? ''));
    const action = headers.length;
    tags.getRow(1).getCell(action).value = 'action';
    tags.getRow(2).getCell(action).value = 'delete';
    const edited = join(workspace.dir, 'tags-edited.xlsx');
    await workbook.xlsx.writeFile(edited);
    const russian = await runMain(['plan', edited, '--out', runFolder()], RU);
    expect(russian.stdout).toMatch(/лист Tags, строка 2, тег \d+: для удаления нужен --allow-delete \(удаление тега убирает его у всех участников\)/);
    const english = await runMain(['plan', edited, '--out', runFolder(), '--lang', 'en'], RU);
    expect(english.stdout).toMatch(/Tags row 2 tag id \d+: action delete needs --allow-delete/);
  });
});

describe("a run's row failures and its stop in the chosen language", () => {
  it('no free seat: the report says it in Russian (English with --lang en); an unpaid workspace stops the run with a Russian reason', async () => {
    const sandbox = workspace.sandbox;
    expect((await runMain(['suspend', '11', '--yes', '--out', runFolder()], RU)).code).toBe(0);
    sandbox.configure({ seats: sandbox.directory().users.filter((person) => !person.bot && !person.suspended).length });
    try {
      const ruOut = runFolder();
      expect((await runMain(['restore', '11', '--yes', '--out', ruOut], RU)).code).toBe(5);
      expect(readFileSync(join(ruOut, 'report.csv'), 'utf8')).toContain('нет свободных мест: нужно ещё 1');
      const enOut = runFolder();
      expect((await runMain(['restore', '11', '--yes', '--out', enOut, '--lang', 'en'], RU)).code).toBe(5);
      expect(readFileSync(join(enOut, 'report.csv'), 'utf8')).toContain('no free seats: 1 needed');
    } finally {
      sandbox.configure({ seats: null });
    }
    sandbox.configure({ unpaid: true });
    try {
      const unpaid = await runMain(['tags'], RU);
      expect(unpaid.code).toBe(1);
      expect(unpaid.stderr).toMatch(/^Ошибка: подписка пространства не оплачена \(402\): /);
      expect((await runMain(['tags', '--lang', 'en'], RU)).stderr).toMatch(/^Error: the workspace subscription is unpaid \(402\): /);
    } finally {
      sandbox.configure({ unpaid: false });
    }
  });
});
