import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/exit-codes.js';
import { readAndValidate } from '../src/records/validate.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'records-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readAndValidate on the messy fixture', () => {
  it('reports each kind of problem with its row, column as written, value and severity', async () => {
    const sheet = await readAndValidate(fixture('messy.csv'));
    const errors = sheet.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.row, issue.column, issue.message]);
    const expectations: Array<[number, string, RegExp]> = [
      [3, 'Email', /not a valid email/],
      [4, 'Email', /not a valid email/],
      [5, 'Отдел', /longer than 255 characters/],
      [6, 'Роль', /unknown role/],
      [9, 'Статус до', /not a valid date/],
      [10, 'Заблокирован', /not a yes\/no value/],
      [12, 'Email', /^duplicate of row 2$/],
      [14, 'Email', /no email/],
      [15, 'Статус', /longer than 50 characters/],
      [16, 'Сообщение об отсутствии', /longer than 1024 characters/],
      [17, 'Город', /longer than 768 characters/],
      [18, 'Телефон', /not a valid phone number/],
      [19, 'Действие', /unknown action/],
      [20, 'Нет на месте', /not a yes\/no value/],
    ];
    expect(errors).toHaveLength(expectations.length);
    expectations.forEach(([row, column, message], index) => {
      expect(errors[index]![0]).toBe(row);
      expect(errors[index]![1]).toBe(column);
      expect(errors[index]![2]).toMatch(message);
    });
    expect(sheet.issues.find((issue) => issue.row === 6)).toMatchObject({ value: 'начальник', severity: 'error' });
    expect(sheet.issues.find((issue) => issue.row === 12)).toMatchObject({ value: 'good.person@example.ru' });
    // The empty line 13 is skipped silently: no issue, not counted.
    expect(sheet.issues.some((issue) => issue.row === 13)).toBe(false);
    expect(sheet.invalidRows.has(13)).toBe(false);
    expect([...sheet.invalidRows].sort((a, b) => a - b)).toEqual(expectations.map(([row]) => row));
    // A guest without exactly one chat is only a warning here: the plan rejects it when it would create the user.
    // A status title without an emoji (row 11) skips only the status: the row stands, with a warning.
    // A chat named "общий" (row 21) is looked up when planning, not here.
    expect(sheet.records.map((record) => record.source.rowNumber)).toEqual([2, 7, 8, 11, 21]);
    const warnings = sheet.issues.filter((issue) => issue.severity === 'warning');
    expect(warnings.map((issue) => [issue.row, issue.column])).toEqual([[0, 'Город'], [0, 'Примечание'], [7, 'Роль'], [8, 'Роль'], [11, 'Статус']]);
    expect(warnings[2]!.message).toMatch(/a new guest needs exactly one chat .*got 0/);
    expect(warnings[3]!.message).toMatch(/a new guest needs exactly one chat .*got 2/);
    expect(warnings[4]!.message).toBe('status not set: a status needs both status_emoji and status_title (the rest of the row is imported)');
    expect(sheet.records[0]!.customByName).toEqual({ Примечание: 'всё в порядке' });
  });
});

