// Columns by content, one rule for every workbook the tool writes: widths from the header and the
// longest cell (a sample of rows), dates at a width their format fits in (narrower shows ###), and
// a column of times naming its zone in the header; the Summary sheet every workbook opens on.
import type { CellValue, XlsxColumn, XlsxWriter } from '../sheets/write.js';
import { zonedHeader } from '../sheets/time-zone.js';

const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
/** 'dd.mm.yyyy hh:mm' and 'yyyy-mm-dd hh:mm' with room to spare (narrower shows ###). */
export const DATE_TIME_WIDTH = 19;
/** Bold header text is this much wider than the same text in a cell. */
const BOLD = 1.1;

const letters = (from: string, to: string): string => String.fromCharCode(...Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, index) => from.charCodeAt(0) + index));
/** A character's width where it is not 1, the later groups winning: wide, then capitals, then Cyrillic, then narrow. */
const CHARACTER_WIDTHS = new Map<string, number>([
  ...[..."iljtfr.,:;'!|() "].map((character): [string, number] => [character, 0.6]),
  ...[...`${letters('а', 'я')}ё`].map((character): [string, number] => [character, 1.1]),
  ...[...`${letters('А', 'Я')}Ё${letters('A', 'Z')}`].map((character): [string, number] => [character, 1.3]),
  ...[...'ШЩЖЮЫМшщжюымWMwm@'].map((character): [string, number] => [character, 1.5]),
]);

/**
 * Text's width in Excel's unit (the width of a digit): capitals and Cyrillic letters are wider
 * than digits, so counting characters alone cuts Russian headers short.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    width += CHARACTER_WIDTHS.get(character) ?? 1;
  }
  return width;
}

/** A cell's width: its longest line's, a date's fixed width. */
export function cellWidth(value: CellValue): number {
  if (value instanceof Date) return DATE_TIME_WIDTH;
  if (value === null || value === undefined) return 0;
  return Math.max(...String(value).split('\n').map(textWidth));
}

/** Column widths from the header and the longest cell. */
export function fittedColumns(headers: readonly string[], rows: Iterable<readonly CellValue[]>, { max = MAX_WIDTH, min = MIN_WIDTH } = {}): XlsxColumn[] {
  const widths = headers.map((header) => textWidth(header) * BOLD);
  for (const row of rows) {
    row.forEach((value, index) => {
      const length = cellWidth(value);
      if (length > (widths[index] ?? 0)) widths[index] = length;
    });
  }
  return headers.map((header, index) => ({
    header,
    width: Math.min(max, Math.max(min, Math.ceil((widths[index] ?? 0) + 2))),
  }));
}

/**
 * The Summary sheet a workbook opens on: its two columns (item, value) fitted, values on the left
 * (numbers and text alike), no filter.
 */
export function addSummarySheet(writer: XlsxWriter, name: string, [itemHeader, valueHeader]: readonly [string, string], rows: readonly CellValue[][], max = 80): void {
  const [item, value] = fittedColumns([itemHeader, valueHeader], rows, { max });
  const sheet = writer.addSheet(name, [item!, { ...value!, align: 'left' }], { autoFilter: false, active: true });
  for (const row of rows) sheet.addRow(row);
}

/** A table's headers, each column holding times naming the zone they are in. */
export function zonedColumns(headers: readonly string[], rows: readonly (readonly CellValue[])[], timeZone: string): string[] {
  return headers.map((header, index) => (rows.some((row) => row[index] instanceof Date) ? zonedHeader(header, timeZone) : header));
}
