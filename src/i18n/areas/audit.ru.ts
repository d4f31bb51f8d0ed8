// Русский текст области audit (те же ключи, что в audit.en.ts).
import type { auditEn } from './audit.en.js';

export const auditRu: typeof auditEn = {
  htmlLang: 'ru',
};