describe('readAndValidate on the good fixtures', () => {
  it('hires-ru.xlsx: 20 valid records with phones in E.164, tags, roles and custom columns', async () => {
    const sheet = await readAndValidate(fixture('hires-ru.xlsx'));
    expect(sheet.invalidRows.size).toBe(0);
    expect(sheet.records).toHaveLength(20);
    const [anna] = sheet.records;
    expect(anna).toMatchObject({
      email: 'anna.belova@example.ru', last_name: 'Белова', first_name: 'Анна', middle_name: 'Игоревна',
      phone_number: '+79161234501', department: 'Разработка', title: 'Инженер', role: 'user',
      tags: ['Backend', 'Москва'], suspended: false, action: 'upsert',
      customByName: { Город: 'Москва', 'Дата выхода': '2026-04-01' },
      source: { rowNumber: 5 },
    });
    const kirill = sheet.records.find((record) => record.email === 'kirill.osipov@example.ru')!;
    expect(kirill.tags).toEqual(['Backend']);
    expect(sheet.records.find((record) => record.email === 'evgeny.kalinin@example.ru')!.role).toBe('admin');
    expect(sheet.records.find((record) => record.email === 'timur.tsvetkov@example.ru')!.role).toBe('multi_guest');
    expect(sheet.records.find((record) => record.email === 'inna.nosova@example.ru')!.blankFields).toContain('tags');
  });

  it('hires-1251.csv: ФИО split, emails lower-cased and trimmed, suspended words', async () => {
    const sheet = await readAndValidate(fixture('hires-1251.csv'));
    expect(sheet.records.map((record) => [record.email, record.last_name, record.first_name, record.middle_name, record.phone_number, record.suspended])).toEqual([
      ['yaroslav.shcherbakov@example.ru', 'Щербаков', 'Ярослав', 'Олегович', '+79165551001', false],
      ['elina.yudina@example.ru', 'Юдина', 'Элина', undefined, '+79165551002', false],
      ['alena.yakovleva@example.ru', 'Яковлева', 'Алёна', 'Сергеевна', '+79165551003', false],
      ['semen.elkin@example.ru', 'Ёлкин', 'Семён', undefined, '+79165551004', true],
    ]);
    expect(sheet.records[2]!.tags).toEqual(['HR', 'Москва']);
  });

  it('hires-en.csv: actions, status with expiry and away message, status clear, guest with one chat', async () => {
    const sheet = await readAndValidate(fixture('hires-en.csv'));
    expect(sheet.invalidRows.size).toBe(0);
    const [john, mary, guest, old] = sheet.records;
    expect(john).toMatchObject({ action: 'create', phone_number: '+442079460958', tags: ['London', 'Backend'] });
    expect(mary!.status).toEqual({ emoji: '🌴', title: 'On vacation', expires_at: '2026-08-15T23:59:59Z', is_away: true, away_message: 'Back on the 16th, write to Bob' });
    // "Chats" names chats by name or id: looked up when planning.
    expect(guest).toMatchObject({ role: 'guest', chats: ['12345'], status: { clear: true } });
    expect(old).toMatchObject({ action: 'suspend', suspended: true });
  });
});

