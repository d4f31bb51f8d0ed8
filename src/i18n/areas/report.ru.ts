// Русский текст области report (те же ключи, что в report.en.ts).
import type { reportEn } from './report.en.js';

export const reportRu: typeof reportEn = {
  reportColumns: { row: 'Строка', email: 'Почта', name: 'Имя', action: 'Действие', result: 'Результат', pachca_user_id: 'ID в Пачке', changed_fields: 'Изменённые поля', message: 'Сообщение' },
  tagsReportColumns: { row: 'Строка', tag_id: 'ID тега', name: 'Название', action: 'Действие', result: 'Результат', changes: 'Изменения', message: 'Сообщение' },
  reportSheet: 'Отчёт',
  tagsReportSheet: 'Теги',
  summarySheet: 'Итоги',
  summaryItem: 'Показатель',
  summaryValue: 'Значение',
  summaryTagsSheetResult: (result) => `Лист Tags: ${result}`,
  summaryTagsCreated: 'создано тегов',
  summaryRequests: 'отправлено запросов',
  summary429: 'ответов 429',
  summaryElapsed: 'секунд',
  summaryExitCode: 'код выхода',
  summaryInput: 'входной файл',
  summaryApiUrl: 'адрес API',
  summaryDryRun: 'пробный запуск',
  summaryStoppedBy: 'причина остановки',
  summaryReportFiles: 'файлы отчёта',
  failedErrorColumn: 'Ошибка',
  reportShape: (delimiter, encoding) => `${delimiter}, ${encoding}`,
  encodingUtf8Bom: 'UTF-8 с BOM',
  delimiterNames: { ',': 'запятая (,)', ';': 'точка с запятой (;)', '\t': 'табуляция', '|': 'черта (|)' },
  summaryReportShapeLine: (shape) => `CSV-отчёты: ${shape}`,
};
