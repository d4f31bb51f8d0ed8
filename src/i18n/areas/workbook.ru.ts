// Слова и форматы книг и CSV-файлов со временем (--tz); ключи те же, что в workbook.en.ts.
import type { workbookEn } from './workbook.en.js';

export const workbookRu: typeof workbookEn = {
  excelDateTimeFormat: 'dd.mm.yyyy hh:mm',
  helpTimeZone: 'часовой пояс времени в записанных файлах (имя IANA, например Europe/Moscow; указан в заголовке каждого столбца со временем)',
  errTimeZone: (given) => `--tz: «${given}» — не часовой пояс; укажите имя IANA, например Europe/Moscow, Asia/Yekaterinburg или UTC`,
};
