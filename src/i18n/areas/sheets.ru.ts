// Почему файл не читается как таблица (src/sheets): те же ключи, что в sheets.en.ts.
import type { sheetsEn } from './sheets.en.js';

/** Большие числа по-русски: 16 384. */
const count = (value: number): string => value.toLocaleString('ru-RU');

export const sheetsRu: typeof sheetsEn = {
  sheetNotAFile: (label) => `${label}: это не файл`,
  sheetNotFound: (path) => `${path}: файл не найден`,
  sheetCannotOpen: (path, code) => `${path}: файл не открывается (${code})`,
  sheetEmpty: (label) => `${label}: файл пустой`,
  sheetEmptySheet: (label, sheet) => `${label}: файл пустой (лист «${sheet}»)`,
  sheetTooBig: (label, mb, limitMb) => `${label}: файл занимает ${mb} МБ; файлы больше ${limitMb} МБ не принимаются (разделите его)`,
  sheetZipBroken: (label) => `${label}: файл повреждён или обрезан (неполный архив zip/xlsx)`,
  sheetOds: (label) => `${label}: таблицы OpenDocument (.ods) не поддерживаются; сохраните файл как .xlsx или .csv`,
  sheetZipNotWorkbook: (label) => `${label}: это архив zip, а не книга Excel; сохраните таблицу как .xlsx или .csv`,
  sheetZipTooBig: (label, mb, limitMb) => `${label}: в распакованном виде книга занимает ${mb} МБ; больше ${limitMb} МБ не принимается`,
  sheetZipDamaged: (label) => `${label}: книга повреждена (испорчены данные внутри архива); откройте её в Excel и сохраните заново`,
  sheetBinaryXls: (label) => `${label}: это старый двоичный файл Excel; сохраните его как .xlsx или .csv`,
  sheetNotXlsxNorCsv: (label) => `${label}: файл повреждён (это не книга .xlsx и не текстовый CSV)`,
  sheetEncrypted: (label) => `${label}: книга защищена паролем (зашифрована); откройте её в Excel, снимите пароль (Файл > Сведения > Защита книги > Зашифровать с использованием пароля, очистите поле) и сохраните заново`,
  sheetOldXls: (label) => `${label}: это старый формат Excel (.xls, Excel 97-2003), он не читается; откройте файл в Excel и сохраните как .xlsx (Файл > Сохранить как > Книга Excel (*.xlsx)) или как CSV UTF-8`,
  sheetTooManyColumns: (label, row, columns, max) => `${label}: в строке заголовка (строка ${row}) столбцов: ${count(columns)}; больше ${count(max)} (предел Excel) не принимается`,
  sheetCellTooLong: (label, row, header, length, max) => `${label}: строка ${row}, столбец «${header}»: в ячейке ${count(length)} символов; ячейки длиннее ${count(max)} не принимаются`,
  sheetTooManyRows: (label, max) => `${label}: строк больше ${count(max)}; разделите файл`,
  sheetNoDataRows: (label, headerRow) => `${label}: нет строк с данными (только заголовок в строке ${headerRow})`,
  sheetWorkbookCorrupt: (label, message) => `${label}: книга повреждена и не читается (${message})`,
  sheetNoSuchSheet: (label, sheet, names) => `${label}: нет листа «${sheet}» (листы: ${names})`,
  csvNulBytes: (label) => `${label}: это не текстовый файл (в нём есть байты NUL); сохраните таблицу как .xlsx или как CSV в UTF-8 (для UTF-16 без BOM укажите --encoding utf-16le)`,
  csvDelimiterBad: (label, value) => `${label}: --delimiter — это один символ, например "," ";" "tab" "|" (указано "${value}")`,
  csvEncodingUnknown: (label, encoding) => `${label}: неизвестная кодировка --encoding "${encoding}" (укажите utf-8, utf-16le, utf-16be или windows-1251)`,
  csvBinary: (label) => `${label}: это не похоже на текстовый CSV (двоичные данные); сохраните таблицу как .xlsx или CSV`,
  csvNotInEncoding: (label, encoding) => `${label}: текст не в кодировке ${encoding}; уберите --encoding, чтобы кодировка определилась сама, или укажите другую`,
  csvMixedEncoding: (label, row, encoding) =>
    `${label}: в строке ${row} есть байты, неверные для ${encoding}; начало файла похоже на ${encoding}, так что в файле, видимо, смешаны кодировки. Сохраните его заново в UTF-8 или укажите кодировку через --encoding (например, windows-1251)`,
  csvQuoteNotClosed: (label, row) => `${label}: строка ${row}: значение начинается с кавычки ("), которая нигде не закрыта, и весь остаток файла стал бы одной ячейкой; закройте или уберите кавычку`,
  csvParse: (label, row, message) => `${label}: CSV не разбирается в строке ${row}: ${message}`,
};
