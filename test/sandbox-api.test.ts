// Behaviour of the sandbox API over real HTTP: wrappers, validation, uniqueness, tags, pagination,
// search, auth and scopes, Owner protection, status.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GroupTag, PaginationMeta, User } from '../src/pachca/types.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { api, startTestSandbox } from './helpers/sandbox.js';

type Errors = { errors: Array<{ key: string; code: string; value: string | null; payload: Record<string, unknown> | null }> };
type List<T> = { data: T[]; meta: PaginationMeta };

const ADMIN2 = 'second-admin-token-for-tests';
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ extraAdminTokens: [ADMIN2], rps: 10_000 });
});
afterEach(async () => {
  await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
});
afterAll(() => sandbox.stop());

async function createUser(user: Record<string, unknown>): Promise<User> {
  const response = await api(sandbox, 'POST', '/users', { body: { user } });
  expect(response.status, response.text).toBe(201);
  return (response.body as { data: User }).data;
}

async function createTag(name: string): Promise<GroupTag> {
  const response = await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name } } });
  expect(response.status, response.text).toBe(201);
  return (response.body as { data: GroupTag }).data;
}

describe('default workspace', () => {
  it('has the Owner, one bot, three custom properties, two chats and no tags', async () => {
    const users = (await api(sandbox, 'GET', '/users?limit=50')).body as List<User>;
    expect(users.data.map((u) => [u.role, u.bot])).toEqual([['admin', false], ['user', true], ['admin', false]]);
    const profile = (await api(sandbox, 'GET', '/profile')).body as { data: User };
    expect(profile.data.id).toBe(sandbox.directory().ownerId);
    const botProfile = (await api(sandbox, 'GET', '/profile', { token: sandbox.botToken })).body as { data: User };
    expect(botProfile.data.bot).toBe(true);
    const properties = (await api(sandbox, 'GET', '/custom_properties?entity_type=User')).body as { data: Array<{ name: string; data_type: string }> };
    expect(properties.data.map((p) => `${p.name}:${p.data_type}`)).toEqual(['Город:string', 'Табельный номер:number', 'Дата выхода:date']);
    expect(sandbox.directory().chats).toHaveLength(2);
    expect(((await api(sandbox, 'GET', '/group_tags')).body as List<GroupTag>).data).toEqual([]);
  });

  it('generates distinct tokens when none are given', () => {
    expect(sandbox.adminToken).toMatch(/^[\w-]{20,}$/);
    expect(sandbox.botToken).not.toBe(sandbox.adminToken);
  });
});

