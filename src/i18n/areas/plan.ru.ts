// Русский текст области plan (те же ключи, что в plan.en.ts).
import type { planEn } from './plan.en.js';

export const planRu: typeof planEn = {
  planSheetChanges: 'Изменения',
  planSheetInvalid: 'Ошибки в строках',
  planColumns: { row: 'Строка', person: 'Сотрудник', action: 'Действие', field: 'Поле', before: 'Было', after: 'Станет' },
  planInvalidColumns: { row: 'Строка', person: 'Сотрудник', reason: 'Причина' },
  planSummaryAction: 'запланировано',
  planSummaryCount: 'количество',
  planSummaryWarning: 'предупреждение',
  planSummaryInput: 'входной файл',
  planSummaryCreated: 'план составлен',
  planNewUser: 'новый сотрудник',
  planTag: (name) => `тег «${name}»`,
  planTagsSheetRow: (row, tagId) => `лист Tags, строка ${row}, тег ${tagId}`,
};
