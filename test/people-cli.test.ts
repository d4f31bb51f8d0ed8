// find, show, tags and members end to end: main() in process against an in-process sandbox
// seeded with the demo company (fixtures/directory.json). Each test counts the requests the
// sandbox saw, checks the output in each -o mode and the exit code.
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { runMain, type InProcessResult } from './helpers/in-process-cli.js';
import { api, startTestSandbox } from './helpers/sandbox.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const PERSON_KEYS = [
  'id', 'name', 'first_name', 'last_name', 'nickname', 'email', 'phone_number', 'department', 'title', 'role', 'bot', 'tags',
  'suspended', 'invite_status', 'status',
];
const PERSON_HEADERS = ['id', 'name', 'email', 'department', 'title', 'role', 'tags', 'suspended', 'status'];

let sandbox: RunningSandbox;
const savedEnv = { ...process.env };
const savedIsTTY = process.stdout.isTTY;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: SEED });
  // The table is plain when stdout is not a terminal; keep it so however the tests are run.
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
});

afterAll(async () => {
  Object.defineProperty(process.stdout, 'isTTY', { value: savedIsTTY, configurable: true });
  process.env = savedEnv;
  await sandbox.stop();
});

beforeEach(() => {
  sandbox.reset();
  process.env.PACHCA_API_URL = sandbox.url;
  process.env.PACHCA_TOKEN = sandbox.adminToken;
  delete process.env.PACHCA_TIMEOUT;
});

/** The routes the sandbox saw since the last reset, e.g. "GET /users/{id}". */
function routes(): string[] {
  return sandbox.requestLog().map((record) => record.route);
}

function rowsOf(stdout: string): string[][] {
  return parse(stdout, { relax_column_count: false }) as string[][];
}

/**
 * A plain table's lines cut at the header's column starts (every column but the last holds no
 * emoji, so characters and terminal columns agree up to it).
 */
function tableRows(stdout: string): string[][] {
  const [header, ...lines] = stdout.trimEnd().split('\n');
  const starts = [...header!.matchAll(/(?:^|(?<= {2}))\S/g)].map((match) => match.index);
  return [header!, ...lines].map((line) => starts.map((start, index) => line.slice(start, starts[index + 1]).trim()));
}

/** show's field/value lines. */
function fieldLines(stdout: string): Map<string, string> {
  return new Map(stdout.trimEnd().split('\n').map((line) => {
    const [field, value] = line.split(/ {2,}(.*)/);
    return [field!, value ?? ''];
  }));
}

function expectNoOutput(result: InProcessResult, code: number, error: string): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`Error: ${error}\n`);
}

