// Run folders as units of work: one run per folder (a lock with the pid), new or empty folders
// only, unique default names; a journal a resume can trust (its own lines only, torn and
// malformed lines skipped with a warning); plan.json checked; resume keeps the run's flags,
// reports every row across attempts and sends the welcomes still owed.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { openNewRunFolder } from '../src/sync/run-folder.js';
import { acquireRunLock, LOCK_FILE } from '../src/sync/run-lock.js';
import type { CliResult } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { readReport } from './helpers/reliability.js';
import { api, startTestSandbox } from './helpers/sandbox.js';

const workDir = mkdtempSync(join(tmpdir(), 'import-runs-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let counter = 0;

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.stop();
});

function folderName(): string {
  return join(workDir, `run-${++counter}`);
}

async function hires(count: number, prefix = 'hire'): Promise<{ file: string; emails: string[] }> {
  const file = join(workDir, `${prefix}-${++counter}.csv`);
  const emails = Array.from({ length: count }, (_, index) => `${prefix}${index + 1}.${counter}@example.ru`);
  await writeCsvFile(file, ['email', 'first_name', 'last_name'], emails.map((email, index) => [email, `Имя${index + 1}`, 'Новиков']));
  return { file, emails };
}

function cli(args: string[]): Promise<CliResult> {
  return runCliInProcess([...args, '--api-url', sandbox.url], { env: { PACHCA_TOKEN: sandbox.adminToken } });
}

interface PlanFile {
  runId: string;
  input: { sha256: string };
  planOptions: Record<string, unknown>;
  items: { key: string; kind: string; email?: string }[];
}

function readPlan(folder: string): PlanFile {
  return JSON.parse(readFileSync(join(folder, 'plan.json'), 'utf8')) as PlanFile;
}

function journalLine(plan: PlanFile, fields: Record<string, unknown>): string {
  return `${JSON.stringify({ at: new Date().toISOString(), run: plan.runId, input: plan.input.sha256, ...fields })}\n`;
}

