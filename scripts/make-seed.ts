// Generates fixtures/directory.json: a realistic demo company for `pachca-roster sandbox --seed`.
// Deterministic (seeded PRNG), so re-running it gives the same file. Run: npx tsx scripts/make-seed.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuditEvent, AuditEventKey, CustomProperty, GroupTag, User } from '../src/pachca/types.js';
import type { SandboxChat, SandboxDirectory } from '../src/sandbox/api.js';
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

// The security log (GET /audit_events) of the last 90 days before `now`: sign-ins, two-factor
// failures, role changes, accounts created and deleted, API tokens, profile and tag changes.
const auditEvents: AuditEvent[] = [];
const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const clients: Array<[string, string]> = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36', '10.20.0.'],
  ['Pachca/3.60.0 (co.staply.pachca; build:15; iOS 18.5.0) Alamofire/5.0.0', '192.168.1.'],
  ['Pachca/3.58.2 (Android 14; build:212) okhttp/4.12.0', '172.16.4.'],
];
function logEvent(at: number, key: AuditEventKey, actorId: number, entity: [string, number], details: Record<string, unknown> = {}): void {
  const [userAgent, network] = pick(clients);
  auditEvents.push({
    id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    created_at: new Date(at).toISOString(),
    event_key: key,
    entity_id: String(entity[1]),
    entity_type: entity[0],
    actor_id: String(actorId),
    actor_type: 'User',
    details,
    ip_address: `${network}${1 + Math.floor(random() * 250)}`,
    user_agent: userAgent,
  });
}
const hour = 3600 * 1000;
const logStart = now - 90 * day;
const byLogin = (login: string): User => users.find((u) => u.email === `${login}@example.ru`) as User;
const userIdByEmail = (email: string): number => (users.find((u) => u.email === email) as User).id;

// Sign-ins: shortly before each recent last activity, and an earlier one for about half.
for (const user of users) {
  if (user.bot || user.last_activity_at === null) continue;
  const last = Date.parse(user.last_activity_at);
  if (last < logStart) continue;
  logEvent(last - (1 + Math.floor(random() * 5)) * hour, 'user_login', user.id, ['User', user.id]);
  if (random() < 0.5) logEvent(last - (10 + Math.floor(random() * 60)) * day, 'user_login', user.id, ['User', user.id]);
}
// Two-factor: one person failing again and again, another failing once then succeeding.
const failing = byLogin('i.vasiliev');
for (const [daysAgo, hours] of [[12, 9], [12, 9.1], [12, 9.2], [5, 22], [5, 22.1]] as const) {
  logEvent(now - daysAgo * day + hours * hour, 'user_2fa_fail', failing.id, ['User', failing.id]);
}
const once = byLogin('e.lebedeva');
logEvent(now - 20 * day + 10 * hour, 'user_2fa_fail', once.id, ['User', once.id]);
logEvent(now - 20 * day + 10.05 * hour, 'user_2fa_success', once.id, ['User', once.id]);
// Role changes made in the Pachca interface: the HR director made an admin, a former admin demoted.
const hrDirector = byLogin('s.kozlova');
logEvent(now - 45 * day + 11 * hour, 'user_role_changed', owner.id, ['User', hrDirector.id], { new_company_role: 'admin', previous_company_role: 'user', initiator_id: owner.id });
const formerAdmin = byLogin('m.orlov');
logEvent(now - 30 * day + 15 * hour, 'user_role_changed', owner.id, ['User', formerAdmin.id], { new_company_role: 'user', previous_company_role: 'admin', initiator_id: owner.id });
// Accounts: the pending invites were created by the HR director; one contractor account was deleted.
for (const user of users) {
  if (user.invite_status === 'sent' && !user.bot && Date.parse(user.created_at) >= logStart) {
    logEvent(Date.parse(user.created_at), 'user_created', user.inviter_id ?? owner.id, ['User', user.id]);
  }
}
logEvent(now - 60 * day + 14 * hour, 'user_created', hrDirector.id, ['User', 90]);
logEvent(now - 15 * day + 16 * hour, 'user_deleted', owner.id, ['User', 90]);
// API tokens: the Owner's integration token, a lead's token created and destroyed.
const lead = byLogin('a.smirnov');
logEvent(now - 70 * day + 10 * hour, 'access_token_created', owner.id, ['AccessToken', 4701], { scopes: ['users:read', 'users:create', 'users:update', 'group_tags:read', 'group_tags:write'] });
logEvent(now - 25 * day + 12 * hour, 'access_token_created', lead.id, ['AccessToken', 4702], { scopes: ['messages:create', 'chats:read'] });
logEvent(now - 8 * day + 18 * hour, 'access_token_destroy', lead.id, ['AccessToken', 4702], { scopes: ['messages:create', 'chats:read'] });
// Profile and tag changes made by hand: an offboarding, a title change, a tag.
const leaver = byLogin('k.sergeev');
logEvent(now - 35 * day + 17 * hour, 'user_updated', hrDirector.id, ['User', leaver.id], { changed_attrs: ['suspended'] });
logEvent(now - 10 * day + 13 * hour, 'user_updated', owner.id, ['User', lead.id], { changed_attrs: ['title'] });
const leadersTag = tagNames.indexOf('Руководители');
logEvent(now - 44 * day + 9 * hour, 'user_added_to_tag', hrDirector.id, ['GroupTag', 9100 + leadersTag], { initiator_id: owner.id });
logEvent(now - 50 * day + 12 * hour, 'tag_created', owner.id, ['GroupTag', 9100 + leadersTag], { name: 'Руководители' });
auditEvents.sort((a, b) => a.created_at.localeCompare(b.created_at));

