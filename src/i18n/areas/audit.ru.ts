// Файлы проверки справочника и её итоги в терминале (те же ключи, что в audit.en.ts).
import type { auditEn } from './audit.en.js';

const SUSPENDED_IN_TAGS_FIX =
  'Как исправить: pachca-roster offboard ПОЧТА... (убирает из всех тегов, снимает статус, оставляет заблокированным) или pachca-roster import ШТАТ --suspend-missing --offboard со всем штатным списком.';

export const auditRu: typeof auditEn = {
  htmlLang: 'ru',
  auditFindings: {
    inactive: { title: 'Неактивные', description: (days) => `Активные учётные записи без активности больше ${days} дн. или ни разу не входившие и созданные больше ${days} дн. назад.` },
    pendingInvites: { title: 'Неприглашённые до конца', description: (_days) => 'Приглашение отправлено, но не принято (invite_status sent), сначала самые старые.' },
    suspendedInTags: { title: 'Заблокированные в тегах', description: (_days) => `Заблокированные учётные записи, которые всё ещё состоят в тегах. ${SUSPENDED_IN_TAGS_FIX}` },
    missingFields: { title: 'Незаполненные поля', description: (_days) => 'Активные учётные записи без отдела, должности или телефона.' },
    adminsAndGuests: { title: 'Администраторы и гости', description: (_days) => 'Учётные записи с ролью не «сотрудник»: администраторы (и владелец), гости и мульти-гости.' },
    emptyTags: { title: 'Пустые теги', description: (_days) => 'Теги, в которых никого нет.' },
    duplicates: { title: 'Возможные дубли', description: (_days) => 'Сотрудники с одинаковыми именем и фамилией (без учёта регистра) и разной почтой.' },
  },
  auditColumns: {
    id: 'ID', email: 'Почта', name: 'Имя', department: 'Отдел', last_activity_at: 'Последняя активность', days_since_activity: 'Дней без активности',
    created_at: 'Создан', reason: 'Причина', age_days: 'Дней с приглашения', inviter_id: 'ID пригласившего', inviter: 'Пригласил', suspended: 'Заблокирован', tags: 'Теги',
    missing: 'Не заполнено', title: 'Должность', phone_number: 'Телефон', role: 'Роль', tag_id: 'ID тега', tag: 'Тег', users_count: 'Участников',
    duplicate_name: 'Повторяющееся имя',
  },
  auditFinding: 'Проверка',
  auditCount: 'Найдено',
  auditThreshold: 'порог неактивности (дней)',
  auditPeople: 'сотрудников (без ботов)',
  auditAuditedAt: 'время проверки',
  auditPageTitle: 'Проверка справочника Пачки',
  auditPageIntro: (when, source, people, days) =>
    `Проверено ${when}${source ? ` по ${source}` : ''}; сотрудников (без ботов): ${people}; неактивный — без активности больше ${days} дн.`,
  auditPageTimeZone: (zone) => `Время указано в часовом поясе ${zone}.`,
  auditNothingFound: 'Ничего не найдено.',
  auditHeadcount: 'Численность по отделам',
  auditHeadcountCaption: 'Численность по отделам (активные сотрудники)',
  auditDaysSince: 'Дней с последней активности',
  auditDaysSinceCaption: 'Дней с последней активности (активные сотрудники)',
  auditSuspendedInTagsFix: SUSPENDED_IN_TAGS_FIX,
  auditPrintedHead: (people, days) => `Проверено сотрудников (без ботов): ${people}; неактивный — без активности больше ${days} дн.:`,
  auditWrote: (file) => `Записан ${file}`,
};
