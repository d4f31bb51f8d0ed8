// The sandbox's GET /audit_events: what its own operations record (with the acting token's user),
// the spec's filters, newest-first cursor pages and limits, the Owner-only scope, the
// Corporation plan (402 payment_required), and the bodies against the spec's schema.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { PachcaClient } from '../src/pachca/client.js';
import { schemaErrors } from './contract/schemas.js';
import { api, startTestSandbox } from './helpers/sandbox.js';

interface EventPage {
  data: AuditEvent[];
  meta: { paginate: { next_page: string; has_next: boolean } };
}

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;

async function events(sandbox: RunningSandbox, query: string, token?: string): Promise<AuditEvent[]> {
  const response = await api(sandbox, 'GET', `/audit_events?limit=50${query}`, token ? { token } : {});
  expect(response.status, response.text).toBe(200);
  expect(schemaErrors('AuditEventList', response.body)).toBe('');
  return (response.body as EventPage).data;
}

describe('GET /audit_events records what the sandbox does', () => {
  let sandbox: RunningSandbox;
  let created: User;
  let tagId: number;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ extraAdminTokens: ['second-admin-token-0001'] });
    tagId = ((await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'Аудит' } } })).body as { data: { id: number } }).data.id;
    created = ((await api(sandbox, 'POST', '/users', { body: { user: { email: 'new@example.ru', list_tags: ['Аудит'] } } })).body as { data: User }).data;
    await api(sandbox, 'PUT', `/users/${created.id}`, { body: { user: { role: 'admin', title: 'Аудитор', list_tags: [] } } });
    await api(sandbox, 'PUT', `/users/${created.id}`, { token: 'second-admin-token-0001', body: { user: { suspended: true } } });
    await api(sandbox, 'DELETE', `/users/${created.id}`);
    await api(sandbox, 'DELETE', `/group_tags/${tagId}`);
  });
  afterAll(() => sandbox.stop());

  it('logs user and tag changes newest first, with the acting token\'s user and the documented details', async () => {
    const owner = String(sandbox.directory().ownerId);
    const admin2 = String(sandbox.directory().users.find((user) => user.email === 'admin2@sandbox.local')!.id);
    const logged = (await events(sandbox, '')).filter((event) => event.event_key !== 'audit_events_accessed');
    const id = String(created.id);
    expect(logged.map((event) => [event.event_key, event.entity_type, event.entity_id, event.actor_id, event.details])).toEqual([
      ['tag_deleted', 'GroupTag', String(tagId), owner, { name: 'Аудит' }],
      ['user_deleted', 'User', id, owner, {}],
      ['user_updated', 'User', id, admin2, { changed_attrs: ['suspended'] }],
      ['user_removed_from_tag', 'GroupTag', String(tagId), id, { initiator_id: Number(owner) }],
      ['user_role_changed', 'User', id, owner, { new_company_role: 'admin', previous_company_role: 'user', initiator_id: Number(owner) }],
      ['user_updated', 'User', id, owner, { changed_attrs: ['title'] }],
      ['user_added_to_tag', 'GroupTag', String(tagId), id, { initiator_id: Number(owner) }],
      ['user_created', 'User', id, owner, {}],
      ['tag_created', 'GroupTag', String(tagId), owner, { name: 'Аудит' }],
    ]);
    expect(logged[0]!.ip_address).toMatch(/127\.0\.0\.1/);
    expect(logged[0]!.user_agent).not.toBeNull();
  });

  it('logs every read of the log itself', async () => {
    const before = (await events(sandbox, '&event_key=audit_events_accessed')).length;
    const after = await events(sandbox, '&event_key=audit_events_accessed');
    expect(after.length).toBe(before + 1);
    expect(after[0]!.actor_id).toBe(String(sandbox.directory().ownerId));
  });

  it('filters by event key, actor, entity and an inclusive time range', async () => {
    const owner = String(sandbox.directory().ownerId);
    expect((await events(sandbox, '&event_key=user_role_changed')).map((event) => event.entity_id)).toEqual([String(created.id)]);
    const byEntity = await events(sandbox, `&entity_type=User&entity_id=${created.id}`);
    expect(byEntity.map((event) => event.event_key)).toEqual(['user_deleted', 'user_updated', 'user_role_changed', 'user_updated', 'user_created']);
    const byActor = await events(sandbox, `&actor_id=${created.id}&actor_type=User`);
    expect(byActor.map((event) => event.event_key)).toEqual(['user_removed_from_tag', 'user_added_to_tag']);
    const roleChange = (await events(sandbox, '&event_key=user_role_changed'))[0]!;
    const at = encodeURIComponent(roleChange.created_at);
    expect((await events(sandbox, `&event_key=user_role_changed&start_time=${at}&end_time=${at}`)).length).toBe(1);
    const later = encodeURIComponent(new Date(Date.parse(roleChange.created_at) + 1).toISOString());
    expect(await events(sandbox, `&event_key=user_role_changed&start_time=${later}`)).toEqual([]);
    expect((await events(sandbox, `&actor_id=${owner}&event_key=tag_created`)).length).toBe(1);
  });

  it('pages newest first by cursor, with the spec\'s limits', async () => {
    const all = (await events(sandbox, '&event_key=user_updated')).concat(await events(sandbox, '&event_key=user_created'));
    expect(all.length).toBe(3);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page += 1) {
      const response = await api(sandbox, 'GET', `/audit_events?limit=2&entity_type=User&entity_id=${created.id}${cursor}`);
      const body = response.body as EventPage;
      seen.push(...body.data.map((event) => event.id));
      if (!body.meta.paginate.has_next) break;
      cursor = `&cursor=${body.meta.paginate.next_page}`;
    }
    const expected = (await events(sandbox, `&entity_type=User&entity_id=${created.id}`)).map((event) => event.id);
    expect(expected.length).toBe(5);
    expect(seen).toEqual(expected);
    expect((await api(sandbox, 'GET', '/audit_events?limit=51')).status).toBe(400);
    const badKey = await api(sandbox, 'GET', '/audit_events?event_key=user_teleported');
    expect(badKey.status).toBe(400);
    expect(schemaErrors('ApiError', badKey.body)).toBe('');
    expect((await api(sandbox, 'GET', '/audit_events?start_time=yesterday')).status).toBe(400);
  });

  it('answers 403 insufficient_scope to a bot token and to an admin who is not the Owner', async () => {
    for (const token of [sandbox.botToken, 'second-admin-token-0001']) {
      const response = await api(sandbox, 'GET', '/audit_events?limit=5', { token });
      expect(response.status).toBe(403);
      expect(schemaErrors('OAuthError', response.body)).toBe('');
      expect(response.body).toMatchObject({ error: 'insufficient_scope' });
    }
  });

  it('keeps the log in the --state shape, and a reset goes back to the seed\'s log', () => {
    expect(sandbox.directory().auditEvents!.length).toBeGreaterThan(9);
    sandbox.reset();
    expect(sandbox.directory().auditEvents).toEqual([]);
  });
});

