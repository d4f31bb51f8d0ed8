// Что говорит demo по ходу работы (те же ключи, что в demoRun.en.ts).
import type { demoRunEn } from './demoRun.en.js';

export const demoRunRu: typeof demoRunEn = {
  demoSandbox: (url) => `Песочница с примером компании: ${url} (локально, в этом процессе; токен и сеть не нужны)`,
  demoImporting: (sheet) => `Импорт ${sheet} ...\n`,
  demoExported: (users, tags, path) => `Справочник после импорта выгружен: сотрудников ${users}, тегов ${tags} -> ${path}`,
  demoAudited: (since, html) => `Справочник и его журнал безопасности с ${since} проверены -> ${html}, audit.xlsx:`,
  sandboxCouldNotStart: (reason) => `песочница не запустилась: ${reason}`,
  sandboxAdminToken: (token) => `Токен администратора (владельца): ${token}`,
  sandboxBotToken: (token) => `Токен бота: ${token}`,
  sandboxSecondAdminToken: (token) => `Токен второго администратора: ${token}`,
  sandboxStats: (url) => `Статистика: ${url}   Остановить: Ctrl+C`,
  sandboxStopped: (signal, stateFile) => `Песочница остановлена (${signal})${stateFile ? `; состояние сохранено в ${stateFile}` : ''}`,
  interruptFirst: 'Прервано: больше ничего не отправляется; ждём ответы на отправленные запросы, затем пишем журнал и отчёт (Ctrl+C ещё раз — выйти сразу)',
  interruptAgain: (hint) => `Выход немедленно. ${hint ? `Журнал хранит сделанное; закончить запуск: ${hint}` : 'Больше ничего не отправлено.'}`,
  demoNext: '\nДальше: откройте отчёт и выгрузку; запустите «pachca-roster sandbox», чтобы песочница работала дальше, и попробуйте свои таблицы.',
};