describe('POST /users', () => {
  it('creates an invite with a nickname, invite_status sent, created_at and every key present', async () => {
    const response = await api(sandbox, 'POST', '/users', {
      body: { user: { email: 'Ivan.Petrov@Example.ru', first_name: 'Иван', custom_properties: [{ id: 1679, value: '42' }] }, skip_email_notify: true },
    });
    expect(response.status).toBe(201);
    const user = (response.body as { data: User }).data;
    expect(user).toMatchObject({ email: 'Ivan.Petrov@Example.ru', first_name: null, last_name: null, nickname: 'ivan.petrov', invite_status: 'sent', role: 'user', suspended: false, bot: false, last_activity_at: null });
    expect(Date.parse(user.created_at)).not.toBeNaN();
    expect(user.custom_properties.find((p) => p.id === 1679)?.value).toBe('42');
    expect(Object.keys(user).sort()).toEqual([
      'bot', 'created_at', 'custom_properties', 'department', 'email', 'first_name', 'id', 'image_url', 'invite_status', 'inviter_id',
      'last_activity_at', 'last_name', 'list_tags', 'nickname', 'phone_number', 'role', 'sso', 'suspended', 'time_zone', 'title', 'user_status',
    ]);
  });

  it('requires the user wrapper and an email', async () => {
    const unwrapped = await api(sandbox, 'POST', '/users', { body: { email: 'a@example.ru' } });
    expect(unwrapped.status).toBe(400);
    expect((unwrapped.body as Errors).errors[0]?.key).toBe('user');
    const noEmail = await api(sandbox, 'POST', '/users', { body: { user: { first_name: 'Без почты' } } });
    expect(noEmail.status).toBe(422);
    expect((noEmail.body as Errors).errors[0]).toMatchObject({ key: 'email', code: 'blank' });
  });

  it('enforces max lengths', async () => {
    const response = await api(sandbox, 'POST', '/users', { body: { user: { email: 'a@example.ru', department: 'x'.repeat(256), nickname: 'n'.repeat(256) } } });
    expect(response.status).toBe(422);
    expect((response.body as Errors).errors.map((e) => `${e.key}:${e.code}`).sort()).toEqual(['department:too_long', 'nickname:too_long']);
    expect((await api(sandbox, 'POST', '/users', { body: { user: { email: 'a@example.ru', department: 'x'.repeat(255) } } })).status).toBe(201);
  });

  it('rejects email duplicates case-insensitively with 422 taken', async () => {
    await createUser({ email: 'maria@example.ru' });
    const duplicate = await api(sandbox, 'POST', '/users', { body: { user: { email: 'MARIA@example.RU' } } });
    expect(duplicate.status).toBe(422);
    expect((duplicate.body as Errors).errors[0]).toMatchObject({ key: 'email', code: 'taken' });
  });

  it('accepts the create roles; guest needs exactly one existing chat in chat_ids', async () => {
    const [chat, other] = sandbox.directory().chats;
    for (const role of ['admin', 'user', 'multi_guest']) expect((await api(sandbox, 'POST', '/users', { body: { user: { email: `${role}@example.ru`, role } } })).status).toBe(201);
    expect((await api(sandbox, 'POST', '/users', { body: { user: { email: 'g1@example.ru', role: 'guest', chat_ids: [chat?.id] } } })).status).toBe(201);
    for (const chatIds of [undefined, [], [chat?.id, other?.id], [999_999]]) {
      const response = await api(sandbox, 'POST', '/users', { body: { user: { email: 'g2@example.ru', role: 'guest', chat_ids: chatIds } } });
      expect(response.status, JSON.stringify(chatIds)).toBe(400);
      expect((response.body as Errors).errors[0]?.key).toBe('chat_ids');
    }
    const badRole = await api(sandbox, 'POST', '/users', { body: { user: { email: 'r@example.ru', role: 'owner' } } });
    expect(badRole.status).toBe(422);
    expect((badRole.body as Errors).errors[0]).toMatchObject({ key: 'role', code: 'inclusion' });
  });

  it('rejects an unknown tag in list_tags and an unknown custom property id', async () => {
    const tag = await api(sandbox, 'POST', '/users', { body: { user: { email: 't@example.ru', list_tags: ['Призраки'] } } });
    expect(tag.status).toBe(422);
    expect((tag.body as Errors).errors[0]).toMatchObject({ key: 'list_tags', code: 'not_found', value: 'Призраки' });
    const property = await api(sandbox, 'POST', '/users', { body: { user: { email: 't@example.ru', custom_properties: [{ id: 4242, value: 'x' }] } } });
    expect(property.status).toBe(422);
    expect((property.body as Errors).errors[0]).toMatchObject({ code: 'not_found', payload: { id: 4242 } });
    expect(sandbox.directory().users.some((u) => u.email === 't@example.ru')).toBe(false);
  });
});

