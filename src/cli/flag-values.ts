// Checking flag values while yargs parses (as `coerce` functions), so a bad value fails the
// parse itself and no command handler ever runs with it.
import { en, type Say } from '../i18n/catalog.js';

/** A bad flag value or combination: the parse fails with this message (said in the reader's language when a `Say`), exit 2. */
export class FlagError extends Error {
  readonly say: Say | undefined;

  constructor(message: string | Say) {
    super(typeof message === 'string' ? message : message(en));
    this.say = typeof message === 'string' ? undefined : message;
    this.name = 'FlagError';
    lastFlagError = this;
  }
}

/**
 * yargs rethrows an error from a `coerce` as a new error with only its message, so the words to
 * say are looked up by that message: the last FlagError thrown (the parse stops at the first).
 */
let lastFlagError: FlagError | undefined;

export function sayOfFlagError(error: Error | undefined): Say | undefined {
  if (error instanceof FlagError) return error.say;
  return error && lastFlagError && lastFlagError.message === error.message ? lastFlagError.say : undefined;
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

/** The flag's value, once: a flag given twice (`--out a --out b`) is refused, not silently resolved. */
export function single<T>(flag: string, value: T | T[]): T {
  if (Array.isArray(value)) throw new FlagError((t) => t.errGivenTimes(flag, value.length));
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
      throw new FlagError((t) => t.errNumberRange(flag, range.integer, range.min, range.max, range.aboveMin === true, range.unit, text));
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
    if (text.trim() === '') throw new FlagError((t) => t.errNeedsPath(flag));
    if (text === '-') throw new FlagError((t) => t.errNoStdout(flag));
    return text;
  };
}

/** yargs reads a lone "-" positional as "": either way no file was named. */
export const NO_STDIN: Say = (t) => t.errNoStdin;
