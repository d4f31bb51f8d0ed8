// Checking flag values while yargs parses (as `coerce` functions), so a bad value fails the
// parse itself and no command handler ever runs with it.

/** A bad flag value or combination: the parse fails with this message, exit 2. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** The minimum itself is not allowed (e.g. a rate must be above 0). */
  aboveMin?: boolean;
  /** Unit for the message, e.g. "seconds". */
  unit?: string;
}

const WHOLE_NUMBER = /^\+?\d+$/;
const DECIMAL_NUMBER = /^\+?(\d+(\.\d*)?|\.\d+)$/;

function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'a whole number' : 'a number';
  const bounds = range.aboveMin ? `above ${range.min}, at most ${range.max}` : `from ${range.min} to ${range.max}`;
  return `${kind} ${bounds}${range.unit ? ` (${range.unit})` : ''}`;
}

/** The flag's value, once: a flag given twice (`--out a --out b`) is refused, not silently resolved. */
export function single<T>(flag: string, value: T | T[]): T {
  if (Array.isArray(value)) throw new FlagError(`--${flag} is given ${value.length} times; give it once`);
  return value;
}

/**
 * A `coerce` for a numeric flag: accepts plain decimal text within the range (no "1e10", no
 * "0x10", no NaN) and gives the number. Defaults (already numbers) pass through the same check.
 */
export function numberFlag(flag: string, range: NumberRange): (value: unknown) => number | undefined {
  return (given: unknown) => {
    const value = single(flag, given);
    if (value === undefined) return undefined;
    const text = String(value).trim();
    const number = (range.integer ? WHOLE_NUMBER : DECIMAL_NUMBER).test(text) ? Number(text) : Number.NaN;
    const tooLow = range.aboveMin ? number <= range.min : number < range.min;
    if (!Number.isFinite(number) || tooLow || number > range.max) {
      throw new FlagError(`--${flag} must be ${describeRange(range)}, not "${text}"`);
    }
    return number;
  };
}

/** A `coerce` for a path flag (file or folder) given at most once; `-` (standard output) is refused. */
export function fileFlag(flag: string): (value: unknown) => string | undefined {
  return (given: unknown) => {
    const value = single(flag, given);
    if (value === undefined) return undefined;
    const text = String(value);
    if (text.trim() === '') throw new FlagError(`--${flag} needs a path`);
    if (text === '-') throw new FlagError(`--${flag} -: standard output is not supported here; give a path`);
    return text;
  };
}

/** yargs reads a lone "-" positional as "": either way no file was named. */
export const NO_STDIN = 'name the sheet file (reading from standard input, "-", is not supported)';