describe('PUT and DELETE /users/{id}', () => {
  it('accepts only update roles (no guest)', async () => {
    const user = await createUser({ email: 'role@example.ru' });
    expect((await api(sandbox, 'PUT', `/users/${user.id}`, { body: { user: { role: 'multi_guest' } } })).status).toBe(200);
    const guest = await api(sandbox, 'PUT', `/users/${user.id}`, { body: { user: { role: 'guest' } } });
    expect(guest.status).toBe(422);
    expect((guest.body as Errors).errors[0]).toMatchObject({ key: 'role', code: 'inclusion' });
  });

  it('list_tags replaces the set, omitting it keeps tags, and users_count follows (suspended users keep and count)', async () => {
    await createTag('Backend');
    await createTag('Москва');
    const qa = await createTag('QA');
    const user = await createUser({ email: 'tags@example.ru', list_tags: ['Backend', 'москва'] });
    expect(user.list_tags).toEqual(['Backend', 'Москва']);
    const suspended = await api(sandbox, 'PUT', `/users/${user.id}`, { body: { user: { suspended: true } } });
    expect((suspended.body as { data: User }).data.list_tags).toEqual(['Backend', 'Москва']);
    const counts = async (): Promise<Record<string, number>> => Object.fromEntries(((await api(sandbox, 'GET', '/group_tags')).body as List<GroupTag>).data.map((t) => [t.name, t.users_count]));
    expect(await counts()).toEqual({ Backend: 1, Москва: 1, QA: 0 });
    const replaced = await api(sandbox, 'PUT', `/users/${user.id}`, { body: { user: { list_tags: ['QA'] } } });
    expect((replaced.body as { data: User }).data.list_tags).toEqual(['QA']);
    expect(await counts()).toEqual({ Backend: 0, Москва: 0, QA: 1 });
    const members = (await api(sandbox, 'GET', `/group_tags/${qa.id}/users`)).body as List<User>;
    expect(members.data.map((u) => u.email)).toEqual(['tags@example.ru']);
    expect((await api(sandbox, 'DELETE', `/users/${user.id}`)).status).toBe(204);
    expect(await counts()).toEqual({ Backend: 0, Москва: 0, QA: 0 });
    expect((await api(sandbox, 'GET', `/users/${user.id}`)).status).toBe(404);
  });

  it('deleting an inviter leaves inviter_id null on the people they invited', async () => {
    const inviter = await createUser({ email: 'inviter@example.ru', role: 'admin' });
    const invited = await api(sandbox, 'POST', '/users', { token: ADMIN2, body: { user: { email: 'invited@example.ru' } } });
    const admin2Id = ((await api(sandbox, 'GET', '/profile', { token: ADMIN2 })).body as { data: User }).data.id;
    const invitedUser = (invited.body as { data: User }).data;
    expect(invitedUser.inviter_id).toBe(admin2Id);
    expect(inviter.inviter_id).toBe(sandbox.directory().ownerId);
    expect((await api(sandbox, 'DELETE', `/users/${admin2Id}`)).status).toBe(204);
    expect(((await api(sandbox, 'GET', `/users/${invitedUser.id}`)).body as { data: User }).data.inviter_id).toBeNull();
    expect(((await api(sandbox, 'GET', `/users/${inviter.id}`)).body as { data: User }).data.inviter_id).toBe(sandbox.directory().ownerId);
  });

  it('rejects changing email to another user\'s address', async () => {
    await createUser({ email: 'one@example.ru' });
    const two = await createUser({ email: 'two@example.ru' });
    const response = await api(sandbox, 'PUT', `/users/${two.id}`, { body: { user: { email: 'ONE@example.ru' } } });
    expect(response.status).toBe(422);
    expect((response.body as Errors).errors[0]).toMatchObject({ key: 'email', code: 'taken' });
  });

  it('protects the Owner from another admin token, not from the Owner\'s own', async () => {
    const ownerId = sandbox.directory().ownerId as number;
    for (const method of ['PUT', 'DELETE']) {
      const response = await api(sandbox, method, `/users/${ownerId}`, { token: ADMIN2, body: method === 'PUT' ? { user: { title: 'x' } } : undefined });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ error: 'forbidden', error_description: 'Нельзя изменить данные владельца' });
    }
    sandbox.configure({ owner403: 'api' });
    try {
      const response = await api(sandbox, 'DELETE', `/users/${ownerId}`, { token: ADMIN2 });
      expect([response.status, (response.body as Errors).errors[0]?.code]).toEqual([403, 'owner_protected']);
    } finally {
      sandbox.configure({ owner403: 'oauth' });
    }
    expect((await api(sandbox, 'PUT', `/users/${ownerId}`, { body: { user: { title: 'CEO' } } })).status).toBe(200);
    const other = await createUser({ email: 'managed@example.ru' });
    expect((await api(sandbox, 'PUT', `/users/${other.id}`, { token: ADMIN2, body: { user: { title: 'x' } } })).status).toBe(200);
  });
});

