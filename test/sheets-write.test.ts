import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../src/sheets/read.js';
import { neutralizeFormula, restoreNeutralized, writeCsvFile } from '../src/sheets/write.js';
import { createXlsxWorkbookWriter } from '../src/sheets/xlsx-writer.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheets-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('neutralizeFormula', () => {
  it('prefixes formula triggers with an apostrophe and leaves other text alone', () => {
    for (const text of ['=1+2', '+79161234567', '-5', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
      expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
    }
    expect(neutralizeFormula('Иван')).toBe('Иван');
    expect(neutralizeFormula('')).toBe('');
    expect(restoreNeutralized("'tis")).toBe("'tis");
  });
});

describe('writeCsvFile', () => {
  it('writes UTF-8 with BOM, CRLF, quotes where needed and neutralizes text cells', async () => {
    const path = join(dir, 'out.csv');
    async function* rows() {
      yield ['=HYPERLINK("x")', 'Иванов, "Ваня"', 42, true];
      yield [new Date(Date.UTC(2024, 0, 5)), null, undefined, '+79161234567'];
    }
    await writeCsvFile(path, ['a', 'b', 'c', 'd'], rows(), { delimiter: ';' });
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      `a;b;c;d\r\n"'=HYPERLINK(""x"")";"Иванов, ""Ваня""";42;true\r\n2024-01-05;;;'+79161234567\r\n`,
    );
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file behind when the rows fail midway', async () => {
    const path = join(dir, 'failed.csv');
    function* rows(): Generator<string[]> {
      yield ['ok'];
      throw new Error('source broke');
    }
    await expect(writeCsvFile(path, ['a'], rows())).rejects.toThrow('source broke');
    expect((await readdir(dir)).some((name) => name.includes('failed.csv'))).toBe(false);
  });
});

describe('the XLSX writer', () => {
  it('keeps a leading CR, control characters and literal _xHHHH_ text exactly (OOXML escapes), as our reader reads them', async () => {
    const path = join(dir, 'escapes.xlsx');
    const texts = ['\rВозврат каретки', 'a\r\nb', 'bell\u0007', 'literal _x000D_ text', '_x005F_', 'plain'];
    const writer = createXlsxWorkbookWriter(path);
    const sheet = writer.addSheet('Users', [{ header: 'email' }, { header: 'title' }]);
    for (const text of texts) sheet.addRow(['a@example.ru', text]);
    await writer.commit();
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.readFile(path);
    expect(raw.getWorksheet('Users')!.getCell('B2').value).toBe('_x000D_Возврат каретки');
    const { rows } = await readSheet(path, { allowNoData: true });
    expect(rows.map((row) => row.cells.get('title'))).toEqual(texts);
  });

  it('writes typed cells, a bold frozen filtered header and several sheets', async () => {
    const path = join(dir, 'out.xlsx');
    const writer = createXlsxWorkbookWriter(path);
    const users = writer.addSheet('Users', [{ header: 'email', width: 30 }, { header: 'phone' }, { header: 'hired' }, { header: 'n' }, { header: 'suspended' }]);
    users.addRow(['=1+2', '+79161234567', new Date(Date.UTC(2024, 0, 5)), 79161234567, true], { fill: 'FFFFC7CE' });
    users.addRow(['b@example.ru', null, new Date(Date.UTC(2024, 0, 5, 10, 30)), 1.5, false]);
    const tags = writer.addSheet('Tags', [{ header: 'name' }], { autoFilter: undefined });
    tags.addRow(['Разработка']);
    await writer.commit();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Users')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:E1');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(30);
    const formulaLike = sheet.getCell('A2');
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.value).toBe('=1+2');
    expect(sheet.getCell('B2').value).toBe('+79161234567');
    expect(sheet.getCell('C2').value).toEqual(new Date(Date.UTC(2024, 0, 5)));
    expect(sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('C3').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getCell('D2').value).toBe(79161234567);
    expect(sheet.getCell('E2').value).toBe(true);
    expect(sheet.getCell('E3').value).toBe(false);
    expect(sheet.getCell('A2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getCell('B3').value).toBeNull();
    expect(workbook.getWorksheet('Tags')!.getCell('A2').value).toBe('Разработка');
  });

  it('colours single cells with fills, leaving the rest of the row plain', async () => {
    const path = join(dir, 'cell-fills.xlsx');
    const writer = createXlsxWorkbookWriter(path);
    const sheet = writer.addSheet('Report', [{ header: 'email' }, { header: 'result' }, { header: 'message' }]);
    sheet.addRow(['a@example.ru', 'failed', 'boom'], { fills: [undefined, 'FFFFC7CE'] });
    sheet.addRow(['b@example.ru', 'created', ''], { fill: 'FFDDEBF7', fills: [undefined, 'FFC6EFCE'] });
    sheet.addRow(['c@example.ru', 'unchanged', ''], { fills: [] });
    await writer.commit();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const report = workbook.getWorksheet('Report')!;
    const argb = (address: string): string | undefined => {
      const fill = report.getCell(address).fill;
      return fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
    };
    expect([argb('A2'), argb('B2'), argb('C2')]).toEqual([undefined, 'FFFFC7CE', undefined]);
    // A per-cell fill wins over the row fill; the row fill covers the other cells.
    expect([argb('A3'), argb('B3'), argb('C3')]).toEqual(['FFDDEBF7', 'FFC6EFCE', 'FFDDEBF7']);
    expect([argb('A4'), argb('B4')]).toEqual([undefined, undefined]);
  });
});
