// The import and export (the CLI in process) against the sandbox's documented behaviours switched on one
// at a time: short pages, PUT defaults, pending invites, seats, the invitation outbox, 402.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { blankUser, defaultDirectory } from '../src/sandbox/workspace.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { CliResult } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const STAFF = 130;
let sandbox: RunningSandbox;
let workDir: string;
let runCounter = 0;

/** The default workspace plus STAFF registered people, ids 101.., the last five suspended. */
function seed(): SandboxDirectory {
  const directory = defaultDirectory();
  for (let index = 0; index < STAFF; index += 1) {
    directory.users.push(blankUser(101 + index, {
      email: `staff${index}@example.ru`, first_name: `Имя${index}`, last_name: `Фамилия${index}`, nickname: `staff${index}`,
      title: 'Инженер', invite_status: 'confirmed', suspended: index >= STAFF - 5, created_at: '2025-01-01T00:00:00.000Z',
    }));
  }
  return directory;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: seed(), rps: 1000 });
  workDir = await mkdtemp(join(tmpdir(), 'import-documented-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.reset();
  sandbox.configure({ shortPages: false, putDefaults: false, seats: null, unpaid: false });
});

async function sheet(header: string[], rows: string[][]): Promise<string> {
  const file = join(workDir, `sheet-${++runCounter}.csv`);
  await writeCsvFile(file, header, rows);
  return file;
}

async function cli(args: string[]): Promise<CliResult & { out: string }> {
  const out = join(workDir, `run-${++runCounter}`);
  const full = args[0] === 'import' ? [...args, '--yes', '--out', out] : args;
  const result = await runCliInProcess(full, { env: { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken }, cwd: workDir });
  return { ...result, out };
}

async function report(out: string): Promise<Record<string, string>[]> {
  return parse((await readFile(join(out, 'report.csv'), 'utf8')).replace(/^\uFEFF/, ''), { columns: true, delimiter: [',', ';'] }) as Record<string, string>[];
}

function staffRows(): string[][] {
  return sandbox.directory().users.filter((user) => user.email?.startsWith('staff'))
    .map((user) => [user.email!, user.first_name!, user.last_name!, user.title!]);
}

describe('--short-pages', () => {
  it('an import sees everyone (no one taken for new) and an export lists everyone', async () => {
    sandbox.configure({ shortPages: true });
    const file = await sheet(['email', 'first_name', 'last_name', 'title'], [...staffRows(), ['fresh@example.ru', 'Новый', 'Сотрудник', 'Стажёр']]);
    const writesBefore = sandbox.stats().writes;
    const result = await cli(['import', file]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(result.out, 'plan.json'), 'utf8')) as { counts: Record<string, number> };
    expect(plan.counts).toMatchObject({ create: 1, unchanged: STAFF, update: 0 });
    expect(sandbox.stats().writes - writesBefore).toBe(1);
    // The short pages really were short and some empty.
    expect(sandbox.stats().requests['GET /users']?.['200']).toBeGreaterThan(Math.ceil((STAFF + 3) / 50) * 2);

    const exportDir = join(workDir, 'export-short');
    const exported = await cli(['export', '--format', 'csv', '--out', exportDir]);
    expect(exported.code, exported.stdout + exported.stderr).toBe(0);
    const rows = parse((await readFile(join(exportDir, 'users.csv'), 'utf8')).replace(/^\uFEFF/, ''), { columns: true, delimiter: [',', ';'] }) as Record<string, string>[];
    const people = sandbox.directory().users.filter((user) => !user.bot).map((user) => user.email).sort();
    expect(rows.map((row) => row.email).sort()).toEqual(people);
  });
});