describe('self-update rules', () => {
  it('a token cannot suspend, demote or delete its own user (403 self_update) but may edit its own fields', async () => {
    const ownerId = sandbox.directory().ownerId as number;
    const refusals: Array<[string, unknown, string]> = [
      ['PUT', { user: { suspended: true } }, 'suspended'],
      ['PUT', { user: { role: 'user' } }, 'role'],
      ['DELETE', undefined, 'id'],
    ];
    for (const [method, body, key] of refusals) {
      const response = await api(sandbox, method, `/users/${ownerId}`, { body });
      expect(response.status, `${method} ${JSON.stringify(body)}`).toBe(403);
      expect((response.body as Errors).errors[0]).toMatchObject({ key, code: 'self_update' });
    }
    const owner = ((await api(sandbox, 'GET', '/profile')).body as { data: User }).data;
    expect([owner.role, owner.suspended]).toEqual(['admin', false]);
    const edited = await api(sandbox, 'PUT', `/users/${ownerId}`, { body: { user: { title: 'CEO', role: 'admin', suspended: false } } });
    expect(edited.status).toBe(200);
    const admin2 = ((await api(sandbox, 'GET', '/profile', { token: ADMIN2 })).body as { data: User }).data;
    const selfSuspend = await api(sandbox, 'PUT', `/users/${admin2.id}`, { token: ADMIN2, body: { user: { suspended: true } } });
    expect((selfSuspend.body as Errors).errors[0]).toMatchObject({ key: 'suspended', code: 'self_update' });
    expect((await api(sandbox, 'PUT', `/users/${admin2.id}`, { body: { user: { suspended: true } } })).status).toBe(200);
  });
});

describe('custom property values by data_type', () => {
  it('number, date and link values are checked; errors carry payload {id}', async () => {
    const user = await createUser({ email: 'props@example.ru' });
    const setValue = (id: number, value: string): ReturnType<typeof api> =>
      api(sandbox, 'PUT', `/users/${user.id}`, { body: { user: { custom_properties: [{ id, value }] } } });
    const bad: Array<[number, string, string]> = [
      [1679, 'сорок два', 'invalid'], [1679, '1e5', 'invalid'], [1680, '2024-02-30', 'invalid'], [1680, '01.09.2026', 'invalid'],
      [1680, 'tomorrow', 'invalid'], [1678, 'я'.repeat(769), 'too_long'],
    ];
    for (const [id, value, code] of bad) {
      const response = await setValue(id, value);
      expect(response.status, value).toBe(422);
      expect((response.body as Errors).errors[0]).toMatchObject({ key: 'custom_properties', code, payload: { id } });
    }
    for (const [id, value] of [[1679, '-12.5'], [1680, '2024-02-29'], [1680, '2026-09-01T00:00:00.000Z'], [1678, 'я'.repeat(768)]] as const) {
      const response = await setValue(id, value);
      expect(response.status, value).toBe(200);
      expect((response.body as { data: User }).data.custom_properties.find((p) => p.id === id)?.value).toBe(value);
    }
    const cleared = await setValue(1679, '');
    expect((cleared.body as { data: User }).data.custom_properties.find((p) => p.id === 1679)?.value).toBeNull();
    expect((cleared.body as { data: User }).data.custom_properties.find((p) => p.id === 1680)?.value).toBe('2026-09-01T00:00:00.000Z');
  });

  it('link values must be http(s) URLs', async () => {
    const seeded = await startTestSandbox({
      seed: { ...sandbox.directory(), customProperties: [...sandbox.directory().customProperties, { id: 1681, name: 'GitHub', data_type: 'link' }] },
    });
    try {
      const create = (email: string, value: string): ReturnType<typeof api> =>
        api(seeded, 'POST', '/users', { body: { user: { email, custom_properties: [{ id: 1681, value }] } } });
      for (const value of ['github.com/a-smirnov', 'not a link', 'javascript:alert(1)']) {
        const response = await create('bad-link@example.ru', value);
        expect(response.status, value).toBe(422);
        expect((response.body as Errors).errors[0]).toMatchObject({ key: 'custom_properties', code: 'invalid', payload: { id: 1681 } });
      }
      expect((await create('link@example.ru', 'https://github.com/a-smirnov')).status).toBe(201);
    } finally {
      await seeded.stop();
    }
  });
});

