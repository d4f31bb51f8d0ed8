// Слова строк журнала безопасности (те же ключи, что в securityLogWords.en.ts).
import type { securityLogWordsEn } from './securityLogWords.en.js';

export const securityLogWordsRu: typeof securityLogWordsEn = {
  logNotInDirectory: (id) => `(нет в справочнике: ${id})`,
  logMadeByRun: (run) => `pachca-roster (запуск ${run})`,
  logTagNamed: (name) => `тег «${name}»`,
  logTagId: (id) => `тег ${id}`,
  logChangedAttrs: (attrs) => `изменено: ${attrs}`,
  logRoleChange: (from, to) => `роль ${from} -> ${to}`,
};
