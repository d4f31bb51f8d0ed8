// Вывод команды validate (те же ключи, что в validate.en.ts).
import type { validateEn } from './validate.en.js';

export const validateRu: typeof validateEn = {
  validateTab: 'табуляция',
  validateFormatCsv: (encoding, delimiter) => `CSV, кодировка ${encoding}, разделитель ${delimiter}`,
  validateFormatXlsx: (sheet) => `XLSX, лист «${sheet}»`,
  validateDetected: (file, format, headerRow) => `${file}: ${format}, заголовок в строке ${headerRow}`,
  validateColumns: 'Колонки:',
  validateUnknownColumn: '? (неизвестная; возможно, дополнительное поле)',
  validateIgnoredColumn: '(не используется)',
  validateCounts: (rows, valid, invalid, warnings) => `Строк: ${rows}, верных: ${valid}, с ошибками: ${invalid}, предупреждений: ${warnings}`,
  validateError: 'ошибка        ',
  validateWarningWord: 'предупреждение',
  validateRow: (row) => `строка ${row}`,
  validateFile: 'файл',
  validateColumn: (column) => `, колонка «${column}»`,
  validateValue: (value) => ` (значение «${value}»)`,
  validateKindColumn: (column) => `колонка «${column}»: `,
  validateKindRows: (rows, more) => `(строки ${rows}${more > 0 ? `, … и ещё ${more}` : ''})`,
  validateIssuesByKind: (count) => `Замечания по видам (всего ${count}):`,
  validateFirstIssues: (count) => `Первые ${count} замечаний:`,
  validateMoreIssues: (count) => `  … и ещё ${count} (--json выводит все)`,
  validateIssues: 'Замечания:',
};
