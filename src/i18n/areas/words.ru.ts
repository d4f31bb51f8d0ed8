// Русский текст области words (те же ключи, что в words.en.ts).
import type { wordsEn } from './words.en.js';
import { plural } from '../plural.js';

export const wordsRu: typeof wordsEn = {
  people: (count) => plural('ru', count, { one: 'сотрудник', few: 'сотрудника', many: 'сотрудников', other: 'сотрудника' }),
  rows: (count) => plural('ru', count, { one: 'строка', few: 'строки', many: 'строк', other: 'строки' }),
  changes: (count) => plural('ru', count, { one: 'изменение', few: 'изменения', many: 'изменений', other: 'изменения' }),

  results: {
    created: 'создан', updated: 'изменён', renamed: 'переименован', unchanged: 'без изменений', suspended: 'заблокирован', restored: 'восстановлен',
    deleted: 'удалён', 'status set': 'статус установлен', 'status cleared': 'статус снят', skipped: 'пропущен', invalid: 'ошибка в строке', failed: 'не выполнено',
  },
  actions: {
    'create-tag': 'создать тег', 'rename-tag': 'переименовать тег', 'delete-tag': 'удалить тег', create: 'создать', update: 'изменить', unchanged: 'без изменений',
    suspend: 'заблокировать', restore: 'восстановить', delete: 'удалить', 'set-status': 'установить статус', 'clear-status': 'снять статус', skip: 'пропустить', invalid: 'ошибка в строке',
  },
  actionOffboard: 'увольнение',
  yes: 'да',
  no: 'нет',
  none: '(пусто)',
};
