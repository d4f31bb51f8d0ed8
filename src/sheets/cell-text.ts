// Cell values as a person sees them, shared by the readers and the writers.

/** '2024-01-05' for a date at midnight UTC, the full ISO timestamp (no milliseconds) otherwise. */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, 'Z');
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
