// The rows to fix: failed.csv (and failed.xlsx for an XLSX input) hold the input's own columns for
// every invalid or failed row, plus an error column that the import ignores, shaped like the input
// (its delimiter; UTF-8 with BOM) so the same spreadsheet program opens them in columns.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/catalog.js';
import { TEMPLATE_HEADER_FILL } from '../records/template.js';
import type { Row, SheetDetected } from '../records/types.js';
import { FAILED_ERROR_COLUMNS } from '../records/warnings.js';
import { writeCsvFile, type CellValue } from '../sheets/write.js';
import { createXlsxWorkbookWriter } from '../sheets/xlsx-writer.js';
import { fittedColumns } from './column-widths.js';
import type { Outcome } from '../sync/apply.js';

/** How report.csv and failed.csv are written (summary.json's `reportFiles`; values never translated). */
export interface ReportShape {
  delimiter: string;
  /** Always UTF-8 with a BOM: what Excel reads right in every locale, for UTF-8 and Windows-1251 inputs alike. */
  encoding: 'utf-8-bom';
}

/** --report-delimiter's words -> the character. */
const DELIMITER_WORDS: Record<string, string> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '|': '|' };

/** The input's delimiter (a CSV's; ',' for XLSX) unless --report-delimiter names another. */
export function reportShapeFor(detected: Pick<SheetDetected, 'format' | 'delimiter'>, override?: string): ReportShape {
  const given = override === undefined ? undefined : DELIMITER_WORDS[override];
  const delimiter = given ?? (detected.format === 'csv' && detected.delimiter ? detected.delimiter : ',');
  return { delimiter, encoding: 'utf-8-bom' };
}

/** "semicolon (;), UTF-8 with BOM" in the reader's language. */
export function describeReportShape(shape: ReportShape, lang: Lang): string {
  const t = messages(lang);
  return t.reportShape(t.delimiterNames[shape.delimiter] ?? shape.delimiter, t.encodingUtf8Bom);
}

export interface FailedRowsInput {
  folder: string;
  /** Report outcomes (input rows), in order. */
  outcomes: readonly Outcome[];
  detected: Pick<SheetDetected, 'format' | 'headers' | 'sheet'>;
  rows: readonly Row[];
  shape: ReportShape;
  lang: Lang;
}

interface FailedTable {
  columns: string[];
  lines: CellValue[][];
}

function failedTable(input: FailedRowsInput): FailedTable {
  const { headers } = input.detected;
  const byNumber = new Map(input.rows.map((row) => [row.rowNumber, row]));
  const errorIndex = headers.findIndex((header) => FAILED_ERROR_COLUMNS.includes(header.trim().toLowerCase()));
  const columns = errorIndex >= 0 ? [...headers] : [...headers, messages(input.lang).failedErrorColumn];
  const lines: CellValue[][] = [];
  for (const outcome of input.outcomes) {
    if (outcome.result !== 'failed' && outcome.result !== 'invalid') continue;
    const row = outcome.item.row !== undefined ? byNumber.get(outcome.item.row) : undefined;
    if (!row) continue;
    const cells: CellValue[] = headers.map((header) => row.cells.get(header) ?? '');
    const reason = outcome.message ?? outcome.result;
    if (errorIndex >= 0) cells[errorIndex] = reason;
    else cells.push(reason);
    lines.push(cells);
  }
  return { columns, lines };
}

async function writeFailedXlsx(path: string, table: FailedTable, sheetName: string): Promise<void> {
  const writer = createXlsxWorkbookWriter(path);
  try {
    const columns = fittedColumns(table.columns, table.lines.slice(0, 500), { max: 60, min: 10 }).map((column, index) => ({ ...column, key: `c${index}` }));
    const sheet = writer.addSheet(sheetName, columns);
    for (const line of table.lines) sheet.addRow(line);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * failed.csv, and failed.xlsx for an XLSX input (its sheet's name, so --sheet still fits), only
 * when some row failed or is invalid; otherwise none (one an earlier attempt left is removed).
 */
export async function writeFailedFiles(input: FailedRowsInput): Promise<void> {
  const table = failedTable(input);
  if (table.lines.length === 0) {
    for (const name of ['failed.csv', 'failed.xlsx']) rmSync(join(input.folder, name), { force: true });
    return;
  }
  await writeCsvFile(join(input.folder, 'failed.csv'), table.columns, table.lines, { delimiter: input.shape.delimiter, bom: true });
  if (input.detected.format === 'xlsx') await writeFailedXlsx(join(input.folder, 'failed.xlsx'), table, input.detected.sheet ?? 'Sheet1');
}
