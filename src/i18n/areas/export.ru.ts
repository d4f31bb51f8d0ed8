// Слова выгрузки (те же ключи, что в export.en.ts). Заголовки — те, что импорт читает как синонимы.
import type { exportEn } from './export.en.js';

export const exportRu: typeof exportEn = {
  exportUsersSheet: 'Сотрудники',
  exportColumns: {
    email: 'Почта', first_name: 'Имя', last_name: 'Фамилия', nickname: 'Никнейм', phone_number: 'Телефон',
    department: 'Отдел', title: 'Должность', role: 'Роль', tags: 'Теги', suspended: 'Заблокирован',
    status_emoji: 'Эмодзи статуса', status_title: 'Текст статуса', status_expires_at: 'Статус до', status_is_away: 'Нет на месте',
    status_away_message: 'Сообщение об отсутствии',
    id: 'ID', invite_status: 'Приглашение', bot: 'Бот', sso: 'SSO', created_at: 'Создан', last_activity_at: 'Последняя активность',
    time_zone: 'Часовой пояс', inviter_id: 'ID пригласившего', inviter: 'Пригласил',
  },
  exportSummary: {
    exportedAt: 'выгружено', apiUrl: 'адрес API', filters: 'отбор', none: 'нет', users: 'выгружено сотрудников', usersInDirectory: 'сотрудников в справочнике',
    botsExcluded: 'ботов не выгружено', suspended: 'выгружено заблокированных', pendingInvites: 'выгружено неприглашённых до конца', tags: 'тегов',
    memberships: 'строк состава тегов', customProperties: 'дополнительных полей',
  },
  exportDone: (users, inDirectory, bots, tags, memberships) =>
    `Выгружено сотрудников: ${users} (из ${inDirectory} в справочнике${bots ? `; ботов не выгружено: ${bots}` : ''}), тегов: ${tags}, строк состава тегов: ${memberships}.`,
  exportRequests: (requests) => `Запросов к API: ${requests}.`,
  exportInviteStatus: (status) => ({ confirmed: 'принято', sent: 'отправлено' })[status] ?? status,
};
