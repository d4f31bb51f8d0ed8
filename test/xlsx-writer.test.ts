// The workbook writer that writes the sheets' XML itself (the export's): what exceljs and our own
// reader see in its files, sheets filled at the same time, private mode, nothing left on abort.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNamedSheet, readSheet } from '../src/sheets/read.js';
import { createXlsxWorkbookWriter } from '../src/sheets/xlsx-writer.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe('createXlsxWorkbookWriter', () => {
  it('writes typed cells, a bold frozen filtered header, widths, fills and date formats as exceljs reads them', async () => {
    const path = join(dir, 'typed.xlsx');
    const writer = createXlsxWorkbookWriter(path);
    const users = writer.addSheet('Users', [{ header: 'email', width: 30 }, { header: 'phone' }, { header: 'hired' }, { header: 'n' }, { header: 'suspended' }]);
    users.addRow(['=1+2', '+79161234567', new Date(Date.UTC(2024, 0, 5)), 79161234567, true], { fill: 'FFFFC7CE' });
    users.addRow(['b@example.ru', null, new Date(Date.UTC(2024, 0, 5, 10, 30)), 1.5, false], { fills: [undefined, 'FFC6EFCE'] });
    users.addRow(['<a & "b">\'', '', undefined, 0, false]);
    await writer.commit();

    const sheet = (await openWorkbook(path)).getWorksheet('Users')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:E1');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getColumn(2).width).toBe(10);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('=1+2');
    expect(sheet.getCell('B2').value).toBe('+79161234567');
    expect(sheet.getCell('C2').value).toEqual(new Date(Date.UTC(2024, 0, 5)));
    expect(sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('C3').value).toEqual(new Date(Date.UTC(2024, 0, 5, 10, 30)));
    expect(sheet.getCell('C3').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getCell('D2').value).toBe(79161234567);
    expect(sheet.getCell('E2').value).toBe(true);
    expect(sheet.getCell('E3').value).toBe(false);
    expect(sheet.getCell('A2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getCell('C2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getCell('B3').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFC6EFCE' } });
    expect(sheet.getCell('A3').fill).toBeUndefined();
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.getCell('A4').value).toBe('<a & "b">\'');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  });

  it('keeps every sheet open: rows go to any of them; tabs in the order of addSheet but a last one at the end; the active one opened on', async () => {
    const path = join(dir, 'several.xlsx');
    const writer = createXlsxWorkbookWriter(path);
    const users = writer.addSheet('Users', [{ header: 'email' }, { header: 'title' }]);
    const base = writer.addSheet("O'Base", [{ header: 'kind' }], { freezeHeader: false, autoFilter: false, state: 'veryHidden', protect: true, last: true });
    const summary = writer.addSheet('Summary', [{ header: 'item' }], { autoFilter: false, active: true });
    const header = writer.addSheet('Template', [{ header: 'Email' }]);
    for (let index = 0; index < 3000; index++) {
      users.addRow([`user${index}@example.ru`, 'Инженер _x000D_ \r\nвторая строка']);
      base.addRow(['user']);
    }
    summary.addRow(['x']);
    header.addRow(['a@example.ru']);
    await writer.commit();

    const workbook = await openWorkbook(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Users', 'Summary', 'Template', "O'Base"]);
    expect(workbook.views[0]).toMatchObject({ activeTab: 1 });
    const hidden = workbook.getWorksheet("O'Base")!;
    expect(hidden.state).toBe('veryHidden');
    expect(hidden.views ?? []).toEqual([]);
    expect(hidden.rowCount).toBe(3001);
    expect(workbook.getWorksheet('Summary')!.autoFilter).toBeUndefined();
    expect(workbook.getWorksheet('Template')!.getCell('A1').font).toMatchObject({ bold: true, name: 'Calibri' });

    // Our own reader: the first sheet with data, texts exactly as written (a CR and a literal _x000D_ too).
    const { rows } = await readSheet(path, { allowNoData: true });
    expect(rows).toHaveLength(3000);
    expect(rows[2999]!.cells.get('email')).toBe('user2999@example.ru');
    expect(rows[0]!.cells.get('title')).toBe('Инженер _x000D_ \r\nвторая строка');
    expect((await readNamedSheet(path, "O'Base")).rows).toHaveLength(3000);

    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('takes the writer-wide options: times as wall-clock date cells in the zone, one header fill, column and number alignment', async () => {
    const path = join(dir, 'zoned.xlsx');
    const writer = createXlsxWorkbookWriter(path, { timeZone: 'Asia/Yekaterinburg', dateTimeFormat: 'dd.mm.yyyy hh:mm', headerFill: 'FF4472C4' });
    const sheet = writer.addSheet('Times', [{ header: 'Когда' }, { header: 'Сколько' }, { header: 'Итог', align: 'left' }]);
    sheet.addRow([new Date('2026-12-01T10:00:00Z'), 7, 12]);
    await writer.commit();

    const times = (await openWorkbook(path)).getWorksheet('Times')!;
    expect(times.getCell('A1').font).toMatchObject({ bold: true, name: 'Calibri', color: { argb: 'FFFFFFFF' } });
    expect(times.getCell('A1').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF4472C4' } });
    const when = times.getCell('A2');
    // 10:00 UTC is 15:00 in Yekaterinburg (UTC+5): the cell holds that clock time.
    expect((when.value as Date).toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(when.numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(when.alignment).toMatchObject({ horizontal: 'right', indent: 1 });
    expect(times.getCell('B2').alignment).toMatchObject({ horizontal: 'right', indent: 1 });
    expect(times.getCell('C2').alignment).toMatchObject({ horizontal: 'left' });
  });

  it('leaves no file behind on abort, and refuses rows after commit', async () => {
    const folder = await mkdtemp(join(dir, 'abort-'));
    const aborted = createXlsxWorkbookWriter(join(folder, 'gone.xlsx'));
    aborted.addSheet('One', [{ header: 'a' }]).addRow(['x']);
    await aborted.abort();
    expect(await readdir(folder)).toEqual([]);

    const writer = createXlsxWorkbookWriter(join(folder, 'done.xlsx'));
    const sheet = writer.addSheet('One', [{ header: 'a' }]);
    await writer.commit();
    expect(() => sheet.addRow(['late'])).toThrow(/already finished/);
    expect(await readdir(folder)).toEqual(['done.xlsx']);
  });

  it('adds prepared rows (made before the sheet, numbered when added) exactly as it writes rows given now', async () => {
    const columns = [{ header: 'tag' }, { header: 'user_id' }, { header: 'name' }, { header: 'hired' }, { header: 'suspended', align: 'center' as const }];
    const rows = Array.from({ length: 1200 }, (_, index) => [
      index % 3 === 0 ? 'Продажи & <маркетинг>' : index % 7 === 0 ? 'нуль \u0000 и _x0000_ в тексте' : `Команда ${index}`, 10_000 + index, `Пётр ${'Щ'.repeat(index % 40)}`,
      index % 5 === 0 ? null : new Date(Date.UTC(2025, 0, 1 + (index % 28), 9, 30)), index % 2 === 0,
    ]);
    const sheetXml = async (prepare: boolean): Promise<string> => {
      const path = join(dir, `prepared-${prepare}.xlsx`);
      const writer = createXlsxWorkbookWriter(path, { timeZone: 'Europe/Moscow' });
      const prepareRow = writer.rowPreparer(columns);
      const made = prepare ? rows.map((row) => prepareRow(row)) : [];
      const sheet = writer.addSheet('Membership', columns);
      sheet.addRow(['first row given now', 1, null, null, true]);
      rows.forEach((row, index) => (prepare ? sheet.addPreparedRow(made[index]!) : sheet.addRow(row)));
      await writer.commit();
      const zip = await JSZip.loadAsync(await readFile(path));
      // Styles are numbered as first used (prepared rows use theirs first): compare what each number means.
      const styles = await zip.file('xl/styles.xml')!.async('string');
      const cellXfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)![1]!.match(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)!;
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      return xml.replace(/ s="(\d+)"/g, (_, index: string) => ` s="${cellXfs[Number(index)]!}"`);
    };
    const given = await sheetXml(false);
    expect(await sheetXml(true)).toBe(given);
    expect(given).toContain('<row r="1201">');
    expect(given).toContain('r="C1202"');
    expect(given).toContain('нуль _x0000_ и _x005F_x0000_ в тексте');

    const writer = createXlsxWorkbookWriter(join(dir, 'prepared-elsewhere.xlsx'));
    const madeForOthers = writer.rowPreparer([{ header: 'a', align: 'right' }])(['x']);
    expect(() => writer.addSheet('Left', [{ header: 'a' }]).addPreparedRow(madeForOthers)).toThrow(/prepared for columns aligned otherwise/);
    await writer.abort();
  });
});

