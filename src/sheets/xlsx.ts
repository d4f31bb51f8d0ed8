// XLSX -> raw rows: the worksheet XML scanned as it inflates, cell values as a person sees them.
// Cells read as exceljs 4.4's streaming reader read them (test/xlsx-reader-parity.test.ts holds the
// two side by side) in a fraction of its time and without loading exceljs, except where it lost
// text: a formula's cell is its cached result like any other cell (exceljs read a result of 0 or
// false, an error, and a filled-down formula as empty), and inline rich text keeps every run.
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../exit-codes.js';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { dateCellText, detached, excelSerialToDate, numberText, unescapeOoxmlText } from './cell-text.js';
import type { RawRow } from './raw-row.js';
import { readRelationships, readSharedStrings, readStyleFormats, readWorkbook, type WorkbookSheet } from './xlsx-parts.js';
import { decodeAttribute, MalformedXmlError, nextAttribute, XmlScanner, type AttributeSpan, type XmlHandler } from './xml-scan.js';
import { inspectZip, openZipEntry, type ZipEntryInfo } from './zip-guard.js';

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
/** Worksheets (a chart sheet's part is elsewhere and holds no cells). */
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;
/** Excel's last column, XFD. */
const MAX_COLUMN = 16_384;
const MS_PER_DAY = 86_400_000;
/** Days between 1900-01-01 and 1904-01-01 (a workbook in the 1904 date system counts from the later). */
const DATE_1904_OFFSET_DAYS = 1462;

/** Our test for a number format that shows a date or time (quoted text and [colour] sections ignored). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/** exceljs's own test, which decides whether a plain number cell is read as a date. */
function isDateFormatForExcelJs(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * '' for a number too large to be a date (Excel shows it as #####); else the wall-clock text,
 * which the import reads in the zone the column's header names, else UTC.
 */
function serialDateText(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : dateCellText(date);
}

function numberCellText(value: number, format: string | undefined): string {
  return isDateFormat(format) ? serialDateText(excelSerialToDate(value).getTime()) : numberText(value);
}

function stringCellText(text: string): string {
  return unescapeOoxmlText(detached(text));
}

/** What the workbook's parts say about every sheet's cells. */
interface WorkbookContext {
  sharedStrings: ReadonlyArray<string | undefined>;
  /** Number format by cell style index. */
  formats: ReadonlyArray<string | undefined>;
  date1904: boolean;
}

/** 'A' -> 1, 'AB' -> 28: the column of a cell reference such as "AB12" in text[start, end); 0 when it has no letters. */
function referenceColumn(text: string, start: number, end: number): number {
  let column = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
    if (column > MAX_COLUMN) break;
  }
  return column;
}

/** parseInt of text[start, end), without cutting it out. */
function integerAt(text: string, start: number, end: number): number {
  let value = 0;
  let digits = 0;
  let index = start;
  while (index < end && text.charCodeAt(index) <= 0x20) index++;
  for (; index < end; index++) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    digits++;
  }
  return digits === 0 ? Number.NaN : value;
}

const CELL_TYPES = ['s', 'str', 'inlineStr', 'b', 'e', 'n', 'd'] as const;

/** The t="..." of a cell, one shared string for the usual ones. */
function cellType(text: string, start: number, end: number): string {
  for (const type of CELL_TYPES) if (type.length === end - start && text.startsWith(type, start)) return type;
  return decodeAttribute(text.slice(start, end));
}

const ATTRIBUTE_R = 0x72;
const ATTRIBUTE_S = 0x73;
const ATTRIBUTE_T = 0x74;
/** A cell or row style that leaves the row's (or no) format. */
const INHERIT = Symbol('inherit');
const span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/** Reads the rows of one worksheet's XML into `rows` (non-empty rows only), cell by cell. */
class WorksheetRows implements XmlHandler {
  readonly rows: XlsxRawRow[] = [];
  private inSheetData = false;
  private values: string[] | undefined;
  private rowNumber = 0;
  private rowFormat: string | undefined;
  // The cell being read.
  private inCell = false;
  private column = 0;
  private type: string | undefined;
  private format: string | undefined;
  /** The <v> text, or an inline string's text; undefined when the cell has neither. */
  private value: string | undefined;
  private capturing = false;
  private inInline = false;
  private phonetic = 0;

  constructor(
    private readonly sheet: string,
    private readonly context: WorkbookContext,
  ) {}

  /** The number format of style s="N"; `inherit` for no style (nor s="0"): the cell keeps its row's format (exceljs's rule). */
  private styleFormat(style: number): string | undefined | typeof INHERIT {
    if (!(style > 0) || style >= this.context.formats.length) return INHERIT;
    return this.context.formats[style];
  }

