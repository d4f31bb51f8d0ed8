// The sandbox's documented behaviours and their switches, each answer checked against the spec's
// schemas (test/contract/schemas.ts), and the operator endpoints' guards.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { defaultDirectory } from '../src/sandbox/workspace.js';
import { schemaErrors, type EnvelopeName } from './contract/schemas.js';
import { api, startTestSandbox, type ApiCallOptions } from './helpers/sandbox.js';

const ADMIN2 = 'switches-second-admin-token-01';
let sandbox: RunningSandbox;

function seedWithChats(): SandboxDirectory {
  const directory = defaultDirectory();
  directory.chats = [{ id: 501, name: 'Общий' }, { id: 502, name: 'Старый проект', archived: true }];
  return directory;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: seedWithChats(), extraAdminTokens: [ADMIN2], rps: 1000 });
});
afterAll(() => sandbox.stop());
beforeEach(() => {
  sandbox.reset();
  sandbox.configure({ owner403: 'oauth', shortPages: false, putDefaults: false, seats: null, unpaid: false });
});

async function expectContract(method: string, path: string, status: number, schema: EnvelopeName, options?: ApiCallOptions): Promise<unknown> {
  const response = await api(sandbox, method, path, options);
  expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
  expect(schemaErrors(schema, response.body)).toBe('');
  return response.body;
}

async function createPeople(count: number, prefix = 'person'): Promise<User[]> {
  const created: User[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await api(sandbox, 'POST', '/users', { body: { user: { email: `${prefix}${index}@example.ru`, first_name: `Имя${index}` }, skip_email_notify: true } });
    expect(response.status, response.text).toBe(201);
    created.push((response.body as { data: User }).data);
  }
  return created;
}

interface Page { data: { id: number }[]; meta: { paginate: { next_page: string; has_next?: boolean } } }

async function walk(path: string): Promise<{ ids: number[]; pages: Page[] }> {
  const ids: number[] = [];
  const pages: Page[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard += 1) {
    const separator = path.includes('?') ? '&' : '?';
    const body = (await expectContract('GET', `${path}${separator}limit=50${cursor ? `&cursor=${cursor}` : ''}`, 200, path.includes('group_tags?') || path === '/group_tags' ? 'GroupTagList' : 'UserList')) as Page;
    pages.push(body);
    ids.push(...body.data.map((item) => item.id));
    if (body.meta.paginate.has_next === false) break;
    cursor = body.meta.paginate.next_page;
  }
  return { ids, pages };
}

describe('--short-pages', () => {
  it('serves every list in pages shorter than limit with empty pages mid-list, has_next true until the end', async () => {
    await createPeople(60);
    const tag = (await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'Все' } } })).body as { data: { id: number } };
    const everyone = sandbox.directory().users.map((user) => user.id).sort((a, b) => a - b);
    await api(sandbox, 'PUT', `/users/${everyone[2]}`, { body: { user: { list_tags: ['Все'] } } });
    const full = await walk('/users');
    sandbox.configure({ shortPages: true });
    const short = await walk('/users');
    expect(short.ids).toEqual(full.ids);
    expect(short.ids).toEqual(everyone);
    expect(short.pages.every((page) => page.data.length < 50)).toBe(true);
    const emptyMidList = short.pages.filter((page) => page.data.length === 0 && page.meta.paginate.has_next === true);
    expect(emptyMidList.length).toBeGreaterThan(0);
    expect((await walk(`/group_tags/${tag.data.id}/users`)).ids).toEqual([everyone[2]]);
    expect((await walk('/group_tags')).ids).toEqual([tag.data.id]);
  });
});

describe('the Owner protection (--owner-403)', () => {
  it('answers the users pages\' OAuthError by default and ApiError owner_protected with api', async () => {
    const ownerId = sandbox.directory().ownerId as number;
    await expectContract('PUT', `/users/${ownerId}`, 403, 'OAuthError', { token: ADMIN2, body: { user: { title: 'x' } } });
    await expectContract('DELETE', `/users/${ownerId}`, 403, 'OAuthError', { token: ADMIN2 });
    sandbox.configure({ owner403: 'api' });
    const body = await expectContract('DELETE', `/users/${ownerId}`, 403, 'ApiError', { token: ADMIN2 });
    expect((body as { errors: { code: string }[] }).errors[0]?.code).toBe('owner_protected');
  });
});

