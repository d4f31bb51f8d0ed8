// Почему файл таблицы не прочитать (те же ключи, что в sheets.en.ts).
import type { sheetsEn } from './sheets.en.js';

export const sheetsRu: typeof sheetsEn = {
  sheetNotAFile: (label) => `${label}: это не файл`,
  sheetNotFound: (path) => `${path}: такого файла нет`,
  sheetCannotOpen: (path, code) => `${path}: не удаётся открыть файл (${code})`,
  sheetEmpty: (label) => `${label}: файл пустой`,
  sheetTooBig: (label, megabytes, limit) => `${label}: файл занимает ${megabytes} МБ; файлы больше ${limit} МБ не принимаются (разделите его)`,
  sheetZipTruncated: (label) => `${label}: файл повреждён или обрезан (неполный архив zip/xlsx)`,
  sheetOds: (label) => `${label}: таблицы OpenDocument (.ods) не поддерживаются; сохраните её как .xlsx или .csv`,
  sheetZipNotWorkbook: (label) => `${label}: это zip-архив, а не книга Excel; сохраните таблицу как .xlsx или .csv`,
  sheetExpandsTooMuch: (label, megabytes, limit) => `${label}: в распакованном виде книга занимает ${megabytes} МБ; больше ${limit} МБ не принимается`,
  sheetZipDamaged: (label) => `${label}: книга повреждена (испорчены данные внутри архива); откройте её в Excel и сохраните заново`,
  sheetXls: (label) => `${label}: это старый двоичный файл Excel; сохраните его как .xlsx или .csv`,
  sheetNotXlsxNorCsv: (label) => `${label}: файл повреждён (это не книга .xlsx и не текстовый CSV)`,
  sheetEncrypted: (label) => `${label}: книга защищена паролем (зашифрована); откройте её в Excel, снимите пароль (Файл > Сведения > Защита книги > Зашифровать с использованием пароля, очистите поле) и сохраните заново`,
  sheetOldExcel: (label) => `${label}: это старый формат Excel (.xls, Excel 97-2003), он не читается; откройте файл в Excel и сохраните как .xlsx (Файл > Сохранить как > Книга Excel (*.xlsx)) или как CSV UTF-8`,
  sheetEmptySheet: (label, sheet) => `${label}: файл пустой (лист «${sheet}»)`,
  sheetTooManyColumns: (label, row, columns, limit) => `${label}: в строке заголовков (строка ${row}) колонок: ${columns}; больше ${limit} (предел Excel) не принимается`,
  sheetCellTooLong: (label, row, header, length, limit) => `${label}: строка ${row}, колонка «${header}»: в ячейке ${length} симв.; ячейки длиннее ${limit} симв. не принимаются`,
  sheetTooManyRows: (label, limit) => `${label}: больше ${limit} строк; разделите файл`,
  sheetNoDataRows: (label, headerRow) => `${label}: нет строк с данными (только заголовок в строке ${headerRow})`,
  sheetCorruptWorkbook: (label, reason) => `${label}: книга повреждена, её не прочитать (${reason})`,
  sheetNoSuchSheet: (label, sheet, names) => `${label}: нет листа «${sheet}» (листы: ${names})`,
};
