// Ошибки API Пачки и соединения с ним (те же ключи, что в apiErrors.en.ts); текст самой Пачки
// (`detail`, `description`) приводится как есть.
import type { apiErrorsEn } from './apiErrors.en.js';

export const apiErrorsRu: typeof apiErrorsEn = {
  apiUnpaid: (detail) => `подписка пространства не оплачена (402): ${detail}`,
  apiServerError: (status, detail) => `ошибка сервера ${status}: ${detail}`,
  apiTokenLacksScope: (scope, code) => `у токена нет права ${scope} (${code})`,
  apiTokenRejected: (description, code) => `токен отклонён: ${description || 'неверный или просроченный'} (${code || 'unauthorized'})`,
  apiAccessDenied: (description, code) => `доступ запрещён: ${description || 'нет прав'} (${code || 'forbidden'})`,
  apiRateLimited: (seconds, summary) => `сервер ограничил частоту запросов (429), просит подождать ${seconds} с${summary ? `: ${summary}` : ''}`,
  apiNotJson: (method, path, status) => `${method} ${path}: ответ ${status} — не JSON`,
  apiNoData: (method, path) => `${method} ${path}: в ответе нет данных`,
  apiInterrupted: 'не отправлено: запуск прерван',
  apiOutcomeUnknown: (method, path, cause) => `неизвестно, выполнен ли ${method} ${path} (возможно, выполнен): ${cause}`,
  netTimeout: (host, seconds) => `${host} не ответил за ${String(seconds).replace('.', ',')} с (тайм-аут)`,
  netReset: (host, code) => `соединение с ${host} сброшено (${code})`,
  netRefused: (host, code) => `не удалось подключиться к ${host} (${code}); проверьте --api-url / PACHCA_API_URL`,
  netOther: (host, code) => `сетевая ошибка при обращении к ${host} (${code})`,
  apiDoing: (doing, error) =>
    `${{ checkToken: 'проверка токена', readDirectory: 'чтение справочника', lookPeopleUp: 'поиск сотрудников', listChats: 'список чатов' }[doing]}: ${error}`,
  apiMissingScopes: (missing, what) =>
    `у токена нет ${missing.length > 1 ? 'прав' : 'права'} ${missing.join(', ')}, ${missing.length > 1 ? 'нужных' : 'нужного'} ${{ import: 'для этого импорта', undo: 'для этой отмены', change: 'для этого изменения' }[what]}; используйте личный токен владельца или администратора с ${missing.join(', ')} (ничего не изменено)`,
};
