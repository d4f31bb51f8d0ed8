// validate's printed result (src/cli/commands/validate.ts; --json stays English).

export const validateEn = {
  validateTab: 'tab',
  validateFormatCsv: (encoding: string, delimiter: string) => `CSV, encoding ${encoding}, delimiter ${delimiter}`,
  validateFormatXlsx: (sheet: string) => `XLSX, sheet "${sheet}"`,
  validateDetected: (file: string, format: string, headerRow: number) => `${file}: ${format}, header at row ${headerRow}`,
  validateColumns: 'Columns:',
  validateUnknownColumn: '? (unknown; possible custom property)',
  validateIgnoredColumn: '(ignored)',
  validateCounts: (rows: number, valid: number, invalid: number, warnings: number) => `Rows: ${rows}, valid: ${valid}, invalid: ${invalid}, warnings: ${warnings}`,
  validateError: 'error  ',
  validateWarningWord: 'warning',
  validateRow: (row: number) => `row ${row}`,
  validateFile: 'file',
  validateColumn: (column: string) => `, column "${column}"`,
  validateValue: (value: string) => ` (value "${value}")`,
  validateKindColumn: (column: string) => `column "${column}": `,
  validateKindRows: (rows: string, more: number) => `(rows ${rows}${more > 0 ? `, … ${more} more` : ''})`,
  validateIssuesByKind: (count: number) => `Issues by kind (${count} in all):`,
  validateFirstIssues: (count: number) => `First ${count} issues:`,
  validateMoreIssues: (count: number) => `  … and ${count} more (--json lists every issue)`,
  validateIssues: 'Issues:',
};
