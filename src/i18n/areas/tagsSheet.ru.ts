// Заметки и отказы листа «Теги» книги выгрузки (те же ключи, что в tagsSheet.en.ts).
import { plural } from '../plural.js';
import type { tagsSheetEn } from './tagsSheet.en.js';

export const tagsSheetRu: typeof tagsSheetEn = {
  tagsRowBadAction: (header, reason) => `${header}: ${reason}`,
  tagsRowSkip: 'действие — пропустить',
  tagsRowActionNotForTag: (header, action) => `${header}: действие ${action} к тегу не применяется (строка листа «Теги» переименовывает тег по ячейке названия, либо удаляет его или пропускает)`,
  tagsRowNotAnId: (header, given) => `${header}: «${given}» — не ID тега (оставьте ID, записанный выгрузкой)`,
  tagsRowNoId: (header) => `${header}: пусто; строка листа «Теги» меняет существующий тег по его ID (новые теги появляются из ячеек тегов сотрудников)`,
  tagsRowDuplicateId: (id, first) => `ID тега ${id}: повтор строки ${first}`,
  tagsRowAlreadyDeleted: 'в Пачке нет (уже удалён)',
  tagsRowDeleteNeedsFlag: 'для удаления нужен --allow-delete (удаление тега убирает его у всех участников)',
  tagsRowMembers: (count) => plural('ru', count, { one: 'участник', few: 'участника', many: 'участников', other: 'участника' }),
  tagsRowNoSuchTag: (header, id) => `${header}: в Пачке нет тега с ID ${id}`,
  tagsRowNoName: (header) => `${header}: пусто; впишите название тега (или удалите его в колонке действия)`,
  tagsRowNameAsExported: (now) => `название как в выгрузке; в Пачке тег с тех пор переименован в «${now}», это название остаётся`,
  tagsRowNameTooLong: (header, max) => `${header}: длиннее ${plural('ru', max, { one: 'символа', other: 'символов' })}`,
  tagsRowNameTaken: (header, holder, id) => `${header}: это название уже у тега «${holder}» (ID ${id}); названия тегов не повторяются`,
  tagsRowNameClaimed: (header, row, name) => `${header}: строка ${row} уже переименовывает тег в «${name}»`,
};
