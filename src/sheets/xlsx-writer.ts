// A workbook writer that writes the sheets' XML itself: the export's hot path. exceljs builds an
// object per cell and looks its style up by serialising it, about 20x the cost of the text it
// writes; here a row is one string. Every sheet stays open until commit and is compressed as its
// rows come (zlib runs off the main thread), so a caller may fill several sheets at once, e.g.
// the export's Users and base sheets while the directory is still being listed. The file reads
// back as exceljs's writer made it: inline-typed string cells (t="str"), the same styles, views,
// filters, protection and page setup. Atomic and private (600).
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { createDeflateRaw, crc32, deflateRawSync, type DeflateRaw } from 'node:zlib';
import { createPrivateWriteStream, temporaryPathFor } from '../files/private.js';
import { escapeOoxmlText, excelColumnLetter } from './cell-text.js';
import { wallClockDate } from './time-zone.js';
import type { CellValue, PreparedRow, XlsxColumn, XlsxRowStyle, XlsxSheetOptions, XlsxSheetWriter, XlsxWriter, XlsxWriterOptions } from './write.js';

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const DATE_FORMAT_ID = 164;
const DATE_TIME_FORMAT_ID = 165;
/** The writer's own date-time format (--tz's, e.g. 'dd.mm.yyyy hh:mm'). */
const ZONED_FORMAT_ID = 166;
function numberFormats(zonedFormat: string): string {
  return `<numFmts count="3"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="yyyy-mm-dd"/><numFmt numFmtId="${DATE_TIME_FORMAT_ID}" formatCode="yyyy-mm-dd hh:mm:ss"/>`
    + `<numFmt numFmtId="${ZONED_FORMAT_ID}" formatCode="${xmlText(zonedFormat)}"/></numFmts>`;
}
const PLAIN_FONT = 0;
const BOLD_FONT = 1;
const BOLD_WHITE_FONT = 2;
// The header font is named: one without a name renders in another family.
const FONTS = '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>';

/** A cell's horizontal alignment: a column's own, or a number's and a date's (right, one character short of the edge). */
type Alignment = 'left' | 'center' | 'right' | 'number';

/** Days between Excel's day zero (1899-12-30) and 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;
const MS_PER_DAY = 86_400_000;
/** zlib's fastest: a quarter of level 6's CPU for a file about a fifth larger. */
const COMPRESSION_LEVEL = 1;
/**
 * Row text handed to zlib in pieces of about this many characters. zlib works off the main thread
 * but needs a main-thread turn between pieces (and between output chunks): big ones mean few turns.
 */
const FLUSH_CHARACTERS = 256 * 1024;
const OUTPUT_CHUNK_BYTES = 128 * 1024;

const XML_SPECIAL = /[<>&'"\u007F\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const XML_SPECIAL_ALL = /[<>&'"\u007F\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** XML text as exceljs encodes it: the five entities, and characters XML cannot carry dropped. */
function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (match) => XML_ENTITIES[match] ?? '') : text;
}