describe('find', () => {
  it('prints a table of the matches from one search (a results page and the empty page that ends it)', async () => {
    const result = await runMain(['find', 'Петров']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [header, ...rows] = tableRows(result.stdout);
    expect(header).toEqual(PERSON_HEADERS);
    expect(rows.map((row) => row[0])).toEqual(['1', '15']);
    expect(rows[0]).toEqual([
      '1', 'Олег Петров', 'oleg.petrov@example.ru', 'Руководство', 'Генеральный директор', 'admin', 'Руководители, Москва', 'no',
      '🏝️ В отпуске until 2026-08-15 21:00 UTC, away',
    ]);
    expect(routes()).toEqual(['GET /users', 'GET /users']);
  });

  it('-o json: every person with the same English keys; tags as a list, the status as an object', async () => {
    const result = await runMain(['find', 'Петров', '-o', 'json']);
    expect(result.code).toBe(0);
    const people = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(people.map((person) => Object.keys(person))).toEqual([PERSON_KEYS, PERSON_KEYS]);
    expect(people[0]).toMatchObject({
      id: 1, email: 'oleg.petrov@example.ru', phone_number: '+79001234567', tags: ['Руководители', 'Москва'], suspended: false, bot: false,
      status: { emoji: '🏝️', title: 'В отпуске', expires_at: '2026-08-15T21:00:00.000Z', is_away: true },
    });
  });

  it('-o csv: the table\'s columns, booleans as yes/no words, formula-like cells neutralized', async () => {
    const put = await api(sandbox, 'PUT', '/users/15', { body: { user: { title: '=HYPERLINK("http://x")', department: '+Продажи', suspended: false } } });
    expect(put.status).toBe(200);
    const before = routes().length;
    const result = await runMain(['find', 'Петров', '--output', 'csv']);
    expect(result.code).toBe(0);
    const [header, ...rows] = rowsOf(result.stdout);
    expect(header).toEqual(PERSON_HEADERS);
    expect(rows[1]).toEqual(['15', 'Ольга Петрова', 'o.petrova@example.ru', "'+Продажи", `'=HYPERLINK("http://x")`, 'user', 'Frontend, Санкт-Петербург, Руководители', 'no', '']);
    expect(result.stdout.split('\r\n')).toHaveLength(4);
    expect(routes().length - before).toBe(2);
  });

  it('a phone number in any format is searched as Pachca stores it', async () => {
    for (const typed of ['8 (900) 123-45-67', '+7 900 123 45 67', '900-123']) {
      const result = await runMain(['find', typed, '-o', 'json']);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { id: number }[]).map((person) => person.id)).toEqual([1]);
    }
  });

  it('no match: exit 2 "no user matches QUERY", nothing printed', async () => {
    expectNoOutput(await runMain(['find', 'Нетакого']), 2, 'no user matches Нетакого');
    expect(routes()).toEqual(['GET /users']);
  });

  it('a blank query: exit 2 before any request', async () => {
    expectNoOutput(await runMain(['find', '  ']), 2, 'find needs a QUERY: a name, an e-mail or a phone number');
    expect(routes()).toEqual([]);
  });
});

describe('show', () => {
  it('by id: the person in full from two requests (the person, then the custom property names)', async () => {
    const result = await runMain(['show', '1']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = fieldLines(result.stdout);
    expect(Object.fromEntries(lines)).toMatchObject({
      id: '1', name: 'Олег Петров', email: 'oleg.petrov@example.ru', phone_number: '+79001234567', role: 'admin',
      tags: 'Руководители, Москва', suspended: 'no', Город: 'Москва', 'Табельный номер': '1', 'Дата выхода': '2019-03-01',
      'Профиль GitHub': '', status_title: 'В отпуске', status_expires_at: '2026-08-15T21:00:00.000Z', status_is_away: 'yes',
      status_away_message: 'Вернусь 16 августа. По срочным вопросам — @a.smirnov.', invite_status: 'confirmed',
      created_at: '2019-03-01T07:00:00.000Z', last_activity_at: '2026-08-01T06:00:00.000Z', time_zone: 'Europe/Moscow',
    });
    expect(routes()).toEqual(['GET /users/{id}', 'GET /custom_properties']);
  });

  it('by e-mail (any case): the search, then the custom property names', async () => {
    const result = await runMain(['show', 'M.Ivanova@Example.ru', '-o', 'json']);
    expect(result.code).toBe(0);
    const person = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(person)).toEqual([...PERSON_KEYS, 'sso', 'inviter_id', 'created_at', 'last_activity_at', 'time_zone', 'custom_properties']);
    expect(person).toMatchObject({ id: 11, email: 'm.ivanova@example.ru', status: null, invite_status: 'confirmed', inviter_id: 27 });
    expect(person.custom_properties).toEqual([
      { id: 1678, name: 'Город', data_type: 'string', value: 'Москва' },
      { id: 1679, name: 'Табельный номер', data_type: 'number', value: '1007' },
      { id: 1680, name: 'Дата выхода', data_type: 'date', value: null },
      { id: 1681, name: 'Профиль GitHub', data_type: 'link', value: null },
    ]);
    // The search's first page has the person: no further page is asked for.
    expect(routes()).toEqual(['GET /users', 'GET /custom_properties']);
  });

  it('-o csv: field,value lines, the phone neutralized', async () => {
    const result = await runMain(['show', '1', '-o', 'csv']);
    expect(result.code).toBe(0);
    const rows = rowsOf(result.stdout);
    expect(rows[0]).toEqual(['field', 'value']);
    const fields = new Map(rows.slice(1).map(([field, value]) => [field, value]));
    expect(fields.get('phone_number')).toBe("'+79001234567");
    expect(fields.get('suspended')).toBe('no');
    expect(fields.get('status_emoji')).toBe('🏝️');
    expect(fields.get('Город')).toBe('Москва');
  });

  it('an unknown id: exit 2 "no such person", only the lookup sent', async () => {
    expectNoOutput(await runMain(['show', '999']), 2, 'no such person: 999');
    expect(routes()).toEqual(['GET /users/{id}']);
  });

  it('an unknown e-mail: exit 2, only the lookup sent (the search, then the directory\'s pages)', async () => {
    expectNoOutput(await runMain(['show', 'nobody@example.ru']), 2, 'no such person: nobody@example.ru');
    // The search (one empty page), then the directory's one page (41 people): no custom properties.
    expect(routes()).toEqual(['GET /users', 'GET /users']);
  });

  it('--chats adds the chats the token sees the person in (two walks of the chats); a closed chat the token\'s person is not in stays unknown', async () => {
    const result = await runMain(['show', '11', '--chats']);
    expect(result.code).toBe(0);
    // 503 Разработка (closed, the Owner not in it) and 507 (archived) are not listed.
    expect(fieldLines(result.stdout).get('chats')).toBe('Общий (501), Новости компании (506)');
    expect(routes()).toEqual(['GET /users/{id}', 'GET /custom_properties', 'GET /chats', 'GET /chats']);
    const json = JSON.parse((await runMain(['show', '11', '--chats', '-o', 'json'])).stdout) as { chats: unknown };
    expect(json.chats).toEqual([{ id: 501, name: 'Общий' }, { id: 506, name: 'Новости компании' }]);
  });

  it('neither an id nor an e-mail: exit 2, nothing sent, pointing at find', async () => {
    expectNoOutput(await runMain(['show', 'Олег Петров']), 2, '"Олег Петров" is neither a user id nor an e-mail (to search by name or phone: pachca-roster find "Олег Петров")');
    expect(routes()).toEqual([]);
  });
});

