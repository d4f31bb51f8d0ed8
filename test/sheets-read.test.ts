import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/exit-codes.js';
import { isKnownHeader } from '../src/records/columns.js';
import { readAndValidate } from '../src/records/validate.js';
import type { Row } from '../src/records/types.js';
import { readNamedSheet, readSheet, SHEET_LIMITS } from '../src/sheets/read.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { createXlsxWorkbookWriter } from '../src/sheets/xlsx-writer.js';
import { inspectZip } from '../src/sheets/zip-guard.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const known = { isKnownHeader: (header: string) => isKnownHeader(header) };
const cell = (row: Row | undefined, header: string) => row?.cells.get(header);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheets-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('XLSX', () => {
  it('skips an empty first sheet, title rows and merged cells, and keeps Excel row numbers', async () => {
    const { detected, rows } = await readSheet(fixture('hires-ru.xlsx'), known);
    expect(detected).toMatchObject({ format: 'xlsx', sheet: 'Апрель', headerRow: 4 });
    expect(detected.headers).toEqual(['Фамилия', 'Имя', 'Отчество', 'Эл. почта', 'Моб. телефон', 'Отдел', 'Должность', 'Роль', 'Теги', 'Город', 'Дата выхода', 'Уволен']);
    expect(rows).toHaveLength(20);
    expect(rows[0]!.rowNumber).toBe(5);
    expect(rows.at(-1)!.rowNumber).toBe(24);
  });

  it('shows cells as a person sees them: numbers, dates, hyperlinks, rich text, formulas, booleans', async () => {
    const { rows } = await readSheet(fixture('hires-ru.xlsx'), known);
    const [first, second, third] = rows;
    expect(cell(first, 'Моб. телефон')).toBe('79161234501');
    expect(cell(first, 'Дата выхода')).toBe('2026-04-01');
    expect(cell(first, 'Эл. почта')).toBe('anna.belova@example.ru'); // hyperlink
    expect(cell(second, 'Должность')).toBe('Старший инженер'); // rich text
    expect(cell(third, 'Отдел')).toBe('Продажи'); // formula's cached result
    expect(cell(first, 'Уволен')).toBe('false');
  });

  it('formats numbers without .0 or exponent and dates as ISO', async () => {
    const path = join(dir, 'numbers.xlsx');
    const writer = createXlsxWorkbookWriter(path);
    const sheet = writer.addSheet('Data', ['email', 'phone_number', 'n1', 'n2', 'n3', 'd1', 'd2', 'b'].map((header) => ({ header })));
    sheet.addRow(['a@b.ru', 79161234567, 1.5, 0.1 + 0.2, 1e-7, new Date(Date.UTC(2026, 3, 1)), new Date(Date.UTC(2026, 3, 1, 10, 30)), true]);
    sheet.addRow(['c@d.ru', 1e20, -42, 100, 12.0, null, null, false]);
    await writer.commit();
    const { rows } = await readSheet(path, known);
    expect([...rows[0]!.cells.values()]).toEqual(['a@b.ru', '79161234567', '1.5', '0.3', '0.0000001', '2026-04-01', '2026-04-01 10:30:00', 'true']);
    expect([...rows[1]!.cells.values()]).toEqual(['c@d.ru', '100000000000000000000', '-42', '100', '12', '', '', 'false']);
  });

  it.each([false, true])('keeps Cyrillic intact across stream chunk boundaries (shared strings: %s)', async (useSharedStrings) => {
    const path = join(dir, `cyrillic-${useSharedStrings}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings, useStyles: false });
    const sheet = workbook.addWorksheet('Сотрудники');
    sheet.addRow(['Почта', 'ФИО', 'Отдел']).commit();
    for (let i = 0; i < 8000; i++) sheet.addRow([`u${i}@example.ru`, `Щербакова${i} Ёлка Юрьевна`, `Отдел №${i % 97} разработки`]).commit();
    sheet.commit();
    await workbook.commit();
    const { detected, rows } = await readSheet(path, known);
    expect(detected.sheet).toBe('Сотрудники');
    expect(rows).toHaveLength(8000);
    const broken = rows.filter((row) => [...row.cells.values()].some((value) => value.includes('\uFFFD')));
    expect(broken.map((row) => row.rowNumber)).toEqual([]);
    expect(cell(rows[7999], 'ФИО')).toBe('Щербакова7999 Ёлка Юрьевна');
  });

  it('reads a sheet by name (case-insensitive) and lists the sheets when the name is wrong', async () => {
    await expect(readSheet(fixture('hires-ru.xlsx'), { sheet: 'нет такого' })).rejects.toThrow(/no sheet named "нет такого" \(sheets: Инструкция, Апрель\)/);
    await expect(readSheet(fixture('hires-ru.xlsx'), { sheet: 'Инструкция' })).rejects.toThrow(/is empty/);
    const { detected, rows } = await readSheet(fixture('hires-ru.xlsx'), { ...known, sheet: 'апрель' });
    expect(detected.sheet).toBe('Апрель');
    expect(rows).toHaveLength(20);
  });

  it('reads a named sheet reliably when the workbook part is stored last in the zip', async () => {
    // hires-ru.xlsx stores xl/workbook.xml last; exceljs's own unzip now and then lost it
    // (no sheet names: "Cannot read properties of undefined (reading 'sheets')").
    for (let attempt = 0; attempt < 30; attempt++) {
      const { rows } = await readSheet(fixture('hires-ru.xlsx'), { ...known, sheet: 'Апрель' });
      expect(rows).toHaveLength(20);
    }
  });

  it('readNamedSheet reads e.g. the Tags sheet of an export; a header-only sheet gives no rows', async () => {
    const path = join(dir, 'export.xlsx');
    const writer = createXlsxWorkbookWriter(path);
    writer.addSheet('Users', [{ header: 'email' }]).addRow(['a@b.ru']);
    const tags = writer.addSheet('Tags', [{ header: 'name' }, { header: 'users_count' }]);
    tags.addRow(['Москва', 3]);
    tags.addRow(['=Backend', 1]);
    writer.addSheet('Empty', [{ header: 'name' }]);
    await writer.commit();
    const { rows } = await readNamedSheet(path, 'Tags');
    expect(rows.map((row) => [row.rowNumber, cell(row, 'name'), cell(row, 'users_count')])).toEqual([[2, 'Москва', '3'], [3, '=Backend', '1']]);
    expect((await readNamedSheet(path, 'Empty')).rows).toEqual([]);
  });
});

describe('CSV', () => {
  it('refuses Windows-1251 bytes after a long UTF-8-looking start instead of reading them as U+FFFD', async () => {
    const path = join(dir, 'late-cyrillic.csv');
    const asciiRows = Array.from({ length: 3000 }, (_, index) => `user${index}@example.ru;Smith`).join('\r\n');
    await writeFile(path, Buffer.concat([Buffer.from(`email;last_name\r\n${asciiRows}\r\n`), iconv.encode('late@example.ru;Иванов\r\n', 'win1251')]));
    const error = await readSheet(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^late-cyrillic\.csv: row 3002 has bytes that are not valid utf-8.*--encoding/);
    const { rows } = await readSheet(path, { encoding: 'windows-1251' });
    expect(rows.at(-1)?.cells.get('last_name')).toBe('Иванов');
  });

  it('Windows-1251 with semicolons, quoted delimiters and line breaks inside quotes', async () => {
    const { detected, rows } = await readSheet(fixture('hires-1251.csv'), known);
    expect(detected).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';', headerRow: 1 });
    expect(detected.headers[0]).toBe('ФИО');
    expect(rows.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5]);
    expect(cell(rows[1], 'Должность')).toBe('Менеджер; старший');
    expect(cell(rows[2], 'Группы')).toBe('HR\nМосква');
    expect(cell(rows[3], 'ФИО')).toBe('Ёлкин Семён');
  });

  it('UTF-8 without BOM and commas', async () => {
    const { detected, rows } = await readSheet(fixture('hires-en.csv'), known);
    expect(detected).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(cell(rows[1], 'Status emoji')).toBe('🌴');
    expect(cell(rows[1], 'Away message')).toBe('Back on the 16th,\nwrite to Bob');
  });

  it.each([
    ['hires-utf16le-tab.csv', 'utf-16le', '\t'],
    ['hires-utf16be.csv', 'utf-16be', ';'],
    ['hires-bom-pipe.csv', 'utf-8-bom', '|'],
  ])('%s: %s, delimiter %j', async (name, encoding, delimiter) => {
    const { detected, rows } = await readSheet(fixture(name), known);
    expect(detected).toMatchObject({ encoding, delimiter, headers: ['Почта', 'Имя', 'Фамилия', 'Отдел'] });
    expect(rows.map((row) => cell(row, 'Фамилия'))).toEqual(['Шестакова', 'Щукин']);
  });

  it('honours --encoding and --delimiter overrides', async () => {
    const forced = await readSheet(fixture('hires-1251.csv'), { encoding: 'cp1251', delimiter: 'tab' });
    expect(forced.detected).toMatchObject({ encoding: 'windows-1251', delimiter: '\t' });
    expect(forced.detected.headers).toHaveLength(1);
    await expect(readSheet(fixture('hires-1251.csv'), { encoding: 'utf-8' })).rejects.toThrow(/hires-1251\.csv: the text is not valid utf-8/);
    const latin = await readSheet(fixture('hires-1251.csv'), { encoding: 'koi8-r' });
    expect(latin.detected.encoding).toBe('koi8-r');
    expect(latin.detected.headers[0]).not.toBe('ФИО');
    await expect(readSheet(fixture('hires-1251.csv'), { encoding: 'klingon' })).rejects.toThrow(/hires-1251\.csv: unknown --encoding "klingon"/);
    await expect(readSheet(fixture('hires-1251.csv'), { delimiter: ';;' })).rejects.toThrow(/--delimiter must be one character/);
  });

  it('finds the header below title lines and counts rows as records (1-based, title rows included)', async () => {
    const path = join(dir, 'titled.csv');
    const text = 'Приём сотрудников;;\r\nсоставил: HR;;\r\nИмя;Почта;Отдел\r\nАнна;anna@example.ru;"Разработка\r\nи тесты"\r\n;;\r\nБорис;boris@example.ru;HR\r\n';
    await writeFile(path, iconv.encode(text, 'windows-1251'));
    const { detected, rows } = await readSheet(path, known);
    expect(detected.headerRow).toBe(3);
    expect(rows.map((row) => [row.rowNumber, cell(row, 'Имя')])).toEqual([[4, 'Анна'], [6, 'Борис']]);
    expect(cell(rows[0], 'Отдел')).toBe('Разработка\r\nи тесты');
  });

  it('re-imports what writeCsvFile wrote exactly (formula apostrophes removed)', async () => {
    const path = join(dir, 'roundtrip.csv');
    const values = ['+79161234567', '=1+2', '-', "'quoted", '@home'];
    await writeCsvFile(path, ['email', 'phone', 'formula', 'dash', 'quote', 'at'], [['a@b.ru', ...values]], { delimiter: ';' });
    const { rows } = await readSheet(path, known);
    expect([...rows[0]!.cells.values()]).toEqual(['a@b.ru', ...values]);
  });

  it('gives repeated headers distinct names and ignores columns without a header', async () => {
    const path = join(dir, 'dupes.csv');
    await writeFile(path, 'Email,Имя,,Имя\na@b.ru,Анна,x,Аня\n');
    const { detected, rows } = await readSheet(path);
    expect(detected.headers).toEqual(['Email', 'Имя', 'Имя (2)']);
    expect([...rows[0]!.cells.entries()]).toEqual([['Email', 'a@b.ru'], ['Имя', 'Анна'], ['Имя (2)', 'Аня']]);
  });
});

describe('refusals: one-line InputError naming the file', () => {
  it.each([
    ['bad/old.xls', /old\.xls: this is the old Excel format \(\.xls, Excel 97-2003\).*save it as \.xlsx \(File > Save As > Excel Workbook/],
    ['bad/renamed-xls.xlsx', /renamed-xls\.xlsx: this is the old Excel format \(\.xls/],
    ['bad/password-protected.xlsx', /password-protected\.xlsx: this workbook is password-protected/],
    ['bad/spreadsheet.ods', /spreadsheet\.ods: OpenDocument spreadsheets \(\.ods\) are not supported/],
    ['bad/truncated.xlsx', /truncated\.xlsx: the file is corrupt or truncated/],
    ['bad/not-a-workbook.xlsx', /not-a-workbook\.xlsx: this is a zip archive, not an Excel workbook/],
    ['bad/zip-bomb.xlsx', /zip-bomb\.xlsx: the workbook expands to 600 MB/],
    ['bad/binary.csv', /binary\.csv: not a text file/],
    ['bad/empty.csv', /empty\.csv: the file is empty/],
    ['bad/header-only.csv', /header-only\.csv: no data rows/],
    ['bad/huge-cell.csv', /huge-cell\.csv: row 2, column "Имя": the cell holds 1,200,000 characters/],
    ['no-such-file.csv', /no-such-file\.csv: file not found/],
  ])('%s', async (name, reason) => {
    const error = await readSheet(fixture(name), known).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(reason);
    expect((error as InputError).message).not.toContain('\n');
  });

  it('refuses a workbook whose deflate data is damaged (exceljs would stall on it)', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = Buffer.from(await readFile(fixture('hires-ru.xlsx')));
    bytes[Math.floor(bytes.length / 3)]! ^= 0xff;
    const path = join(dir, 'damaged.xlsx');
    await writeFile(path, bytes);
    await expect(readSheet(path)).rejects.toThrow(/damaged\.xlsx: the workbook is corrupt/);
  });

  it('refuses files over 100 MB without reading them', async () => {
    const path = join(dir, 'huge.csv');
    const handle = await open(path, 'w');
    await handle.truncate(SHEET_LIMITS.maxFileBytes + 1); // sparse: no 100 MB written
    await handle.close();
    await expect(readSheet(path)).rejects.toThrow(/huge\.csv: the file is 100 MB; files over 100 MB are refused/);
    expect(SHEET_LIMITS.maxFileBytes).toBe(100 * 1024 * 1024);
  });

  it('refuses more rows than the limit (1,000,000 by default)', async () => {
    const path = join(dir, 'many.csv');
    await writeFile(path, `email\n${Array.from({ length: 12 }, (_, i) => `u${i}@example.ru`).join('\n')}\n`);
    await expect(readSheet(path, { limits: { maxRows: 10 } })).rejects.toThrow(/many\.csv: more than 10 rows; split the file/);
    expect((await readSheet(path, { limits: { maxRows: 12 } })).rows).toHaveLength(12);
    expect(SHEET_LIMITS.maxRows).toBe(1_000_000);
  });
});

describe('files as HR departments produce them', () => {
  it("Russian-locale Excel's CSV export: Windows-1251, ';', CRLF, a trailing ';' on every line and empty header columns", async () => {
    const { detected, rows } = await readSheet(fixture('excel-ru-export.csv'), known);
    expect(detected).toMatchObject({ encoding: 'windows-1251', delimiter: ';', headerRow: 1 });
    expect(detected.headers).toEqual(['Фамилия', 'Имя', 'Отчество', 'Почта', 'Телефон', 'Отдел']);
    expect(rows.map((row) => [row.rowNumber, cell(row, 'Фамилия'), cell(row, 'Отдел'), row.stray])).toEqual([
      [2, 'Агеев', 'Склад', undefined],
      [3, 'Бойко', 'Логистика; снабжение', undefined],
      [4, 'Ёрохина', 'Склад', undefined],
    ]);
  });

  it("a BOM and Excel's sep=; line (hidden by Excel, so not a row), mixed line endings, short and shifted rows", async () => {
    const { detected, rows } = await readSheet(fixture('hand-edited.csv'), known);
    expect(detected).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', headerRow: 1, headers: ['Email', 'Имя', 'Фамилия', 'Должность', 'Теги'] });
    // LF, CR and CRLF each end a row: nothing is glued into the cell before it.
    expect(rows.map((row) => [row.rowNumber, cell(row, 'Email')])).toEqual([
      [2, 'ira.guseva@example.ru'], [3, 'oleg.dyakov@example.ru'], [4, 'pavel.egorov@example.ru'], [5, 'rita.zueva@example.ru'],
    ]);
    expect(cell(rows[0], 'Теги')).toBe('Продажи');
    expect([cell(rows[1], 'Должность'), rows[1]!.stray]).toEqual(['', undefined]); // fewer fields: the rest are empty
    expect(rows[2]!.stray).toEqual({ cells: [{ column: 6, value: 'Backend' }], fieldCount: 6, headerFieldCount: 5 });
    expect(cell(rows[3], 'Имя')).toBe('Маргарита "Рита"');
  });

  it('the sep= hint sets the delimiter even where counting would pick another', async () => {
    const path = join(dir, 'sep-comma.csv');
    await writeFile(path, 'sep=,\nEmail,Отдел\na@example.ru,Продажи; опт\nb@example.ru,Склад; розница\n');
    const { detected, rows } = await readSheet(path, known);
    expect(detected).toMatchObject({ delimiter: ',', headerRow: 1 });
    expect(rows.map((row) => [row.rowNumber, cell(row, 'Отдел')])).toEqual([[2, 'Продажи; опт'], [3, 'Склад; розница']]);
  });

  it('a lone quote that never closes is refused naming the row where it opens', async () => {
    const path = join(dir, 'lone-quote.csv');
    await writeFile(path, 'Email;Имя\r\na@example.ru;Анна\r\nb@example.ru;"Борис\r\nc@example.ru;Вера\r\n');
    await expect(readSheet(path, known)).rejects.toThrow(/^lone-quote\.csv: row 3: a value opens with a quote \(".*never closed/);
  });

  it.each([
    ['Почта;Имя\r\nivan@example.ru;Иван\r\n', 'windows-1251', 'Иван'],
    ['Почта;Имя\r\nivan@example.ru;Ёж\r\n', 'windows-1251', 'Ёж'],
    ['Почта;Имя\r\nivan@example.ru;Ёж\r\n', 'utf-8', 'Ёж'],
    ['email,name\r\nivan@example.ru,Ян\r\n', 'windows-1251', 'Ян'],
  ])('detects the encoding of a short file %j written in %s', async (text, encoding, name) => {
    const path = join(dir, `short-${encoding}-${name}.csv`);
    await writeFile(path, iconv.encode(text, encoding));
    const { detected, rows } = await readSheet(path, known);
    expect(detected.encoding).toBe(encoding);
    expect([...rows[0]!.cells.values()][1]).toBe(name);
  });

  it('a KOI8-R file does not crash: it reads as (wrong) text and the missing columns say so', async () => {
    const path = join(dir, 'koi8.csv');
    await writeFile(path, iconv.encode('Почта;Имя\r\nivan@example.ru;Иван\r\n', 'koi8-r'));
    const { detected, rows } = await readSheet(path, known);
    expect(detected.encoding).toBe('windows-1251');
    expect(detected.headers).not.toContain('Почта');
    expect(rows).toHaveLength(1);
    // Validation names the encoding it assumed and how to give the right one, which then reads.
    await expect(readAndValidate(path)).rejects.toThrow(/koi8\.csv: no email column .*the file is not windows-1251: name its encoding with --encoding/);
    const fixed = await readAndValidate(path, { encoding: 'koi8-r' });
    expect(fixed.records.map((record) => [record.email, record.first_name])).toEqual([['ivan@example.ru', 'Иван']]);
  });

  it('an .xlsx that is really a CSV is read as CSV; a CSV that is really a workbook as XLSX', async () => {
    const csvNamedXlsx = join(dir, 'export-from-hrm.xlsx');
    await writeFile(csvNamedXlsx, 'Email;Имя\r\na@example.ru;Анна\r\n');
    const asCsv = await readSheet(csvNamedXlsx, known);
    expect(asCsv.detected).toMatchObject({ format: 'csv', delimiter: ';' });
    expect(cell(asCsv.rows[0], 'Имя')).toBe('Анна');
    const xlsxNamedCsv = join(dir, 'hires.csv');
    await writeFile(xlsxNamedCsv, await readFile(fixture('hires-ru.xlsx')));
    expect((await readSheet(xlsxNamedCsv, known)).detected).toMatchObject({ format: 'xlsx', sheet: 'Апрель', headerRow: 4 });
    const garbage = join(dir, 'garbage.xlsx');
    await writeFile(garbage, Buffer.from([1, 2, 3, 0, 0, 255, 254, 0, 7]));
    await expect(readSheet(garbage)).rejects.toThrow(/^garbage\.xlsx: the file is corrupt \(not a valid \.xlsx workbook/);
  });

  it('a .xlsm (macro-enabled) workbook reads like an .xlsx', async () => {
    const path = join(dir, 'hires.xlsm');
    await writeFile(path, await readFile(fixture('hires-ru.xlsx')));
    const { detected, rows } = await readSheet(path, known);
    expect(detected).toMatchObject({ format: 'xlsx', sheet: 'Апрель' });
    expect(rows).toHaveLength(20);
  });

  it('hires-ru.xlsx keeps its text in shared strings, as Excel saves it', async () => {
    const names = (await inspectZip(fixture('hires-ru.xlsx')));
    expect(names.kind === 'zip' && names.entries.map((entry) => entry.name)).toContain('xl/sharedStrings.xml');
  });

  it('hires-quirks.xlsx: empty rows and grouped headers above, hidden column, number formats, text dates, links', async () => {
    const { detected, rows } = await readSheet(fixture('hires-quirks.xlsx'), known);
    expect(detected).toMatchObject({ sheet: 'Сотрудники', headerRow: 4 });
    expect(detected.headers).toEqual(['Фамилия', 'Имя', 'E-mail', 'Мобильный', 'Табельный номер', 'Статус до', 'Эмодзи статуса', 'Статус', 'Оклад']);
    const [volkov, galkina, total] = rows;
    expect(cell(volkov, 'E-mail')).toBe('anton.volkov@example.ru'); // mailto: hyperlink: its text
    expect(cell(volkov, 'Мобильный')).toBe('79167770101'); // a number shown with a "+" format
    expect(cell(volkov, 'Табельный номер')).toBe('007'); // number stored as text keeps its zeros
    expect(cell(volkov, 'Статус до')).toBe('01.04.2026'); // date typed as text stays text
    expect(cell(volkov, 'Оклад')).toBe('100000'); // hidden columns are read
    expect(cell(galkina, 'Статус до')).toBe('2026-04-01 18:30:00'); // a date cell has no zone: read as wall-clock time
    expect(galkina!.stray).toEqual({ cells: [{ column: 9, value: 'позвонить' }] }); // under an empty header
    expect([total!.rowNumber, cell(total, 'Фамилия'), cell(total, 'Оклад')]).toEqual([7, 'Итого', '220000']); // formula's cached result
  });
});
