// Why a file cannot be read as a sheet (src/sheets): each names the file and says what to do.

/** Big counts as the message's language writes them (16,384 / 16 384). */
const count = (value: number): string => value.toLocaleString('en-US');

export const sheetsEn = {
  sheetNotAFile: (label: string) => `${label}: not a file`,
  sheetNotFound: (path: string) => `${path}: file not found`,
  sheetCannotOpen: (path: string, code: string) => `${path}: cannot open the file (${code})`,
  sheetEmpty: (label: string) => `${label}: the file is empty`,
  sheetEmptySheet: (label: string, sheet: string) => `${label}: the file is empty (sheet "${sheet}")`,
  sheetTooBig: (label: string, mb: number, limitMb: number) => `${label}: the file is ${mb} MB; files over ${limitMb} MB are refused (split it)`,
  sheetZipBroken: (label: string) => `${label}: the file is corrupt or truncated (not a complete zip/xlsx archive)`,
  sheetOds: (label: string) => `${label}: OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx or .csv`,
  sheetZipNotWorkbook: (label: string) => `${label}: this is a zip archive, not an Excel workbook; save the sheet as .xlsx or .csv`,
  sheetZipTooBig: (label: string, mb: number, limitMb: number) => `${label}: the workbook expands to ${mb} MB when unpacked; over ${limitMb} MB is refused`,
  sheetZipDamaged: (label: string) => `${label}: the workbook is corrupt (damaged data inside the archive); open it in Excel and save it again`,
  sheetBinaryXls: (label: string) => `${label}: this is an old binary Excel file; save it as .xlsx or .csv`,
  sheetNotXlsxNorCsv: (label: string) => `${label}: the file is corrupt (not a valid .xlsx workbook, nor a text CSV)`,
  sheetEncrypted: (label: string) => `${label}: this workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again`,
  sheetOldXls: (label: string) => `${label}: this is the old Excel format (.xls, Excel 97-2003), which is not read; open it in Excel and save it as .xlsx (File > Save As > Excel Workbook (*.xlsx)) or as CSV UTF-8`,
  sheetTooManyColumns: (label: string, row: number, columns: number, max: number) => `${label}: the header row (row ${row}) has ${count(columns)} columns; more than ${count(max)} (Excel's limit) are refused`,
  sheetCellTooLong: (label: string, row: number, header: string, length: number, max: number) => `${label}: row ${row}, column "${header}": the cell holds ${count(length)} characters; cells over ${count(max)} are refused`,
  sheetTooManyRows: (label: string, max: number) => `${label}: more than ${count(max)} rows; split the file`,
  sheetNoDataRows: (label: string, headerRow: number) => `${label}: no data rows (only a header at row ${headerRow})`,
  sheetWorkbookCorrupt: (label: string, message: string) => `${label}: the workbook is corrupt and cannot be read (${message})`,
  sheetNoSuchSheet: (label: string, sheet: string, names: string) => `${label}: no sheet named "${sheet}" (sheets: ${names})`,
  csvNulBytes: (label: string) => `${label}: not a text file (it contains NUL bytes); save the sheet as .xlsx or as CSV in UTF-8 (for UTF-16 without a BOM pass --encoding utf-16le)`,
  csvDelimiterBad: (label: string, value: string) => `${label}: --delimiter must be one character such as "," ";" "tab" "|" (got "${value}")`,
  csvEncodingUnknown: (label: string, encoding: string) => `${label}: unknown --encoding "${encoding}" (use utf-8, utf-16le, utf-16be or windows-1251)`,
  csvBinary: (label: string) => `${label}: this does not look like a text CSV file (binary content); save the sheet as .xlsx or CSV`,
  csvNotInEncoding: (label: string, encoding: string) => `${label}: the text is not valid ${encoding}; leave out --encoding to detect it, or name another`,
  csvMixedEncoding: (label: string, row: number, encoding: string) =>
    `${label}: row ${row} has bytes that are not valid ${encoding}; the file's start looked like ${encoding}, so it may mix encodings. Save it again as UTF-8, or name the encoding with --encoding (e.g. windows-1251)`,
  csvQuoteNotClosed: (label: string, row: number) => `${label}: row ${row}: a value opens with a quote (") that is never closed, so the rest of the file would be one cell; close or remove the quote`,
  csvParse: (label: string, row: number, message: string) => `${label}: cannot parse CSV at row ${row}: ${message}`,
};
