// The web page's plans made without a sheet, in-process over real HTTP against the sandbox:
// "Undo this run" on a finished web import (a dry-run undo plan saved in a new run folder, then
// applied exactly by the import's apply), and the Directory card's one-person changes.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import type { User } from '../src/pachca/types.js';
import { fetchRequestLog } from './helpers/sandbox.js';
import { call, FIXTURES, startTestWeb, type TestWeb } from './helpers/web.js';

let web: TestWeb;
let client: PachcaClient;

beforeAll(async () => {
  web = await startTestWeb();
  client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
});

afterAll(async () => {
  await web.stop();
});

interface PlanAnswer { run: string; plan: { work: number; counts: Record<string, number>; warnings: string[]; groups: { kind: string; items: { email?: string; person: string }[] }[] }; files: string[] }
interface RunRow { name: string; state: string; undoable: boolean; resumable: boolean; files: string[] }

async function writesSent(): Promise<number> {
  return (await fetchRequestLog(web.sandbox)).filter((entry) => entry.method !== 'GET').length;
}

async function everyone(): Promise<User[]> {
  const users: User[] = [];
  for await (const user of client.listUsers()) users.push(user);
  return users;
}

/** Applies the run's saved plan and follows it to the end; the kinds of events seen. */
async function applyToEnd(run: string): Promise<string[]> {
  const started = await call(web, 'POST', `/api/runs/${run}/apply`, { json: {} });
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  const events = await call(web, 'GET', `/events/${run}`);
  return [...events.text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]!);
}

async function runRow(name: string): Promise<RunRow | undefined> {
  return ((await call(web, 'GET', '/api/runs')).json as { runs: RunRow[] }).runs.find((run) => run.name === name);
}

/** What undo puts back: everything but the bookkeeping Pachca keeps by itself. */
function comparable(user: User): Record<string, unknown> {
  const { updated_at: _updated, last_activity_at: _activity, ...rest } = user as User & { updated_at?: unknown; last_activity_at?: unknown };
  return rest;
}

describe('undo this run', () => {
  it('undoes a finished web import: the plan is shown first (nothing sent), then applied, and the directory is as before', async () => {
    const before = new Map((await everyone()).map((user) => [user.id, comparable(user)]));
    const uploaded = await call(web, 'POST', '/api/uploads?name=hires-ru.xlsx', { body: await readFile(join(FIXTURES, 'hires-ru.xlsx')), headers: { 'content-type': 'application/octet-stream' } });
    const { run } = uploaded.json as { run: string };
    const planned = (await call(web, 'POST', `/api/runs/${run}/plan`, { json: {} })).json as PlanAnswer;
    expect(planned.plan.work).toBeGreaterThan(0);
    expect((await applyToEnd(run)).at(-1)).toBe('finished');
    expect(await runRow(run)).toMatchObject({ state: 'applied', undoable: true });
    const created = (await everyone()).filter((user) => !before.has(user.id));
    expect(created.length).toBe(planned.plan.counts.create);

    const writesBefore = await writesSent();
    const undo = await call(web, 'POST', `/api/runs/${run}/undo`, { json: {}, headers: { 'x-roster-lang': 'en' } });
    expect(undo.status, JSON.stringify(undo.json)).toBe(200);
    const undoPlan = undo.json as PlanAnswer;
    expect(undoPlan.run).not.toBe(run);
    expect(undoPlan.files).toEqual(expect.arrayContaining(['plan.xlsx', 'plan.json']));
    expect(undoPlan.plan.counts.suspend).toBe(created.length);
    expect(undoPlan.plan.warnings.some((warning) => warning.startsWith('cannot be undone: the invitation e-mail'))).toBe(true);
    expect(await writesSent()).toBe(writesBefore);
    expect(await runRow(undoPlan.run)).toMatchObject({ state: 'planned', resumable: true, undoable: false });

    const kinds = await applyToEnd(undoPlan.run);
    expect(kinds.at(-1)).toBe('finished');
    expect(kinds.filter((kind) => kind === 'outcome')).toHaveLength(undoPlan.plan.work);
    const after = await everyone();
    for (const user of after) {
      if (before.has(user.id)) expect(comparable(user), user.email ?? String(user.id)).toEqual(before.get(user.id));
      else expect(user.suspended, user.email ?? String(user.id)).toBe(true);
    }
    expect(await runRow(undoPlan.run)).toMatchObject({ state: 'applied', undoable: true });
    expect(existsSync(join(web.runsDir, undoPlan.run, 'report.xlsx'))).toBe(true);
  });

  it('a run that changed nothing, or no such run, is refused with a message', async () => {
    const uploaded = await call(web, 'POST', '/api/uploads?name=hires-ru.xlsx', { body: await readFile(join(FIXTURES, 'hires-ru.xlsx')), headers: { 'content-type': 'application/octet-stream' } });
    const { run } = uploaded.json as { run: string };
    const notApplied = await call(web, 'POST', `/api/runs/${run}/undo`, { json: {}, headers: { 'x-roster-lang': 'en' } });
    expect(notApplied.status).toBe(400);
    expect((notApplied.json as { error: string }).error).toContain('no journal.jsonl there');
    expect((await call(web, 'POST', '/api/runs/no-such-run/undo', { json: {} })).status).toBe(404);
  });
});

