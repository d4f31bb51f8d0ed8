// The workbook reader (src/sheets/xlsx.ts scans the XML itself) reads every cell as exceljs 4.4's
// streaming reader did (test/helpers/exceljs-xlsx-reader.ts, the reader it replaced): the
// fixtures, and random workbooks written both ways exceljs writes them (shared strings and styles,
// and the streaming writer's inline strings), with text, numbers, dates, formulas, links, errors.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../src/sheets/xlsx.js';
import { inspectZip } from '../src/sheets/zip-guard.js';
import { readXlsxRows as readWithExcelJs } from './helpers/exceljs-xlsx-reader.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-parity-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type SheetRows = Array<{ sheet: string; rowNumber: number; values: string[] }>;

async function sheetNames(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  return [...xml.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
}

type Outcome = { rows: SheetRows } | { error: string };

async function outcome(read: () => Promise<SheetRows>): Promise<Outcome> {
  try {
    return { rows: await read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Every sheet of the workbook as both readers read it, sheet by sheet (or the same refusal). */
async function bothWays(path: string): Promise<{ ours: Outcome; theirs: Outcome }> {
  const zip = await inspectZip(path);
  const entries = zip.kind === 'zip' ? zip.entries : [];
  const names = await sheetNames(path);
  // Each named sheet, then the first sheet with data (as read when no sheet is named).
  const ours = await outcome(async () => {
    const rows: SheetRows = [];
    for (const sheetName of [...names, undefined]) {
      for await (const batch of readXlsxRows(path, { ...(sheetName !== undefined ? { sheetName } : {}), entries })) rows.push(...batch);
    }
    return rows;
  });
  const theirs = await outcome(async () => {
    const rows: SheetRows = [];
    for (const sheetName of [...names, undefined]) {
      for await (const row of readWithExcelJs(path, { ...(sheetName !== undefined ? { sheetName } : {}), entries })) rows.push(row);
    }
    return rows;
  });
  return { ours, theirs };
}

describe('the workbook reader reads as the exceljs reader did', () => {
  it.each(['hires-ru.xlsx', 'hires-quirks.xlsx'])('%s', async (name) => {
    const { ours, theirs } = await bothWays(fixture(name));
    expect('rows' in ours && ours.rows.length).toBeGreaterThan(5);
    expect(ours).toEqual(theirs);
  });

  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('Щербакова Ёлка', 'AT&T <b>"x"</b> \'q\'', 'a\r\nb\rc\nd', '  padded  ', '_x000D_ and _x005F_x0041_', '=SUM(A1)', '+7 916 123-45-67', '007', '😀 emoji', '\t', ''),
  );
  const number = fc.oneof(fc.integer({ min: -1e9, max: 1e12 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0.1 + 0.2, 1e-7, 1e20, 79161234567));
  const date = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2080, 0, 1) }).map((ms) => new Date(Math.round(ms / 60_000) * 60_000));
  const value: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 2, arbitrary: number },
    { weight: 1, arbitrary: date },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(text, fc.integer({ min: 1, max: 1e6 })).map(([label, result]) => ({ formula: `LEN("${label.length}")`, result })) },
    { weight: 1, arbitrary: text.filter((result) => result !== '').map((result) => ({ formula: 'A1&""', result })) },
    { weight: 1, arbitrary: text.map((label) => ({ text: label || 'x', hyperlink: 'mailto:a@example.ru' })) },
    { weight: 1, arbitrary: fc.constantFrom('#N/A', '#DIV/0!', '#REF!').map((error) => ({ error }) as ExcelJS.CellErrorValue) },
  );
  const richText = fc.array(text, { minLength: 1, maxLength: 3 }).map((runs) => ({ richText: runs.map((run, index) => ({ text: run, font: { bold: index % 2 === 0 } })) }));
  const numberFormat = fc.constantFrom(undefined, '0.00', 'dd.mm.yyyy', 'yyyy-mm-dd hh:mm', '@', '"+"0', '[$-419]d mmmm yyyy', '#,##0 "₽"', 'hh:mm:ss');
  // Formulas with a result exceljs kept (it dropped 0, '' and false) and no number format (it ignored the 1904 date system for them).
  const cell = fc.record({ value, numFmt: numberFormat }).map((spec) => (isFormula(spec.value) ? { value: spec.value, numFmt: undefined } : spec));
  const sheet = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

  it('random workbooks with shared strings and styles (as Excel saves them)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(sheet, fc.array(richText, { maxLength: 3 }), fc.boolean(), async (rows, richCells, date1904) => {
        const workbook = new ExcelJS.Workbook();
        workbook.properties.date1904 = date1904;
        workbook.addWorksheet('Пусто');
        const worksheet = workbook.addWorksheet('Data & <co>');
        rows.forEach((cells, rowIndex) => {
          // Gaps: every third row is left empty, and cells skip a column now and then.
          cells.forEach((spec, cellIndex) => {
            const target = worksheet.getCell(rowIndex * 3 + 1 + (rowIndex % 2), cellIndex * 2 + 1);
            target.value = spec.value;
            if (spec.numFmt) target.numFmt = spec.numFmt;
          });
        });
        richCells.forEach((rich, index) => {
          worksheet.getCell(rows.length * 3 + 2, index + 1).value = rich;
        });
        worksheet.mergeCells('K1:L2');
        const path = join(dir, `shared-${n++}.xlsx`);
        await workbook.xlsx.writeFile(path);
        const { ours, theirs } = await bothWays(path);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 40 },
    );
  });

  it('random workbooks from the streaming writer (inline strings, as this tool writes them)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(sheet, async (rows) => {
        const path = join(dir, `streamed-${n++}.xlsx`);
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
        const worksheet = workbook.addWorksheet('Лист');
        rows.forEach((cells, rowIndex) => {
          const row = worksheet.getRow(rowIndex * 2 + 1);
          cells.forEach((spec, cellIndex) => {
            const target = row.getCell(cellIndex + 1);
            target.value = spec.value;
            if (spec.numFmt) target.numFmt = spec.numFmt;
          });
          row.commit();
        });
        worksheet.commit();
        await workbook.commit();
        const { ours, theirs } = await bothWays(path);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 30 },
    );
  });
});

