// set, status, suspend, restore and tag end to end: main() in process against an in-process
// sandbox seeded with the demo company (fixtures/directory.json). Each test checks the requests
// the sandbox saw (writes above all), the directory afterwards, the output and the exit code.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import type { User } from '../src/pachca/types.js';
import { runMain } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const ADMIN2 = 'one-person-second-admin-token';
const OWNER_ID = 1;

let sandbox: RunningSandbox;
const workDir = mkdtempSync(join(tmpdir(), 'one-person-cli-'));
const savedEnv = { ...process.env };
let runs = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: SEED, extraAdminTokens: [ADMIN2] });
});

afterAll(async () => {
  process.env = savedEnv;
  await sandbox.stop();
  rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.reset();
  process.env.PACHCA_API_URL = sandbox.url;
  process.env.PACHCA_TOKEN = sandbox.adminToken;
  delete process.env.PACHCA_TIMEOUT;
  delete process.env.PACHCA_ROSTER_LANG;
});

/** A new run folder for each run (the default would be under the working folder). */
function runFolder(): string {
  runs += 1;
  return join(workDir, `run-${runs}`);
}

/** The routes the sandbox saw since the last reset, e.g. "PUT /users/{id}". */
function routes(): string[] {
  return sandbox.requestLog().map((record) => record.route);
}

/** The writes the sandbox saw since the last reset (or since the first `from` requests). */
function writes(from = 0): string[] {
  return sandbox.requestLog().slice(from).filter((record) => record.method !== 'GET').map((record) => `${record.route} ${record.status}`);
}