  open(name: string, text: string, start: number, end: number): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        break;
      case 'row': {
        if (!this.inSheetData) break;
        let rowNumber = Number.NaN;
        let style = 0;
        for (let at = nextAttribute(text, start, end, span); at >= 0; at = nextAttribute(text, at, end, span)) {
          if (span.nameEnd - span.nameStart !== 1) continue;
          const attributeName = text.charCodeAt(span.nameStart);
          if (attributeName === ATTRIBUTE_R) rowNumber = integerAt(text, span.valueStart, span.valueEnd);
          else if (attributeName === ATTRIBUTE_S) style = integerAt(text, span.valueStart, span.valueEnd);
        }
        this.rowNumber = rowNumber || this.rowNumber + 1;
        const format = this.styleFormat(style);
        this.rowFormat = format === INHERIT ? undefined : format;
        this.values = [];
        this.column = 0;
        break;
      }
      case 'c': {
        if (!this.values) break;
        let column = this.column + 1;
        let style = 0;
        let type: string | undefined;
        for (let at = nextAttribute(text, start, end, span); at >= 0; at = nextAttribute(text, at, end, span)) {
          if (span.nameEnd - span.nameStart !== 1) continue;
          const attributeName = text.charCodeAt(span.nameStart);
          if (attributeName === ATTRIBUTE_R) column = referenceColumn(text, span.valueStart, span.valueEnd);
          else if (attributeName === ATTRIBUTE_S) style = integerAt(text, span.valueStart, span.valueEnd);
          else if (attributeName === ATTRIBUTE_T) type = cellType(text, span.valueStart, span.valueEnd);
        }
        if (column < 1 || column > MAX_COLUMN) throw new MalformedXmlError(`a cell reference outside columns A to XFD in row ${this.rowNumber}`);
        const format = this.styleFormat(style);
        this.inCell = true;
        this.column = column;
        this.type = type;
        this.format = format === INHERIT ? this.rowFormat : format;
        this.value = undefined;
        this.inInline = false;
        break;
      }
      case 'v':
        if (!this.inCell) break;
        this.value = '';
        this.capturing = true;
        break;
      case 'is':
        if (!this.inCell) break;
        this.value = '';
        this.inInline = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0) this.capturing = true;
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capturing = false;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        if (!this.inCell) break;
        this.inCell = false;
        this.capturing = false;
        if (this.value !== undefined) {
          const text = this.cellText(this.value);
          if (text !== undefined) this.values![this.column - 1] = text;
        }
        break;
      case 'row':
        if (this.values) this.endRow(this.values);
        this.values = undefined;
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
      default:
        break;
    }
  }

  text(piece: string): void {
    if (this.capturing) this.value += piece;
  }

  private endRow(cells: string[]): void {
    let blank = true;
    const values = new Array<string>(cells.length);
    for (let index = 0; index < cells.length; index++) {
      const value = cells[index] ?? '';
      values[index] = value;
      if (blank && value.trim() !== '') blank = false;
    }
    if (!blank) this.rows.push({ sheet: this.sheet, rowNumber: this.rowNumber, values });
  }

  /** The text of the cell just read, from its <v> (or inline string) text; undefined: read as no cell. */
  private cellText(text: string): string | undefined {
    const { type, format } = this;
    // A formula's cell reads as its cached result, like any cell holding that value.
    switch (type) {
      case 's': {
        const shared = this.context.sharedStrings[Number.parseInt(text, 10)];
        // An empty shared string is no cell, as exceljs read it (a row is as long as its last cell with text).
        return shared === undefined ? undefined : unescapeOoxmlText(shared); // already a copy of its own
      }
      case 'inlineStr':
      case 'str':
        return stringCellText(text);
      case 'e':
        return detached(text);
      case 'b':
        return Number.parseInt(text, 10) !== 0 ? 'true' : 'false';
      default: {
        const number = Number.parseFloat(text);
        if (!isDateFormatForExcelJs(format)) return numberCellText(number, format);
        const days = number - 25569 + (this.context.date1904 ? DATE_1904_OFFSET_DAYS : 0);
        return serialDateText(Math.round(days * MS_PER_DAY));
      }
    }
  }
}

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
  /** The language of the errors (default English). */
  lang?: Lang;
}

