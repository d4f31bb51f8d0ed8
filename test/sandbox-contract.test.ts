// Every sandbox route's success and error bodies validated against JSON Schemas written from the
// official spec (test/contract/schemas.ts), over real HTTP.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { schemaErrors, type EnvelopeName } from './contract/schemas.js';
import { api, startTestSandbox, type ApiCallOptions } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ seed, extraAdminTokens: ['second-admin-token-0001'] });
});
afterAll(() => sandbox.stop());

async function expectContract(method: string, path: string, status: number, schema: EnvelopeName, options?: ApiCallOptions): Promise<unknown> {
  const response = await api(sandbox, method, path, options);
  expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
  expect(schemaErrors(schema, response.body)).toBe('');
  return response.body;
}

describe('fixtures/directory.json', () => {
  it('holds only spec-valid users and tags, with users_count matching list_tags', () => {
    for (const user of seed.users) expect(schemaErrors('UserResponse', { data: user }), user.email ?? String(user.id)).toBe('');
    for (const tag of seed.tags) {
      expect(schemaErrors('GroupTagResponse', { data: tag })).toBe('');
      expect(tag.users_count).toBe(seed.users.filter((u) => u.list_tags.includes(tag.name)).length);
    }
    expect(schemaErrors('CustomPropertyList', { data: seed.customProperties })).toBe('');
    expect(seed.users.filter((u) => u.suspended && u.list_tags.length > 0).length).toBeGreaterThan(0);
    expect(seed.users.filter((u) => u.invite_status === 'sent' && u.first_name === null).length).toBeGreaterThan(0);
    expect(seed.users.filter((u) => u.bot).length).toBeGreaterThanOrEqual(2);
  });
});

