// exceljs, loaded on first use: it is most of the tool's start-up time (about 1,000 files of
// CommonJS), and a CSV import or an export needs it only once the first requests are on their way.
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

export type { ExcelJSModule };

let loaded: typeof ExcelJSModule | undefined;

export function excelJs(): typeof ExcelJSModule {
  loaded ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
  return loaded;
}
