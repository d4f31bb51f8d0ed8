// The minimal workspace the sandbox starts with when no --seed is given, and the User factory.
import type { User } from '../pachca/types.js';
import type { SandboxDirectory } from './api.js';
import type { DirectoryStore } from './store.js';

/** A User with every key present (the spec's User has no optional keys). */
export function blankUser(id: number, fields: Partial<User> & Pick<User, 'nickname' | 'created_at'>): User {
  const defaults: User = {
    id,
    first_name: null,
    last_name: null,
    nickname: '',
    email: null,
    phone_number: null,
    department: null,
    title: null,
    role: 'user',
    suspended: false,
    invite_status: 'sent',
    inviter_id: null,
    list_tags: [],
    custom_properties: [],
    user_status: null,
    bot: false,
    sso: false,
    created_at: '',
    last_activity_at: null,
    time_zone: null,
    image_url: null,
  };
  return { ...defaults, ...fields, id };
}

export function defaultDirectory(now: Date = new Date()): SandboxDirectory {
  const createdAt = new Date(now.getTime() - 365 * 24 * 3600 * 1000).toISOString();
  const customProperties = [
    { id: 1678, name: 'Город', data_type: 'string' as const },
    { id: 1679, name: 'Табельный номер', data_type: 'number' as const },
    { id: 1680, name: 'Дата выхода', data_type: 'date' as const },
  ];
  const emptyProperties = customProperties.map((p) => ({ ...p, value: null }));
  const owner = blankUser(1, {
    first_name: 'Анна',
    last_name: 'Владелец',
    nickname: 'owner',
    email: 'owner@example.ru',
    role: 'admin',
    invite_status: 'confirmed',
    custom_properties: emptyProperties,
    created_at: createdAt,
    last_activity_at: now.toISOString(),
    time_zone: 'Europe/Moscow',
  });
  const bot = blankUser(2, {
    first_name: 'Кадровый',
    last_name: 'бот',
    nickname: 'hr_bot',
    email: null,
    role: 'user',
    invite_status: 'confirmed',
    bot: true,
    inviter_id: 1,
    custom_properties: emptyProperties,
    created_at: createdAt,
  });
  return {
    users: [owner, bot],
    tags: [],
    customProperties,
    chats: [
      { id: 501, name: 'Общий' },
      { id: 502, name: 'Гости проекта' },
    ],
    messages: [],
    ownerId: owner.id,
    botId: bot.id,
  };
}

/** Email of the n-th extra (non-owner) admin that an extra admin token belongs to. */
export function extraAdminEmail(index: number): string {
  return `admin${index + 2}@sandbox.local`;
}

/** Makes sure each extra admin token has its own admin user; answers their ids. */
export function ensureExtraAdmins(store: DirectoryStore, count: number, now: Date = new Date()): number[] {
  const ids: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const email = extraAdminEmail(index);
    const existing = store.userIdByEmail(email);
    if (existing !== undefined) {
      ids.push(existing);
      continue;
    }
    const user = blankUser(store.allocateUserId(), {
      first_name: 'Администратор',
      last_name: String(index + 2),
      nickname: store.freeNickname(email),
      email,
      role: 'admin',
      invite_status: 'confirmed',
      inviter_id: store.ownerId,
      custom_properties: store.customProperties.map((p) => ({ ...p, value: null })),
      created_at: now.toISOString(),
      last_activity_at: now.toISOString(),
    });
    ids.push(store.insertUser(user).id);
  }
  return ids;
}