/** Anything escapeOoxmlText or xmlText would change (most cells have none: one test, no copies). */
const CELL_TEXT_SPECIAL = /[<>&'"\u007F\u0000-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** A string cell's text as the sheet XML holds it (CR and the like as _xHHHH_, then XML-escaped). */
function cellText(text: string): string {
  return CELL_TEXT_SPECIAL.test(text) ? xmlText(escapeOoxmlText(text)) : text;
}

/** 'A', 'B', ... for the first columns, computed once. */
const COLUMN_LETTERS = Array.from({ length: 64 }, (_, index) => excelColumnLetter(index + 1));
const columnLetter = (index: number): string => COLUMN_LETTERS[index] ?? excelColumnLetter(index + 1);

/** Cell styles (cellXfs), each a number format, a font and a fill, numbered as first used. */
class StyleTable {
  private readonly fills: string[] = [];
  private readonly fillIds = new Map<string, number>();
  private readonly styles: Array<{ numberFormat: number; font: number; fill: number; align: Alignment | undefined }> = [{ numberFormat: 0, font: PLAIN_FONT, fill: 0, align: undefined }];
  private readonly styleIds = new Map<string, number>([['0|0|0|', 0]]);

  constructor(private readonly zonedFormat: string) {}

  /** The style index for this combination (0 is the plain default). */
  id(numberFormat: number, font: number, fillArgb: string | undefined, align?: Alignment): number {
    const fill = fillArgb === undefined ? 0 : this.fillId(fillArgb);
    const key = `${numberFormat}|${font}|${fill}|${align ?? ''}`;
    let id = this.styleIds.get(key);
    if (id === undefined) {
      id = this.styles.length;
      this.styles.push({ numberFormat, font, fill, align });
      this.styleIds.set(key, id);
    }
    return id;
  }

  private fillId(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      // Fills 0 and 1 are the two Excel reserves (none, gray125).
      id = this.fills.length + 2;
      this.fills.push(argb);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  xml(): string {
    const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>',
      ...this.fills.map((argb) => `<fill><patternFill patternType="solid"><fgColor rgb="${xmlText(argb)}"/></patternFill></fill>`)];
    const xfs = this.styles.map(({ numberFormat, font, fill, align }) => {
      const head = `<xf numFmtId="${numberFormat}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${numberFormat ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}`;
      if (align === undefined) return `${head}/>`;
      const alignment = align === 'number' ? '<alignment horizontal="right" indent="1"/>' : `<alignment horizontal="${align}"/>`;
      return `${head} applyAlignment="1">${alignment}</xf>`;
    });
    return `${XML_HEADER}<styleSheet xmlns="${MAIN_NS}">${numberFormats(this.zonedFormat)}${FONTS}<fills count="${fills.length}">${fills.join('')}</fills>`
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>';
  }
}

/** A zip entry's bytes as stored: raw deflate, with the CRC and size of what went in. */
interface CompressedPart {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

/** Where a prepared row's number goes: a byte no cell's text can hold (cellText drops it). */
const ROW_NUMBER_HOLE = '\u0000';
/** Prepared rows are copied into pieces of about this many bytes for zlib. */
const BATCH_BYTES = 256 * 1024;

/** A row's XML, for a sheet's columns: cells, their styles (numbered workbook-wide), dates in the zone. */
class RowXml {
  /** The columns' alignments, which a prepared row carries in its cells' styles. */
  readonly layout: string;

  constructor(private readonly styles: StyleTable, private readonly aligns: ReadonlyArray<XlsxColumn['align']>, private readonly timeZone: string | undefined) {
    this.layout = aligns.map((align) => align ?? '').join(',');
  }

  /** `row` is the row's number as text (or the hole of a prepared row). */
  xml(row: string, values: readonly CellValue[], style: XlsxRowStyle | undefined, font: number): string {
    const header = font !== PLAIN_FONT;
    let xml = `<row r="${row}">`;
    for (let index = 0; index < values.length; index++) {
      xml += this.cell(`${columnLetter(index)}${row}`, values[index], style?.fills?.[index] ?? style?.fill, font, header ? undefined : this.aligns[index]);
    }
    return `${xml}</row>`;
  }

  /** The row made now, its number filled in when it is added (PreparedRow). */
  prepare(values: readonly CellValue[], style: XlsxRowStyle | undefined): PreparedRow {
    const bytes = Buffer.from(this.xml(ROW_NUMBER_HOLE, values, style, PLAIN_FONT), 'utf8');
    let holes = 0;
    for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, at + 1)) holes++;
    return { bytes, holes, layout: this.layout };
  }

  private cell(address: string, value: CellValue, fill: string | undefined, font: number, columnAlign: XlsxColumn['align']): string {
    if (value === null || value === undefined) {
      const style = font === PLAIN_FONT && fill === undefined && columnAlign === undefined ? 0 : this.styles.id(0, font, fill, columnAlign);
      return style === 0 ? '' : `<c r="${address}" s="${style}"/>`;
    }
    const align: Alignment | undefined = columnAlign ?? (typeof value === 'number' || value instanceof Date ? 'number' : undefined);
    let numberFormat = 0;
    let body: string;
    let type = '';
    if (typeof value === 'string') {
      type = ' t="str"';
      body = cellText(value);
    } else if (typeof value === 'number') {
      body = String(value);
    } else if (typeof value === 'boolean') {
      type = ' t="b"';
      body = value ? '1' : '0';
    } else if (this.timeZone) {
      numberFormat = ZONED_FORMAT_ID;
      body = String(EXCEL_EPOCH_DAYS + wallClockDate(value, this.timeZone).getTime() / MS_PER_DAY);
    } else {
      const time = value.getTime();
      numberFormat = time % MS_PER_DAY === 0 ? DATE_FORMAT_ID : DATE_TIME_FORMAT_ID;
      body = String(EXCEL_EPOCH_DAYS + time / MS_PER_DAY);
    }
    const style = numberFormat === 0 && font === PLAIN_FONT && fill === undefined && align === undefined ? 0 : this.styles.id(numberFormat, font, fill, align);
    return `<c r="${address}"${style ? ` s="${style}"` : ''}${type}><v>${body}</v></c>`;
  }
}