describe('--put-defaults', () => {
  it('an omitted suspended takes the spec default false; without the switch it is left alone', async () => {
    const [person] = await createPeople(1);
    await expectContract('PUT', `/users/${person!.id}`, 200, 'UserResponse', { body: { user: { suspended: true } } });
    await expectContract('PUT', `/users/${person!.id}`, 200, 'UserResponse', { body: { user: { title: 'Без флага' } } });
    expect(sandbox.directory().users.find((user) => user.id === person!.id)?.suspended).toBe(true);
    sandbox.configure({ putDefaults: true });
    const restored = (await expectContract('PUT', `/users/${person!.id}`, 200, 'UserResponse', { body: { user: { title: 'Снова' } } })) as { data: User };
    expect(restored.data.suspended).toBe(false);
  });
});

describe('pending invites', () => {
  it('answer first_name null until accepted (all, or by e-mail); the name given at create then shows', async () => {
    const people = await createPeople(3, 'invite');
    for (const person of people) expect([person.invite_status, person.first_name]).toEqual(['sent', null]);
    const listed = (await expectContract('GET', '/users?limit=50', 200, 'UserList')) as { data: User[] };
    expect(listed.data.filter((user) => user.invite_status === 'sent').every((user) => user.first_name === null)).toBe(true);
    expect(sandbox.acceptInvites(['INVITE0@example.ru'])).toBe(1);
    const accepted = (await expectContract('GET', `/users/${people[0]!.id}`, 200, 'UserResponse')) as { data: User };
    expect([accepted.data.invite_status, accepted.data.first_name]).toEqual(['confirmed', 'Имя0']);
    const response = await operator('POST', '/__sandbox/accept-invites', { body: '{}' });
    expect([response.status, JSON.parse(response.text)]).toEqual([200, { ok: true, accepted: 2 }]);
    expect(((await api(sandbox, 'GET', `/users/${people[2]!.id}`)).body as { data: User }).data.first_name).toBe('Имя2');
  });
});

describe('--seats', () => {
  it('refuses a create and a restore beyond N active people with 422 licenses_limit; suspending frees a seat', async () => {
    const active = sandbox.directory().users.filter((user) => !user.bot && !user.suspended).length;
    sandbox.configure({ seats: active + 1 });
    const [person] = await createPeople(1);
    const refused = (await expectContract('POST', '/users', 422, 'ApiError', { body: { user: { email: 'no.seat@example.ru' } } })) as { errors: { code: string }[] };
    expect(refused.errors[0]?.code).toBe('licenses_limit');
    await expectContract('PUT', `/users/${person!.id}`, 200, 'UserResponse', { body: { user: { suspended: true } } });
    const [second] = await createPeople(1, 'second');
    const restore = (await expectContract('PUT', `/users/${person!.id}`, 422, 'ApiError', { body: { user: { suspended: false } } })) as { errors: { code: string }[] };
    expect(restore.errors[0]?.code).toBe('licenses_limit');
    // A PUT that leaves an active person active needs no seat.
    await expectContract('PUT', `/users/${second!.id}`, 200, 'UserResponse', { body: { user: { suspended: false, title: 'x' } } });
  });
});

describe('--unpaid', () => {
  it('answers 402 payment_required (ApiError) on every method with a valid token; a bad token is still 401', async () => {
    sandbox.configure({ unpaid: true });
    for (const [method, path, body] of [['GET', '/users?limit=5'], ['GET', '/profile'], ['POST', '/users', { user: { email: 'x@example.ru' } }], ['DELETE', '/group_tags/1']] as const) {
      const answer = (await expectContract(method, path, 402, 'ApiError', body ? { body } : {})) as { errors: { code: string }[] };
      expect(answer.errors[0]?.code).toBe('payment_required');
    }
    await expectContract('GET', '/users', 401, 'OAuthError', { token: 'not-a-token' });
  });
});

describe('archived chats and a suspended token owner', () => {
  it('chat_ids naming an archived chat get 422 not_applicable, an unknown one not_found', async () => {
    const archived = (await expectContract('POST', '/users', 422, 'ApiError', { body: { user: { email: 'a@example.ru', chat_ids: [502] } } })) as { errors: { key: string; code: string }[] };
    expect(archived.errors[0]).toMatchObject({ key: 'chat_ids', code: 'not_applicable' });
    const guest = (await expectContract('POST', '/users', 422, 'ApiError', { body: { user: { email: 'g@example.ru', role: 'guest', chat_ids: [502] } } })) as { errors: { code: string }[] };
    expect(guest.errors[0]?.code).toBe('not_applicable');
    await expectContract('POST', '/users', 201, 'UserResponse', { body: { user: { email: 'ok@example.ru', chat_ids: [501] }, skip_email_notify: true } });
  });

  it('a token whose user is suspended gets 403 access_denied', async () => {
    const admin2 = sandbox.directory().users.find((user) => user.email === 'admin2@sandbox.local')!;
    await api(sandbox, 'PUT', `/users/${admin2.id}`, { body: { user: { suspended: true } } });
    const body = (await expectContract('GET', '/users?limit=5', 403, 'ApiError', { token: ADMIN2 })) as { errors: { code: string }[] };
    expect(body.errors[0]?.code).toBe('access_denied');
  });
});

