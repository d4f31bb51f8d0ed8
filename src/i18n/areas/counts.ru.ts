// Числа, счётчики и время в выводе запуска (те же ключи, что в counts.en.ts): счётчик — «подпись: число».
import { duration, type countsEn } from './counts.en.js';

const RESULT_LABELS: Record<string, string> = {
  created: 'создано', updated: 'изменено', renamed: 'переименовано', unchanged: 'без изменений', suspended: 'заблокировано',
  restored: 'восстановлено', deleted: 'удалено', 'status set': 'статусов установлено', 'status cleared': 'статусов снято',
  skipped: 'пропущено', invalid: 'строк с ошибками', failed: 'не выполнено',
};
const ACTION_LABELS: Record<string, string> = {
  'create-tag': 'создание тегов', 'rename-tag': 'переименование тегов', 'delete-tag': 'удаление тегов', create: 'создание',
  update: 'изменение', unchanged: 'без изменений', suspend: 'блокировка', restore: 'восстановление', delete: 'удаление',
  'set-status': 'установка статуса', 'clear-status': 'снятие статуса', skip: 'пропуск', invalid: 'строки с ошибками',
};
/** A number format made on first use: the first Intl.NumberFormat of a run costs ~15 ms (ICU data), which an English run need not pay at start. */
function numberFormat(options: Intl.NumberFormatOptions = {}): { format(value: number): string } {
  let made: Intl.NumberFormat | undefined;
  return { format: (value) => (made ??= new Intl.NumberFormat('ru-RU', options)).format(value) };
}
const ONE_DECIMAL = numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
const WHOLE = numberFormat();

export const countsRu: typeof countsEn = {
  countResult: (result, count) => `${RESULT_LABELS[result] ?? result}: ${WHOLE.format(count)}`,
  countAction: (kind, count) => `${ACTION_LABELS[kind] ?? kind}: ${WHOLE.format(count)}`,
  decimal: (value) => ONE_DECIMAL.format(value),
  timeLeft: (seconds) => duration(seconds, 'ч', 'мин', 'с', ' '),
};
