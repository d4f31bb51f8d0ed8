// Команды поиска и изменения одного сотрудника (те же ключи, что в lookup.en.ts).
import type { lookupEn } from './lookup.en.js';

export const lookupRu: typeof lookupEn = {
  lookupColumns: {
    id: 'ID', name: 'Имя и фамилия', email: 'Почта', department: 'Отдел', title: 'Должность', role: 'Роль', tags: 'Теги',
    suspended: 'Заблокирован', status: 'Статус', members: 'Участников', kind: 'Вид', open: 'Открытый', archived: 'В архиве', chats: 'Чаты',
    field: 'Поле', value: 'Значение', label: 'Название',
  },
  chatKinds: { discussion: 'беседа', channel: 'канал', personal: 'личный' },
  lookupBot: (role) => `${role} (бот)`,
  lookupStatusUntil: (time) => ` до ${time}`,
  lookupAway: ', нет на месте',
  lookupNoMatch: (query) => `никто не найден по запросу ${query}`,
  lookupTagEmpty: (tag) => `В теге «${tag}» никого нет.`,
  lookupNoChats: 'Токен не видит ни одного чата.',
  lookupContactsHidden: 'Предупреждение: этот токен не видит почту и телефоны (токен бота?), поэтому они пустые; '
    + 'чтобы их видеть, используйте личный токен владельца или администратора',
  readContactsHidden: 'этот токен не видит почту и телефоны (токен бота?), поэтому эти колонки пустые, '
    + 'а такую выгрузку нельзя импортировать обратно; используйте личный токен владельца или администратора',
  exportChatsLeftOut: (reason) => `лист «Чаты» не выгружен: ${reason}`,
  lookupFindNeedsQuery: 'find нужен ЗАПРОС: имя, почта или номер телефона',
  lookupNotPersonKey: (given) => `«${given}» — не ID сотрудника и не почта (искать по имени или телефону: pachca-roster find "${given.trim()}")`,
  lookupCannotConfirm: (email, ids) =>
    `не удаётся подтвердить ${email}: этот токен не видит почту (токен бота?); поиск нашёл `
    + (ids.length === 1 ? `ID ${ids[0]}: pachca-roster show ${ids[0]}` : `ID ${ids.join(', ')}: pachca-roster show ID`),
  lookupNoSuchPerson: (key, emailsHidden) => `нет такого сотрудника: ${key}`
    + (emailsHidden ? '; этот токен не видит почту (токен бота?): найдите сотрудника по ID или используйте личный токен владельца или администратора' : ''),
  lookupUnknownTag: (given) => `нет тега «${given}»`,
  lookupDidYouMean: (names) => `; может быть, ${names}?`,
  lookupNoTags: ': в справочнике нет тегов',
  lookupTheTagsAre: (names) => `; теги: ${names}`,
  lookupTagsListsThem: ' (их список: pachca-roster tags)',
  lookupUnknownColumn: (given) => `неизвестная колонка «${given}»`,
  lookupGiveAColumn: ': укажите колонку таблицы (email — это сам сотрудник; все колонки показывает pachca-roster template) или название дополнительного поля',
  onePersonNamePeople: 'укажите хотя бы одного сотрудника (ID или почту)',
  onePersonBot: (given) => `${given} — бот; ботами pachca-roster не управляет`,
  onePersonNoEmail: (given) => `${given}: этот токен не видит почту сотрудника (токен бота?); используйте личный токен владельца или администратора`,
  onePersonNothingToChange: 'менять нечего: укажите хотя бы одну пару колонка=значение',
  onePersonRefused: (reasons) => `${reasons} (ничего не изменено)`,
  onePersonColumn: (header, reason) => `колонка «${header}»: ${reason}`,
  onePersonSameColumn: (earlier, header, target) => `колонки «${earlier}» и «${header}» — одна и та же колонка (${target}); укажите её один раз`,
  onePersonColumnTwice: (column) => `колонка «${column}» указана дважды; укажите её один раз`,
};
