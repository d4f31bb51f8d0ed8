// Что import, plan и apply выводят по ходу работы (те же ключи, что в run.en.ts).
import type { runEn } from './run.en.js';
import { plural } from '../plural.js';
import { ruNumber } from '../ru-numbers.js';

export const runRu: typeof runEn = {
  runWarning: (text) => `Предупреждение: ${text}`,
  runPlan: (counts) => `План: ${counts}`,
  runNothing: 'ничего',
  runChanges: 'Изменения:',
  runEmpty: '(пусто)',
  runRow: (row) => `строка ${row}`,
  runMoreSeePlan: (count) => `  ... и ещё ${count}, см. plan.json или plan.xlsx`,
  runInvalidRows: (count) => `Строки с ошибками (${count}; они попадут в failed.csv):`,
  runInvalid: 'ошибка',
  runDone: 'Готово',
  runDryRunWouldBe: 'Было бы',
  runInterruptedSoFar: 'Прервано; сделано к этому моменту',
  runNoRows: 'нет строк',
  runTagsCreated: (count) => `; создано тегов: ${count}`,
  runRequests: (sent, limited, seconds) => `Запросов: ${sent} (ограничено частотой: ${limited}), ${ruNumber(seconds)} с`,
  runFolder: (folder) => `Папка запуска: ${folder}`,
  runReport: (path) => `Отчёт: ${path}`,
  runTagsSheet: (sheet, counts) => `Лист ${sheet}: ${counts}`,
  runTagsReport: (sheet, path) => `Отчёт по листу ${sheet}: ${path}`,
  runRowsToFix: (path) => `Строки для исправления: ${path}`,
  runStoppedFatal: (message, journal, command) => `Остановлено: ${message}. Журнал (${journal}) хранит сделанное; устраните причину и запустите: ${command}`,
  runInterrupted: (journal, command) => `Прервано: после Ctrl+C больше ничего не отправлялось. Журнал (${journal}) и отчёт хранят сделанное; завершить запуск: ${command}`,
  runProgressBar: '{bar} {value}/{total} | {rps} запр/с | осталось {eta_formatted} | ошибок {failures}',
  runProgressLine: (done, total, rate, failed) => `ход: сделано ${done}/${total}, ${rate} запр/с, ошибок ${failed}`,
  runReadingDirectory: (users) => `Чтение справочника: ${plural('ru', users, { one: 'сотрудник', few: 'сотрудника', many: 'сотрудников', other: 'сотрудника' }).replace(/^\d+/, users.toLocaleString('ru-RU'))}`,
  runConfirmApply: (changes, apiUrl) => `Внести ${plural('ru', changes, { one: 'изменение', few: 'изменения', many: 'изменений', other: 'изменения' })} в ${apiUrl}?`,
  runConfirmChoices: '[д/Н]',
  runCancelled: 'Отменено: ничего не изменено.',
  runAlreadyFinished: (report) => `Этот запуск уже завершён: делать нечего, ничего не отправлено. Что он сделал (его отчёт: ${report}):`,
  runDryRunNote: (planFile) => `Пробный запуск: ничего не изменено. План в ${planFile}`,
  runNobodyToConfirm: 'ввод не из терминала, подтвердить некому: укажите --yes, чтобы выполнить этот план (ничего не изменено)',
  runTagsSheetRow: (sheet, row, tagId) => `лист ${sheet}, строка ${row}${tagId !== undefined ? `, тег ${tagId}` : ''}`,
};
