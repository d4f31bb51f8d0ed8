// The sandbox's chats, chat members, tags linked to chats and avatars: every new route's bodies
// against the spec's schemas (test/contract/schemas.ts), and their behaviour (visibility, scopes,
// filters, pagination, tag -> chat membership, the audit log, avatar type and size refusals).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES } from '../src/pachca/avatar.js';
import type { AuditEvent, Chat, User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { oversizedPng } from '../scripts/make-images.js';
import { schemaErrors, type EnvelopeName } from './contract/schemas.js';
import { api, startTestSandbox, type ApiCallOptions, type ApiCallResult } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const image = (name: string): Buffer => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));
const ADMIN2 = 'second-admin-token-0001';
const OWNER = 1;
const LEAD = 10; // a.smirnov: admin, owner of chats 502 and 503

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ seed, extraAdminTokens: [ADMIN2] });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.stop());

async function expectContract(method: string, path: string, status: number, schema: EnvelopeName, options?: ApiCallOptions): Promise<unknown> {
  const response = await api(sandbox, method, path, options);
  expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
  expect(schemaErrors(schema, response.body)).toBe('');
  return response.body;
}

async function expectNoContent(method: string, path: string, options?: ApiCallOptions): Promise<void> {
  const response = await api(sandbox, method, path, options);
  expect(response.status, `${method} ${path}: ${response.text}`).toBe(204);
  expect(response.text).toBe('');
}

async function putAvatar(userId: number, bytes: Uint8Array, type: string, token = sandbox.adminToken): Promise<ApiCallResult> {
  const form = new FormData();
  form.append('image', new Blob([bytes], { type }), 'photo');
  const response = await fetch(`${sandbox.url}/users/${userId}/avatar`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? text : JSON.parse(text), text };
}

const chatIds = (body: unknown): number[] => (body as { data: Chat[] }).data.map((chat) => chat.id);
const chatOf = (id: number): Chat => sandbox.directory().chats.find((chat) => chat.id === id) as Chat;
const userOf = (id: number): User => sandbox.directory().users.find((user) => user.id === id) as User;
const errorCode = (body: unknown): string | undefined => (body as { errors: { code: string }[] }).errors[0]?.code;

async function allChatIds(query: string, token?: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const response = await api(sandbox, 'GET', `/chats?limit=2${query}${cursor}`, { token });
    expect(response.status).toBe(200);
    const body = response.body as { data: Chat[]; meta: { paginate: { next_page: string; has_next: boolean } } };
    ids.push(...body.data.map((chat) => chat.id));
    if (!body.meta.paginate.has_next) return ids;
    cursor = `&cursor=${body.meta.paginate.next_page}`;
  }
  throw new Error('the list did not end');
}

describe('fixtures/directory.json chats', () => {
  it('are spec-valid chats whose members and linked tags exist, and every linked tag member is in the chat', () => {
    const userIds = new Set(seed.users.map((user) => user.id));
    for (const chat of seed.chats) {
      expect(schemaErrors('ChatResponse', { data: chat }), chat.name).toBe('');
      for (const id of chat.member_ids ?? []) expect(userIds.has(id), `${chat.name}: ${id}`).toBe(true);
      for (const tagId of chat.group_tag_ids ?? []) {
        const tag = seed.tags.find((candidate) => candidate.id === tagId);
        for (const user of seed.users.filter((u) => tag && u.list_tags.includes(tag.name))) expect(chat.member_ids).toContain(user.id);
      }
    }
    expect(seed.chats.some((chat) => chat.archived)).toBe(true);
    expect(seed.chats.some((chat) => chat.channel && chat.public)).toBe(true);
    expect(seed.chats.some((chat) => !chat.public && !chat.member_ids?.includes(OWNER))).toBe(true);
  });
});