/** One worksheet's XML, compressed as it is written. */
class SheetPart {
  private readonly deflate: DeflateRaw = createDeflateRaw({ level: COMPRESSION_LEVEL, chunkSize: OUTPUT_CHUNK_BYTES });
  private readonly chunks: Buffer[] = [];
  private readonly compressed: Promise<void>;
  private pending = '';
  /** Prepared rows' bytes, numbered, not yet handed to zlib. */
  private batch = Buffer.allocUnsafe(BATCH_BYTES);
  private batched = 0;
  private crc = 0;
  private size = 0;
  private rowNumber = 0;
  private closed = false;

  constructor(readonly name: string, readonly options: XlsxSheetOptions, readonly columnCount: number, private readonly rows: RowXml) {
    this.deflate.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.compressed = once(this.deflate, 'end').then(() => undefined);
    // Never unhandled: commit awaits it (and rethrows), abort ignores it.
    this.compressed.catch(() => undefined);
  }

  write(xml: string): void {
    if (this.batched > 0) this.flushBatch();
    this.pending += xml;
    if (this.pending.length >= FLUSH_CHARACTERS) this.flush();
  }

  addRow(values: readonly CellValue[], style: XlsxRowStyle | undefined, font = PLAIN_FONT): void {
    if (this.closed) throw new Error(`sheet "${this.name}" is already finished`);
    this.write(this.rows.xml(String(++this.rowNumber), values, style, font));
  }