describe('--put-defaults', () => {
  it('a title change to a suspended person leaves them suspended', async () => {
    sandbox.configure({ putDefaults: true });
    const away = sandbox.directory().users.find((user) => user.email === `staff${STAFF - 1}@example.ru`)!;
    expect(away.suspended).toBe(true);
    const result = await cli(['import', await sheet(['email', 'title'], [[away.email!, 'Ведущий инженер']])]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(sandbox.directory().users.find((user) => user.id === away.id)).toMatchObject({ title: 'Ведущий инженер', suspended: true });
  });
});

describe('pending invites', () => {
  const hires = [
    ['hire1@example.ru', 'Алина', 'Смирнова', 'Дизайнер', ''],
    ['hire2@example.ru', 'Борис', '', '', 'Продажи'],
    ['hire3@example.ru', 'Вера', 'Кузнецова', '', ''],
  ];

  async function importTwice(accept: boolean): Promise<void> {
    const file = await sheet(['email', 'first_name', 'last_name', 'title', 'department'], hires);
    expect((await cli(['import', file])).code).toBe(0);
    const created = sandbox.directory().users.filter((user) => user.email?.startsWith('hire'));
    expect(created.map((user) => user.invite_status)).toEqual(['sent', 'sent', 'sent']);
    if (accept) expect(sandbox.acceptInvites()).toBe(3);
    const before = sandbox.stats().writes;
    const again = await cli(['import', file]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(sandbox.stats().writes - before).toBe(0);
  }

  it('re-importing a sheet of pending invites (first_name null) sends zero writes', () => importTwice(false));
  it('once they accepted, the same sheet still sends zero writes', () => importTwice(true));
});

describe('--seats', () => {
  it('after the first licenses_limit no create or restore is sent; they fail with one reason; other rows apply', async () => {
    const active = sandbox.directory().users.filter((user) => !user.bot && !user.suspended).length;
    sandbox.configure({ seats: active + 2 });
    const header = ['email', 'first_name', 'title', 'suspended'];
    const rows = [
      ...[1, 2, 3, 4, 5].map((n) => [`seat${n}@example.ru`, `Место${n}`, '', '']),
      [`staff${STAFF - 1}@example.ru`, '', '', 'нет'],
      [`staff${STAFF - 2}@example.ru`, '', '', 'нет'],
      ['staff0@example.ru', '', 'Архитектор', ''],
    ];
    // One request at a time, so "no request after the first refusal" is exact.
    const result = await cli(['import', await sheet(header, rows), '--concurrency', '1']);
    expect(result.code, result.stdout + result.stderr).toBe(5);
    const lines = await report(result.out);
    expect(lines.map((line) => line.result)).toEqual(['created', 'created', 'failed', 'failed', 'failed', 'failed', 'failed', 'updated']);
    const reasons = new Set(lines.filter((line) => line.result === 'failed').map((line) => line.message));
    expect([...reasons]).toEqual([expect.stringMatching(/^no free seats: 5 needed/)]);
    const log = sandbox.requestLog().filter((record) => record.method !== 'GET');
    expect(log.filter((record) => record.status === 422)).toHaveLength(1);
    expect(log.filter((record) => record.route === 'POST /users')).toHaveLength(3);
    expect(log.filter((record) => record.route === 'PUT /users/{id}')).toHaveLength(1);
    expect(sandbox.directory().users.find((user) => user.email === 'staff0@example.ru')?.title).toBe('Архитектор');
  });
});

describe('invitation e-mails', () => {
  it('--skip-email-notify leaves the outbox empty; without it one invitation per created person', async () => {
    const rows = [['mail1@example.ru', 'Один'], ['mail2@example.ru', 'Два'], ['mail3@example.ru', 'Три']];
    const file = await sheet(['email', 'first_name'], rows);
    expect((await cli(['import', file, '--skip-email-notify'])).code).toBe(0);
    expect(sandbox.directory().users.filter((user: User) => user.email?.startsWith('mail'))).toHaveLength(3);
    expect(sandbox.outbox()).toEqual([]);
    sandbox.reset();
    expect((await cli(['import', file])).code).toBe(0);
    expect(sandbox.outbox().map((mail) => mail.to).sort()).toEqual(rows.map((row) => row[0]));
  });
});

describe('--unpaid', () => {
  it('stops at once with the documented reason and sends nothing', async () => {
    sandbox.configure({ unpaid: true });
    const result = await cli(['import', await sheet(['email', 'first_name'], [['paid@example.ru', 'Оплата']])]);
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/unpaid \(402\).*Требуется оплата/);
    expect(sandbox.stats().writes).toBe(0);
    // One round of reads and no more: the token check (token info, profile) goes out together
    // with the listing's first requests (users, tags, custom properties).
    expect(sandbox.stats().total).toBeLessThanOrEqual(5);
  });
});
