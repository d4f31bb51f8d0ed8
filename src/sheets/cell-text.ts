// Cell values as a person sees them, shared by the readers and the writers.

/** '2024-01-05' for a date at midnight UTC, the full ISO timestamp (no milliseconds) otherwise. */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, 'Z');
}

/**
 * A date cell's wall-clock time with no zone, to the second (Excel stores days as fractions, so
 * 10:30 is not read as 10:29:59.999): '2026-04-01' at midnight, else '2026-04-01 10:30:00'.
 */
export function dateCellText(date: Date): string {
  const iso = new Date(Math.round(date.getTime() / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** 79161234567 -> '79161234567', 1.5 -> '1.5', 0.1 + 0.2 -> '0.3': no '.0', no exponent. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Days between 1899-12-30 (Excel's day zero, counting its 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

/** An Excel serial day number (1900 system) as a UTC date, rounded to the second. */
export function excelSerialToDate(serial: number): Date {
  const ms = Math.round(((serial - EXCEL_EPOCH_OFFSET_DAYS) * MS_PER_DAY) / 1000) * 1000;
  return new Date(ms);
}

// OOXML keeps characters XML cannot carry as _xHHHH_ (a raw CR would read back as LF, and other
// control characters make the file invalid); a literal "_xHHHH_" in the text is escaped in turn
// as _x005F_xHHHH_. Excel reads and writes this form; exceljs does neither, so we do.
const OOXML_ESCAPE = /_x[0-9A-Fa-f]{4}_|[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const OOXML_UNESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function escapeOoxmlText(text: string): string {
  return text.replace(OOXML_ESCAPE, (match) =>
    match.length > 1 ? `_x005F${match}` : `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

export function unescapeOoxmlText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(OOXML_UNESCAPE, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** 1 -> 'A', 27 -> 'AA': the column letters Excel shows. */
export function excelColumnLetter(columnNumber: number): string {
  let letters = '';
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** What JavaScript's \s and trim() count as white space, by character code. */
export function isWhitespaceCode(code: number): boolean {
  if (code > 0x20 && code < 0xa0) return false;
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680
    || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f
    || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** text.trim() === '' without making the trimmed copy. */
export function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (!isWhitespaceCode(text.charCodeAt(index))) return false;
  return true;
}

/**
 * A copy of text cut from a larger string. V8 keeps such a cut as a view of the whole (from
 * 13 characters up), so a 100,000-row sheet held for the report would keep every chunk it
 * was read from, tens of MB. A copy holds only its own characters.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

/** Characters that make a spreadsheet program treat a CSV cell as a formula. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * CSV injection guard: text a spreadsheet would run as a formula gets a leading
 * apostrophe. The CSV reader strips it again (see restoreNeutralized), so an
 * export re-imports exactly ('+79161234567' reads back as '+79161234567').
 */
export function neutralizeFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

/** Reader side of neutralizeFormula: "'=x" -> "=x"; a lone apostrophe elsewhere is kept. */
export function restoreNeutralized(text: string): string {
  return text.length > 1 && text.charCodeAt(0) === 0x27 && FORMULA_TRIGGERS.has(text[1]!) ? text.slice(1) : text;
}