function isFormula(value: ExcelJS.CellValue): boolean {
  return typeof value === 'object' && value !== null && 'formula' in value;
}

/** A workbook whose one sheet holds `sheetData` as written (made with exceljs, then the sheet's XML replaced). */
async function workbookWithSheetData(name: string, sheetData: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Лист').getCell('A1').value = 'x';
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const part = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(part)!.async('string');
  zip.file(part, xml.replace(/<sheetData>.*<\/sheetData>/s, `<sheetData>${sheetData}</sheetData>`));
  const path = join(dir, name);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

async function allRows(path: string): Promise<SheetRows> {
  const rows: SheetRows = [];
  for await (const batch of readXlsxRows(path)) rows.push(...batch);
  return rows;
}

describe('where the exceljs reader was wrong', () => {
  it('reads a formula cell as the result Excel shows: 0, false, an error, a filled-down (shared) formula', async () => {
    const path = await workbookWithSheetData('formulas.xlsx', [
      '<row r="1"><c r="A1" t="str"><v>Email</v></c><c r="B1" t="str"><v>N</v></c><c r="C1" t="str"><v>B</v></c><c r="D1" t="str"><v>E</v></c><c r="E1" t="str"><v>S</v></c></row>',
      '<row r="2"><c r="A2" t="str"><f>"a@"&amp;"example.ru"</f><v>a@example.ru</v></c><c r="B2"><f>1-1</f><v>0</v></c><c r="C2" t="b"><f>1=2</f><v>0</v></c>',
      '<c r="D2" t="e"><f>NA()</f><v>#N/A</v></c><c r="E2"><f t="shared" ref="E2:E3" si="0">B2+7</f><v>7</v></c></row>',
      '<row r="3"><c r="C3" t="b"><f>1=1</f><v>1</v></c><c r="E3"><f t="shared" si="0"/><v>8</v></c></row>',
    ].join(''));
    expect((await allRows(path)).map((row) => row.values)).toEqual([
      ['Email', 'N', 'B', 'E', 'S'],
      ['a@example.ru', '0', 'false', '#N/A', '7'],
      ['', '', 'true', '', '8'],
    ]);
  });

  it('reads text that looks like an XML entity as written (exceljs decoded it a second time)', async () => {
    const path = await workbookWithSheetData('entities.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>&amp;lt;b&amp;gt; &#1046; &lt;</t></is></c><c r="B1" t="str"><v>a&#13;&#10;b</v></c></row>');
    expect((await allRows(path))[0]!.values).toEqual(['&lt;b&gt; Ж <', 'a\r\nb']);
  });

  it('reads every run of an inline rich text cell (exceljs kept only the last)', async () => {
    const path = join(dir, 'inline-rich.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const worksheet = workbook.addWorksheet('Лист');
    worksheet.addRow(['Email', 'Должность']).commit();
    worksheet.addRow(['a@example.ru', { richText: [{ text: 'Старший ', font: { bold: true } }, { text: 'инженер' }] }]).commit();
    worksheet.commit();
    await workbook.commit();
    const rows: SheetRows = [];
    for await (const batch of readXlsxRows(path)) rows.push(...batch);
    expect(rows[1]!.values).toEqual(['a@example.ru', 'Старший инженер']);
  });

  it('finds sheets whose relationship names the part by an absolute path (exceljs lost their names)', async () => {
    const original = await JSZip.loadAsync(await readFile(fixture('hires-ru.xlsx')));
    const rels = await original.file('xl/_rels/workbook.xml.rels')!.async('string');
    original.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));
    const path = join(dir, 'absolute-targets.xlsx');
    await writeFile(path, await original.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const rows: SheetRows = [];
    for await (const batch of readXlsxRows(path, { sheetName: 'апрель' })) rows.push(...batch);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]!.sheet).toBe('Апрель');
  });
});