describe('tags', () => {
  it('every tag with its member count, by name, from one listing', async () => {
    const result = await runMain(['tags']);
    expect(result.code).toBe(0);
    const [header, ...rows] = tableRows(result.stdout);
    expect(header).toEqual(['id', 'name', 'members']);
    expect(rows).toHaveLength(9);
    expect(rows).toContainEqual(['9104', 'Москва', '20']);
    expect(rows.map((row) => row[1])).toEqual(['Москва', 'Новосибирск', 'Продажи', 'Руководители', 'Санкт-Петербург', 'Удалённо', 'Backend', 'Frontend', 'HR']);
    expect(routes()).toEqual(['GET /group_tags']);
  });

  it('-o json and -o csv', async () => {
    const json = JSON.parse((await runMain(['tags', '-o', 'json'])).stdout) as unknown[];
    expect(json).toContainEqual({ id: 9100, name: 'Backend', users_count: 6 });
    const csv = rowsOf((await runMain(['tags', '-o', 'csv'])).stdout);
    expect(csv[0]).toEqual(['id', 'name', 'members']);
    expect(csv).toContainEqual(['9103', 'HR', '4']);
  });
});

describe('members', () => {
  it('the people in a tag by name, any case: the tag listing, then its members', async () => {
    const result = await runMain(['members', 'backend']);
    expect(result.code).toBe(0);
    const [header, ...rows] = tableRows(result.stdout);
    expect(header).toEqual(PERSON_HEADERS);
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row[6]!.split(', ').includes('Backend'))).toBe(true);
    expect(routes()).toEqual(['GET /group_tags', 'GET /group_tags/{id}/users']);
  });

  it('by id, as JSON and CSV', async () => {
    const json = JSON.parse((await runMain(['members', '9103', '-o', 'json'])).stdout) as { id: number; tags: string[] }[];
    expect(json).toHaveLength(4);
    expect(json.every((person) => person.tags.includes('HR'))).toBe(true);
    const csv = rowsOf((await runMain(['members', 'HR', '-o', 'csv'])).stdout);
    expect(csv[0]).toEqual(PERSON_HEADERS);
    expect(csv.slice(1).map((row) => row[0]).sort()).toEqual(json.map((person) => String(person.id)).sort());
  });

  it('an unknown tag: exit 2 naming the close names, nothing sent after the tag listing', async () => {
    expectNoOutput(await runMain(['members', 'Backnd']), 2, 'no tag named "Backnd"; did you mean "Backend"?');
    expect(routes()).toEqual(['GET /group_tags']);
    const far = await runMain(['members', 'Бухгалтерия']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe('Error: no tag named "Бухгалтерия"; the tags are "Москва", "Новосибирск", "Продажи", "Руководители", "Санкт-Петербург", "Удалённо", "Backend", "Frontend", "HR"\n');
  });

  it('an empty tag: a header and a note on stderr; JSON []', async () => {
    const created = await api(sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'Пустой' } } });
    expect(created.status).toBe(201);
    const table = await runMain(['members', 'Пустой']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(`${PERSON_HEADERS.join('  ')}\n`);
    expect(table.stderr).toBe('Tag "Пустой" has no members.\n');
    expect(JSON.parse((await runMain(['members', 'Пустой', '-o', 'json'])).stdout)).toEqual([]);
  });
});