describe('group tags', () => {
  it('names are unique (422 taken), filter by repeated names[], rename updates members', async () => {
    await createTag('Frontend');
    const duplicate = await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'frontend' } } });
    expect(duplicate.status).toBe(422);
    expect((duplicate.body as Errors).errors[0]).toMatchObject({ key: 'name', code: 'taken' });
    const hr = await createTag('HR');
    await createTag('Продажи');
    const filtered = (await api(sandbox, 'GET', `/group_tags?names[]=HR&names[]=${encodeURIComponent('Продажи')}&limit=50`)).body as List<GroupTag>;
    expect(filtered.data.map((t) => t.name)).toEqual(['HR', 'Продажи']);
    const user = await createUser({ email: 'hr@example.ru', list_tags: ['HR'] });
    expect((await api(sandbox, 'PUT', `/group_tags/${hr.id}`, { body: { group_tag: { name: 'Кадры' } } })).status).toBe(200);
    expect(((await api(sandbox, 'GET', `/users/${user.id}`)).body as { data: User }).data.list_tags).toEqual(['Кадры']);
    expect((await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'x'.repeat(256) } } })).status).toBe(422);
    expect((await api(sandbox, 'POST', '/group_tags', { body: { name: 'no wrapper' } })).status).toBe(400);
  });
});

