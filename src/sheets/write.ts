// The one place that writes sheets (import report, export, template, fixtures).
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { stringify } from 'csv-stringify';
import { createPrivateWriteStream, temporaryPathFor } from '../files/private.js';
import { dateText, neutralizeFormula } from './cell-text.js';
import { wallClockText } from './time-zone.js';

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
  /** The tab stays after every sheet added later (a sheet filled from the start that belongs at the end). */
  last?: boolean;
}

export interface XlsxRowStyle {
  /** Solid background colour of the whole row, ARGB like 'FFFFC7CE'. */
  fill?: string;
  /** Per-cell background colours by column index (0-based); wins over `fill` where set. */
  fills?: readonly (string | undefined)[];
}

export interface XlsxSheetWriter {
  addRow(values: CellValue[], style?: XlsxRowStyle): void;
  /** A row made by this workbook's rowPreparer for the same columns, taking the next row number. */
  addPreparedRow(row: PreparedRow): void;
}

/**
 * A body row made before its place is known: its XML as UTF-8, with each place its row number
 * goes left as one 0x00 byte (`holes` of them). The export makes its membership rows this way as
 * users arrive and adds them in tag order at the end.
 */
export interface PreparedRow {
  readonly bytes: Buffer;
  readonly holes: number;
  /** The alignments of the columns it was made for (a sheet takes only rows made for its own). */
  readonly layout: string;
}

export interface XlsxWriter {
  /** Starts a new sheet; every sheet stays open (rows may go to any of them) until commit. */
  addSheet(name: string, columns: XlsxColumn[], options?: XlsxSheetOptions): XlsxSheetWriter;
  /** Makes rows for a sheet with these columns ahead of it (its widths may still change; its aligns may not). */
  rowPreparer(columns: readonly XlsxColumn[]): (values: readonly CellValue[], style?: XlsxRowStyle) => PreparedRow;
  /** Finishes the workbook and moves it into place. */
  commit(): Promise<void>;
  /** Gives up: removes the partial file. */
  abort(): Promise<void>;
}

export interface XlsxWriterOptions {
  /** Every Date cell holds the wall-clock time in this IANA zone (name it in the headers); default UTC. */
  timeZone?: string;
  /** The number format of those cells (default 'yyyy-mm-dd hh:mm:ss'). */
  dateTimeFormat?: string;
  /** Header cells in white bold on this ARGB background (the hire template's look); default plain bold. One style for every sheet of the file. */
  headerFill?: string;
}
