// Отказы и заметки планировщика в виде ошибок (те же ключи, что в syncErrors.en.ts).
import { plural } from '../plural.js';
import type { syncErrorsEn } from './syncErrors.en.js';

const show = (value: string | null): string => (value === null ? '(пусто)' : `«${value}»`);

export const syncErrorsRu: typeof syncErrorsEn = {
  conflictsHeader: (count, preferSheet) =>
    `Конфликты (${count}): изменено и в таблице, и в Пачке после выгрузки; ${preferSheet ? 'применяются значения из таблицы (--prefer-sheet)' : 'остаются значения Пачки (--prefer-sheet применит значения из таблицы)'}:`,
  conflictsLine: (field, exported, pachca, sheet) => `${field}: в выгрузке ${show(exported)}, в Пачке сейчас ${show(pachca)}, в таблице ${show(sheet)}`,
  conflictsMoreRows: (count) => `  ... и ещё строк: ${count}, см. plan.json`,
  suspendTooMany: (missing, active, maxSuspend, limit) =>
    `--suspend-missing заблокировал бы ${missing} из ${plural('ru', active, { one: 'активного сотрудника', other: 'активных сотрудников' })} — больше, чем --max-suspend ${maxSuspend} (${limit}); проверьте, что в таблице есть все, или увеличьте --max-suspend, если так и задумано`,
  exportNoTag: (tag) => `--tag: в справочнике нет тега «${tag}»`,
  exportNoMatch: (filters, botsLeftOut) =>
    `никто не подходит под ${filters.join(' и ')}${botsLeftOut ? ' (боты не учитываются; --include-bots учтёт их)' : ''}; ничего не записано`,
  matchIdNoColumn: (file) => `${file}: для --match id нужна колонка id (её пишет выгрузка); в этой таблице её нет`,
  matchNoProperty: (option, name, known) => `--match ${option}: в Пачке нет дополнительного поля «${name}» (есть: ${known.join(', ') || 'нет ни одного'})`,
  matchNoColumn: (file, option, name) => `${file}: --match ${option}: в таблице нет колонки «${name}» (или укажите --map "Заголовок=custom:${name}")`,
  photosKeyNoColumn: (key, columns) => `--photos-key «${key}»: в таблице нет такой колонки (её колонки: ${columns})`,
};
