// The validate use case: a sheet read and checked offline (nothing is sent), with the warnings
// the import plan would show for it.
import type { ValidatedSheet } from '../records/types.js';
import { readAndValidate } from '../records/validate.js';
import { sheetWarnings } from '../records/warnings.js';
import { emailOptionalFor, type MatchOption } from '../sync/match.js';
import type { SheetReadOptions } from './saved-plan.js';
import type { Lang } from '../i18n/lang.js';

export interface SheetCheck {
  sheet: ValidatedSheet;
  /** The warnings exactly as the import plan prints them (one shared list). */
  warnings: string[];
  /** Whether every row is valid. */
  valid: boolean;
}

/**
 * `match` is how the import would find the rows' people: with `id` or `custom:NAME` the e-mail
 * column is optional, read as the import reads it (a row without an e-mail is not invalid).
 * `lang`: the language of the issues' messages and the warnings (default English).
 */
export async function validateSheet(file: string, options: SheetReadOptions, how: { match?: MatchOption; lang?: Lang } = {}): Promise<SheetCheck> {
  const sheet = await readAndValidate(file, { ...options, ...(emailOptionalFor(how.match) ? { emailOptional: true } : {}), ...(how.lang ? { lang: how.lang } : {}) });
  return { sheet, warnings: sheetWarnings(sheet), valid: sheet.invalidRows.size === 0 };
}
