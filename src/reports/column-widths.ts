// Column widths by content, one rule for every workbook the tool writes: the header and the
// longest cell (a sample of rows), dates at a width their format fits in (narrower shows ###).
import type { CellValue, XlsxColumn } from '../sheets/write.js';

const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
/** 'dd.mm.yyyy hh:mm' and 'yyyy-mm-dd hh:mm' with room to spare (narrower shows ###). */
export const DATE_TIME_WIDTH = 18;

/** A cell's width in characters: the longest line of its text, a date's fixed width. */
export function cellWidth(value: CellValue): number {
  if (value instanceof Date) return DATE_TIME_WIDTH;
  if (value === null || value === undefined) return 0;
  return Math.max(...String(value).split('\n').map((line) => line.length));
}

/** Column widths from the header and the longest cell. */
export function fittedColumns(headers: readonly string[], rows: Iterable<readonly CellValue[]>, { max = MAX_WIDTH, min = MIN_WIDTH } = {}): XlsxColumn[] {
  const widths = headers.map((header) => header.length);
  for (const row of rows) {
    row.forEach((value, index) => {
      const length = cellWidth(value);
      if (length > (widths[index] ?? 0)) widths[index] = length;
    });
  }
  return headers.map((header, index) => ({
    header,
    width: Math.min(max, Math.max(min, (widths[index] ?? 0) + 2)),
  }));
}