describe('contract: success bodies', () => {
  it('GET /chats with every filter, GET /chats/{id}, GET /chats/{id}/members', async () => {
    await expectContract('GET', '/chats', 200, 'ChatList');
    await expectContract('GET', '/chats?sort=last_message_at&order=asc&availability=public&archived=true&personal=false&last_message_at_after=2026-01-01T00:00:00.000Z&last_message_at_before=2026-12-31T00:00:00.000Z&limit=2', 200, 'ChatList');
    await expectContract('GET', '/chats?limit=5', 200, 'ChatList', { token: sandbox.botToken });
    await expectContract('GET', '/chats/501', 200, 'ChatResponse');
    await expectContract('GET', '/chats/503/members?role=all&limit=3', 200, 'UserList');
    await expectContract('GET', '/chats/504/members', 200, 'UserList', { token: sandbox.botToken });
  });

  it('members and tags: add and remove answer 204 without a body; avatars: PUT answers AvatarData, DELETE 204', async () => {
    await expectNoContent('POST', '/chats/502/members', { body: { member_ids: [11, 12], silent: true } });
    await expectNoContent('DELETE', '/chats/502/members/12');
    await expectNoContent('POST', '/chats/502/group_tags', { body: { group_tag_ids: [9103] } });
    await expectNoContent('DELETE', '/chats/502/group_tags/9103');
    const put = await putAvatar(11, image('m.ivanova@example.ru.png'), 'image/png');
    expect(put.status, put.text).toBe(200);
    expect(schemaErrors('AvatarResponse', put.body)).toBe('');
    await expectNoContent('DELETE', '/users/11/avatar');
  });
});

describe('contract: error bodies', () => {
  it('are ApiError for 400, 404 and 422 and OAuthError for 401 and 403', async () => {
    const apiErrors: Array<[string, string, number, unknown?]> = [
      ['GET', '/chats?sort=name', 400],
      ['GET', '/chats?order=up', 400],
      ['GET', '/chats?availability=all', 400],
      ['GET', '/chats?archived=yes', 400],
      ['GET', '/chats?last_message_at_after=yesterday', 400],
      ['GET', '/chats?limit=51', 400],
      ['GET', '/chats/503/members?role=boss', 400],
      ['POST', '/chats/502/members', 400, { users: [11] }],
      ['POST', '/chats/502/members', 400, { member_ids: ['11'] }],
      ['POST', '/chats/502/members', 400, { member_ids: [11], silent: 'yes' }],
      ['POST', '/chats/502/group_tags', 400, {}],
      ['GET', '/chats/999', 404],
      ['GET', '/chats/999/members', 404],
      ['POST', '/chats/999/members', 404, { member_ids: [11] }],
      ['POST', '/chats/502/members', 404, { member_ids: [99_999] }],
      ['POST', '/chats/502/group_tags', 404, { group_tag_ids: [1] }],
      ['DELETE', '/chats/502/members/11', 404],
      ['DELETE', '/chats/502/group_tags/9100', 404],
      ['DELETE', '/users/99999/avatar', 404],
      ['POST', '/chats/507/members', 422, { member_ids: [11] }],
      ['POST', '/chats/507/group_tags', 422, { group_tag_ids: [9100] }],
    ];
    for (const [method, path, status, body] of apiErrors) await expectContract(method, path, status, 'ApiError', { body });
    const oauthErrors: Array<[string, string, number, ApiCallOptions]> = [
      ['GET', '/chats', 401, { token: null }],
      ['GET', '/chats/505', 403, {}],
      ['GET', '/chats/505/members', 403, { token: ADMIN2 }],
      ['POST', '/chats/505/members', 403, { body: { member_ids: [11] } }],
      ['DELETE', '/chats/501/members/11', 403, { token: sandbox.botToken }],
      ['DELETE', '/chats/502/members/10', 403, {}],
      ['DELETE', '/users/11/avatar', 403, { token: sandbox.botToken }],
    ];
    for (const [method, path, status, options] of oauthErrors) await expectContract(method, path, status, 'OAuthError', options);
  });

  it('avatar refusals are ApiError: not multipart 400, no image 400, not an image 422, too big 422', async () => {
    await expectContract('PUT', '/users/11/avatar', 400, 'ApiError', { body: { image: 'x' } });
    const form = new FormData();
    form.append('picture', new Blob([image('m.ivanova@example.ru.png')], { type: 'image/png' }), 'p.png');
    const noImage = await fetch(`${sandbox.url}/users/11/avatar`, { method: 'PUT', headers: { authorization: `Bearer ${sandbox.adminToken}` }, body: form });
    expect(noImage.status).toBe(400);
    expect(schemaErrors('ApiError', await noImage.json())).toBe('');
    for (const [bytes, code] of [[image('e.popova@example.ru.png'), 'invalid'], [oversizedPng(AVATAR_MAX_BYTES), 'too_long'], [Buffer.alloc(0), 'blank']] as const) {
      const refused = await putAvatar(11, bytes, 'image/png');
      expect(refused.status, refused.text).toBe(422);
      expect(schemaErrors('ApiError', refused.body)).toBe('');
      expect(errorCode(refused.body)).toBe(code);
    }
  });
});

