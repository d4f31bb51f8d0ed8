// Spreadsheet file -> header + data rows. Knows files, not Pachca: which headers are
// "known" comes from the caller (the records layer's alias table).
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError } from '../exit-codes.js';
import type { NamedSheet, Row, RowStray, SheetDetected } from './types.js';
import { isBlank } from './cell-text.js';
import { readCsvRows, sniffCsv } from './csv.js';
import { OLE_MAGIC, oleFileMessage } from './ole.js';
import type { RawRow } from './raw-row.js';
import { RowCells, RowLayout } from './row-cells.js';
import { StringPool } from './string-pool.js';
import { readXlsxRows, type CompanionSheets } from './xlsx.js';
import { inspectZip, zipIsIntact, type ZipEntryInfo } from './zip-guard.js';

export const SHEET_LIMITS = {
  maxFileBytes: 100 * 1024 * 1024,
  maxRows: 1_000_000,
  maxCellChars: 1024 * 1024,
  /** Sum of uncompressed sizes in an XLSX (zip-bomb guard). */
  maxUncompressedBytes: 500 * 1024 * 1024,
  /** Named columns (Excel's own limit); a wider sheet is refused. */
  maxColumns: 16_384,
  /** The header is looked for among this many first non-empty rows. */
  headerSearchRows: 20,
} as const;

export interface SheetReadOptions {
  /** XLSX: the sheet to read (case-insensitive); default the first sheet with data. */
  sheet?: string;
  /** CSV: encoding override. */
  encoding?: string;
  /** CSV: delimiter override (',', ';', 'tab', '|'). */
  delimiter?: string;
  /**
   * Is this header text a known column name? The header row is the first of the first
   * 20 rows with at least two known names; without a predicate (or a match) it is the first row.
   */
  isKnownHeader?: (header: string) => boolean;
  /** Allow a sheet without data rows (e.g. an export's empty Tags sheet). Default false. */
  allowNoData?: boolean;
  /** Tighter limits (tests); the defaults are SHEET_LIMITS. */
  limits?: { maxRows?: number; maxCellChars?: number };
  /**
   * XLSX: other sheets to read in the same pass over the workbook (an export's Tags sheet and
   * base), each as readNamedSheet reads it. A CSV has none.
   */
  companionSheets?: readonly string[];
}

export interface OpenedSheet {
  detected: SheetDetected;
  /** Non-empty data rows in file order, streamed. Throws InputError on a limit or a parse error. */
  rows: AsyncGenerator<Row>;
  /**
   * The companion sheets the workbook has, by lower-cased name; call once `rows` has ended
   * (the pass over the workbook collects them). Throws as readNamedSheet does for an empty one.
   */
  companions(): Promise<ReadonlyMap<string, NamedSheet>>;
}

type FileKind = 'csv' | 'xlsx';

/** What classify() found: a CSV, or a workbook with its (already checked) zip entries. */
type Classified = { kind: 'csv' } | { kind: 'xlsx'; entries: ZipEntryInfo[] };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b]);

async function readMagic(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(8);
    const { bytesRead } = await handle.read(magic, 0, 8, 0);
    return magic.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Decides csv or xlsx from the bytes (and the name), refusing what cannot be read. */
async function classify(path: string): Promise<Classified> {
  const label = basename(path);
  const extension = extname(path).toLowerCase();
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError((t) => t.sheetNotAFile(label));
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError((t) => t.sheetNotFound(path));
    const reason = code ?? String(error);
    throw new InputError((t) => t.sheetCannotOpen(path, reason));
  }
  if (size === 0) throw new InputError((t) => t.sheetEmpty(label));
  if (size > SHEET_LIMITS.maxFileBytes) {
    throw new InputError((t) => t.sheetTooBig(label, Math.round(size / 1024 / 1024), SHEET_LIMITS.maxFileBytes / 1024 / 1024));
  }
  const magic = await readMagic(path);
  if (magic.subarray(0, 4).equals(OLE_MAGIC)) throw new InputError(await oleFileMessage(path, label));
  if (magic.subarray(0, 2).equals(ZIP_MAGIC)) {
    const zip = await inspectZip(path);
    if (zip.kind !== 'zip') throw new InputError((t) => t.sheetZipTruncated(label));
    const names = new Set(zip.entries.map((entry) => entry.name));
    if (extension === '.ods' || names.has('mimetype') && !names.has('xl/workbook.xml')) {
      throw new InputError((t) => t.sheetOds(label));
    }
    if (!names.has('xl/workbook.xml')) {
      throw new InputError((t) => t.sheetZipNotWorkbook(label));
    }
    const expanded = zip.entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
    if (expanded > SHEET_LIMITS.maxUncompressedBytes) {
      throw new InputError((t) => t.sheetExpandsTooMuch(label, Math.round(expanded / 1024 / 1024), SHEET_LIMITS.maxUncompressedBytes / 1024 / 1024));
    }
    if (!(await zipIsIntact(path, zip.entries))) {
      throw new InputError((t) => t.sheetZipDamaged(label));
    }
    return { kind: 'xlsx', entries: zip.entries };
  }
  if (extension === '.xls') throw new InputError((t) => t.sheetXls(label));
  if (extension === '.ods') throw new InputError((t) => t.sheetOds(label));
  if (extension === '.xlsx' || extension === '.xlsm') {
    // A CSV saved under an .xlsx name (renamed, or "exported" by a web system) is read as the CSV it is.
    try {
      await sniffCsv(path, {});
    } catch {
      throw new InputError((t) => t.sheetNotXlsxNorCsv(label));
    }
  }
  return { kind: 'csv' };
}