  /** A row made earlier by this workbook for these columns, numbered now. */
  addPrepared(row: PreparedRow): void {
    if (this.closed) throw new Error(`sheet "${this.name}" is already finished`);
    if (row.layout !== this.rows.layout) throw new Error(`sheet "${this.name}": a row prepared for columns aligned otherwise`);
    this.flush();
    const number = String(++this.rowNumber);
    const size = row.bytes.length + row.holes * number.length;
    if (this.batched + size > this.batch.length) {
      this.flushBatch();
      if (size > this.batch.length) this.batch = Buffer.allocUnsafe(size);
    }
    // A byte loop: a copy call per piece between holes cost several times more (Node checks each call's arguments).
    const { bytes } = row;
    const batch = this.batch;
    let at = this.batched;
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index]!;
      if (byte !== 0) batch[at++] = byte;
      else for (let digit = 0; digit < number.length; digit++) batch[at++] = number.charCodeAt(digit);
    }
    this.batched = at;
  }

  /** Ends the XML; the compressed part once zlib is done. */
  async finish(): Promise<CompressedPart> {
    if (!this.closed) {
      this.closed = true;
      const { autoFilter = true, protect = false } = this.options;
      this.write('</sheetData>');
      if (protect) this.write('<sheetProtection sheet="1"/>');
      if (autoFilter && this.columnCount > 0) this.write(`<autoFilter ref="A1:${excelColumnLetter(this.columnCount)}1"/>`);
      this.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        + '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>');
      this.flush();
      this.deflate.end();
    }
    await this.compressed;
    return { name: this.name, data: Buffer.concat(this.chunks), crc: this.crc, size: this.size };
  }

  destroy(): void {
    this.closed = true;
    this.deflate.destroy();
  }

  private flush(): void {
    if (this.pending === '') return;
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.compress(bytes);
  }

  private flushBatch(): void {
    if (this.batched === 0) return;
    const bytes = this.batch.subarray(0, this.batched);
    this.batch = Buffer.allocUnsafe(BATCH_BYTES);
    this.batched = 0;
    this.compress(bytes);
  }

  private compress(bytes: Buffer): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.deflate.write(bytes);
  }
}

function sheetHead(columns: readonly XlsxColumn[], options: XlsxSheetOptions): string {
  const frozen = options.freezeHeader ?? true;
  const views = frozen
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
    : '';
  const cols = columns.length === 0 ? '' : `<cols>${columns.map((column, index) => {
    const width = column.width ?? Math.min(60, Math.max(10, column.header.length + 2));
    return `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`;
  }).join('')}</cols>`;
  return `${XML_HEADER}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${views}`
    + `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`;
}

/** 'Users' -> "'Users'!$1:$1" (a quote in the name doubled). */
function printTitles(sheetName: string): string {
  return xmlText(`'${sheetName.replace(/'/g, "''")}'!$1:$1`);
}

interface ZipEntry extends CompressedPart {
  offset: number;
}

/** MS-DOS date and time, as zip headers keep them. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((Math.max(1980, date.getFullYear()) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * The fields a local header and its central directory entry share, from "version needed" to the
 * name's length: version 2.0, UTF-8 names, deflate, the stamp, CRC and sizes.
 */
function writeEntryFields(header: Buffer, at: number, entry: CompressedPart, name: Buffer, stamp: { time: number; date: number }): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(8, at + 4);
  header.writeUInt16LE(stamp.time, at + 6);
  header.writeUInt16LE(stamp.date, at + 8);
  header.writeUInt32LE(entry.crc >>> 0, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(name.length, at + 22);
}

function localHeader(entry: CompressedPart, stamp: { time: number; date: number }): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeEntryFields(header, 4, entry, name, stamp);
  return Buffer.concat([header, name]);
}

function centralHeader(entry: ZipEntry, stamp: { time: number; date: number }): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  // Version made by: 2.0, as the version needed.
  header.writeUInt16LE(20, 4);
  writeEntryFields(header, 6, entry, name, stamp);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

function smallPart(name: string, xml: string): CompressedPart {
  const bytes = Buffer.from(xml, 'utf8');
  return { name, data: deflateRawSync(bytes, { level: COMPRESSION_LEVEL }), crc: crc32(bytes), size: bytes.length };
}

