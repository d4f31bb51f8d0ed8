/** One row straight from a file: cell texts in column order, before the header is known. */
export interface RawRow {
  /** 1-based, as a person sees it (Excel row number / CSV record number). */
  rowNumber: number;
  values: string[];
}
