// Generates fixtures/directory.json: a realistic demo company for `pachca-roster sandbox --seed`.
// Deterministic (seeded PRNG), so re-running it gives the same file. Run: npx tsx scripts/make-seed.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CustomProperty, GroupTag, User } from '../src/pachca/types.js';
import type { SandboxDirectory } from '../src/sandbox/api.js';
import { createPrng } from '../src/sandbox/traffic.js';
import { blankUser } from '../src/sandbox/workspace.js';

const random = createPrng(20260801);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const customProperties = [
  { id: 1678, name: 'Город', data_type: 'string' as const },
  { id: 1679, name: 'Табельный номер', data_type: 'number' as const },
  { id: 1680, name: 'Дата выхода', data_type: 'date' as const },
  { id: 1681, name: 'Профиль GitHub', data_type: 'link' as const },
];

// [first, last, gender-neutral translit, department, title, tags]
const people: Array<[string, string, string, string, string, string[]]> = [
  ['Алексей', 'Смирнов', 'a.smirnov', 'Разработка', 'Руководитель разработки', ['Backend', 'Москва']],
  ['Мария', 'Иванова', 'm.ivanova', 'Разработка', 'Старший backend-разработчик', ['Backend', 'Москва']],
  ['Дмитрий', 'Кузнецов', 'd.kuznetsov', 'Разработка', 'Backend-разработчик', ['Backend', 'Санкт-Петербург']],
  ['Екатерина', 'Попова', 'e.popova', 'Разработка', 'Frontend-разработчик', ['Frontend', 'Москва']],
  ['Иван', 'Васильев', 'i.vasiliev', 'Разработка', 'Frontend-разработчик', ['Frontend', 'Удалённо']],
  ['Ольга', 'Петрова', 'o.petrova', 'Разработка', 'Тимлид frontend', ['Frontend', 'Санкт-Петербург']],
  ['Сергей', 'Соколов', 's.sokolov', 'Разработка', 'DevOps-инженер', ['Backend', 'Удалённо']],
  ['Анастасия', 'Михайлова', 'a.mikhailova', 'Разработка', 'QA-инженер', ['Москва']],
  ['Андрей', 'Новиков', 'a.novikov', 'Разработка', 'QA-инженер', ['Санкт-Петербург']],
  ['Татьяна', 'Фёдорова', 't.fedorova', 'Продукт', 'Продакт-менеджер', ['Москва']],
  ['Михаил', 'Морозов', 'm.morozov', 'Продукт', 'Дизайнер интерфейсов', ['Frontend', 'Москва']],
  ['Юлия', 'Волкова', 'y.volkova', 'Продукт', 'Аналитик', ['Удалённо']],
  ['Николай', 'Алексеев', 'n.alekseev', 'Продажи', 'Директор по продажам', ['Продажи', 'Москва']],
  ['Елена', 'Лебедева', 'e.lebedeva', 'Продажи', 'Менеджер по продажам', ['Продажи', 'Москва']],
  ['Павел', 'Семёнов', 'p.semenov', 'Продажи', 'Менеджер по продажам', ['Продажи', 'Новосибирск']],
  ['Наталья', 'Егорова', 'n.egorova', 'Продажи', 'Менеджер по работе с клиентами', ['Продажи', 'Санкт-Петербург']],
  ['Артём', 'Павлов', 'a.pavlov', 'Продажи', 'Пресейл-инженер', ['Продажи', 'Москва']],
  ['Светлана', 'Козлова', 's.kozlova', 'HR', 'HR-директор', ['HR', 'Москва']],
  ['Владимир', 'Степанов', 'v.stepanov', 'HR', 'Рекрутер', ['HR', 'Удалённо']],
  ['Ирина', 'Николаева', 'i.nikolaeva', 'HR', 'HR-бизнес-партнёр', ['HR', 'Москва']],
  ['Максим', 'Орлов', 'm.orlov', 'Финансы', 'Финансовый директор', ['Москва']],
  ['Анна', 'Андреева', 'a.andreeva', 'Финансы', 'Бухгалтер', ['Москва']],
  ['Роман', 'Макаров', 'r.makarov', 'Финансы', 'Экономист', ['Новосибирск']],
  ['Ксения', 'Никитина', 'k.nikitina', 'Маркетинг', 'Маркетолог', ['Москва']],
  ['Георгий', 'Захаров', 'g.zakharov', 'Маркетинг', 'Контент-менеджер', ['Удалённо']],
  ['Дарья', 'Зайцева', 'd.zaitseva', 'Маркетинг', 'SMM-менеджер', ['Санкт-Петербург']],
  ['Кирилл', 'Соловьёв', 'k.solovyev', 'Поддержка', 'Руководитель поддержки', ['Москва']],
  ['Валерия', 'Борисова', 'v.borisova', 'Поддержка', 'Специалист поддержки', ['Новосибирск']],
  ['Григорий', 'Яковлев', 'g.yakovlev', 'Поддержка', 'Специалист поддержки', ['Удалённо']],
  ['Полина', 'Григорьева', 'p.grigorieva', 'Офис', 'Офис-менеджер', ['Москва']],
  ['Евгений', 'Романов', 'e.romanov', 'Разработка', 'Backend-разработчик', ['Backend', 'Москва']],
  ['Алина', 'Воробьёва', 'a.vorobyeva', 'Разработка', 'Frontend-разработчик', ['Frontend', 'Москва']],
  ['Константин', 'Сергеев', 'k.sergeev', 'Продажи', 'Менеджер по продажам', ['Продажи', 'Москва']],
  ['Вероника', 'Кузьмина', 'v.kuzmina', 'HR', 'Специалист по кадрам', ['HR', 'Санкт-Петербург']],
];
const cities: Record<string, string> = { Москва: 'Москва', 'Санкт-Петербург': 'Санкт-Петербург', Новосибирск: 'Новосибирск', Удалённо: 'Казань' };
const tagNames = ['Backend', 'Frontend', 'Продажи', 'HR', 'Москва', 'Санкт-Петербург', 'Новосибирск', 'Удалённо', 'Руководители'];
const suspendedLogins = new Set(['g.yakovlev', 'r.makarov', 'k.sergeev', 'd.zaitseva']);
const neverLoggedIn = new Set(['a.vorobyeva', 'v.kuzmina']);

