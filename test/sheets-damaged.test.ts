// Sheets that used to read wrongly: a worksheet XML cut off mid-row (the zip's CRCs fine) read as
// a shorter sheet, and a very wide sheet took quadratic time. Both are refused or read quickly.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/exit-codes.js';
import { readAndValidate } from '../src/records/validate.js';
import { SHEET_LIMITS } from '../src/sheets/read.js';
import { inspectZip, zipIsIntact } from '../src/sheets/zip-guard.js';
import { runCliInProcess } from './helpers/in-process-cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheets-damaged-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The fixture workbook with its first sheet's XML cut off inside the row `cutInRow`, zipped again with valid CRCs. */
async function truncatedWorkbook(name: string, cutInRow: number): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(fixture('hires-ru.xlsx')));
  // The data sheet (the workbook's first sheet is empty).
  let part = '';
  let xml = '';
  for (const entry of Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))) {
    xml = await zip.file(entry)!.async('string');
    part = entry;
    if (xml.includes(`<row r="${cutInRow}"`)) break;
  }
  const rowStart = xml.indexOf(`<row r="${cutInRow}"`);
  expect(rowStart).toBeGreaterThan(0);
  zip.file(part, xml.slice(0, rowStart + 40));
  const path = join(dir, name);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

/** A CSV with `columns` columns: Email, Имя and generated ones, two data rows. */
async function wideCsv(name: string, columns: number): Promise<string> {
  const extra = Array.from({ length: columns - 2 }, (_, index) => `c${index}`);
  const values = extra.map((_, index) => `v${index}`);
  const lines = [['Email', 'Имя', ...extra], ['a@example.ru', 'Анна', ...values], ['b@example.ru', 'Борис', ...values]];
  const path = join(dir, name);
  await writeFile(path, `${lines.map((line) => line.join(',')).join('\r\n')}\r\n`);
  return path;
}

describe('a worksheet XML cut off mid-row', () => {
  it('is a corrupt workbook naming the file, though every CRC in the zip is fine', async () => {
    const path = await truncatedWorkbook('cut-mid-row.xlsx', 8);
    const zip = await inspectZip(path);
    expect(zip.kind).toBe('zip');
    expect(await zipIsIntact(path, zip.kind === 'zip' ? zip.entries : [])).toBe(true);
    const error = await readAndValidate(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^cut-mid-row\.xlsx: the workbook is corrupt .*xl\/worksheets\/sheet\d+\.xml ends in the middle/);
  });

  it('makes validate exit 2 with one line', async () => {
    const path = await truncatedWorkbook('cut-cli.xlsx', 6);
    const result = await runCliInProcess(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('cut-cli.xlsx: the workbook is corrupt');
  });

  it('leaves the intact workbook readable', async () => {
    const sheet = await readAndValidate(fixture('hires-ru.xlsx'));
    expect(sheet.records.length).toBeGreaterThan(5);
  });
});

describe('wide sheets', () => {
  it('reads 16,000 columns (each unknown column listed once)', async () => {
    const sheet = await readAndValidate(await wideCsv('wide.csv', 16_000));
    expect(sheet.detected.headers).toHaveLength(16_000);
    expect(sheet.records).toHaveLength(2);
    expect(sheet.records[1]!.customByName.c15997).toBe('v15997');
    expect(sheet.issues.filter((issue) => issue.row === 0)).toHaveLength(15_998);
  });

  it(`refuses more than ${SHEET_LIMITS.maxColumns.toLocaleString('en-US')} columns with exit 2, naming the file and the count`, async () => {
    const path = await wideCsv('too-wide.csv', 20_000);
    const result = await runCliInProcess(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'Error: too-wide.csv: the header row (row 1) has 20,000 columns; more than 16,384 (Excel\'s limit) are refused',
    );
  });
});
