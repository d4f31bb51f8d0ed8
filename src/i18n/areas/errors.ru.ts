// Ошибки, которые читает человек (те же ключи, что в errors.en.ts).
import type { errorsEn } from './errors.en.js';
import { plural } from '../plural.js';

export const errorsRu: typeof errorsEn = {
  errGivenTimes: (flag, times) => `--${flag} указан ${plural('ru', times, { one: 'раз', few: 'раза', many: 'раз', other: 'раза' })}; укажите один раз`,
  errSwitchValue: (name, value) => `--${name} — флаг без значения (указано «${value}»); выключает его --no-${name}`,
  errNumberRange: (flag, integer, min, max, aboveMin, unit, given) =>
    `--${flag}: нужно ${integer ? 'целое число' : 'число'} ${aboveMin ? `больше ${min}, не больше ${max}` : `от ${min} до ${max}`}${unit ? ` (${unit})` : ''}, а не «${given}»`,
  errConcurrency: (given) => `--concurrency: нужно целое число от 1 до 1000 или auto, а не «${given}»`,
  errNeedsPath: (flag) => `--${flag}: нужен путь`,
  errNoStdout: (flag) => `--${flag} -: вывод в stdout здесь не поддерживается; укажите путь`,
  errNoStdin: 'укажите файл таблицы (чтение из стандартного ввода, «-», не поддерживается)',
  errNotUrl: (source, given, example) => `${source}: «${given}» — не адрес (нужно, например, ${example})`,
  errNotHttp: (source, given) => `${source}: «${given}» должен начинаться с http:// или https://`,
  errTokenFileUnreadable: (file, code) => `--token-file ${file}: не удалось прочитать файл${code ? ` (${code})` : ''}`,
  errTokenFileEmpty: (file) => `--token-file ${file}: файл пуст`,
  errNoToken: 'нет токена API: укажите --token-file ФАЙЛ, переменную PACHCA_TOKEN или --token (для изменений — личный токен владельца или администратора)',
  errNotPositive: (name, integer, given) => `${name}: нужно положительное ${integer ? 'целое число' : 'число'}, а не ${given}`,
  errTimeoutTooLong: (max, given) => `PACHCA_TIMEOUT: не больше ${max} секунд, а не ${given}`,
  errOutputIsFolder: (flag, path) => `${flag} ${path} — это папка; укажите файл`,
  errOutputExists: (path) => `${path} уже существует; чтобы заменить его, добавьте --force`,
  errOutputNoFolder: (flag, path, folder) => `${flag} ${path}: папки ${folder} нет`,
  errOutputIsFile: (flag, path) => `${flag} ${path} — это файл; укажите папку`,
  errImportNameFile: 'укажите файл для импорта или --resume ПАПКА, чтобы продолжить запуск',
  errImportFileAndResume: 'укажите либо файл, либо --resume ПАПКА, но не оба (папка запуска сама знает свой файл)',
  errImportOutAndResume: 'укажите либо --out ПАПКА, либо --resume ПАПКА, но не оба (продолжение пишет в папку самого запуска)',
  errRunFolderIsFile: (path) => `--out ${path} — это файл; --out задаёт папку запуска (она создаётся, если её нет)`,
  errNoSuchFile: (path) => `${path}: такого файла нет`,
  errApplyNameFolder: 'укажите папку сохранённого плана (--out ПАПКА команды plan ФАЙЛ --out ПАПКА)',
  errExportXlsxName: (path) => `--out ${path}: для выгрузки XLSX нужно имя файла с окончанием .xlsx (или --format csv с папкой)`,
  errExportDelimiter: (given) => `--delimiter: нужно "," ";" или "tab", а не «${given}»`,
  errUntilPast: (until) => `--until ${until}: это время уже прошло; укажите дату или время в будущем`,
  errTemplateName: (path) => `--out ${path}: имя файла шаблона должно оканчиваться на .xlsx или .csv`,
  errTemplateFormat: (path, format) => `--out ${path} не оканчивается на .${format}, как требует --format ${format}`,
  errAuditXlsxName: (path) => `--out ${path}: для книги проверки нужно имя файла с окончанием .xlsx`,
  errAuditSameFile: '--out и --html указывают на один и тот же файл',
};