describe('pagination', () => {
  async function walk(path: string): Promise<{ pages: List<User>[]; cursors: string[] }> {
    const pages: List<User>[] = [];
    const cursors: string[] = [];
    let cursor = '';
    for (let guard = 0; guard < 20; guard += 1) {
      const page = (await api(sandbox, 'GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`)).body as List<User>;
      pages.push(page);
      cursors.push(page.meta.paginate.next_page);
      if (page.data.length === 0) break;
      cursor = page.meta.paginate.next_page;
    }
    return { pages, cursors };
  }

  it('cursor style: all four fields, has_next false on the last page, next_page then gives an empty page with the same cursor', async () => {
    for (let i = 0; i < 7; i += 1) await createUser({ email: `p${i}@example.ru` });
    const { pages } = await walk('/users?limit=4');
    expect(pages.map((p) => p.data.length)).toEqual([4, 4, 2, 0]);
    expect(pages.map((p) => p.meta.paginate.has_next)).toEqual([true, true, false, false]);
    expect(pages.map((p) => p.meta.paginate.has_prev)).toEqual([false, true, true, true]);
    for (const page of pages) expect(Object.keys(page.meta.paginate).sort()).toEqual(['has_next', 'has_prev', 'next_page', 'prev_page']);
    const last = pages[2] as List<User>;
    const empty = pages[3] as List<User>;
    expect(empty.meta.paginate.next_page).toBe(last.meta.paginate.next_page);
    const ids = pages.flatMap((p) => p.data.map((u) => u.id));
    expect(new Set(ids).size).toBe(10);
    const back = (await api(sandbox, 'GET', `/users?limit=4&cursor=${(pages[1] as List<User>).meta.paginate.prev_page}`)).body as List<User>;
    expect(back.data.map((u) => u.id)).toEqual((pages[0] as List<User>).data.map((u) => u.id));
  });

  it('limit must be 1..50 (400 invalid on key limit)', async () => {
    for (const limit of ['0', '51', 'abc', '-1']) {
      const response = await api(sandbox, 'GET', `/users?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect((response.body as Errors).errors[0]).toMatchObject({ key: 'limit', code: 'invalid' });
    }
    expect((await api(sandbox, 'GET', '/users?limit=50')).status).toBe(200);
  });

  it('legacy style (--legacy-pagination): only next_page, the end is an empty page, for every list', async () => {
    sandbox.configure({ legacyPagination: true });
    try {
      for (let i = 0; i < 3; i += 1) await createUser({ email: `l${i}@example.ru`, list_tags: [] });
      const { pages } = await walk('/users?limit=2');
      expect(pages.map((p) => p.data.length)).toEqual([2, 2, 2, 0]);
      for (const page of pages) expect(Object.keys(page.meta.paginate)).toEqual(['next_page']);
      const tag = await createTag('Legacy');
      for (const path of ['/group_tags?limit=1', `/group_tags/${tag.id}/users?limit=1`]) {
        expect(Object.keys(((await api(sandbox, 'GET', path)).body as List<unknown>).meta.paginate)).toEqual(['next_page']);
      }
    } finally {
      sandbox.configure({ legacyPagination: false });
    }
  });
});

describe('query search', () => {
  it('partially matches names, email, phone and nickname, with the legacy meta', async () => {
    await createUser({ email: 'olga.smirnova@example.ru', first_name: 'Ольга', last_name: 'Смирнова', phone_number: '+79161234567' });
    await createUser({ email: 'petr@example.ru', first_name: 'Пётр', last_name: 'Иванов', nickname: 'peter_the_great' });
    const search = async (query: string): Promise<List<User>> => (await api(sandbox, 'GET', `/users?limit=50&query=${encodeURIComponent(query)}`)).body as List<User>;
    expect((await search('смирн')).data.map((u) => u.email)).toEqual(['olga.smirnova@example.ru']);
    expect((await search('OLGA.SMIR')).data.map((u) => u.email)).toEqual(['olga.smirnova@example.ru']);
    expect((await search('916123')).data.map((u) => u.email)).toEqual(['olga.smirnova@example.ru']);
    expect((await search('the_great')).data.map((u) => u.email)).toEqual(['petr@example.ru']);
    expect((await search('Пётр Иванов')).data.map((u) => u.email)).toEqual(['petr@example.ru']);
    const page = await search('example.ru');
    expect(Object.keys(page.meta.paginate)).toEqual(['next_page']);
    const after = (await api(sandbox, 'GET', `/users?limit=50&query=example.ru&cursor=${page.meta.paginate.next_page}`)).body as List<User>;
    expect(after.data).toEqual([]);
  });
});

describe('auth and scopes', () => {
  it('401 OAuthError without a token or with an unknown one', async () => {
    for (const token of [null, 'wrong-token']) {
      const response = await api(sandbox, 'GET', '/users', { token });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: 'invalid_token' });
    }
  });

  it('the bot token lacks the admin-only scopes and sees email and phone as null', async () => {
    const writes: Array<[string, string, unknown, string]> = [
      ['POST', '/users', { user: { email: 'b@example.ru' } }, 'users:create'],
      ['PUT', '/users/1', { user: { title: 'x' } }, 'users:update'],
      ['DELETE', '/users/1', undefined, 'users:delete'],
      ['POST', '/group_tags', { group_tag: { name: 'x' } }, 'group_tags:write'],
      ['PUT', '/users/1/status', { status: { emoji: '🙂', title: 'x' } }, 'user_status:write'],
    ];
    for (const [method, path, body, scope] of writes) {
      const response = await api(sandbox, method, path, { token: sandbox.botToken, body });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ error: 'insufficient_scope', error_description: `Insufficient scope. Required: ${scope}` });
    }
    await createUser({ email: 'seen@example.ru', phone_number: '+79990001122' });
    const list = (await api(sandbox, 'GET', '/users?limit=50', { token: sandbox.botToken })).body as List<User>;
    expect(list.data.length).toBeGreaterThan(2);
    expect(list.data.every((u) => u.email === null && u.phone_number === null)).toBe(true);
    const adminList = (await api(sandbox, 'GET', '/users?limit=50')).body as List<User>;
    expect(adminList.data.find((u) => u.email === 'seen@example.ru')?.phone_number).toBe('+79990001122');
    const info = (await api(sandbox, 'GET', '/oauth/token/info', { token: sandbox.botToken })).body as { data: { scopes: string[]; token: string } };
    expect(info.data.scopes).not.toContain('users:create');
    expect(info.data.token).not.toBe(sandbox.botToken);
    const adminInfo = (await api(sandbox, 'GET', '/oauth/token/info')).body as { data: { scopes: string[]; token: string } };
    expect(adminInfo.data.scopes).toEqual(expect.arrayContaining(['users:create', 'users:update', 'users:delete', 'group_tags:write', 'user_status:write']));
    expect(adminInfo.data.token).toBe(`${sandbox.adminToken.slice(0, 8)}...${sandbox.adminToken.slice(-4)}`);
    // Scopes follow the spec's x-scope-roles: owner-only scopes stay with the Owner, bots get no admin writes.
    const admin2Info = (await api(sandbox, 'GET', '/oauth/token/info', { token: ADMIN2 })).body as { data: { scopes: string[] } };
    expect(adminInfo.data.scopes).toContain('audit_events:read');
    expect(admin2Info.data.scopes).toEqual(expect.arrayContaining(['users:create', 'users:update', 'users:delete', 'group_tags:write']));
    expect(admin2Info.data.scopes).not.toContain('audit_events:read');
    for (const scope of ['users:create', 'users:update', 'users:delete', 'group_tags:write', 'user_status:write', 'audit_events:read']) {
      expect(info.data.scopes).not.toContain(scope);
    }
    expect(info.data.scopes).toEqual(expect.arrayContaining(['users:read', 'group_tags:read', 'custom_properties:read', 'search:users']));
  });
});

describe('status', () => {
  it('GET is a bare null when none; PUT validates and answers away_message as {text}; DELETE 204', async () => {
    const user = await createUser({ email: 'status@example.ru' });
    const none = await api(sandbox, 'GET', `/users/${user.id}/status`);
    expect([none.status, none.text, none.body]).toEqual([200, 'null', null]);
    const set = await api(sandbox, 'PUT', `/users/${user.id}/status`, { body: { status: { emoji: '🏖️', title: 'Отпуск', is_away: true, away_message: 'До 1 сентября' } } });
    expect(set.status).toBe(200);
    expect((set.body as { data: unknown }).data).toEqual({ emoji: '🏖️', title: 'Отпуск', expires_at: null, is_away: true, away_message: { text: 'До 1 сентября' } });
    expect(((await api(sandbox, 'GET', `/users/${user.id}`)).body as { data: User }).data.user_status?.title).toBe('Отпуск');
    const invalid: Array<[Record<string, unknown>, string, string]> = [
      [{ title: 'x' }, 'emoji', 'blank'],
      [{ emoji: 'ok', title: 'x' }, 'emoji', 'wrong_emoji'],
      [{ emoji: '🙂' }, 'title', 'blank'],
      [{ emoji: '🙂', title: 'x'.repeat(51) }, 'title', 'too_long'],
      [{ emoji: '🙂', title: 'x', away_message: 'x'.repeat(1025) }, 'away_message', 'too_long'],
    ];
    for (const [status, key, code] of invalid) {
      const response = await api(sandbox, 'PUT', `/users/${user.id}/status`, { body: { status } });
      expect(response.status, JSON.stringify(status)).toBe(422);
      expect((response.body as Errors).errors[0]).toMatchObject({ key, code });
    }
    const removed = await api(sandbox, 'DELETE', `/users/${user.id}/status`);
    expect([removed.status, removed.text]).toEqual([204, '']);
    expect((await api(sandbox, 'GET', `/users/${user.id}/status`)).text).toBe('null');
  });
});

describe('messages', () => {
  it('keeps direct messages to a user for tests to read', async () => {
    const user = await createUser({ email: 'welcome@example.ru' });
    const response = await api(sandbox, 'POST', '/messages', { body: { message: { entity_type: 'user', entity_id: user.id, content: 'Привет!' } } });
    expect(response.status).toBe(201);
    expect(sandbox.directory().messages?.map((m) => [m.entity_id, m.content])).toEqual([[user.id, 'Привет!']]);
    expect((await api(sandbox, 'POST', '/messages', { body: { message: { entity_type: 'user', entity_id: 987654, content: 'x' } } })).status).toBe(404);
  });
});
