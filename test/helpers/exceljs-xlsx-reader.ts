// The reader src/sheets/xlsx.ts replaced: XLSX -> raw rows with exceljs's streaming reader, kept
// as the reference test/xlsx-reader-parity.test.ts compares the new reader with.
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { excelJs, type ExcelJSModule as ExcelJS } from '../../src/sheets/exceljs.js';
import { InputError } from '../../src/exit-codes.js';
import { dateCellText, detached, excelSerialToDate, numberText, unescapeOoxmlText } from '../../src/sheets/cell-text.js';
import { inspectZip, openZipEntry, type ZipEntryInfo, type ZipInspection } from '../../src/sheets/zip-guard.js';
import type { RawRow } from '../../src/sheets/raw-row.js';

/** The workbook has no sheet of the name asked for (an input error that callers may expect). */
export class NoSuchSheetError extends InputError {
  constructor(
    message: string,
    readonly sheets: readonly string[],
  ) {
    super(message);
    this.name = 'NoSuchSheetError';
  }
}

export interface XlsxRawRow extends RawRow {
  sheet: string;
}

/** A number format that shows a date or time (quoted text and [colour] sections ignored). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

function scalarText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unescapeOoxmlText(detached(value));
  if (typeof value === 'number') return isDateFormat(numFmt) ? dateCellText(excelSerialToDate(value)) : numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateCellText(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.richText)) {
      return unescapeOoxmlText((record.richText as Array<{ text?: unknown }>).map((run) => (typeof run.text === 'string' ? run.text : '')).join(''));
    }
    if ('formula' in record || 'sharedFormula' in record) return scalarText(record.result, numFmt);
    if ('hyperlink' in record) return scalarText(record.text, numFmt);
    if (typeof record.error === 'string') return record.error;
  }
  return '';
}

export function xlsxCellText(cell: ExcelJS.Cell): string {
  return scalarText(cell.value, cell.numFmt);
}

function rowValues(row: ExcelJS.Row): string[] {
  const values: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
    values[columnNumber - 1] = xlsxCellText(cell);
  });
  return Array.from(values, (value) => value ?? '');
}

interface StreamingWorksheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
}

interface StreamingWorkbook extends AsyncIterable<StreamingWorksheet> {
  model?: { sheets?: Array<{ name: string }> };
}

/** The part a worksheet's XML is in, for the message when it is cut off. */
export class UnterminatedSheetError extends Error {
  constructor(readonly part: string) {
    super(`${part} ends in the middle (no closing </worksheet>), so rows would be lost`);
    this.name = 'UnterminatedSheetError';
  }
}

const WORKSHEET_END = /<\/(?:[A-Za-z_][\w.-]*:)?worksheet>\s*$/;
/** Enough of the end of the XML to hold a closing tag with a namespace prefix and trailing space. */
const TAIL_KEPT = 256;

/**
 * Re-chunks bytes into strings without splitting a UTF-8 character across chunks, and checks
 * that the worksheet XML is complete: a part cut off mid-row (with a valid CRC, as a tool that
 * rewrote it may leave it) would otherwise read as a shorter sheet.
 */
async function* utf8Strings(chunks: AsyncIterable<Buffer | string>, part: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let tail = '';
  // Only the end of the part matters: a whole chunk is never copied into the tail.
  const keepTail = (text: string): void => {
    tail = text.length >= TAIL_KEPT ? text.slice(-TAIL_KEPT) : (tail + text).slice(-TAIL_KEPT);
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!text) continue;
    keepTail(text);
    yield text;
  }
  const rest = decoder.end();
  if (rest) {
    keepTail(rest);
    yield rest;
  }
  if (!WORKSHEET_END.test(tail)) throw new UnterminatedSheetError(part);
}

