// Почему `apply DIR` отказывается применять сохранённый план (те же ключи, что в basis.en.ts).
import type { basisEn } from './basis.en.js';

export const basisRu: typeof basisEn = {
  basisPlanOutdated: (changes, more) =>
    `справочник изменился после составления плана: ${changes.join('; ')}${more > 0 ? `; и ещё ${more}` : ''}; составьте план заново (ничего не изменено)`,
  basisUserGone: (who) => `${who} удалён`,
  basisUserChanged: (who) => `${who} изменён`,
  basisUser: (id, email) => `сотрудник ${id}${email !== undefined ? ` (${email})` : ''}`,
  basisEmailExists: (email) => `${email} уже есть в справочнике`,
  basisTagGone: (id, name) => `тега ${id} «${name}» больше нет`,
  basisTagRenamed: (id, name, now) => `тег ${id} «${name}» теперь называется «${now}»`,
  basisTagExists: (name) => `тег «${name}» уже есть`,
  basisChatGone: (id, name) => `чата ${id} «${name}» больше нет`,
  basisChatArchived: (id, name) => `чат ${id} «${name}» в архиве`,
  basisChatUnseen: (id, name) => `чат ${id} «${name}» больше не виден этому токену`,
  basisChatJoined: (who, id, name) => `${who} с тех пор вступил в чат ${id} «${name}»`,
  basisChatLeft: (who, id, name) => `${who} с тех пор вышел из чата ${id} «${name}»`,
};