const day = 24 * 3600 * 1000;
const now = Date.parse('2026-08-01T09:00:00.000Z');
const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();

function propertyValues(values: Record<number, string | null>): CustomProperty[] {
  return customProperties.map((p) => ({ ...p, value: values[p.id] ?? null }));
}

const users: User[] = [];
const owner = blankUser(1, {
  first_name: 'Олег', last_name: 'Петров', nickname: 'olegpetrov', email: 'oleg.petrov@example.ru',
  phone_number: '+79001234567', department: 'Руководство', title: 'Генеральный директор', role: 'admin',
  invite_status: 'confirmed', list_tags: ['Руководители', 'Москва'],
  custom_properties: propertyValues({ 1678: 'Москва', 1679: '1', 1680: '2019-03-01' }),
  user_status: { emoji: '🏝️', title: 'В отпуске', expires_at: '2026-08-15T21:00:00.000Z', is_away: true, away_message: { text: 'Вернусь 16 августа. По срочным вопросам — @a.smirnov.' } },
  created_at: '2019-03-01T07:00:00.000Z', last_activity_at: iso(now - 3 * 3600 * 1000), time_zone: 'Europe/Moscow',
  image_url: 'https://app.pachca.com/users/1/photo.jpg',
});
users.push(owner);
users.push(blankUser(2, {
  first_name: 'Кадровый', last_name: 'бот', nickname: 'hr_bot', role: 'user', bot: true, invite_status: 'confirmed',
  inviter_id: 1, custom_properties: propertyValues({}), created_at: '2023-02-10T10:00:00.000Z', last_activity_at: iso(now - day),
}));
users.push(blankUser(3, {
  first_name: 'Дежурный', last_name: 'бот', nickname: 'oncall_bot', role: 'user', bot: true, invite_status: 'confirmed',
  inviter_id: 1, custom_properties: propertyValues({}), created_at: '2024-05-20T12:00:00.000Z', last_activity_at: iso(now - 2 * 3600 * 1000),
}));