interface WorkbookReaderInternals {
  input: string;
  model?: { sheets?: Array<{ name: string; rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

type WorkbookReaderClass = new (input: string, options: object) => WorkbookReaderInternals;

const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Two repairs to exceljs 4.4's streaming reader:
 * - It decodes each inflated chunk to text on its own, so a Cyrillic letter split across two
 *   chunks becomes two U+FFFD (seen on large sheets with inline strings). It gets strings
 *   decoded across chunk boundaries instead.
 * - Its parse() streams the archive through unzipper, which now and then loses an entry (seen:
 *   xl/workbook.xml, stored last, never parsed, so no sheet has a name), and it parks sheets in
 *   temp files. The input is a local file whose central directory zip-guard has already
 *   checked, so parse() here reads each part straight from its place, in the order the parts
 *   depend on each other: relationships, workbook, shared strings, styles, then the sheets.
 * Built on first use: its base class comes from exceljs, which is loaded lazily.
 */
function robustWorkbookReader(Base: WorkbookReaderClass) {
  return class RobustWorkbookReader extends Base {
    override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
      return super._parseWorksheet(utf8Strings(iterator, `xl/worksheets/sheet${sheetNo}.xml`), sheetNo);
    }

    override _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown> {
      entry.setEncoding('utf8');
      return super._parseSharedStrings(entry);
    }

    /** The central directory as the caller already read it (then it is not read again). */
    knownEntries?: readonly ZipEntryInfo[];

    async *parse(): AsyncGenerator<unknown> {
      const path = this.input;
      const zip: ZipInspection = this.knownEntries ? { kind: 'zip', entries: [...this.knownEntries] } : await inspectZip(path);
      if (zip.kind !== 'zip') throw new Error('not a zip archive');
      const entries = new Map(zip.entries.map((entry) => [entry.name, entry]));
      const open = async (name: string): Promise<Readable | undefined> => {
        const entry = entries.get(name);
        if (!entry) return undefined;
        const stream = await openZipEntry(path, entry);
        if (!stream) throw new Error(`${name} is damaged`);
        return stream;
      };
      const rels = await open('xl/_rels/workbook.xml.rels');
      if (rels) await this._parseRels(rels);
      const book = await open('xl/workbook.xml');
      if (book) await this._parseWorkbook(book);
      const strings = await open('xl/sharedStrings.xml');
      if (strings) yield* this._parseSharedStrings(strings);
      const styles = await open('xl/styles.xml');
      if (styles) await this._parseStyles(styles);
      for (const { name, sheetNo } of this.worksheetParts(zip.entries.map((entry) => entry.name))) {
        const sheet = await open(name);
        if (!sheet) continue;
        try {
          yield* this._parseWorksheet(sheet, sheetNo);
        } finally {
          sheet.destroy();
        }
      }
    }

    /** Worksheet parts in the workbook's tab order (part number order for any not listed). */
    worksheetParts(names: string[]): Array<{ name: string; sheetNo: string }> {
      const parts = names.flatMap((name) => {
        const match = WORKSHEET_PART.exec(name);
        return match ? [{ name, sheetNo: match[1]! }] : [];
      });
      const tabOrder = (this.model?.sheets ?? []).map((sheet) => {
        const target = this.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target ?? '';
        return target.replace(/^\/?(xl\/)?/, 'xl/');
      });
      const position = (name: string) => {
        const index = tabOrder.indexOf(name);
        return index < 0 ? Number.MAX_SAFE_INTEGER : index;
      };
      return parts.sort((a, b) => position(a.name) - position(b.name) || Number(a.sheetNo) - Number(b.sheetNo));
    }
  };
}

let robustReaderClass: ReturnType<typeof robustWorkbookReader> | undefined;

/** Other sheets of the workbook to keep while the one sheet is streamed (an export's Tags sheet, its base). */
export interface CompanionSheets {
  /** Lower-cased names of the sheets wanted. */
  readonly wanted: ReadonlySet<string>;
  /** Filled as the workbook is read: lower-cased name -> the sheet's name and non-empty rows. */
  readonly found: Map<string, { name: string; rows: XlsxRawRow[] }>;
}

export interface XlsxReadOptions {
  /** The sheet to stream (case-insensitive); default the first with any non-empty row. */
  sheetName?: string;
  /** The central directory already read (classify() did): not read again. */
  entries?: readonly ZipEntryInfo[];
  /** Sheets to collect in the same pass; complete once the stream has ended. */
  companions?: CompanionSheets;
}

/**
 * Streams the rows of the sheet named `sheetName`, or of the first sheet with any
 * non-empty row. Rows keep their Excel row numbers; empty rows are not yielded. The workbook is
 * read once: companion sheets, before or after that sheet, are collected on the way.
 */
export async function* readXlsxRows(path: string, options: XlsxReadOptions = {}): AsyncGenerator<XlsxRawRow> {
  const { sheetName, companions } = options;
  const label = basename(path);
  robustReaderClass ??= robustWorkbookReader(excelJs().stream.xlsx.WorkbookReader as unknown as WorkbookReaderClass);
  const reader = new robustReaderClass(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  if (options.entries) reader.knownEntries = options.entries;
  const workbook = reader as unknown as StreamingWorkbook;
  const seen: string[] = [];
  let streamed = false;
  const rowsOf = async function* (worksheet: StreamingWorksheet): AsyncGenerator<XlsxRawRow> {
    for await (const row of worksheet) {
      const values = rowValues(row);
      if (values.every((value) => value.trim() === '')) continue;
      yield { sheet: worksheet.name, rowNumber: row.number, values };
    }
  };
  try {
    for await (const worksheet of workbook) {
      seen.push(worksheet.name);
      const key = worksheet.name.toLowerCase();
      const isTarget = !streamed && (sheetName === undefined || key === sheetName.toLowerCase());
      if (isTarget) {
        let yielded = false;
        for await (const row of rowsOf(worksheet)) {
          yielded = true;
          yield row;
        }
        streamed = yielded || sheetName !== undefined;
        // An empty first sheet is passed over for the next with data; it may still be a companion.
        if (!streamed && companions?.wanted.has(key)) companions.found.set(key, { name: worksheet.name, rows: [] });
      } else if (companions?.wanted.has(key) && !companions.found.has(key)) {
        const rows: XlsxRawRow[] = [];
        for await (const row of rowsOf(worksheet)) rows.push(row);
        companions.found.set(key, { name: worksheet.name, rows });
      }
      if (streamed && (companions?.found.size ?? 0) === (companions?.wanted.size ?? 0)) return;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${label}: the workbook is corrupt and cannot be read (${message})`);
  }
  if (sheetName !== undefined && !streamed) {
    const names = workbook.model?.sheets?.map((sheet) => sheet.name) ?? seen;
    throw new NoSuchSheetError(`${label}: no sheet named "${sheetName}" (sheets: ${names.join(', ')})`, names);
  }
}