function packageParts(sheets: readonly SheetPart[], styles: StyleTable): CompressedPart[] {
  const activeTab = Math.max(0, sheets.findIndex((sheet) => sheet.options.active === true));
  const worksheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  const contentTypes = `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + sheets.map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="${worksheetType}"/>`).join('')
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>';
  const rootRels = `${XML_HEADER}<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`
    + `<Relationship Id="rId2" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;
  const app = `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`;
  const workbookRels = `${XML_HEADER}<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>`
    + sheets.map((_, index) => `<Relationship Id="rId${index + 2}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('')
    + '</Relationships>';
  const views = `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" firstSheet="0" activeTab="${activeTab}"/></bookViews>`;
  const sheetList = sheets.map((sheet, index) => `<sheet sheetId="${index + 1}" name="${xmlText(sheet.name)}" state="${sheet.options.state ?? 'visible'}" r:id="rId${index + 2}"/>`).join('');
  const titles = sheets.map((sheet, index) => `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${printTitles(sheet.name)}</definedName>`).join('');
  const workbook = `${XML_HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${views}<sheets>${sheetList}</sheets>`
    + `${titles ? `<definedNames>${titles}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`;
  return [
    smallPart('[Content_Types].xml', contentTypes),
    smallPart('_rels/.rels', rootRels),
    smallPart('docProps/app.xml', app),
    smallPart('xl/workbook.xml', workbook),
    smallPart('xl/_rels/workbook.xml.rels', workbookRels),
    smallPart('xl/styles.xml', styles.xml()),
  ];
}

/** The workbook at `path`, written when commit is called (to a private temporary sibling first). */
export function createXlsxWorkbookWriter(path: string, writerOptions: XlsxWriterOptions = {}): XlsxWriter {
  const styles = new StyleTable(writerOptions.dateTimeFormat ?? 'yyyy-mm-dd hh:mm:ss');
  const sheets: SheetPart[] = [];
  let done = false;
  const rowXml = (columns: readonly XlsxColumn[]): RowXml => new RowXml(styles, columns.map((column) => column.align), writerOptions.timeZone);

  const destroyAll = (): void => {
    done = true;
    for (const sheet of sheets) sheet.destroy();
  };

  return {
    addSheet(name, columns, options = {}): XlsxSheetWriter {
      if (done) throw new Error(`the workbook is already written; sheet "${name}" comes too late`);
      const sheet = new SheetPart(name, options, columns.length, rowXml(columns));
      sheets.push(sheet);
      sheet.write(sheetHead(columns, options));
      const fill = writerOptions.headerFill;
      sheet.addRow(columns.map((column) => column.header), fill ? { fill } : undefined, fill ? BOLD_WHITE_FONT : BOLD_FONT);
      return { addRow: (values, style) => sheet.addRow(values, style), addPreparedRow: (row) => sheet.addPrepared(row) };
    },
    rowPreparer(columns) {
      const rows = rowXml(columns);
      return (values, style) => rows.prepare(values, style);
    },
    async commit() {
      if (done) throw new Error('the workbook is already written');
      done = true;
      const temporaryPath = temporaryPathFor(path);
      const output = createPrivateWriteStream(temporaryPath);
      try {
        const tabs = [...sheets.filter((sheet) => !sheet.options.last), ...sheets.filter((sheet) => sheet.options.last)];
        const worksheets = await Promise.all(tabs.map(async (sheet, index) => ({ ...(await sheet.finish()), name: `xl/worksheets/sheet${index + 1}.xml` })));
        const parts = [...packageParts(tabs, styles), ...worksheets];
        const stamp = dosDateTime(new Date());
        const entries: ZipEntry[] = [];
        let offset = 0;
        const write = async (bytes: Buffer): Promise<void> => {
          offset += bytes.length;
          if (!output.write(bytes)) await once(output, 'drain');
        };
        for (const part of parts) {
          entries.push({ ...part, offset });
          await write(localHeader(part, stamp));
          await write(part.data);
        }
        const directoryStart = offset;
        for (const entry of entries) await write(centralHeader(entry, stamp));
        await write(endOfCentralDirectory(entries.length, offset - directoryStart, directoryStart));
        output.end();
        await once(output, 'close');
        await rename(temporaryPath, path);
      } catch (error) {
        destroyAll();
        output.destroy();
        await rm(temporaryPath, { force: true });
        throw error;
      }
    },
    async abort() {
      destroyAll();
    },
  };
}