function uniqueHeaders(values: string[]): string[] {
  const seen = new Map<string, number>();
  return values.map((raw) => {
    const header = raw.trim();
    if (header === '') return '';
    const count = (seen.get(header.toLowerCase()) ?? 0) + 1;
    seen.set(header.toLowerCase(), count);
    return count === 1 ? header : `${header} (${count})`;
  });
}

/**
 * Text in cells that no header names. For a CSV line with more fields than the header line
 * it also gives the counts: there a value with an unquoted delimiter has shifted the rest.
 */
function strayCells(raw: RawRow, named: readonly boolean[], headerWidth: number, kind: FileKind): RowStray | undefined {
  let cells: Array<{ column: number; value: string }> | undefined;
  const { values } = raw;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (named[index] === true || isBlank(value)) continue;
    (cells ??= []).push({ column: index + 1, value: value.length > 100 ? value.slice(0, 100) : value });
  }
  if (!cells) return undefined;
  const overflows = kind === 'csv' && cells.some((cell) => cell.column > headerWidth);
  return overflows ? { cells, fieldCount: raw.values.length, headerFieldCount: headerWidth } : { cells };
}

function isEmptyRaw(row: RawRow): boolean {
  return row.values.every(isBlank);
}

/**
 * Opens a CSV or XLSX file: detects format, encoding, delimiter, sheet and header row,
 * and streams the data rows. Columns with an empty header are ignored.
 */
export async function openSheet(path: string, options: SheetReadOptions = {}): Promise<OpenedSheet> {
  const file = await classify(path);
  const detected: SheetDetected = { file: path, format: file.kind, headerRow: 0, headers: [] };
  let source: AsyncGenerator<Array<RawRow & { sheet?: string }>>;
  const companions: CompanionSheets = {
    wanted: new Set(file.kind === 'xlsx' ? (options.companionSheets ?? []).map((name) => name.toLowerCase()) : []),
    found: new Map(),
  };
  if (file.kind === 'csv') {
    const sniff = await sniffCsv(path, { encoding: options.encoding, delimiter: options.delimiter });
    detected.encoding = sniff.encoding;
    detected.delimiter = sniff.delimiter;
    source = readCsvRows(path, sniff);
  } else {
    source = oneRowBatches(readXlsxRows(path, { ...(options.sheet !== undefined ? { sheetName: options.sheet } : {}), entries: file.entries, companions }));
  }
  const { rows } = await sheetFromRows(detected, source, options);
  const requestedName = new Map((options.companionSheets ?? []).map((name) => [name.toLowerCase(), name]));
  return {
    detected,
    rows,
    async companions() {
      const sheets = new Map<string, NamedSheet>();
      for (const [key, found] of companions.found) {
        const named: SheetDetected = { file: path, format: 'xlsx', headerRow: 0, headers: [] };
        const opened = await sheetFromRows(named, rowsOf(found.rows), { sheet: requestedName.get(key) ?? found.name, allowNoData: true });
        sheets.set(key, { detected: named, rows: await collect(opened.rows) });
      }
      return sheets;
    },
  };
}

/** The XLSX reader yields rows one by one; the header search and the data rows take batches (the CSV reader's). */
async function* oneRowBatches<T>(rows: AsyncGenerator<T>): AsyncGenerator<T[]> {
  try {
    for await (const row of rows) yield [row];
  } finally {
    await rows.return(undefined);
  }
}

async function* rowsOf<T>(rows: readonly T[]): AsyncGenerator<T[]> {
  yield [...rows];
}

async function collect(rows: AsyncIterable<Row>): Promise<Row[]> {
  const collected: Row[] = [];
  for await (const row of rows) collected.push(row);
  return collected;
}