let id = 10;
people.forEach(([first, last, login, department, title, tags], index) => {
  const created = now - (40 + Math.floor(random() * 1400)) * day;
  const isLead = /Руководитель|директор|Директор|Тимлид/.test(title);
  const suspended = suspendedLogins.has(login);
  const pending = neverLoggedIn.has(login);
  const lastActivity = pending ? null : suspended ? created + Math.floor(random() * 200) * day : index % 7 === 3 ? now - (200 + Math.floor(random() * 300)) * day : now - Math.floor(random() * 10 * day);
  const phoneDigits = String(9000000000 + Math.floor(random() * 999999999)).slice(0, 10);
  users.push(blankUser(id, {
    first_name: first,
    last_name: last,
    nickname: login.replace('.', '_'),
    email: `${login}@example.ru`,
    phone_number: index % 5 === 4 ? null : `+7${phoneDigits}`,
    department,
    title: index % 11 === 10 ? '' : title,
    role: index === 0 || index === 17 ? 'admin' : 'user',
    suspended,
    invite_status: pending ? 'sent' : 'confirmed',
    inviter_id: index === 0 ? 1 : pick([1, 10, 27]),
    list_tags: isLead ? [...tags, 'Руководители'] : tags,
    custom_properties: propertyValues({
      1678: cities[tags[tags.length - 1] as string] ?? 'Москва',
      1679: String(1000 + index * 7),
      1680: suspended ? iso(created + 300 * day).slice(0, 10) : null,
      1681: department === 'Разработка' && index % 2 === 0 ? `https://github.com/${login.replace('.', '-')}` : null,
    }),
    created_at: iso(created),
    last_activity_at: lastActivity === null ? null : iso(lastActivity),
    time_zone: tags.includes('Новосибирск') ? 'Asia/Novosibirsk' : index % 3 === 0 ? 'Europe/Moscow' : null,
    image_url: index % 4 === 0 ? `https://app.pachca.com/users/${id}/photo.jpg` : null,
  }));
  id += 1;
});

// Pending invites: created through the API, never confirmed (first_name may be null).
const invites: Array<[string | null, string | null, string, string | null, string[]]> = [
  [null, null, 'new.hire1@example.ru', null, []],
  [null, null, 'v.belova@example.ru', 'Продажи', ['Продажи']],
  ['Тимур', 'Ахметов', 't.akhmetov@example.ru', 'Разработка', ['Backend', 'Удалённо']],
  [null, null, 'contractor@partner-agency.ru', null, []],
];
for (const [first, last, email, department, tags] of invites) {
  users.push(blankUser(id, {
    first_name: first, last_name: last, nickname: (email.split('@')[0] as string).replace(/[^a-z0-9_]/g, '_'), email,
    department, role: email.includes('partner') ? 'multi_guest' : 'user', invite_status: 'sent', inviter_id: 27,
    list_tags: tags, custom_properties: propertyValues({}), created_at: iso(now - (1 + Math.floor(random() * 20)) * day),
  }));
  id += 1;
}

const tags: GroupTag[] = tagNames.map((name, index) => ({
  id: 9100 + index,
  name,
  users_count: users.filter((u) => u.list_tags.includes(name)).length,
}));

const directory: SandboxDirectory = {
  users,
  tags,
  customProperties,
  chats: [
    { id: 501, name: 'Общий' },
    { id: 502, name: 'Гости проекта' },
    { id: 503, name: 'Разработка' },
  ],
  messages: [],
  ownerId: 1,
  botId: 2,
};

const out = fileURLToPath(new URL('../fixtures/directory.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(directory, null, 2)}\n`);
process.stdout.write(`wrote ${out}: ${users.length} users, ${tags.length} tags\n`);