/** Creates a user directly, as an attempt of the run would have, and returns its id. */
async function createDirectly(email: string, firstName: string): Promise<number> {
  const answer = await api(sandbox, 'POST', '/users', { body: { user: { email, first_name: firstName, last_name: 'Новиков' } } });
  expect(answer.status).toBe(201);
  return (answer.body as { data: { id: number } }).data.id;
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('one run per folder', () => {
  it('refuses a folder locked by a live run (exit 2, the pid named), for import and --resume; nothing is sent', async () => {
    const { file } = await hires(2);
    const out = folderName();
    mkdirSync(out);
    // This test process is alive: its pid holds the lock.
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: '', since: '2026-08-14T10:00:00.000Z' }));
    const refused = await cli(['import', file, '--yes', '--out', out]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`pid ${process.pid}`);
    const resumed = await cli(['import', '--resume', out, '--yes']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`pid ${process.pid}`);
    expect(sandbox.stats().writes).toBe(0);
    expect(readdirSync(out)).toEqual([LOCK_FILE]);
  });

  it('takes over the lock of a process that is gone, with a warning, and removes it at the end', async () => {
    const { file, emails } = await hires(2);
    const out = folderName();
    mkdirSync(out);
    const pid = deadPid();
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid, host: '', since: '2026-08-14T10:00:00.000Z' }));
    const result = await cli(['import', file, '--yes', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`locked by pid ${pid}, which is no longer running`));
    expect(emails.every((email) => sandbox.directory().users.some((user) => user.email === email))).toBe(true);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('in process: the second taker of a lock is refused until the first lets go', () => {
    const folder = folderName();
    mkdirSync(folder);
    const first = acquireRunLock(folder, () => undefined);
    expect(() => acquireRunLock(folder, () => undefined)).toThrow(new RegExp(`pid ${process.pid}`));
    first.release();
    const again = acquireRunLock(folder, () => undefined);
    again.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('two runs started in the same millisecond get two folders', () => {
    const cwd = folderName();
    mkdirSync(cwd);
    const now = new Date(2026, 7, 14, 10, 0, 0, 123);
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const first = openNewRunFolder(undefined, now, () => undefined);
      const second = openNewRunFolder(undefined, now, () => undefined);
      expect(first.path).not.toBe(second.path);
      expect(first.path).toMatch(/pachca-roster-runs\/2026-08-14_10-00-00-123$/);
      expect(second.path).toMatch(/2026-08-14_10-00-00-123-2$/);
      expect(statSync(first.path).mode & 0o777).toBe(0o700);
      first.release();
      second.release();
    } finally {
      process.chdir(previous);
    }
  });

  it('refuses --out into a folder that holds files (the input sheet itself there): exit 2, nothing sent or overwritten', async () => {
    const out = folderName();
    mkdirSync(out);
    const file = join(out, 'hires.csv');
    await writeCsvFile(file, ['email', 'first_name'], [['inside@example.ru', 'Внутри']]);
    const before = readFileSync(file);
    const result = await cli(['import', file, '--yes', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already holds files (hires.csv)');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(out)).toEqual(['hires.csv']);
    expect(sandbox.requestLog()).toHaveLength(0);
  });
});

describe('the journal and plan.json a resume reads', () => {
  it("ignores another run's lines, skips torn and malformed lines with warnings, and appends on a new line", async () => {
    const { file, emails } = await hires(3);
    const out = folderName();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const plan = readPlan(out);
    const journal = join(out, 'journal.jsonl');
    // Another run's line says row 2 is done, then null, then a line cut off mid-write.
    const foreign = { ...plan, runId: 'another-run' };
    writeFileSync(journal, journalLine(foreign, { key: 'row:2', step: 'user', kind: 'create', ok: true, userId: 999 }));
    appendFileSync(journal, 'null\n');
    appendFileSync(journal, '{"at":"2026-08-14T10:00:00.000Z","run":"');

    const resumed = await cli(['import', '--resume', out, '--yes']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('1 line of another run or another input ignored');
    expect(resumed.stderr).toMatch(/journal\.jsonl line 2 is not a journal entry/);
    expect(resumed.stderr).toMatch(/journal\.jsonl line 3 is cut off/);
    expect(resumed.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    for (const email of emails) expect(sandbox.directory().users.filter((user) => user.email === email)).toHaveLength(1);
    expect(readReport(out).map((line) => line.result)).toEqual(['created', 'created', 'created']);
    // The new entries start on their own line: every line but the torn one parses.
    const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3 + 3);
    expect(lines.slice(3).map((line) => (JSON.parse(line) as { run: string }).run)).toEqual([plan.runId, plan.runId, plan.runId]);
  });

  it('a tampered plan.json gets one line naming the file and the field, exit 2', async () => {
    const { file } = await hires(1);
    const out = folderName();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanFile;
    plan.planOptions.tags = 'Replace';
    writeFileSync(join(out, 'plan.json'), JSON.stringify(plan));
    const resumed = await cli(['import', '--resume', out, '--yes']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
    expect(resumed.stderr).toContain(join(out, 'plan.json'));
    expect(resumed.stderr).toContain('field planOptions.tags');
    writeFileSync(join(out, 'plan.json'), 'null');
    const nullPlan = await cli(['import', '--resume', out, '--yes']);
    expect(nullPlan.code).toBe(2);
    expect(nullPlan.stderr).toMatch(/plan\.json is not a valid plan/);
    expect(sandbox.stats().writes).toBe(0);
  });

  it('--resume refuses flags that would change the plan, naming the values the run has; the same values pass', async () => {
    const { file } = await hires(1);
    const out = folderName();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const changed = await cli(['import', '--resume', out, '--yes', '--max-suspend', '0', '--tags', 'replace']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('--tags replace, --max-suspend 0 would change the plan');
    expect(changed.stderr).toContain('(--tags merge, --max-suspend 10%)');
    const deleting = await cli(['import', '--resume', out, '--yes', '--allow-delete']);
    expect(deleting.code).toBe(2);
    expect(deleting.stderr).toContain('--allow-delete true would change the plan');
    expect(sandbox.stats().writes).toBe(0);
    const same = await cli(['import', '--resume', out, '--yes', '--tags', 'merge']);
    expect(same.code, same.stderr).toBe(0);
    expect(sandbox.stats().writes).toBe(1);
  });
});

describe('a resumed run', () => {
  it('reports every row with what happened across attempts, including creates the killed attempt never journaled', async () => {
    const { file, emails } = await hires(3);
    const out = folderName();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const plan = readPlan(out);
    // The first attempt created row 2 and journaled it, created row 3 and was killed before journaling.
    const journaledId = await createDirectly(emails[0]!, 'Имя1');
    writeFileSync(join(out, 'journal.jsonl'), journalLine(plan, { key: 'row:2', step: 'user', kind: 'create', ok: true, userId: journaledId }));
    const unjournaledId = await createDirectly(emails[1]!, 'Имя2');
    const writesBefore = sandbox.stats().writes;

    const resumed = await cli(['import', '--resume', out, '--yes']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(sandbox.stats().writes - writesBefore).toBe(1);
    const report = readReport(out);
    expect(report.map((line) => [line.email, line.result])).toEqual(emails.map((email) => [email, 'created']));
    expect(report[0]!.pachca_user_id).toBe(String(journaledId));
    expect(report[1]!.pachca_user_id).toBe(String(unjournaledId));
    const messages = parseCsvMessages(out);
    expect(messages[0]).toContain('earlier attempt');
    expect(messages[1]).toContain('earlier attempt');
    expect(messages[2]).not.toContain('earlier attempt');
  });

  it('--welcome across a kill: each created person is greeted exactly once, the welcomes owed are sent by --resume', async () => {
    const welcome = join(workDir, `welcome-${++counter}.txt`);
    writeFileSync(welcome, 'Привет, {first_name}!');
    const { file, emails } = await hires(3);
    const out = folderName();
    expect((await cli(['plan', file, '--welcome', welcome, '--out', out])).code).toBe(0);
    const plan = readPlan(out);
    // Row 2: created and journaled, not greeted; row 3: created, nothing journaled; row 4: not created.
    const firstId = await createDirectly(emails[0]!, 'Имя1');
    writeFileSync(join(out, 'journal.jsonl'), journalLine(plan, { key: 'row:2', step: 'user', kind: 'create', ok: true, userId: firstId }));
    await createDirectly(emails[1]!, 'Имя2');

    const resumed = await cli(['import', '--resume', out, '--yes']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const users = sandbox.directory().users;
    const idOf = (email: string): number => users.find((user) => user.email === email)!.id;
    const messages = (sandbox.directory().messages ?? []).map((message) => [message.entity_id, message.content]);
    expect(messages.sort()).toEqual([
      [idOf(emails[0]!), 'Привет, Имя1!'],
      [idOf(emails[1]!), 'Привет, Имя2!'],
      [idOf(emails[2]!), 'Привет, Имя3!'],
    ].sort());
    const steps = readFileSync(join(out, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean)
      .map((line) => JSON.parse(line) as { key: string; step: string; ok: boolean })
      .filter((entry) => entry.step === 'welcome' && entry.ok).map((entry) => entry.key).sort();
    expect(steps).toEqual(['row:2', 'row:3', 'row:4']);

    // Resuming again owes nothing.
    const again = await cli(['import', '--resume', out, '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.directory().messages ?? []).toHaveLength(3);
  });

  it("sends each welcome right after that person's create, not after all creates", async () => {
    const welcome = join(workDir, `welcome-${++counter}.txt`);
    writeFileSync(welcome, 'Привет!');
    const { file } = await hires(30);
    const result = await cli(['import', file, '--yes', '--welcome', welcome, '--concurrency', '2', '--out', folderName()]);
    expect(result.code, result.stderr).toBe(0);
    const writes = sandbox.requestLog().filter((record) => record.method === 'POST').map((record) => record.route);
    expect(writes.filter((route) => route === 'POST /messages')).toHaveLength(30);
    const firstMessage = writes.indexOf('POST /messages');
    const lastCreate = writes.lastIndexOf('POST /users');
    // With 2 in flight (4 people in progress), the first welcome goes out within the first few creates.
    expect(firstMessage).toBeLessThan(8);
    expect(firstMessage).toBeLessThan(lastCreate);
  });
});

function parseCsvMessages(folder: string): string[] {
  return (readReport(folder) as unknown as { message: string }[]).map((line) => line.message);
}