describe('tokens', () => {
  const BOT_WARNING = 'Warning: this token sees no e-mail addresses or phone numbers (a bot token?), so those are empty; use an Owner/Admin personal token to see them\n';

  beforeEach(() => {
    process.env.PACHCA_TOKEN = sandbox.botToken;
  });

  it('a bot token: find and members work with what a bot sees, and warn', async () => {
    const found = await runMain(['find', 'Петров', '-o', 'json']);
    expect(found.code).toBe(0);
    expect(found.stderr).toBe(BOT_WARNING);
    expect((JSON.parse(found.stdout) as { email: unknown }[]).map((person) => person.email)).toEqual([null, null]);
    const members = await runMain(['members', 'HR']);
    expect(members.code).toBe(0);
    expect(members.stderr).toBe(BOT_WARNING);
    expect(tableRows(members.stdout).slice(1)).toHaveLength(4);
    const tags = await runMain(['tags']);
    expect(tags.code).toBe(0);
    expect(tags.stderr).toBe('');
    for (const result of [found, members, tags]) expect(result.stdout + result.stderr).not.toContain(sandbox.botToken);
  });

  it('a bot token: show by id warns; show by e-mail cannot confirm the match and names the id found, sending only the search', async () => {
    const byId = await runMain(['show', '11']);
    expect(byId.code).toBe(0);
    expect(byId.stderr).toBe(BOT_WARNING);
    sandbox.reset();
    expectNoOutput(
      await runMain(['show', 'm.ivanova@example.ru']), 2,
      'cannot confirm m.ivanova@example.ru: this token sees no e-mail addresses (a bot token?); the search found id 11: pachca-roster show 11',
    );
    // The search's page (id 11, its e-mail hidden) and the empty page that ends it; no directory scan.
    expect(routes()).toEqual(['GET /users', 'GET /users']);
    sandbox.reset();
    expectNoOutput(
      await runMain(['show', 'nobody@example.ru']), 2,
      'no such person: nobody@example.ru; this token sees no e-mail addresses (a bot token?): look the person up by id, or use an Owner/Admin personal token',
    );
    expect(routes()).toEqual(['GET /users', 'GET /users']);
  });

  it.each([
    ['find', ['find', 'Петров']], ['show', ['show', '1']], ['tags', ['tags']], ['members', ['members', 'HR']],
  ])('%s: a rejected token is exit 3 after one request; a missing one exit 2 before any', async (_name, argv) => {
    process.env.PACHCA_TOKEN = 'not-a-token-at-all';
    const rejected = await runMain(argv);
    expect(rejected.code).toBe(3);
    expect(rejected.stdout).toBe('');
    expect(rejected.stderr).toMatch(/^Error: token rejected: .*\n$/);
    expect(rejected.stderr).not.toContain('not-a-token-at-all');
    expect(routes()).toHaveLength(1);
    delete process.env.PACHCA_TOKEN;
    const missing = await runMain(argv);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Error: no API token: /);
    expect(routes()).toHaveLength(1);
  });
});
