// The one printer of the read commands (find, show, tags, members): `-o table` for people,
// `-o json` for scripts (the plain data, English keys), `-o csv` by the project's CSV rules
// (formula-like cells neutralized, as in src/sheets/write.ts). Everything goes to stdout.
import { stringify } from 'csv-stringify/sync';
import type { Options } from 'yargs';
import { redactSecrets } from '../redact.js';
import { single } from './flag-values.js';
import { neutralizeFormula } from '../sheets/write.js';
import { messages, type Catalog } from '../i18n/catalog.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputOptionIn(t: Catalog) {
  return {
    output: {
      alias: 'o',
      requiresArg: true,
      choices: OUTPUT_FORMATS,
      default: 'table' as OutputFormat,
      // -o and --output are one flag: given twice (in any spelling) it is refused, not resolved.
      coerce: (given: unknown) => single('output', given) as OutputFormat,
      describe: t.helpOutputFormat,
    },
  } as const satisfies Record<string, Options>;
}

export const outputOption = outputOptionIn(messages('en'));

export type Cell = string | number | boolean | null | undefined | readonly string[];

export interface Column<Row> {
  header: string;
  cell(row: Row): Cell;
}

/** Where the printer writes: process.stdout, or a stand-in in tests. */
export interface PrintTarget {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const GAP = '  ';
/** A column is never cut narrower than this (an ellipsis and a few characters). */
const MIN_COLUMN_WIDTH = 4;
const LIST_SEPARATOR = ', ';

export class Printer {
  constructor(
    readonly format: OutputFormat,
    private readonly target: PrintTarget = process.stdout,
    /** The words of the table and the CSV (yes/no, the field/value header); JSON keeps its keys. */
    private readonly t: Catalog = messages('en'),
  ) {}

  /** Rows as a table, or CSV with a header row; JSON prints `data` (by default the rows themselves). */
  list<Row>(rows: readonly Row[], columns: readonly Column<Row>[], data: unknown = rows): void {
    if (this.format === 'json') return this.json(data);
    const headers = columns.map((column) => column.header);
    const cells = rows.map((row) => columns.map((column) => column.cell(row)));
    if (this.format === 'csv') return this.csv(headers, cells);
    this.table([headers, ...cells.map((row) => row.map((value) => tableText(value, this.t)))]);
  }

  /** One record as field/value lines (a table without a header, or CSV `field,value`); JSON prints `data`. */
  record(fields: readonly (readonly [string, Cell])[], data: unknown): void {
    if (this.format === 'json') return this.json(data);
    if (this.format === 'csv') return this.csv([this.t.lookupColumns.field, this.t.lookupColumns.value], fields.map(([field, value]) => [field, value]));
    this.table(fields.map(([field, value]) => [field, tableText(value, this.t)]));
  }

  private write(text: string): void {
    this.target.write(redactSecrets(text));
  }

  private json(data: unknown): void {
    this.write(`${JSON.stringify(data, null, 2)}\n`);
  }

  private csv(headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
    const records = [headers.map(neutralizeFormula), ...rows.map((row) => row.map((value) => csvText(value, this.t)))];
    this.write(stringify(records, { record_delimiter: 'windows' }));
  }

  /** Aligned columns; on a terminal the widest columns are cut (with …) until the lines fit. */
  private table(lines: readonly (readonly string[])[]): void {
    if (lines.length === 0) return;
    const count = Math.max(...lines.map((line) => line.length));
    const widths = Array.from({ length: count }, (_, index) => Math.max(0, ...lines.map((line) => displayWidth(line[index] ?? ''))));
    const limit = this.target.isTTY && this.target.columns ? this.target.columns : Number.POSITIVE_INFINITY;
    fitWidths(widths, limit - GAP.length * (count - 1));
    const out = lines.map((line) => widths
      .map((width, index) => {
        const text = truncate(line[index] ?? '', width);
        return index === count - 1 ? text : text + ' '.repeat(width - displayWidth(text));
      })
      .join(GAP)
      .trimEnd());
    this.write(`${out.join('\n')}\n`);
  }
}

/** Narrows the widest column one step at a time until the total fits (or every column is at the minimum). */
export function fitWidths(widths: number[], available: number): void {
  let total = widths.reduce((sum, width) => sum + width, 0);
  while (total > available) {
    let widest = 0;
    for (let index = 1; index < widths.length; index++) if (widths[index]! > widths[widest]!) widest = index;
    if (widths[widest]! <= MIN_COLUMN_WIDTH) return;
    widths[widest]! -= 1;
    total -= 1;
  }
}

function tableText(value: Cell, t: Catalog): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'boolean') text = value ? t.yes : t.no;
  else if (typeof value === 'string' || typeof value === 'number') text = String(value);
  else text = value.join(LIST_SEPARATOR);
  // Line breaks and control characters (a terminal escape in a name) never reach the terminal.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

/** A CSV cell for Excel: yes/no as words (да/нет), as the exports write them. */
function csvText(value: Cell, t: Catalog): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutralizeFormula(value);
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number') return String(value);
  return neutralizeFormula(value.join(LIST_SEPARATOR));
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const COMBINING = /^\p{Mark}+$/u;

/** Terminal columns a grapheme takes: emoji and East Asian wide characters take two. */
function graphemeWidth(grapheme: string): number {
  if (COMBINING.test(grapheme)) return 0;
  const code = grapheme.codePointAt(0)!;
  if (PICTOGRAPHIC.test(grapheme) && (code >= 0x1f000 || grapheme.includes('\ufe0f'))) return 2;
  const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
    || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** The text cut to `width` terminal columns, ending in … when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const next = graphemeWidth(segment);
    if (used + next > width - 1) break;
    out += segment;
    used += next;
  }
  return `${out}…`;
}