/** A worksheet's non-empty rows, a batch per chunk of its XML; checks the XML is complete. */
async function* worksheetRows(stream: Readable, sheet: WorkbookSheet & { part: string }, context: WorkbookContext): AsyncGenerator<XlsxRawRow[]> {
  const handler = new WorksheetRows(sheet.name, context);
  const scanner = new XmlScanner(handler);
  const decoder = new StringDecoder('utf8');
  let tail = '';
  // Only the end of the part matters: a whole chunk is never copied into the tail.
  const feed = (text: string): void => {
    if (text === '') return;
    tail = text.length >= TAIL_KEPT ? text.slice(-TAIL_KEPT) : (tail + text).slice(-TAIL_KEPT);
    scanner.write(text);
  };
  const take = (): XlsxRawRow[] => handler.rows.splice(0, handler.rows.length);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    feed(decoder.write(chunk));
    if (handler.rows.length > 0) yield take();
  }
  feed(decoder.end());
  // A part cut off mid-row (with a valid CRC, as a tool that rewrote it may leave it) would otherwise read as a shorter sheet.
  if (!WORKSHEET_END.test(tail)) throw new UnterminatedSheetError(sheet.part);
  scanner.end();
  if (handler.rows.length > 0) yield take();
}

/**
 * Streams the rows of the sheet named `sheetName`, or of the first sheet with any non-empty row,
 * in batches. Rows keep their Excel row numbers; empty rows are not yielded. The workbook is read
 * once: companion sheets, before or after that sheet, are collected on the way.
 */
export async function* readXlsxRows(path: string, options: XlsxReadOptions = {}): AsyncGenerator<XlsxRawRow[]> {
  const { sheetName, companions } = options;
  const label = basename(path);
  let sheets: WorkbookSheet[] = [];
  let streamed = false;
  try {
    const zip = options.entries ? { kind: 'zip' as const, entries: [...options.entries] } : await inspectZip(path);
    if (zip.kind !== 'zip') throw new Error('not a zip archive');
    const entries = new Map(zip.entries.map((entry) => [entry.name, entry]));
    const open = async (name: string): Promise<Readable | undefined> => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const stream = await openZipEntry(path, entry);
      if (!stream) throw new Error(`${name} is damaged`);
      return stream;
    };
    const withPart = async <T>(name: string, read: (stream: Readable) => Promise<T>): Promise<T | undefined> => {
      const stream = await open(name);
      if (!stream) return undefined;
      try {
        return await read(stream);
      } finally {
        stream.destroy();
      }
    };
    const relationships = (await withPart('xl/_rels/workbook.xml.rels', readRelationships)) ?? new Map<string, string>();
    const workbook = await withPart('xl/workbook.xml', (stream) => readWorkbook(stream, relationships));
    sheets = workbook?.sheets ?? [];
    const context: WorkbookContext = {
      sharedStrings: (await withPart('xl/sharedStrings.xml', readSharedStrings)) ?? [],
      formats: (await withPart('xl/styles.xml', readStyleFormats)) ?? [],
      date1904: workbook?.date1904 ?? false,
    };
    for (const sheet of sheets) {
      if (sheet.part === undefined || !WORKSHEET_PART.test(sheet.part) || !entries.has(sheet.part)) continue;
      const key = sheet.name.toLowerCase();
      const isTarget = !streamed && (sheetName === undefined || key === sheetName.toLowerCase());
      const isCompanion = companions?.wanted.has(key) === true && !companions.found.has(key);
      if (!isTarget && !isCompanion) continue;
      const stream = (await open(sheet.part))!;
      try {
        const part = { ...sheet, part: sheet.part };
        if (isTarget) {
          let yielded = false;
          for await (const rows of worksheetRows(stream, part, context)) {
            yielded = true;
            yield rows;
          }
          streamed = yielded || sheetName !== undefined;
          // An empty first sheet is passed over for the next with data; it may still be a companion.
          if (!streamed && isCompanion) companions!.found.set(key, { name: sheet.name, rows: [] });
        } else {
          const rows: XlsxRawRow[] = [];
          for await (const batch of worksheetRows(stream, part, context)) rows.push(...batch);
          companions!.found.set(key, { name: sheet.name, rows });
        }
      } finally {
        stream.destroy();
      }
      if (streamed && (companions?.found.size ?? 0) === (companions?.wanted.size ?? 0)) return;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(messages(options.lang ?? 'en').sheetWorkbookCorrupt(label, message));
  }
  if (sheetName !== undefined && !streamed) {
    const names = sheets.map((sheet) => sheet.name);
    throw new NoSuchSheetError(messages(options.lang ?? 'en').sheetNoSuchSheet(label, sheetName, names.join(', ')), names);
  }
}
