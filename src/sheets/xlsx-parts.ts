// The small parts of a workbook the sheet reader needs before the sheets: the sheets' names and
// parts (workbook.xml and its relationships), the number formats of the cell styles (dates), and
// the shared strings. Read as exceljs 4.4's streaming reader read them, without loading exceljs.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { detached } from './cell-text.js';
import { attribute, XmlScanner, type XmlHandler } from './xml-scan.js';

/** Streams a part's bytes through the tokenizer. */
export async function scanPart(stream: Readable, handler: XmlHandler): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const scanner = new XmlScanner(handler);
  for await (const chunk of stream as AsyncIterable<Buffer>) scanner.write(decoder.write(chunk));
  scanner.write(decoder.end());
  scanner.end();
}

export interface WorkbookSheet {
  name: string;
  /** The worksheet's part, e.g. "xl/worksheets/sheet1.xml" (undefined when its relationship is missing). */
  part?: string;
}

/** Relationship id -> target part ("worksheets/sheet1.xml" and "/xl/worksheets/sheet1.xml" both give "xl/worksheets/sheet1.xml"). */
export async function readRelationships(stream: Readable): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  await scanPart(stream, {
    open(name, text, start, end) {
      if (name !== 'Relationship') return;
      const id = attribute(text, 'Id', start, end);
      const target = attribute(text, 'Target', start, end);
      if (id !== undefined && target !== undefined) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
    },
    close() {},
    text() {},
  });
  return targets;
}

/** The sheets in tab order, and whether dates count from 1904 (old Mac Excel). */
export async function readWorkbook(stream: Readable, relationships: ReadonlyMap<string, string>): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> {
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  await scanPart(stream, {
    open(name, text, start, end) {
      if (name === 'workbookPr') date1904 = attribute(text, 'date1904', start, end) === '1';
      if (name !== 'sheet') return;
      const id = attribute(text, 'r:id', start, end);
      const part = id === undefined ? undefined : relationships.get(id);
      sheets.push({ name: attribute(text, 'name', start, end) ?? '', ...(part !== undefined ? { part } : {}) });
    },
    close() {},
    text() {},
  });
  return { sheets, date1904 };
}

/** Excel's built-in number formats by id (the ones exceljs knows without a locale). */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00',
  12: '# ?/?', 13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss',
  46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** The number format of each cell style (s="N" on a cell or row), undefined for General. */
export async function readStyleFormats(stream: Readable): Promise<Array<string | undefined>> {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await scanPart(stream, {
    open(name, text, start, end) {
      if (name === 'numFmt') {
        const id = Number.parseInt(attribute(text, 'numFmtId', start, end) ?? '', 10);
        const code = attribute(text, 'formatCode', start, end);
        if (code !== undefined) custom.set(id, code.replace(/[\\](.)/g, '$1'));
      } else if (name === 'cellXfs') {
        inCellXfs = true; // closed again at once when self-closing
      } else if (name === 'xf' && inCellXfs) {
        formatIds.push(Number.parseInt(attribute(text, 'numFmtId', start, end) ?? '', 10));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  // numFmtId 0 (General), or none: no format (exceljs leaves numFmt unset).
  return formatIds.map((id) => (id ? custom.get(id) ?? BUILT_IN_FORMATS[id] : undefined));
}

/**
 * The shared strings in order, each a copy of its own; rich text is its runs' text joined.
 * Phonetic guides (<rPh>, over Japanese text) are not the cell's text and are left out. An item
 * with no text at all (no runs, an empty <t>) is undefined: exceljs read a cell of it as no cell.
 */
export async function readSharedStrings(stream: Readable): Promise<Array<string | undefined>> {
  const strings: Array<string | undefined> = [];
  let text = '';
  let rich = false;
  let inText = false;
  let phonetic = 0;
  await scanPart(stream, {
    // A self-closing tag is closed right after it opens, so <t/> and <rPh/> need no case of their own.
    open(name) {
      if (name === 'si') {
        text = '';
        rich = false;
      } else if (name === 'rPh') phonetic++;
      else if (name === 'r' && phonetic === 0) rich = true;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(text === '' && !rich ? undefined : detached(text)); // not a view of the whole part's text
    },
    text(piece) {
      if (inText) text += piece;
    },
  });
  return strings;
}