function user(id: number): User {
  const found = sandbox.directory().users.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no user ${id} in the sandbox`);
  return found;
}

describe('set', () => {
  it('changes fields by their Russian column names; Теги=+X adds, Теги=-X removes; a custom property by its name; one PUT', async () => {
    const out = runFolder();
    const result = await runMain(['set', 'm.ivanova@example.ru', 'Отдел=Продажи', 'Теги=+Санкт-Петербург', 'Теги=-Backend', 'Город=Казань', '--yes', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan: update 1');
    expect(result.stdout).toContain('  m.ivanova@example.ru  update  department: Разработка -> Продажи');
    expect(result.stdout).toContain('tags: Backend, Москва -> Москва, Санкт-Петербург');
    expect(result.stdout).toContain('Город: Москва -> Казань');
    expect(result.stdout).not.toContain('row 1');
    expect(result.stdout).toContain('Done: updated 1');

    expect(writes()).toEqual(['PUT /users/{id} 200']);
    // The token, the search for the e-mail, the tags named and held (filtered), the property definitions: no listing of the directory.
    expect(routes()).toEqual(['GET /oauth/token/info', 'GET /profile', 'GET /users', 'GET /group_tags', 'GET /custom_properties', 'PUT /users/{id}']);
    const ivanova = user(11);
    expect(ivanova.department).toBe('Продажи');
    expect([...ivanova.list_tags].sort()).toEqual(['Москва', 'Санкт-Петербург']);
    expect(ivanova.custom_properties.find((property) => property.name === 'Город')?.value).toBe('Казань');

    // The run folder as import leaves one.
    expect(readdirSync(out).sort()).toEqual(['journal.jsonl', 'plan.json', 'plan.xlsx', 'report.csv', 'report.xlsx', 'summary.json']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { input: string; counts: { updated: number } };
    expect(summary.input).toBe('set m.ivanova@example.ru Отдел=Продажи Теги=+Санкт-Петербург Теги=-Backend Город=Казань');
    expect(summary.counts.updated).toBe(1);
    expect(readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('takes English column names and an id; plain Теги=X makes the tags exactly X; Теги= with nothing clears them', async () => {
    expect((await runMain(['set', '12', 'title=Lead engineer', 'tags=HR, Продажи', '--yes', '--out', runFolder()])).code).toBe(0);
    expect(user(12).title).toBe('Lead engineer');
    expect([...user(12).list_tags].sort()).toEqual(['HR', 'Продажи']);
    expect(routes()).toContain('GET /users/{id}');

    expect((await runMain(['set', '12', 'Теги=', '--yes', '--out', runFolder()])).code).toBe(0);
    expect(user(12).list_tags).toEqual([]);
  });

  it('a tag that does not exist is created first, as a sheet would (the plan shows it)', async () => {
    const result = await runMain(['set', '13', 'Теги=+Казань', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tag "Казань"  create-tag');
    expect(writes()).toEqual(['POST /group_tags 201', 'PUT /users/{id} 200']);
    expect(user(13).list_tags).toContain('Казань');
  });

  it('an unknown column: exit 2 naming it and the close names; only reads were sent, no run folder', async () => {
    const out = runFolder();
    const result = await runMain(['set', 'm.ivanova@example.ru', 'Отдл=Продажи', '--yes', '--out', out]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'Error: unknown column "Отдл"; did you mean "отдел"?\n' });
    expect(writes()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('a value the sheet refuses: exit 2 with the sheet\'s message, nothing sent', async () => {
    const result = await runMain(['set', '11', 'Телефон=12', 'Дата выхода=31.02.2026', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Телефон=12: .+\n$/);
    expect(writes()).toEqual([]);
    const date = await runMain(['set', '11', 'Дата выхода=31.02.2026', '--yes', '--out', runFolder()]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('Дата выхода: not a valid date');
    expect(writes()).toEqual([]);
  });

  it('in Russian: the plan names the fields by the export\'s headers, yes/no in words; a refused value\'s reason in Russian', async () => {
    const RU = { extraEnv: { LANG: 'ru_RU.UTF-8' } };
    const out = runFolder();
    const result = await runMain(['set', '11', 'department=Маркетинг', 'Заблокирован=да', '--dry-run', '--out', out], RU);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Отдел: Разработка -> Маркетинг');
    expect(result.stdout).toContain('Заблокирован: нет -> да');
    const saved = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { items: { changes: { field: string; before: string }[] }[] };
    expect(saved.items[0]!.changes).toContainEqual({ field: 'department', before: 'Разработка', after: 'Маркетинг' });
    expect(saved.items[0]!.changes).toContainEqual({ field: 'suspended', before: 'false', after: 'true' });
    const refused = await runMain(['set', '11', 'Телефон=12', '--yes', '--out', runFolder()], RU);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^Ошибка: Телефон=12: неверный номер телефона/);
    expect(writes()).toEqual([]);
  });

  it('a column set cannot change is refused by the parse (exit 2), before any request', async () => {
    const result = await runMain(['set', '11', 'Действие=удалить', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('Error: set cannot change column "Действие": use the suspend, restore or offboard command');
    expect((await runMain(['set', '11', 'Отчество=Ивановна', '--yes'])).stderr.split('\n')[0]).toBe(
      'Error: set cannot change column "Отчество": Pachca has no middle-name field (a custom property for it is set by its name)',
    );
    expect(routes()).toEqual([]);
  });

  it('the token\'s own user cannot be suspended: exit 2 with the plan\'s reason, nothing sent', async () => {
    const result = await runMain(['set', String(OWNER_ID), 'Заблокирован=да', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: oleg.petrov@example.ru: the token\'s own user cannot be suspended (nothing was changed)\n');
    expect(writes()).toEqual([]);
  });
});

describe('status', () => {
  it('sets a status with an expiry and an away message: one PUT of the status', async () => {
    const result = await runMain(['status', 'm.ivanova@example.ru', '--emoji', '🏝️', '--title', 'В отпуске', '--until', '31.08.2099', '--away', 'Вернусь 1 сентября', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('m.ivanova@example.ru  set-status  status_emoji: (empty) -> 🏝️');
    expect(writes()).toEqual(['PUT /users/{user_id}/status 200']);
    const status = user(11).user_status;
    expect(status).toMatchObject({ emoji: '🏝️', title: 'В отпуске', is_away: true, away_message: { text: 'Вернусь 1 сентября' } });
    expect(status?.expires_at?.startsWith('2099-08-31T23:59:59')).toBe(true);
  });

  it('--clear removes a status (one DELETE); on a person without one it plans nothing and sends no write', async () => {
    expect((await runMain(['status', String(OWNER_ID), '--clear', '--yes', '--out', runFolder()])).code).toBe(0);
    expect(writes()).toEqual(['DELETE /users/{user_id}/status 204']);
    expect(user(OWNER_ID).user_status).toBeNull();

    sandbox.reset();
    const none = await runMain(['status', '11', '--clear', '--yes', '--out', runFolder()]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Plan: unchanged 1');
    expect(writes()).toEqual([]);
  });

  it('--dry-run shows the plan and sends nothing; apply DIR applies that saved plan later', async () => {
    const out = runFolder();
    const dry = await runMain(['status', '11', '--emoji', '🤒', '--title', 'Болею', '--dry-run', '--out', out]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(dry.stdout).toContain('status_title: (empty) -> Болею');
    expect(writes()).toEqual([]);
    expect(user(11).user_status).toBeNull();

    const applied = await runMain(['apply', out, '--yes']);
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(['PUT /users/{user_id}/status 200']);
    expect(user(11).user_status?.title).toBe('Болею');
  });

  it('an invalid --until: exit 2 with the sheet\'s date message, nothing sent', async () => {
    const result = await runMain(['status', '11', '--emoji', '🏝️', '--title', 'Отпуск', '--until', 'soon', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: status_expires_at=soon: not a valid date (use YYYY-MM-DD, DD.MM.YYYY or an Excel date)\n');
    expect(writes()).toEqual([]);
  });
});

describe('suspend and restore', () => {
  it('suspends several people (one PUT each), --json prints summary.json; restore brings them back', async () => {
    const result = await runMain(['suspend', 'm.ivanova@example.ru', '12', '--yes', '--json', '--out', runFolder()]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { counts: { suspended: number }; exitCode: number; dryRun: boolean };
    expect(summary).toMatchObject({ counts: { suspended: 2 }, exitCode: 0, dryRun: false });
    expect(result.stderr).toContain('m.ivanova@example.ru  suspend  suspended: no -> yes');
    expect(writes()).toEqual(['PUT /users/{id} 200', 'PUT /users/{id} 200']);
    expect([user(11).suspended, user(12).suspended]).toEqual([true, true]);

    const before = sandbox.requestLog().length;
    expect((await runMain(['restore', '11', '12', '--yes', '--out', runFolder()])).code).toBe(0);
    expect(writes(before)).toEqual(['PUT /users/{id} 200', 'PUT /users/{id} 200']);
    expect([user(11).suspended, user(12).suspended]).toEqual([false, false]);
  });

  it('offboard: suspended, out of every tag and the status cleared (one PUT, one DELETE of the status); restore brings back only the suspension', async () => {
    const person = sandbox.directory().users.find((candidate) => !candidate.bot && !candidate.suspended && candidate.list_tags.length > 0 && candidate.id !== OWNER_ID && candidate.email);
    expect(person, 'the seed has an active person with tags').toBeDefined();
    const id = person!.id;
    const tags = [...person!.list_tags];
    expect((await runMain(['status', String(id), '--emoji', '🌴', '--title', 'В отпуске', '--yes', '--out', runFolder()])).code).toBe(0);
    const before = sandbox.requestLog().length;
    const result = await runMain(['offboard', person!.email!, '--yes', '--out', runFolder()]);
    expect(result.code, result.stderr).toBe(0);
    expect(writes(before)).toEqual(['PUT /users/{id} 200', 'DELETE /users/{user_id}/status 204']);
    expect(user(id).suspended).toBe(true);
    expect(user(id).list_tags).toEqual([]);
    expect(user(id).user_status).toBeNull();
    expect(result.stdout).toContain(`tags: ${tags.join(', ')} -> (empty)`);

    expect((await runMain(['restore', String(id), '--yes', '--out', runFolder()])).code).toBe(0);
    expect(user(id).suspended).toBe(false);
    expect(user(id).list_tags).toEqual([]);
  });

  it('an unknown person among several: exit 2 "no such person", nothing sent, no run folder', async () => {
    const out = runFolder();
    const result = await runMain(['suspend', '11', 'nobody@example.ru', '--yes', '--out', out]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'Error: no such person: nobody@example.ru\n' });
    expect(writes()).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect((await runMain(['restore', '999999', '--yes'])).stderr).toBe('Error: no such person: 999999\n');
  });

  it('a bot token: exit 3 before the people are even looked up', async () => {
    process.env.PACHCA_TOKEN = sandbox.botToken;
    const result = await runMain(['suspend', 'm.ivanova@example.ru', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('Error: the token lacks scope users:update that this change needs; use an Owner/Admin personal token with users:update (nothing was changed)\n');
    expect(routes().every((route) => route.startsWith('GET /oauth') || route === 'GET /profile')).toBe(true);
    expect(writes()).toEqual([]);
    for (const argv of [['status', '11', '--clear', '--yes'], ['tag', 'add', 'HR', '11', '--yes'], ['set', '11', 'Отдел=HR', '--yes']]) {
      expect((await runMain(argv)).code).toBe(3);
    }
    expect(writes()).toEqual([]);
  });

  it('another admin suspending the Owner: Pachca refuses (403), the person fails, exit 5', async () => {
    process.env.PACHCA_TOKEN = ADMIN2;
    const result = await runMain(['suspend', String(OWNER_ID), '--yes', '--out', runFolder()]);
    expect(result.code).toBe(5);
    expect(writes()).toEqual(['PUT /users/{id} 403']);
    expect(user(OWNER_ID).suspended).toBe(false);
  });

  it('restore with no free seat: Pachca answers licenses_limit, the person fails with the import\'s message, exit 5', async () => {
    expect((await runMain(['suspend', '11', '--yes', '--out', runFolder()])).code).toBe(0);
    const active = sandbox.directory().users.filter((person) => !person.bot && !person.suspended).length;
    sandbox.configure({ seats: active });
    try {
      const before = sandbox.requestLog().length;
      const out = runFolder();
      const result = await runMain(['restore', '11', '--yes', '--out', out]);
      expect(result.code).toBe(5);
      expect(writes(before)).toEqual(['PUT /users/{id} 422']);
      expect(readFileSync(join(out, 'report.csv'), 'utf8')).toContain('no free seats');
      expect(user(11).suspended).toBe(true);
    } finally {
      sandbox.configure({ seats: null });
    }
  });

  it('without a terminal and without --yes: exit 2 asking for --yes, nothing sent', async () => {
    const result = await runMain(['suspend', '11', '--out', runFolder()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --yes to apply this plan (nothing was changed)');
    expect(writes()).toEqual([]);
    expect(user(11).suspended).toBe(false);
  });
});

describe('tag add and remove', () => {
  it('adds a tag to the people who lack it (case aside); the others are unchanged and sent nothing', async () => {
    const result = await runMain(['tag', 'add', 'москва', 'd.kuznetsov@example.ru', 'm.ivanova@example.ru', '--yes', '--out', runFolder()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Done: updated 1, unchanged 1');
    expect(writes()).toEqual(['PUT /users/{id} 200']);
    expect([...user(12).list_tags].sort()).toEqual(['Backend', 'Москва', 'Санкт-Петербург']);
  });

  it('removes a tag; an unknown tag is exit 2 naming the close names, nothing sent', async () => {
    expect((await runMain(['tag', 'remove', 'Backend', '11', '12', '--yes', '--out', runFolder()])).code).toBe(0);
    expect(writes()).toEqual(['PUT /users/{id} 200', 'PUT /users/{id} 200']);
    expect(user(11).list_tags).toEqual(['Москва']);

    sandbox.reset();
    const unknown = await runMain(['tag', 'remove', 'Моска', '11', '--yes', '--out', runFolder()]);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'Error: no tag named "Моска"; did you mean "Москва"?\n' });
    expect(writes()).toEqual([]);
  });
});