// Chats: open and closed discussions and channels, tags linked to chats (their members are the
// chat's members), an archived one, and one the Owner is not in (the Owner still sees its members).
const tagId = (name: string): number => 9100 + tagNames.indexOf(name);
const tagMembers = (...names: string[]): number[] => users.filter((u) => names.some((name) => u.list_tags.includes(name))).map((u) => u.id);
const everyone = users.filter((u) => !u.bot && u.invite_status === 'confirmed').map((u) => u.id);
const chat = (
  id: number, name: string, ownerId: number, memberIds: number[], fields: Partial<SandboxChat> & { daysOld: number; quietDays: number },
): SandboxChat => {
  const { daysOld, quietDays, ...rest } = fields;
  return {
    id, name, created_at: iso(now - daysOld * day), owner_id: ownerId,
    member_ids: [...new Set([ownerId, ...memberIds])].sort((a, b) => a - b), group_tag_ids: [],
    channel: false, archived: false, personal: false, public: false,
    last_message_at: iso(now - quietDays * day - 7 * hour), meet_room_url: `https://meet.pachca.com/demo-${id}`,
    ...rest,
  };
};
const chats: SandboxChat[] = [
  chat(501, 'Общий', owner.id, [...everyone, 2], { public: true, daysOld: 2000, quietDays: 0 }),
  chat(502, 'Гости проекта', lead.id, [owner.id, userIdByEmail('contractor@partner-agency.ru')], { daysOld: 300, quietDays: 12 }),
  chat(503, 'Разработка', lead.id, tagMembers('Backend', 'Frontend'), { group_tag_ids: [tagId('Backend'), tagId('Frontend')], daysOld: 1200, quietDays: 0 }),
  chat(504, 'Продажи', byLogin('n.alekseev').id, [...tagMembers('Продажи'), 2], { channel: true, public: true, group_tag_ids: [tagId('Продажи')], daysOld: 900, quietDays: 1 }),
  chat(505, 'HR', hrDirector.id, tagMembers('HR'), { group_tag_ids: [tagId('HR')], daysOld: 700, quietDays: 3 }),
  chat(506, 'Новости компании', owner.id, [...everyone, 3], { channel: true, public: true, daysOld: 1500, quietDays: 2 }),
  chat(507, 'Старый проект', owner.id, [lead.id, byLogin('m.ivanova').id, byLogin('k.sergeev').id], { archived: true, daysOld: 1000, quietDays: 400 }),
];

const directory: SandboxDirectory = {
  users,
  tags,
  customProperties,
  chats,
  messages: [],
  ownerId: 1,
  botId: 2,
  auditEvents,
};

const out = fileURLToPath(new URL('../fixtures/directory.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(directory, null, 2)}\n`);
process.stdout.write(`wrote ${out}: ${users.length} users, ${tags.length} tags, ${chats.length} chats, ${auditEvents.length} audit events\n`);
