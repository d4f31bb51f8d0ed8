// Названия полей и столбцов, которых нет среди столбцов выгрузки (те же ключи, что в fields.en.ts):
// те заголовки, что пишет шаблон и читает импорт, или просто слово.
import type { fieldsEn } from './fields.en.js';

export const fieldsRu: typeof fieldsEn = {
  fieldNames: {
    chats: 'Чаты', photo: 'Фото', tag: 'Тег', user: 'Сотрудник', status: 'Статус',
    middle_name: 'Отчество', full_name: 'ФИО', chat_ids: 'ID чатов', action: 'Действие',
  },
};