describe('one person from the Directory card', () => {
  async function somebody(): Promise<User> {
    return (await everyone()).find((user) => !user.bot && !user.suspended && user.email && user.role === 'user')!;
  }

  async function change(person: number, body: unknown): Promise<{ status: number; json: unknown }> {
    return call(web, 'POST', `/api/people/${person}/change`, { json: body, headers: { 'x-roster-lang': 'en' } });
  }

  it('suspend and restore: a one-item plan (nothing sent), then applied with a journal and a report', async () => {
    const person = await somebody();
    const writesBefore = await writesSent();
    const planned = await change(person.id, { action: 'suspend' });
    expect(planned.status, JSON.stringify(planned.json)).toBe(200);
    const suspend = planned.json as PlanAnswer;
    expect(suspend.plan).toMatchObject({ work: 1, counts: { suspend: 1 } });
    expect(await writesSent()).toBe(writesBefore);
    expect((await applyToEnd(suspend.run)).at(-1)).toBe('finished');
    expect(await writesSent()).toBe(writesBefore + 1);
    expect((await client.getUser(person.id)).suspended).toBe(true);
    expect(existsSync(join(web.runsDir, suspend.run, 'journal.jsonl'))).toBe(true);
    expect(await runRow(suspend.run)).toMatchObject({ state: 'applied', files: expect.arrayContaining(['report.xlsx', 'summary.json']) });

    const restore = (await change(person.id, { action: 'restore' })).json as PlanAnswer;
    expect(restore.plan).toMatchObject({ work: 1, counts: { restore: 1 } });
    expect((await applyToEnd(restore.run)).at(-1)).toBe('finished');
    expect((await client.getUser(person.id)).suspended).toBe(false);
  });

  it('clear the status and set a field', async () => {
    const person = await somebody();
    await client.setStatus(person.id, { emoji: '🏝️', title: 'В отпуске' });
    const clear = (await change(person.id, { action: 'clear-status' })).json as PlanAnswer;
    expect(clear.plan).toMatchObject({ work: 1, counts: { 'clear-status': 1 } });
    expect((await applyToEnd(clear.run)).at(-1)).toBe('finished');
    expect(await client.getStatus(person.id)).toBeNull();

    const set = (await change(person.id, { action: 'set', column: 'Должность', value: 'Главный тестировщик' })).json as PlanAnswer;
    expect(set.plan).toMatchObject({ work: 1, counts: { update: 1 } });
    expect((await applyToEnd(set.run)).at(-1)).toBe('finished');
    expect((await client.getUser(person.id)).title).toBe('Главный тестировщик');
  });

  it('an unknown column or person is refused before anything is sent, and no run folder is left', async () => {
    const person = await somebody();
    const runsBefore = ((await call(web, 'GET', '/api/runs')).json as { runs: RunRow[] }).runs.length;
    const writesBefore = await writesSent();
    const unknown = await change(person.id, { action: 'set', column: 'Shoe size', value: '42' });
    expect(unknown.status).toBe(400);
    expect((unknown.json as { error: string }).error).toContain('unknown column "Shoe size"');
    expect((await change(99_999_999, { action: 'suspend' })).status).toBe(400);
    expect((await change(person.id, { action: 'explode' })).status).toBe(400);
    expect(await writesSent()).toBe(writesBefore);
    expect(((await call(web, 'GET', '/api/runs')).json as { runs: RunRow[] }).runs.length).toBe(runsBefore);
  });
});