describe('the invitation outbox', () => {
  it('records one e-mail per create unless skip_email_notify was true; reset empties it', async () => {
    await api(sandbox, 'POST', '/users', { body: { user: { email: 'quiet@example.ru' }, skip_email_notify: true } });
    await api(sandbox, 'POST', '/users', { body: { user: { email: 'loud@example.ru' } } });
    await api(sandbox, 'POST', '/users', { body: { user: { email: 'loud2@example.ru' }, skip_email_notify: false } });
    const outbox = await operator('GET', '/__sandbox/outbox');
    expect((JSON.parse(outbox.text) as { to: string; kind: string }[]).map((mail) => [mail.kind, mail.to])).toEqual([
      ['invitation', 'loud@example.ru'], ['invitation', 'loud2@example.ru'],
    ]);
    sandbox.reset();
    expect(sandbox.outbox()).toEqual([]);
  });
});

interface RawAnswer { status: number; text: string }

/** A request to an operator endpoint with full control of Host, Origin and Content-Type. */
function operator(method: string, path: string, options: { host?: string; origin?: string; contentType?: string | null; body?: string } = {}): Promise<RawAnswer> {
  const { port } = new URL(sandbox.origin);
  const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${port}` };
  if (options.origin !== undefined) headers.origin = options.origin;
  if (method === 'POST' && options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: Number(port), method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('operator endpoints refuse what a web page could send', () => {
  it('checks Host and Origin, requires JSON for POST, caps the body and validates settings', async () => {
    const { port } = new URL(sandbox.origin);
    await createPeople(1);
    const before = sandbox.directory().users.length;
    const refusals: Array<[string, Parameters<typeof operator>[2], number]> = [
      ['rebinding host', { host: `evil.example:${port}` }, 403],
      ['wrong port', { host: '127.0.0.1:1' }, 403],
      ['cross-site origin', { origin: 'http://evil.example' }, 403],
      ['form post', { contentType: 'application/x-www-form-urlencoded', body: 'a=1' }, 415],
      ['text/plain post', { contentType: 'text/plain', body: '{}' }, 415],
      ['no content type', { contentType: null }, 415],
    ];
    for (const [what, options, status] of refusals) {
      expect((await operator('POST', '/__sandbox/reset', options)).status, what).toBe(status);
    }
    expect(sandbox.directory().users.length).toBe(before);
    expect((await operator('GET', '/__sandbox/directory', { host: `evil.example:${port}` })).status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await operator('GET', '/__sandbox/stats', { host, origin: `http://${host}` })).status).toBe(200);
    }

    const big = await operator('POST', '/__sandbox/configure', { body: JSON.stringify({ faults: 'x'.repeat(300 * 1024) }) });
    expect(big.status).toBe(413);
    const invalid: Array<[unknown, RegExp]> = [
      [{ latencyMs: -5 }, /^latencyMs: /],
      [{ latencyMs: 10 * 60 * 1000 }, /^latencyMs: /],
      [{ rps: 0 }, /^rps: /],
      [{ seats: 1.5 }, /^seats: /],
      [{ owner403: 'html' }, /^owner403: /],
      [{ nonsense: true }, /nonsense/],
      [[1, 2], /top level/],
    ];
    for (const [body, message] of invalid) {
      const answer = await operator('POST', '/__sandbox/configure', { body: JSON.stringify(body) });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((JSON.parse(answer.text) as { errors: { message: string }[] }).errors[0]?.message).toMatch(message);
    }
    expect(() => sandbox.configure({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect((await operator('POST', '/__sandbox/configure', { body: '{"seats": 5, "shortPages": true}' })).status).toBe(200);
    expect((await operator('POST', '/__sandbox/reset', {})).status).toBe(200);
    expect(sandbox.directory().users.length).toBeLessThan(before);
  });
});
