// test/helpers/exceljs-xlsx-reader.ts (the reader src/sheets/xlsx.ts replaced, kept as the parity
// test's reference) overrides private methods of exceljs's streaming reader, and
// src/records/template.ts uses its undeclared worksheet.dataValidations. Both hold only for the
// exact exceljs release they were written against: this test fails when an upgrade changes them,
// so an upgrade is a deliberate step (re-read the overrides, then update the hashes here).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const PINNED = '4.4.0';
const OVERRIDDEN: Record<string, string> = {
  _parseRels: 'c41f57d4911c0a56',
  _parseWorkbook: '1929ce5116f897fd',
  _parseStyles: '519922fae8283e4e',
  _parseWorksheet: '31f311f6ade1da58',
  _parseSharedStrings: '6ab3fb7509bc4a68',
  parse: '66e051de5662d87c',
};

function sourceHash(fn: unknown): string {
  return createHash('sha256').update(String(fn)).digest('hex').slice(0, 16);
}

describe('exceljs pin', () => {
  it('package.json pins exceljs exactly and that version is installed', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.exceljs).toBe(PINNED);
    const installed = JSON.parse(readFileSync('node_modules/exceljs/package.json', 'utf8')) as { version: string };
    expect(installed.version).toBe(PINNED);
  });

  it('the private reader methods the project overrides are the ones it was written against', () => {
    const prototype = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string, unknown>;
    const hashes = Object.fromEntries(Object.keys(OVERRIDDEN).map((name) => [name, sourceHash(prototype[name])]));
    expect(hashes).toEqual(OVERRIDDEN);
  });

  it('worksheets still carry the range validations the template writes', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('x') as unknown as { dataValidations?: { add?: unknown } };
    expect(typeof sheet.dataValidations?.add).toBe('function');
  });
});
