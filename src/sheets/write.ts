// The one place that writes sheets (import report, export, template, fixtures).
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { stringify } from 'csv-stringify';
import { createPrivateWriteStream, temporaryPathFor } from '../files/private.js';
import { excelJs, type ExcelJSModule as ExcelJS } from './exceljs.js';
import { dateText, escapeOoxmlText, excelColumnLetter, neutralizeFormula } from './cell-text.js';
import { wallClockDate, wallClockText } from './time-zone.js';

export type CellValue = string | number | boolean | Date | null | undefined;

// The CSV injection guard lives with the cell texts, which the CSV reader uses without the writers.
export { neutralizeFormula, restoreNeutralized } from './cell-text.js';

function csvCellText(value: CellValue, timeZone: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return timeZone ? wallClockText(value, timeZone) : dateText(value);
  if (typeof value === 'string') return neutralizeFormula(value);
  return String(value);
}

export interface CsvWriteOptions {
  delimiter?: string;
  bom?: boolean;
  /** Dates as the wall-clock time in this IANA zone ('2026-12-01 15:00:00'; the header names the zone); default ISO UTC. */
  timeZone?: string;
}

/**
 * Streams rows to a CSV file: UTF-8 (with BOM by default, so Excel opens Cyrillic
 * correctly), CRLF, every text cell neutralized. Atomic and private (600): the file appears only when complete.
 */