describe('listing chats', () => {
  it('by default lists the active chats the token is in, newest id first; archived=true adds archived ones', async () => {
    expect(chatIds(await expectContract('GET', '/chats', 200, 'ChatList'))).toEqual([506, 502, 501]);
    expect(chatIds((await api(sandbox, 'GET', '/chats?archived=true')).body)).toEqual([507, 506, 502, 501]);
    expect(chatIds((await api(sandbox, 'GET', '/chats?order=asc')).body)).toEqual([501, 502, 506]);
    expect(chatIds((await api(sandbox, 'GET', '/chats', { token: sandbox.botToken })).body)).toEqual([504, 501]);
    expect(chatIds((await api(sandbox, 'GET', '/chats', { token: ADMIN2 })).body)).toEqual([]);
  });

  it('availability=public lists every open chat whether the token is in it or not, never closed ones', async () => {
    expect(chatIds((await api(sandbox, 'GET', '/chats?availability=public', { token: ADMIN2 })).body)).toEqual([506, 504, 501]);
    expect(chatIds((await api(sandbox, 'GET', '/chats?availability=public&personal=true')).body)).toEqual([]);
  });

  it('sorts by last message time and filters by it (inclusive)', async () => {
    const byTime = chatIds((await api(sandbox, 'GET', '/chats?availability=public&sort=last_message_at&order=asc')).body);
    const times = byTime.map((id) => chatOf(id).last_message_at);
    expect(times).toEqual([...times].sort());
    const middle = chatOf(504).last_message_at;
    expect(chatIds((await api(sandbox, 'GET', `/chats?availability=public&last_message_at_before=${middle}`)).body)).toContain(504);
    expect(chatIds((await api(sandbox, 'GET', `/chats?availability=public&last_message_at_after=${middle}`)).body)).toEqual(
      [506, 504, 501].filter((id) => chatOf(id).last_message_at >= middle),
    );
  });

  it('pages with cursors to the end, also with --short-pages (empty pages with has_next mid-list)', async () => {
    const whole = chatIds((await api(sandbox, 'GET', '/chats?availability=public&archived=true')).body);
    expect(await allChatIds('&availability=public&archived=true')).toEqual(whole);
    expect(await allChatIds('&sort=last_message_at&archived=true')).toHaveLength(4);
    sandbox.configure({ shortPages: true });
    try {
      expect(await allChatIds('&availability=public&archived=true')).toEqual(whole);
    } finally {
      sandbox.configure({ shortPages: false });
    }
  });

  it('a closed chat is seen only by its members; its members by them and by the Owner', async () => {
    expect((await api(sandbox, 'GET', '/chats/505', { token: sandbox.adminToken })).status).toBe(403);
    const members = (await expectContract('GET', '/chats/505/members', 200, 'UserList')) as { data: User[] };
    expect(members.data.map((user) => user.id)).toEqual(chatOf(505).member_ids);
    expect((await api(sandbox, 'GET', '/chats/504/members', { token: ADMIN2 })).status).toBe(200);
  });

  it('filters members by their role in the chat', async () => {
    const ids = async (role: string): Promise<number[]> => ((await api(sandbox, 'GET', `/chats/504/members?role=${role}`)).body as { data: User[] }).data.map((u) => u.id);
    expect(await ids('owner')).toEqual([22]);
    expect(await ids('editor')).toEqual([2]);
    expect(await ids('member')).not.toContain(22);
  });
});