describe('the --state file', () => {
  it('keeps the security log across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-log-state-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startTestSandbox({ stateFile });
      await api(first, 'POST', '/group_tags', { body: { group_tag: { name: 'Сохранённый' } } });
      await first.stop();
      const second = await startTestSandbox({ stateFile });
      try {
        const logged = await events(second, '&event_key=tag_created');
        expect(logged.map((event) => event.details)).toEqual([{ name: 'Сохранённый' }]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a workspace not on the Corporation plan', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed, corporationPlan: false });
  });
  afterAll(() => sandbox.stop());

  it('answers 402 payment_required and records nothing new', async () => {
    const before = sandbox.directory().auditEvents!.length;
    await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'Без журнала' } } });
    const response = await api(sandbox, 'GET', '/audit_events?limit=5');
    expect(response.status).toBe(402);
    expect(schemaErrors('ApiError', response.body)).toBe('');
    expect(response.body).toMatchObject({ errors: [{ code: 'payment_required' }] });
    expect(sandbox.directory().auditEvents!.length).toBe(before);
  });
});

describe('fixtures/directory.json security log', () => {
  it('holds spec-valid events of the sections the audit reads', async () => {
    const events = seed.auditEvents ?? [];
    expect(schemaErrors('AuditEventList', { data: events, meta: { paginate: { next_page: 'x', prev_page: 'y', has_next: false, has_prev: false } } })).toBe('');
    const keys = new Set(events.map((event) => event.event_key));
    for (const key of ['user_login', 'user_2fa_fail', 'user_role_changed', 'user_created', 'user_deleted', 'access_token_created', 'access_token_destroy', 'user_updated']) {
      expect(keys.has(key), key).toBe(true);
    }
    const sandbox = await startTestSandbox({ seed });
    try {
      const logins = (await api(sandbox, 'GET', '/audit_events?event_key=user_login&limit=50')).body as EventPage;
      expect(logins.data.length).toBe(events.filter((event) => event.event_key === 'user_login').length);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('GET /audit_events under --short-pages', () => {
  it('the client still reads every event through short and empty pages', async () => {
    const plain = await startTestSandbox({ seed });
    const short = await startTestSandbox({ seed, shortPages: true });
    try {
      const read = async (sandbox: RunningSandbox): Promise<{ ids: number[]; pages: number }> => {
        const client = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken });
        const ids: number[] = [];
        for await (const event of client.listAuditEvents({ event_key: 'user_login' })) ids.push(Number(event.id));
        return { ids, pages: client.stats().requests };
      };
      const everyEvent = await read(plain);
      expect(everyEvent.ids.length).toBeGreaterThan(20);
      const throughShortPages = await read(short);
      expect(throughShortPages.ids).toEqual(everyEvent.ids);
      // The log is served in short and empty pages too, as every other list is.
      expect(throughShortPages.pages).toBeGreaterThan(everyEvent.pages);
    } finally {
      await plain.stop();
      await short.stop();
    }
  });
});