export async function writeCsvFile(
  path: string,
  columns: string[],
  rows: Iterable<CellValue[]> | AsyncIterable<CellValue[]>,
  { delimiter = ',', bom = true, timeZone }: CsvWriteOptions = {},
): Promise<void> {
  const temporaryPath = temporaryPathFor(path);
  const output = createPrivateWriteStream(temporaryPath);
  const stringifier = stringify({ delimiter, bom, record_delimiter: 'windows' });
  stringifier.pipe(output);
  const write = async (record: string[]): Promise<void> => {
    if (!stringifier.write(record)) await once(stringifier, 'drain');
  };
  try {
    await write(columns.map((column) => neutralizeFormula(column)));
    for await (const row of rows) await write(row.map((value) => csvCellText(value, timeZone)));
    stringifier.end();
    await once(output, 'close');
    await rename(temporaryPath, path);
  } catch (error) {
    stringifier.destroy();
    output.destroy();
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

export interface XlsxColumn {
  header: string;
  key?: string;
  width?: number;
  /** Horizontal alignment of the column's cells (a Summary's values: left, numbers and text alike). */
  align?: 'left' | 'center' | 'right';
}

/** The workbook's own font, named (a header font without a name renders in another family). */
const HEADER_FONT = { name: 'Calibri', family: 2, size: 11, bold: true } as const;

export interface XlsxSheetOptions {
  /** Bold, frozen header row (default true). */
  freezeHeader?: boolean;
  /** Autofilter over the header (default true). */
  autoFilter?: boolean;
  /** 'veryHidden': not shown, not even in Excel's Unhide list (default visible). */
  state?: 'hidden' | 'veryHidden';
  /** Protect the sheet against edits (no password: it guards against accidents, not people). */
  protect?: boolean;
  /** The sheet the workbook opens on (the Summary); default the first. */
  active?: boolean;
}

export interface XlsxRowStyle {
  /** Solid background colour of the whole row, ARGB like 'FFFFC7CE'. */
  fill?: string;
  /** Per-cell background colours by column index (0-based); wins over `fill` where set. */
  fills?: readonly (string | undefined)[];
}

export interface XlsxSheetWriter {
  addRow(values: CellValue[], style?: XlsxRowStyle): void;
}

export interface XlsxWriter {
  /** Starts a new sheet; the previous one is finished (streaming: sheets are written one after another). */
  addSheet(name: string, columns: XlsxColumn[], options?: XlsxSheetOptions): XlsxSheetWriter;
  /** Finishes the workbook and moves it into place. */
  commit(): Promise<void>;
  /** Gives up: removes the partial file. */
  abort(): Promise<void>;
}

const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

export interface XlsxWriterOptions {
  /** Every Date cell holds the wall-clock time in this IANA zone (name it in the headers); default UTC. */
  timeZone?: string;
  /** The number format of those cells (default 'yyyy-mm-dd hh:mm:ss'). */
  dateTimeFormat?: string;
  /** Header cells in white bold on this ARGB background (the hire template's look); default plain bold. One style for every sheet of the file. */
  headerFill?: string;
}

function applyCell(cell: ExcelJS.Cell, value: CellValue, fill: string | undefined, options: XlsxWriterOptions): void {
  if (value === null || value === undefined) cell.value = null;
  else if (value instanceof Date && options.timeZone) cell.value = wallClockDate(value, options.timeZone);
  // exceljs stores a JS string as a string cell, never as a formula, even if it starts with '='.
  else cell.value = typeof value === 'string' ? escapeOoxmlText(value) : value;
  if (value instanceof Date && options.timeZone) {
    cell.numFmt = options.dateTimeFormat ?? DATE_TIME_FORMAT;
  } else if (value instanceof Date) {
    const hasTime = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() + value.getUTCMilliseconds() > 0;
    cell.numFmt = hasTime ? DATE_TIME_FORMAT : DATE_FORMAT;
  }
  // A number or a date ends one character short of the cell's edge, so the text of the next cell does not run into it.
  if (typeof value === 'number' || value instanceof Date) cell.alignment = { horizontal: 'right', indent: 1 };
  if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
}

/** Streaming XLSX writer: rows are flushed as they are added, so large exports stay small in memory. Atomic and private (600). */
export function createXlsxWriter(path: string, writerOptions: XlsxWriterOptions = {}): XlsxWriter {
  const temporaryPath = temporaryPathFor(path);
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({
    stream: createPrivateWriteStream(temporaryPath),
    useStyles: true,
    useSharedStrings: false,
  });
  let currentSheet: ExcelJS.Worksheet | undefined;
  let sheetCount = 0;
  const finishCurrentSheet = (): void => {
    currentSheet?.commit();
    currentSheet = undefined;
  };

  return {
    addSheet(name, columns, options = {}) {
      finishCurrentSheet();
      const freezeHeader = options.freezeHeader ?? true;
      const autoFilter = options.autoFilter ?? true;
      const index = sheetCount++;
      const selected = options.active === true;
      if (selected) workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: 'visible' }];
      const sheet = workbook.addWorksheet(name, {
        views: freezeHeader ? [{ state: 'frozen', ySplit: 1, xSplit: 0 }] : [],
        ...(options.state ? { state: options.state } : {}),
        // Printing: landscape, as wide as one page, the header row on every page.
        pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
      });
      // Sets the protection synchronously; the promise only matters with a password.
      if (options.protect) void sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true });
      currentSheet = sheet;
      let lastRowNumber = 1;
      sheet.columns = columns.map((column) => ({
        key: column.key ?? column.header,
        width: column.width ?? Math.min(60, Math.max(10, column.header.length + 2)),
      }));
      if (autoFilter && columns.length > 0) {
        sheet.autoFilter = `A1:${excelColumnLetter(columns.length)}1`;
      }
      const header = sheet.addRow(columns.map((column) => column.header));
      header.eachCell((cell) => {
        const fill = writerOptions.headerFill;
        cell.font = fill ? { ...HEADER_FONT, color: { argb: 'FFFFFFFF' } } : { ...HEADER_FONT };
        if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      });
      header.commit();
      return {
        addRow(values, style) {
          if (currentSheet !== sheet) throw new Error(`sheet "${name}" is already finished`);
          lastRowNumber += 1;
          const row = sheet.getRow(lastRowNumber);
          values.forEach((value, index) => {
            const cell = row.getCell(index + 1);
            applyCell(cell, value, style?.fills?.[index] ?? style?.fill, writerOptions);
            const align = columns[index]?.align;
            if (align) cell.alignment = { horizontal: align };
          });
          row.commit();
        },
      };
    },
    async commit() {
      finishCurrentSheet();
      try {
        await workbook.commit();
        await rename(temporaryPath, path);
      } catch (error) {
        await rm(temporaryPath, { force: true });
        throw error;
      }
    },
    async abort() {
      await rm(temporaryPath, { force: true });
    },
  };
}