describe('chat members', () => {
  it('adds people (once), removes them, records user_chat_join and user_chat_leave with who did it', async () => {
    await expectNoContent('POST', '/chats/502/members', { body: { member_ids: [11, 11, 12] } });
    await expectNoContent('POST', '/chats/502/members', { body: { member_ids: [11] } });
    expect(chatOf(502).member_ids).toEqual([OWNER, LEAD, 11, 12, 47]);
    await expectNoContent('DELETE', '/chats/502/members/12');
    expect(chatOf(502).member_ids).not.toContain(12);
    const events = async (key: string): Promise<AuditEvent[]> => ((await api(sandbox, 'GET', `/audit_events?event_key=${key}&entity_type=Chat`)).body as { data: AuditEvent[] }).data;
    expect((await events('user_chat_join')).map((e) => [e.actor_id, e.entity_id, e.details])).toEqual([
      ['12', '502', { inviter_id: OWNER }], ['11', '502', { inviter_id: OWNER }],
    ]);
    expect((await events('user_chat_leave')).map((e) => [e.actor_id, e.details])).toEqual([['12', { initiator_id: OWNER }]]);
  });

  it('refuses what the documentation forbids: the chat creator, closed chats of others, archived chats, a guest in a second chat', async () => {
    const kick = await api(sandbox, 'DELETE', `/chats/502/members/${LEAD}`);
    expect(kick.body).toMatchObject({ error: 'cannot_kick_owner' });
    expect((await api(sandbox, 'POST', '/chats/505/members', { body: { member_ids: [11] } })).status).toBe(403);
    expect(errorCode((await api(sandbox, 'POST', '/chats/507/members', { body: { member_ids: [11] } })).body)).toBe('not_applicable');
    expect((await api(sandbox, 'DELETE', '/chats/507/members/11')).status).toBe(403);
    const guest = await api(sandbox, 'POST', '/users', { body: { user: { email: 'guest@example.ru', role: 'guest', chat_ids: [501] }, skip_email_notify: true } });
    const guestId = (guest.body as { data: User }).data.id;
    expect(chatOf(501).member_ids).toContain(guestId);
    const second = await api(sandbox, 'POST', '/chats/502/members', { body: { member_ids: [guestId] } });
    expect(second.status).toBe(422);
    expect(errorCode(second.body)).toBe('not_applicable');
  });

  it('anyone may add to an open chat; only its creator and admins may remove; a bot token has the chat scopes', async () => {
    await expectNoContent('POST', '/chats/504/members', { token: ADMIN2, body: { member_ids: [31] } });
    expect((await api(sandbox, 'DELETE', '/chats/504/members/31', { token: ADMIN2 })).status).toBe(403);
    await expectNoContent('POST', '/chats/504/members', { token: sandbox.botToken, body: { member_ids: [33] } });
    expect(chatOf(504).member_ids).toEqual(expect.arrayContaining([31, 33]));
  });

  it('a deleted person leaves every chat (a suspended one stays)', async () => {
    await api(sandbox, 'PUT', '/users/11', { body: { user: { suspended: true } } });
    expect(chatOf(503).member_ids).toContain(11);
    await api(sandbox, 'DELETE', '/users/11');
    expect(sandbox.directory().chats.filter((chat) => chat.member_ids?.includes(11))).toEqual([]);
  });
});

describe('tags linked to chats', () => {
  it('bring their members in, and membership follows the tag; unlinking leaves the people in', async () => {
    const hr = seed.users.filter((user) => user.list_tags.includes('HR')).map((user) => user.id);
    await expectNoContent('POST', '/chats/502/group_tags', { body: { group_tag_ids: [9103] } });
    expect(chatOf(502).group_tag_ids).toEqual([9103]);
    expect(chatOf(502).member_ids).toEqual(expect.arrayContaining(hr));
    await api(sandbox, 'PUT', '/users/11', { body: { user: { list_tags: ['Backend', 'HR'] } } });
    expect(chatOf(502).member_ids).toContain(11);
    await api(sandbox, 'PUT', '/users/11', { body: { user: { list_tags: ['Backend'] } } });
    expect(chatOf(502).member_ids).not.toContain(11);
    // In two linked tags: leaving one keeps the person in the chat.
    await api(sandbox, 'PUT', '/users/12', { body: { user: { list_tags: ['Backend'] } } });
    expect(chatOf(503).member_ids).toContain(12);
    const created = await api(sandbox, 'POST', '/users', { body: { user: { email: 'hr.new@example.ru', list_tags: ['HR'] }, skip_email_notify: true } });
    expect(chatOf(505).member_ids).toContain((created.body as { data: User }).data.id);
    await expectNoContent('DELETE', '/chats/502/group_tags/9103');
    expect(chatOf(502).group_tag_ids).toEqual([]);
    expect(chatOf(502).member_ids).toEqual(expect.arrayContaining(hr));
    const tagEvents = ((await api(sandbox, 'GET', '/audit_events?entity_type=GroupTag&entity_id=9103')).body as { data: AuditEvent[] }).data;
    expect(tagEvents.map((event) => [event.event_key, event.details])).toEqual(expect.arrayContaining([
      ['tag_added_to_chat', { chat_id: 502, tag_name: 'HR' }], ['tag_removed_from_chat', { chat_id: 502 }],
    ]));
  });

  it('a deleted tag is no longer linked', async () => {
    await api(sandbox, 'DELETE', '/group_tags/9100');
    expect(chatOf(503).group_tag_ids).toEqual([9101]);
  });
});