describe('readAndValidate options and rules', () => {
  it('explicit first/last name columns win over ФИО', async () => {
    const path = join(dir, 'names.csv');
    await writeFile(path, 'Почта;ФИО;Имя\r\na@example.ru;Иванов Иван Иванович;Ваня\r\n');
    const [record] = (await readAndValidate(path)).records;
    expect(record).toMatchObject({ first_name: 'Ваня', last_name: 'Иванов', middle_name: 'Иванович' });
  });

  it('--map and --mapping rename columns, including custom:NAME', async () => {
    const path = join(dir, 'mapped.csv');
    await writeFile(path, 'Рабочий адрес;Имя;Таб. №;Примечание\r\nA@Example.ru;Анна;0042;x\r\n');
    await expect(readAndValidate(path)).rejects.toThrow(/mapped\.csv: no email column \(header row 1: Рабочий адрес, Имя, Таб\. №, Примечание\)/);
    const mappingFile = join(dir, 'mapping.json');
    await writeFile(mappingFile, JSON.stringify({ 'Таб. №': 'custom:Табельный номер' }));
    const sheet = await readAndValidate(path, { map: ['Рабочий адрес=email'], mapping: mappingFile });
    expect(sheet.records[0]).toMatchObject({ email: 'a@example.ru', first_name: 'Анна', customByName: { 'Табельный номер': '0042', Примечание: 'x' } });
    expect(sheet.mapping.unknown).toEqual(['Примечание']);
    const typo = await readAndValidate(path, { map: ['Рабочий адрес=email', 'Табельный=custom:Табельный номер'] });
    expect(typo.issues).toContainEqual(expect.objectContaining({
      row: 0, column: 'Табельный', severity: 'warning', message: expect.stringMatching(/names a column "Табельный" that the file does not have.*Таб\. №/),
    }));
    expect(sheet.issues.filter((issue) => issue.message.includes('does not have'))).toEqual([]);
    await writeFile(mappingFile, '[1, 2]');
    await expect(readAndValidate(path, { mapping: mappingFile })).rejects.toThrow(/--mapping mapping\.json: expected a JSON object/);
    await writeFile(mappingFile, JSON.stringify({ 'Рабочий адрес': 'email', 'Таб. №': 12 }));
    await expect(readAndValidate(path, { mapping: mappingFile })).rejects.toThrow('--mapping mapping.json: the value for "Таб. №" must be a column name string');
  });

  it('--phone-region applies to numbers without a country code', async () => {
    const path = join(dir, 'phones.csv');
    await writeFile(path, 'email,phone\r\na@example.ru,020 7946 0958\r\n');
    expect((await readAndValidate(path, { phoneRegion: 'GB' })).records[0]!.phone_number).toBe('+442079460958');
    expect((await readAndValidate(path)).invalidRows.has(2)).toBe(true);
  });

  it('a missing email column is an InputError (exit 2)', async () => {
    const error = await readAndValidate(fixture('bad/no-email-column.csv')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
  });

  it('records keep the original cells for the report; blank cells are listed', async () => {
    const path = join(dir, 'blank.csv');
    await writeFile(path, 'email,department,Город\r\na@example.ru,,\r\n');
    const [record] = (await readAndValidate(path)).records;
    expect(record!.blankFields).toEqual(['department', 'custom:Город']);
    expect(record!.department).toBeUndefined();
    expect(record!.source.rowNumber).toBe(2);
    expect(Object.fromEntries(record!.source.cells)).toEqual({ email: 'a@example.ru', department: '', Город: '' });
  });
});

describe('readAndValidate on hand-made files', () => {
  it('hand-edited.csv: the row an unquoted ";" shifted is invalid, naming the counts; the others stand', async () => {
    const sheet = await readAndValidate(fixture('hand-edited.csv'));
    expect(sheet.issues).toEqual([{
      row: 4, column: '', value: 'Backend', severity: 'error',
      message: 'the line has 6 fields but the header has 5, so values have shifted into the wrong columns (a value containing the delimiter must be in quotes)',
    }]);
    expect(sheet.records.map((record) => [record.source.rowNumber, record.email])).toEqual([
      [2, 'ira.guseva@example.ru'], [3, 'oleg.dyakov@example.ru'], [5, 'rita.zueva@example.ru'],
    ]);
  });

  it('hires-quirks.xlsx: display-name email, phone extension and stray text warn; the totals row is invalid', async () => {
    const sheet = await readAndValidate(fixture('hires-quirks.xlsx'));
    expect(sheet.issues.filter((issue) => issue.row > 0).map((issue) => [issue.row, issue.column, issue.severity, issue.message])).toEqual([
      [6, '', 'warning', 'text in column I is not read: the header above it is empty (give the column a header to use it)'],
      [6, 'Мобильный', 'warning', 'extension 123 left out (Pachca keeps the number only)'],
      [7, 'E-mail', 'error', 'no email: every row needs one (a total or note line? remove it)'],
    ]);
    const [volkov, galkina] = sheet.records;
    expect(volkov).toMatchObject({
      email: 'anton.volkov@example.ru', phone_number: '+79167770101', customByName: { 'Табельный номер': '007', Оклад: '100000' },
      status: { emoji: '🏖', title: 'Отпуск', expires_at: '2026-04-01T23:59:59Z' },
    });
    expect(galkina).toMatchObject({ email: 'bella.galkina@example.ru', phone_number: '+79167770102', status: { expires_at: '2026-04-01T18:30:00Z' } });
    expect([...sheet.invalidRows]).toEqual([7]);
  });

  it("excel-ru-export.csv: Excel's Russian CSV validates cleanly", async () => {
    const sheet = await readAndValidate(fixture('excel-ru-export.csv'));
    expect(sheet.issues).toEqual([]);
    expect(sheet.records.map((record) => [record.last_name, record.phone_number, record.department])).toEqual([
      ['Агеев', '+79167770001', 'Склад'], ['Бойко', '+79167770002', 'Логистика; снабжение'], ['Ёрохина', '+79167770003', 'Склад'],
    ]);
  });
});

describe('duplicates', () => {
  it('the first row with an email stands even when it is invalid: a later row with that email is its duplicate', async () => {
    const path = join(dir, 'dupes-invalid-first.csv');
    await writeFile(path, 'Email;Телефон\r\nivan@example.ru;12345\r\nIVAN@example.ru;+7 916 123-45-67\r\npetr@example.ru;\r\n Petr@Example.ru ;\r\n');
    const sheet = await readAndValidate(path);
    expect(sheet.issues.map((issue) => [issue.row, issue.column, issue.message])).toEqual([
      [2, 'Телефон', expect.stringMatching(/not a valid phone number/)],
      [3, 'Email', 'duplicate of row 2'],
      [5, 'Email', 'duplicate of row 4'],
    ]);
    expect(sheet.records.map((record) => record.source.rowNumber)).toEqual([4]);
  });
});