/** Finds the header among the first rows of `source` and streams the data rows after it; fills in `detected`. */
async function sheetFromRows(
  detected: SheetDetected, source: AsyncGenerator<Array<RawRow & { sheet?: string }>>, options: SheetReadOptions,
): Promise<{ rows: AsyncGenerator<Row> }> {
  const label = basename(detected.file);
  const kind: FileKind = detected.format;
  const buffered: Array<RawRow & { sheet?: string }> = [];
  /** Rows of the last batch read after the header row. */
  let unread: Array<RawRow & { sheet?: string }> = [];
  let headerIndex = -1;
  search: while (buffered.length < SHEET_LIMITS.headerSearchRows) {
    const next = await source.next();
    if (next.done) break;
    const batch = next.value;
    for (let index = 0; index < batch.length; index++) {
      const raw = batch[index]!;
      if (isEmptyRaw(raw)) continue;
      buffered.push(raw);
      const known = options.isKnownHeader
        ? raw.values.filter((value) => value.trim() !== '' && options.isKnownHeader!(value.trim())).length
        : 0;
      if (known >= 2) headerIndex = buffered.length - 1;
      if (known >= 2 || buffered.length >= SHEET_LIMITS.headerSearchRows) {
        unread = batch.slice(index + 1);
        break search;
      }
    }
  }
  if (buffered.length === 0) {
    await source.return(undefined);
    const sheet = detected.format === 'xlsx' ? options.sheet : undefined;
    throw new InputError((t) => (sheet ? t.sheetEmptySheet(label, sheet) : t.sheetEmpty(label)));
  }
  if (headerIndex < 0) headerIndex = 0;
  const headerRow = buffered[headerIndex]!;
  const headers = uniqueHeaders(headerRow.values);
  detected.headerRow = headerRow.rowNumber;
  detected.headers = headers.filter((header) => header !== '');
  if (detected.headers.length > SHEET_LIMITS.maxColumns) {
    await source.return(undefined);
    const columns = detected.headers.length.toLocaleString('en-US');
    throw new InputError((t) => t.sheetTooManyColumns(label, headerRow.rowNumber, columns, SHEET_LIMITS.maxColumns.toLocaleString('en-US')));
  }
  if (headerRow.sheet !== undefined) detected.sheet = headerRow.sheet;
  const pending = [...buffered.slice(headerIndex + 1), ...unread];
  const allowNoData = options.allowNoData ?? false;
  const maxRows = options.limits?.maxRows ?? SHEET_LIMITS.maxRows;
  const maxCellChars = options.limits?.maxCellChars ?? SHEET_LIMITS.maxCellChars;

  async function* dataRows(): AsyncGenerator<Row> {
    let count = 0;
    const columns = headers.flatMap((header, index) => (header === '' ? [] : [{ header, index }]));
    const layout = new RowLayout(columns.map((column) => column.header));
    const pool = new StringPool();
    /** named[i]: column i (0-based) has a header. */
    const named: boolean[] = headers.map((header) => header !== '');
    /** The row, or undefined when every named cell is blank (text only under empty headers). */
    const toRow = (raw: RawRow): Row | undefined => {
      const values: string[] = [];
      let blank = true;
      for (let position = 0; position < columns.length; position++) {
        const { header, index } = columns[position]!;
        const value = raw.values[index] ?? '';
        if (value.length > maxCellChars) {
          const row = raw.rowNumber;
          const length = value.length.toLocaleString('en-US');
          throw new InputError((t) => t.sheetCellTooLong(label, row, header, length, maxCellChars.toLocaleString('en-US')));
        }
        values.push(pool.intern(index, value));
        if (blank && !isBlank(value)) blank = false;
      }
      if (blank) return undefined;
      const row: Row = { rowNumber: raw.rowNumber, cells: new RowCells(layout, values) };
      const stray = strayCells(raw, named, headers.length, kind);
      if (stray) row.stray = stray;
      return row;
    };
    /** The rows of a batch that are not empty. */
    const take = (batch: readonly RawRow[]): Row[] => {
      const rows: Row[] = [];
      for (const raw of batch) {
        if (isEmptyRaw(raw)) continue;
        count++;
        if (count > maxRows) {
          throw new InputError((t) => t.sheetTooManyRows(label, maxRows.toLocaleString('en-US')));
        }
        const row = toRow(raw);
        if (row) rows.push(row);
      }
      return rows;
    };
    try {
      yield* take(pending);
      for await (const batch of source) yield* take(batch);
    } finally {
      await source.return(undefined);
    }
    if (count === 0 && !allowNoData) {
      const headerAt = detected.headerRow;
      throw new InputError((t) => t.sheetNoDataRows(label, headerAt));
    }
  }
  return { rows: dataRows() };
}

/** Reads every data row into memory (the rows are needed for the report anyway). */
export async function readSheet(path: string, options: SheetReadOptions = {}): Promise<NamedSheet> {
  const { detected, rows } = await openSheet(path, options);
  return { detected, rows: await collect(rows) };
}

/**
 * Reads one named sheet of a workbook (e.g. the 'Tags' sheet of an export): header is its
 * first non-empty row, and a sheet without data rows gives an empty list.
 */
export async function readNamedSheet(path: string, sheetName: string): Promise<NamedSheet> {
  return readSheet(path, { sheet: sheetName, allowNoData: true });
}