describe('success bodies match the spec schemas', () => {
  it('profile, token info, custom properties', async () => {
    await expectContract('GET', '/profile', 200, 'UserResponse');
    await expectContract('GET', '/profile', 200, 'UserResponse', { token: sandbox.botToken });
    await expectContract('GET', '/oauth/token/info', 200, 'AccessTokenInfoResponse');
    await expectContract('GET', '/oauth/token/info', 200, 'AccessTokenInfoResponse', { token: sandbox.botToken });
    await expectContract('GET', '/custom_properties?entity_type=User', 200, 'CustomPropertyList');
  });

  it('users: list, search, get, create, update, delete', async () => {
    await expectContract('GET', '/users?limit=50', 200, 'UserList');
    await expectContract('GET', '/users?limit=5', 200, 'UserList', { token: sandbox.botToken });
    await expectContract('GET', '/users?query=%D0%BF%D0%B5%D1%82&limit=10', 200, 'UserList');
    await expectContract('GET', '/users/10', 200, 'UserResponse');
    const created = (await expectContract('POST', '/users', 201, 'UserResponse', {
      body: { user: { email: 'contract@example.ru', first_name: 'Контракт', list_tags: ['HR'], custom_properties: [{ id: 1678, value: 'Тверь' }] }, skip_email_notify: true },
    })) as { data: { id: number } };
    await expectContract('PUT', `/users/${created.data.id}`, 200, 'UserResponse', { body: { user: { title: 'Инженер', list_tags: [] } } });
    const removed = await api(sandbox, 'DELETE', `/users/${created.data.id}`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
  });

  it('status: get (set and none), put, delete', async () => {
    await expectContract('GET', '/users/1/status', 200, 'UserStatusResponse');
    await expectContract('PUT', '/users/11/status', 200, 'UserStatusResponse', {
      body: { status: { emoji: '🤒', title: 'Болею', expires_at: '2026-09-01T00:00:00.000Z', is_away: true, away_message: 'Вернусь в понедельник' } },
    });
    expect((await api(sandbox, 'DELETE', '/users/11/status')).status).toBe(204);
    const none = await api(sandbox, 'GET', '/users/11/status');
    expect(none.status).toBe(200);
    expect(none.text).toBe('null');
  });

  it('group tags: list, by names, get, members, create, rename, delete', async () => {
    await expectContract('GET', '/group_tags?limit=50', 200, 'GroupTagList');
    await expectContract('GET', '/group_tags?names[]=HR&names[]=Backend', 200, 'GroupTagList');
    await expectContract('GET', '/group_tags/9100', 200, 'GroupTagResponse');
    await expectContract('GET', '/group_tags/9100/users?limit=3', 200, 'UserList');
    const tag = (await expectContract('POST', '/group_tags', 201, 'GroupTagResponse', { body: { group_tag: { name: 'Контракт' } } })) as { data: { id: number } };
    await expectContract('PUT', `/group_tags/${tag.data.id}`, 200, 'GroupTagResponse', { body: { group_tag: { name: 'Контракт-2' } } });
    expect((await api(sandbox, 'DELETE', `/group_tags/${tag.data.id}`)).status).toBe(204);
  });

  it('messages', async () => {
    await expectContract('POST', '/messages', 201, 'MessageResponse', { body: { message: { entity_type: 'user', entity_id: 10, content: 'Добро пожаловать!' } } });
  });
});

describe('error bodies match ApiError / OAuthError', () => {
  it('401 and 403 scope are OAuthError', async () => {
    await expectContract('GET', '/users', 401, 'OAuthError', { token: null });
    await expectContract('GET', '/users', 401, 'OAuthError', { token: 'not-a-token' });
    await expectContract('POST', '/users', 403, 'OAuthError', { token: sandbox.botToken, body: { user: { email: 'b@example.ru' } } });
    await expectContract('PUT', '/users/10/status', 403, 'OAuthError', { token: sandbox.botToken, body: { status: { emoji: '🙂', title: 'x' } } });
    await expectContract('POST', '/group_tags', 403, 'OAuthError', { token: sandbox.botToken, body: { group_tag: { name: 'x' } } });
  });

  it('validation, not found and routing errors are ApiError (the Owner protection: see sandbox-switches)', async () => {
    const cases: Array<[string, string, number, unknown?, string?]> = [
      ['POST', '/users', 400, { email: 'no-wrapper@example.ru' }],
      ['POST', '/users', 422, { user: { email: 'oleg.petrov@EXAMPLE.ru' } }],
      ['POST', '/users', 422, { user: { email: 'x@example.ru', first_name: 'я'.repeat(256) } }],
      ['POST', '/users', 422, { user: { email: 'x@example.ru', list_tags: ['Нет такого'] } }],
      ['POST', '/users', 422, { user: { email: 'x@example.ru', custom_properties: [{ id: 999, value: 'a' }] } }],
      ['POST', '/users', 400, { user: { email: 'x@example.ru', role: 'guest' } }],
      ['PUT', '/users/10', 422, { user: { role: 'guest' } }],
      ['PUT', '/users/999999', 404, { user: { title: 'x' } }],
      ['GET', '/users?limit=51', 400],
      ['GET', '/users?cursor=garbage', 400],
      ['PUT', '/users/10/status', 422, { status: { emoji: 'smile', title: 'x' } }],
      ['POST', '/group_tags', 422, { group_tag: { name: 'hr' } }],
      ['GET', '/group_tags/1/users', 404],
      ['GET', '/custom_properties', 400],
      ['GET', '/nothing/here', 404],
    ];
    for (const [method, path, status, body, token] of cases) {
      await expectContract(method, path, status, 'ApiError', { body, token });
    }
    await expectContract('POST', '/users', 400, 'ApiError', { rawBody: '{"user": {' });
  });

  it('429, a faulted 500 and a refused oversize body are ApiError too', async () => {
    try {
      sandbox.configure({ rps: 1 });
      await api(sandbox, 'GET', '/profile');
      const limited = await expectContract('GET', '/profile', 429, 'ApiError');
      expect((limited as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('rate_limit');
      sandbox.configure({ rps: 10_000, faults: '5xx=1', faultSeed: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 30 && !statuses.includes(500); i++) {
        const response = await api(sandbox, 'GET', '/profile');
        statuses.push(response.status);
        if (response.status === 500) expect(schemaErrors('ApiError', response.body)).toBe('');
      }
      expect(statuses).toContain(500);
    } finally {
      sandbox.configure({ rps: 50, faults: {} });
    }
    await expectContract('POST', '/users', 413, 'ApiError', { rawBody: `{"user":{"email":"big@example.ru","title":"${'x'.repeat(1024 * 1024)}"}}` });
  });
});
