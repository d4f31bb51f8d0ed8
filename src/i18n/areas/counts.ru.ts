// Числа, счётчики и время в выводе запуска (те же ключи, что в counts.en.ts): счётчик — «подпись: число».
import { duration, type countsEn } from './counts.en.js';
import { ruNumber, ruOneDecimal } from '../ru-numbers.js';

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

export const countsRu: typeof countsEn = {
  countResult: (result, count) => `${RESULT_LABELS[result] ?? result}: ${ruNumber(count)}`,
  countAction: (kind, count) => `${ACTION_LABELS[kind] ?? kind}: ${ruNumber(count)}`,
  decimal: (value) => ruOneDecimal(value),
  timeLeft: (seconds) => duration(seconds, 'ч', 'мин', 'с', ' '),
};
