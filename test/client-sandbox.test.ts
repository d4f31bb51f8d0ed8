// The client against the sandbox over real HTTP: pagination of a big directory in both styles,
// a 429 storm, fault recovery, no duplicates under `lost`, scopes, secrecy, concurrency.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PachcaClient, type ClientHooks } from '../src/pachca/client.js';
import { ApiError, AuthError, NotFoundError, PachcaError } from '../src/pachca/errors.js';
import type { ConnectionOptions } from '../src/pachca/api.js';
import type { RunningSandbox, SandboxDirectory, SandboxOptions } from '../src/sandbox/api.js';
import { blankUser, defaultDirectory } from '../src/sandbox/workspace.js';
import { arrivalsBeyondOnTheWire } from './helpers/rate-limit.js';
import { startTestSandbox } from './helpers/sandbox.js';

const running: RunningSandbox[] = [];
const secrets: string[] = [];
/** Every log line and error message the client produced in these tests. */
const produced: string[] = [];

async function sandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const started = await startTestSandbox(options);
  running.push(started);
  secrets.push(started.adminToken, started.botToken);
  return started;
}

function client(box: RunningSandbox, options: Partial<ConnectionOptions> = {}, hooks: ClientHooks = {}): PachcaClient {
  return new PachcaClient(
    { apiUrl: box.url, token: box.adminToken, rps: 1000, concurrency: 10, log: (line) => produced.push(line), ...options },
    { retryMinDelayMs: 20, ...hooks },
  );
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    produced.push((error as Error).message);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** The default workspace plus employees up to `total` users, seeded in one go. */
function bigDirectory(total: number): SandboxDirectory {
  const directory = defaultDirectory();
  for (let id = directory.users.length + 1; directory.users.length < total; id++) {
    directory.users.push(blankUser(id, {
      first_name: `Имя${id}`, last_name: `Фамилия${id}`, nickname: `user${id}`, email: `user${id}@example.ru`,
      invite_status: 'confirmed', created_at: '2026-01-01T00:00:00Z',
    }));
  }
  return directory;
}

afterEach(() => {
  for (const line of produced.splice(0)) {
    for (const secret of secrets) expect(line).not.toContain(secret);
  }
});

afterAll(async () => {
  await Promise.all(running.splice(0).map((box) => box.stop()));
});

describe('pagination against the sandbox', () => {
  it('lists 1,234 users each exactly once, in the current and the legacy style', async () => {
    const box = await sandbox({ seed: bigDirectory(1234), rps: 1000 });
    const api = client(box);
    const expected = box.directory().users.map((user) => user.id).sort((a, b) => a - b);
    expect(expected).toHaveLength(1234);

    const current = await collect(api.listUsers());
    expect(current.map((user) => user.id)).toEqual(expected);
    const currentRequests = box.requestLog().length;
    expect(currentRequests).toBe(Math.ceil(1234 / 50));

    box.configure({ legacyPagination: true });
    const legacy = await collect(api.listUsers());
    expect(legacy.map((user) => user.id)).toEqual(expected);
    // Legacy ends only with an empty page: one request more.
    expect(box.requestLog().length - currentRequests).toBe(Math.ceil(1234 / 50) + 1);

    const found = await api.findUserByEmail('USER777@example.RU');
    expect(found?.id).toBe(777);
    expect(await api.findUserByEmail('user77@example.ru')).toMatchObject({ id: 77, email: 'user77@example.ru' });
    expect(await api.findUserByEmail('nobody@example.ru')).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('rides out a 429 storm: every request answered, none sent before its Retry-After passed', async () => {
    const box = await sandbox({ seed: bigDirectory(40), rps: 5 });
    const sends: number[] = [];
    const lastSendOf = new Map<string, number>();
    // A 429 pause: the client surely knew by `from` (the result hook); it cannot have known before
    // it sent the limited request, so its Retry-After runs at least until `sentAt + Retry-After`.
    // (Timing the hook is not enough: on a busy machine it can run well after the limiter paused.)
    const pauses: { from: number; until: number; sentAt: number }[] = [];
    const api = client(box, { rps: 50, concurrency: 10 }, {
      onSend: ({ path, at }) => {
        sends.push(at);
        lastSendOf.set(path, at);
      },
      onResult: ({ path, at, status, retryAfterMs }) => {
        if (status !== 429 || retryAfterMs === undefined) return;
        const sentAt = lastSendOf.get(path)!;
        pauses.push({ from: at, until: sentAt + retryAfterMs, sentAt });
      },
    });
    const ids = Array.from({ length: 30 }, (_, index) => index + 3);
    const users = await Promise.all(ids.map((id) => api.getUser(id)));
    expect(users.map((user) => user.id)).toEqual(ids);

    const stats = api.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.rateLimited).toBe(box.stats().rate_limited);
    expect(stats.requests).toBe(30 + stats.rateLimited);
    expect(pauses.length).toBe(stats.rateLimited);
    for (const pause of pauses) {
      expect(pause.until - pause.sentAt, 'Retry-After is whole seconds').toBeGreaterThanOrEqual(1000);
      expect(sends.filter((at) => at > pause.from && at < pause.until)).toEqual([]);
    }
    // The sandbox saw the same: during each pause nothing arrived except requests already on the
    // wire (sent before the client knew of the 429), counted from the client's own send times.
    const arrivals = box.requestLog().map((record) => record.at);
    expect(arrivals).toHaveLength(sends.length);
    for (const pause of pauses) {
      expect(arrivalsBeyondOnTheWire(arrivals, sends, { from: pause.sentAt, until: pause.until }, pause.from)).toBe(0);
    }
  });

  it('sends 500 requests at 100 ms latency concurrently, well under the sequential time', async () => {
    const box = await sandbox({ seed: bigDirectory(60), rps: 50, latencyMs: 100 });
    const api = client(box, { rps: 50, concurrency: 10 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 500 }, (_, index) => api.getUser((index % 50) + 3)));
    const elapsed = Date.now() - started;
    // Sequential: 500 x 100 ms = 50 s. Loose sanity bound (figures belong to `npm run bench`).
    expect(elapsed).toBeLessThan(0.4 * 500 * 100);
    expect(api.stats().requests).toBeGreaterThanOrEqual(500);
  });
});

describe('faults', () => {
  it('recovers GET and PUT from 5xx, resets and slow answers', async () => {
    const box = await sandbox({ seed: bigDirectory(40), rps: 1000, faults: { '5xx': 0.12, reset: 0.12, slow: 0.08 }, faultSeed: 7, slowMs: 1500 });
    const api = client(box, { timeoutMs: 400, retries: 8 });
    const ids = Array.from({ length: 25 }, (_, index) => index + 3);
    const read = await Promise.all(ids.map((id) => api.getUser(id)));
    expect(read.map((user) => user.id)).toEqual(ids);
    const updated = await Promise.all(ids.map((id) => api.updateUser(id, { department: `Отдел ${id}` })));
    expect(updated.map((user) => user.department)).toEqual(ids.map((id) => `Отдел ${id}`));
    const log = box.requestLog();
    const statuses = new Set(log.map((record) => String(record.status)));
    expect(statuses.has('reset')).toBe(true);
    expect([...statuses].some((status) => status.startsWith('5'))).toBe(true);
    // Slow answers outlived the 400 ms client timeout and were retried.
    expect(produced.some((line) => /^retrying (GET|PUT) .*timeout/.test(line))).toBe(true);
    expect(api.stats().retries).toBeGreaterThan(0);
    expect(api.stats().requests).toBe(50 + api.stats().retries);
    const byId = new Map(box.directory().users.map((user) => [user.id, user]));
    for (const id of ids) expect(byId.get(id)?.department).toBe(`Отдел ${id}`);
  });

  it('never duplicates a user or a tag under the `lost` fault', async () => {
    const box = await sandbox({ rps: 1000, faults: { lost: 0.4 }, faultSeed: 11 });
    const api = client(box, { retries: 8 });
    const emails = Array.from({ length: 8 }, (_, index) => `new${index}@example.ru`);
    const names = Array.from({ length: 8 }, (_, index) => `Отдел ${index}`);
    let recovered = 0;
    for (const email of emails) {
      const result = await api.createUserSafely({ user: { email, first_name: 'Новый' }, skip_email_notify: true });
      expect(result.user.email).toBe(email);
      if (result.recovered) recovered++;
    }
    for (const name of names) {
      const result = await api.createTagSafely(name);
      expect(result.tag.name).toBe(name);
      if (result.recovered) recovered++;
    }
    const directory = box.directory();
    for (const email of emails) expect(directory.users.filter((user) => user.email === email)).toHaveLength(1);
    for (const name of names) expect(directory.tags.filter((tag) => tag.name === name)).toHaveLength(1);
    const lostPosts = box.requestLog().filter((record) => record.method === 'POST' && record.status === 'lost');
    expect(lostPosts.length).toBeGreaterThan(0);
    expect(recovered).toBeGreaterThan(0);
  });
});

describe('creating after an unknown outcome in a big directory', () => {
  it('looks the email up with the search, not a scan of every page, and still never duplicates', async () => {
    const box = await sandbox({ rps: 1000, faults: { '5xx': 0.3, lost: 0.2 }, faultSeed: 5, seed: bigDirectory(2000) });
    const api = client(box, { retries: 10 });
    const emails = Array.from({ length: 12 }, (_, index) => `big.new${index}@example.ru`);
    for (const email of emails) await api.createUserSafely({ user: { email }, skip_email_notify: true });
    const directory = box.directory();
    for (const email of emails) expect(directory.users.filter((user) => user.email === email)).toHaveLength(1);
    const log = box.requestLog();
    const uncertainPosts = log.filter((record) => record.method === 'POST' && (record.status === 'lost' || (typeof record.status === 'number' && record.status >= 500)));
    expect(uncertainPosts.length).toBeGreaterThan(2);
    // A scan would read 40 pages for each uncertain create; the search reads one or two.
    const userReads = log.filter((record) => record.route === 'GET /users').length;
    expect(userReads).toBeLessThan(uncertainPosts.length * 3);
  });
});

describe('typed calls', () => {
  it('every call sends the body the sandbox (and the spec) wants and reads its answer', async () => {
    const box = await sandbox({ rps: 1000, extraAdminTokens: ['typed-calls-admin2-token'] });
    secrets.push('typed-calls-admin2-token');
    const api = client(box);
    expect((await api.getProfile()).id).toBe(box.directory().ownerId);
    expect((await api.listCustomProperties()).map((p) => p.data_type)).toEqual(['string', 'number', 'date']);
    const backend = await api.createTag('Backend');
    const qa = await api.createTag('QA');
    expect(await api.updateTag(qa.id, 'QA team')).toMatchObject({ id: qa.id, name: 'QA team', users_count: 0 });
    expect((await collect(api.listTagsByNames(['Backend', 'Нет такого']))).map((t) => t.name)).toEqual(['Backend']);
    const user = await api.createUser({
      user: { email: 'typed@example.ru', first_name: 'Тип', list_tags: ['Backend'], custom_properties: [{ id: 1679, value: '42' }] },
      skip_email_notify: true,
    });
    expect(user).toMatchObject({ email: 'typed@example.ru', invite_status: 'sent', list_tags: ['Backend'] });
    expect((await collect(api.listTagMembers(backend.id))).map((u) => u.id)).toEqual([user.id]);
    const updated = await api.updateUser(user.id, { title: 'Инженер', list_tags: ['QA team'] });
    expect([updated.title, updated.list_tags]).toEqual(['Инженер', ['QA team']]);
    expect((await collect(api.listTags())).map((t) => [t.name, t.users_count])).toEqual([['Backend', 0], ['QA team', 1]]);
    expect(await api.getStatus(user.id)).toBeNull();
    const status = await api.setStatus(user.id, { emoji: '🏖️', title: 'Отпуск', is_away: true, away_message: 'До понедельника' });
    expect(status.away_message).toEqual({ text: 'До понедельника' });
    expect(await api.getStatus(user.id)).toEqual(status);
    await api.clearStatus(user.id);
    expect(await api.getStatus(user.id)).toBeNull();
    const message = await api.sendDirectMessage(user.id, 'Добро пожаловать!');
    expect(message).toMatchObject({ entity_type: 'user', entity_id: user.id, content: 'Добро пожаловать!' });
    await api.deleteTag(backend.id);
    await api.deleteUser(user.id);
    expect(await caught(api.getUser(user.id))).toBeInstanceOf(NotFoundError);
    expect(box.directory().tags.map((t) => t.name)).toEqual(['QA team']);
  });

  it('findUserByEmail matches the whole address, ignoring case, not the partial search hits', async () => {
    const box = await sandbox({ rps: 1000 });
    const api = client(box);
    await api.createUser({ user: { email: 'Anna.Smirnova@Example.ru' } });
    await api.createUser({ user: { email: 'anna.smirnova@example.ru.old.com' } });
    expect((await collect(api.searchUsers('anna.smirnova@example.ru'))).length).toBe(2);
    expect((await api.findUserByEmail('  ANNA.smirnova@example.RU '))?.email).toBe('Anna.Smirnova@Example.ru');
    expect(await api.findUserByEmail('nna.smirnova@example.ru')).toBeUndefined();
  });

  it('renders each server refusal as one line naming the field and the reason', async () => {
    const box = await sandbox({ rps: 1000, extraAdminTokens: ['render-admin2-token-0001'] });
    secrets.push('render-admin2-token-0001');
    const api = client(box);
    const several = await caught(api.createUser({ user: { email: 'long@example.ru', department: 'x'.repeat(256), list_tags: ['Призраки'] } }));
    expect(several).toBeInstanceOf(ApiError);
    expect((several as ApiError).status).toBe(422);
    expect(several.message).toMatch(/^department: .+ \(too_long\); list_tags: .+ \(not_found\)$/);
    const property = await caught(api.updateUser(box.directory().ownerId as number, { custom_properties: [{ id: 4242, value: 'x' }] }));
    expect(property.message).toMatch(/^custom_properties: .+ \(not_found\) \{"id":4242\}$/);
    const guest = await caught(api.createUser({ user: { email: 'guest@example.ru', role: 'guest' } }));
    expect([(guest as ApiError).status, guest.message.startsWith('chat_ids: ')]).toEqual([400, true]);
    const owner = await caught(client(box, { token: 'render-admin2-token-0001' }).deleteUser(box.directory().ownerId as number));
    expect(owner).toBeInstanceOf(ApiError);
    expect(owner).not.toBeInstanceOf(AuthError);
    expect(owner.message).toMatch(/Нельзя изменить данные владельца \(forbidden\)$/);
    box.configure({ owner403: 'api' });
    const ownerApiShape = await caught(client(box, { token: 'render-admin2-token-0001' }).deleteUser(box.directory().ownerId as number));
    expect(ownerApiShape).not.toBeInstanceOf(AuthError);
    expect(ownerApiShape.message).toMatch(/\(owner_protected\)$/);
    const missing = await caught(api.getUser(999_999));
    expect(missing.message).toMatch(/^id: .+ \(not_found\)$/);
    for (const error of [several, property, guest, owner, missing]) expect(error.message).not.toContain('\n');
  });
});

describe('scopes and secrecy', () => {
  it('gives a bot token AuthError naming the missing scope on writes', async () => {
    const box = await sandbox({ rps: 1000 });
    const bot = client(box, { token: box.botToken });
    const createUser = await caught(bot.createUser({ user: { email: 'x@example.ru' } }));
    expect(createUser).toBeInstanceOf(AuthError);
    expect((createUser as AuthError).scope).toBe('users:create');
    expect(createUser.message).toBe('token lacks scope users:create (insufficient_scope)');
    const createTag = await caught(bot.createTagSafely('Продажи'));
    expect(createTag.message).toBe('token lacks scope group_tags:write (insufficient_scope)');
    const update = await caught(bot.updateUser(1, { title: 'x' }));
    expect(update.message).toContain('users:update');
    // Auth errors are not retried.
    expect(box.requestLog()).toHaveLength(3);
  });

  it('keeps both tokens out of every error, log line and stats', async () => {
    const box = await sandbox({ rps: 1000 });
    const admin = client(box);
    const bad = client(box, { token: `${box.adminToken}-wrong` });
    secrets.push(`${box.adminToken}-wrong`);
    const errors: Error[] = [
      await caught(bad.getProfile()),
      await caught(admin.getUser(999_999)),
      await caught(admin.createUser({ user: { email: 'owner@example.ru' } })),
      await caught(admin.deleteUser(999_999)),
    ];
    expect(errors[0]).toBeInstanceOf(AuthError);
    expect(errors[2]!.message).toMatch(/^email: .* \(taken\)$/);
    for (const error of errors) {
      expect(error).toBeInstanceOf(PachcaError);
      for (const text of [error.message, String(error.stack), JSON.stringify(error)]) {
        for (const secret of [box.adminToken, box.botToken]) expect(text).not.toContain(secret);
      }
    }
    expect(JSON.stringify(admin.stats())).not.toContain(box.adminToken);
    const info = await admin.getTokenInfo();
    expect(info.scopes).toContain('users:create');
  });
});
