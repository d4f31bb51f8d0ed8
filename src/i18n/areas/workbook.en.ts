// Words and formats of the workbooks and CSV files with times (--tz): the zone flag's help and
// error, and how a date cell shows its time.

export const workbookEn = {
  /** Excel's number format for date-time cells (the cell holds the exact time; this is how it shows). */
  excelDateTimeFormat: 'yyyy-mm-dd hh:mm',
  helpTimeZone: 'time zone of the times in the files written (an IANA name such as Europe/Moscow; named in each time column\'s header)',
  errTimeZone: (given: string) => `--tz: "${given}" is not a time zone; give an IANA name such as Europe/Moscow, Asia/Yekaterinburg or UTC`,
};
