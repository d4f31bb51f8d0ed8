// The validate use case: a sheet read and checked offline (nothing is sent), with the warnings
// the import plan would show for it.
import type { ValidatedSheet } from '../records/types.js';
import { readAndValidate } from '../records/validate.js';
import { sheetWarnings } from '../records/warnings.js';
import type { SheetReadOptions } from './saved-plan.js';

export interface SheetCheck {
  sheet: ValidatedSheet;
  /** The warnings exactly as the import plan prints them (one shared list). */
  warnings: string[];
  /** Whether every row is valid. */
  valid: boolean;
}

export async function validateSheet(file: string, options: SheetReadOptions): Promise<SheetCheck> {
  const sheet = await readAndValidate(file, options);
  return { sheet, warnings: sheetWarnings(sheet), valid: sheet.invalidRows.size === 0 };
}