describe('avatars', () => {
  it('PUT sets image_url in the user (PNG and JPEG by content), DELETE clears it', async () => {
    const png = await putAvatar(11, image('m.ivanova@example.ru.png'), 'image/png');
    const url = (png.body as { data: { image_url: string } }).data.image_url;
    expect(url).toMatch(/\.png$/);
    expect(((await api(sandbox, 'GET', '/users/11')).body as { data: User }).data.image_url).toBe(url);
    const jpeg = await putAvatar(10, image('a.smirnov@example.ru.jpg'), 'application/octet-stream');
    expect((jpeg.body as { data: { image_url: string } }).data.image_url).toMatch(/\.jpg$/);
    expect(userOf(12).image_url).toBeNull();
    expect((await putAvatar(12, image('d.kuznetsov@example.ru.jpeg'), 'image/jpeg')).status).toBe(200);
    await expectNoContent('DELETE', '/users/11/avatar');
    expect(userOf(11).image_url).toBeNull();
  });

  it('a refused image leaves the avatar as it was', async () => {
    const before = userOf(OWNER).image_url;
    expect((await putAvatar(OWNER, image('e.popova@example.ru.png'), 'image/png')).status).toBe(422);
    expect((await putAvatar(OWNER, oversizedPng(AVATAR_MAX_BYTES), 'image/png')).status).toBe(422);
    expect(userOf(OWNER).image_url).toBe(before);
  });

  it('needs user_avatar:write (Owner and admins, never bots); another admin cannot change the Owner\'s', async () => {
    const bot = await putAvatar(11, image('m.ivanova@example.ru.png'), 'image/png', sandbox.botToken);
    expect(bot.status).toBe(403);
    expect(bot.body).toMatchObject({ error: 'insufficient_scope' });
    expect((await putAvatar(11, image('m.ivanova@example.ru.png'), 'image/png', ADMIN2)).status).toBe(200);
    expect((await putAvatar(OWNER, image('m.ivanova@example.ru.png'), 'image/png', ADMIN2)).status).toBe(403);
    expect((await api(sandbox, 'DELETE', `/users/${OWNER}/avatar`, { token: ADMIN2 })).status).toBe(403);
  });

  it('a body far past the limit is cut off with 413', async () => {
    const huge = await putAvatar(11, oversizedPng(2 * AVATAR_MAX_BYTES + 1024), 'image/png');
    expect(huge.status).toBe(413);
  });
});

describe('--state', () => {
  it('keeps chat members and linked tags across a restart', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'chats-state-'));
    const stateFile = join(folder, 'state.json');
    try {
      const first = await startTestSandbox({ seed, stateFile });
      await api(first, 'POST', '/chats/502/members', { body: { member_ids: [11] } });
      await api(first, 'POST', '/chats/502/group_tags', { body: { group_tag_ids: [9103] } });
      await first.stop();
      const second = await startTestSandbox({ seed, stateFile });
      try {
        const chat = ((await api(second, 'GET', '/chats/502')).body as { data: Chat }).data;
        expect(chat.group_tag_ids).toEqual([9103]);
        expect(chat.member_ids).toEqual(expect.arrayContaining([11, 27, 28]));
      } finally {
        await second.stop();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('rate limits', () => {
  it('the chat and avatar routes share the per-token limit (429 with Retry-After)', async () => {
    sandbox.configure({ rps: 1 });
    try {
      await api(sandbox, 'GET', '/chats');
      const limited = await api(sandbox, 'POST', '/chats/502/members', { body: { member_ids: [11] } });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(chatOf(502).member_ids).not.toContain(11);
    } finally {
      sandbox.configure({ rps: 50 });
    }
  });
});
