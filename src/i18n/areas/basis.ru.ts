// Что изменилось в справочнике после составления сохранённого плана: те же ключи, что в basis.en.ts.
import type { basisEn } from './basis.en.js';

export const basisRu: typeof basisEn = {
  basisUser: (id, email) => `сотрудник ${id}${email !== undefined ? ` (${email})` : ''}`,
  basisUserGone: (user) => `${user} больше нет`,
  basisUserChanged: (user) => `${user} изменён`,
  basisEmailNowExists: (email) => `${email} уже есть в справочнике`,
  basisTagGone: (id, name) => `тега ${id} «${name}» больше нет`,
  basisTagRenamed: (id, name, now) => `тег ${id} «${name}» теперь называется «${now}»`,
  basisTagNowExists: (name) => `тег «${name}» уже есть`,
  basisPlanOutdated: (changes, more) => `справочник изменился после составления плана: ${changes}${more > 0 ? `; и ещё ${more}` : ''}; составьте план заново (ничего не изменено)`,
};
