// What the sheet reader gives: the file's detected shape and its rows as a person sees them.

/** What the sheet reader detected about a file. */
export interface SheetDetected {
  file: string;
  format: 'csv' | 'xlsx';
  /** CSV only: 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1251'. */
  encoding?: string;
  /** CSV only. */
  delimiter?: string;
  /** XLSX only: the sheet read. */
  sheet?: string;
  /** 1-based row number of the header as a person sees it in Excel. */
  headerRow: number;
  /** Header cells in file order, as written in the file. */
  headers: string[];
}

/** One data row. `rowNumber` is 1-based as seen in Excel, counting title rows. */
export interface Row {
  rowNumber: number;
  /** Header as written in the file -> cell text as a person sees it. */
  cells: ReadonlyMap<string, string>;
  /** Cells with text that no header names (not read); absent on almost every row. */
  stray?: RowStray;
}

export interface RowStray {
  /** 1-based column numbers (A = 1) and texts (cut to 100 characters). */
  cells: ReadonlyArray<{ column: number; value: string }>;
  /** CSV only, when the line has more fields than the header line: both counts. */
  fieldCount?: number;
  headerFieldCount?: number;
}

/** A whole sheet read into memory. */
export interface NamedSheet {
  detected: SheetDetected;
  rows: Row[];
}
