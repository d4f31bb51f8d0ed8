// Why a sheet file cannot be read (src/sheets/read.ts, ole.ts): said to the person who gave it.
export const sheetsEn = {
  sheetNotAFile: (label: string) => `${label}: not a file`,
  sheetNotFound: (path: string) => `${path}: file not found`,
  sheetCannotOpen: (path: string, code: string) => `${path}: cannot open the file (${code})`,
  sheetEmpty: (label: string) => `${label}: the file is empty`,
  sheetTooBig: (label: string, megabytes: number, limit: number) => `${label}: the file is ${megabytes} MB; files over ${limit} MB are refused (split it)`,
  sheetZipTruncated: (label: string) => `${label}: the file is corrupt or truncated (not a complete zip/xlsx archive)`,
  sheetOds: (label: string) => `${label}: OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx or .csv`,
  sheetZipNotWorkbook: (label: string) => `${label}: this is a zip archive, not an Excel workbook; save the sheet as .xlsx or .csv`,
  sheetExpandsTooMuch: (label: string, megabytes: number, limit: number) => `${label}: the workbook expands to ${megabytes} MB when unpacked; over ${limit} MB is refused`,
  sheetZipDamaged: (label: string) => `${label}: the workbook is corrupt (damaged data inside the archive); open it in Excel and save it again`,
  sheetXls: (label: string) => `${label}: this is an old binary Excel file; save it as .xlsx or .csv`,
  sheetNotXlsxNorCsv: (label: string) => `${label}: the file is corrupt (not a valid .xlsx workbook, nor a text CSV)`,
  sheetEncrypted: (label: string) => `${label}: this workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again`,
  sheetOldExcel: (label: string) => `${label}: this is the old Excel format (.xls, Excel 97-2003), which is not read; open it in Excel and save it as .xlsx (File > Save As > Excel Workbook (*.xlsx)) or as CSV UTF-8`,
};
