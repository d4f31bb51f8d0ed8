// Слова сервера веб-страницы (src/web): те же ключи, что в webServer.en.ts.
import type { webServerEn } from './webServer.en.js';

export const webServerRu: typeof webServerEn = {
  webServerNoPlan: 'План не составлен.',
  webServerRequest: 'запрос',
  webServerMaxSuspend: (value) => `«Не больше»: укажите число сотрудников (5) или долю (10%), а не «${value}».`,
  webServerNeverActive: 'никогда',
  webServerNoDepartment: '(без отдела)',
};
