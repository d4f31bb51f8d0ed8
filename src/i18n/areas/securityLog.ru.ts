// Журнал безопасности в проверке справочника (те же ключи, что в securityLog.en.ts).
import type { securityLogEn } from './securityLog.en.js';
import { plural } from '../plural.js';

export const securityLogRu: typeof securityLogEn = {
  securityLogSince: (day) => `Журнал безопасности с ${day}:`,
  securityLogPageHeading: (day) => `Журнал безопасности с ${day}`,
  securityLogNotRead: {
    scope: 'Журнал безопасности не прочитан: у токена нет права audit_events:read (оно есть только у личного токена владельца пространства)',
    plan: 'Журнал безопасности не прочитан: пространство не на тарифе «Корпорация» (402 payment_required), поэтому Пачка не ведёт журнал безопасности',
  },
  securityLogCounts: {
    roleChanges: 'Смены ролей',
    accountsCreated: 'Созданные учётные записи',
    accountsCreatedByTool: 'Из них созданы этой программой',
    accountsDeleted: 'Удалённые учётные записи',
    tokenChanges: 'Изменения токенов API',
    repeated2faFailures: (least) => `Повторные ошибки 2FA (сотрудников, ${least} и больше раз)`,
    peopleSignedIn: 'Входили в Пачку',
    outsideChanges: 'Изменения не через программу',
  },
  securityLogSections: {
    roleChanges: { title: 'Смены ролей', description: (since) => `Смены роли в компании с ${since}: у кого, с какой на какую, кто сменил.` },
    accounts: { title: 'Созданные и удалённые аккаунты', description: (since) => `Учётные записи, созданные или удалённые с ${since}: кто это сделал и была ли это эта программа.` },
    tokens: { title: 'Токены API', description: (since) => `Токены API, созданные, изменённые или удалённые с ${since}.` },
    twoFactorFailures: { title: 'Повторные ошибки 2FA', description: (since, least) => `Сотрудники, которые ошиблись во втором факторе входа ${plural('ru', least, { one: 'раз', few: 'раза', many: 'раз', other: 'раза' })} и больше с ${since}; сначала те, у кого ошибок больше.` },
    lastSignIns: { title: 'Последний вход', description: (since) => `Последний вход каждого сотрудника с ${since} (сначала самые давние); проверка «Неактивные» учитывает его, где он есть.` },
    outsideChanges: { title: 'Изменения не через программу', description: (since) => `Изменения справочника с ${since}, которые сделала не эта программа.` },
    eventsPerDay: { title: 'События безопасности по дням', description: 'События разделов выше по дням (UTC).' },
  },
  securityLogWithoutRuns: 'Без --runs изменения программы узнаются только по её user agent.',
  securityLogRunsMatched: (journals) => `Сверено с журналами запусков из --runs: ${journals}.`,
  securityLogColumns: {
    at: 'Когда', id: 'ID', email: 'Почта', name: 'Имя', by_id: 'ID автора', by_email: 'Почта автора', by_name: 'Автор',
    owner_id: 'ID владельца', owner_email: 'Почта владельца', owner_name: 'Владелец', from: 'Было', to: 'Стало', made_by: 'Сделано программой',
    change: 'Изменение', token_id: 'ID токена', scopes: 'Права', failures: 'Ошибок', first_at: 'Первая', last_at: 'Последняя',
    last_sign_in_at: 'Последний вход', sign_ins: 'Входов', ip_address: 'IP-адрес', user_agent: 'User agent',
    event: 'Событие', target: 'Что изменено', detail: 'Подробности', day: 'День', events: 'Событий',
  },
  securityLogChanges: { created: 'создание', updated: 'изменение', deleted: 'удаление', destroyed: 'удаление' },
  securityLogByRun: (run) => `pachca-roster (запуск ${run})`,
  securityLogSummarySince: 'журнал безопасности с',
  securityLogSummaryNote: 'журнал безопасности',
  securityLogChartCaption: 'События безопасности по дням (разделы ниже, UTC)',
  securityLogChartLabel: 'События безопасности по дням',
  securityLogChartPeak: (max) => `не больше ${max} в день`,
};
