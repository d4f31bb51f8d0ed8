// exceljs, loaded on first use: about 1,000 files of CommonJS, needed only for the hire template's
// styled workbook (the tool's other workbooks are written and read by our own code).
import type ExcelJSModule from 'exceljs';
import { lazyRequire } from '../lazy-require.js';

export type { ExcelJSModule };

export const excelJs = lazyRequire<typeof ExcelJSModule>('exceljs');
