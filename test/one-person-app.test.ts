// The one-person use case (src/app/one-person.ts) through its ports, as a web page would drive it:
// the confirmation as a port (a "no" sends nothing), the events in order, a fixed clock, a plain
// result, nothing printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applySavedPlan } from '../src/app/apply-saved.js';
import type { AppEvent } from '../src/app/events.js';
import { changePeople, UnknownColumnError, type OnePersonRequest } from '../src/app/one-person.js';
import type { SavedPlan } from '../src/app/saved-plan.js';
import { PachcaClient } from '../src/pachca/client.js';
import { sandboxForFile } from './helpers/sandbox.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const files = sandboxForFile('one-person-app', { seed: SEED });
const { workDir } = files;
const fixedClock = { now: () => new Date('2026-08-14T10:00:00.000Z') };
let runs = 0;

beforeEach(() => {
  files.sandbox.reset();
  vi.restoreAllMocks();
});

function request(overrides: Partial<OnePersonRequest>): OnePersonRequest {
  runs += 1;
  return { label: 'test', people: ['m.ivanova@example.ru'], cells: [['Отдел', 'Продажи']], dryRun: false, yes: false, outDir: join(workDir, `run-${runs}`), ...overrides };
}

function writes(): string[] {
  return files.sandbox.requestLog().filter((record) => record.method !== 'GET').map((record) => record.route);
}

describe('changePeople', () => {
  it('asks through the confirm port; a "no" sends nothing and ends cancelled; nothing is printed', async () => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const questions: string[] = [];
    const events: AppEvent[] = [];
    const result = await changePeople(request({ label: 'set m.ivanova@example.ru Отдел=Продажи' }), {
      connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }),
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
      events: (event) => events.push(event),
      clock: fixedClock,
    });
    expect(result.status).toBe('cancelled');
    expect(questions).toEqual([`Apply 1 change to ${files.sandbox.url}?`]);
    expect(writes()).toEqual([]);
    expect(files.sandbox.directory().users.find((user) => user.id === 11)?.department).toBe('Разработка');
    expect(events.map((event) => event.type)).toEqual(['run-folder', 'plan-ready', 'note']);
    expect(events.at(-1)).toEqual({ type: 'note', text: 'Cancelled: nothing was changed.' });
    expect(out.mock.calls.length + err.mock.calls.length).toBe(0);
  });

  it('a "yes" applies: the plan event carries the planner\'s item, the apply events follow, plan.json keeps the saved sheet', async () => {
    const events: AppEvent[] = [];
    const req = request({ people: ['11', 'm.ivanova@example.ru'], cells: [['title', 'Lead'], ['Теги', '+HR']] });
    const result = await changePeople(req, {
      connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }),
      confirm: async () => true,
      events: (event) => events.push(event),
      clock: fixedClock,
    });
    expect(result.status).toBe('ok');
    // The same person by id and by e-mail is one row.
    const plan = events.find((event): event is Extract<AppEvent, { type: 'plan-ready' }> => event.type === 'plan-ready')!.plan;
    expect(plan.items.map((item) => [item.kind, item.email, item.changes.map((change) => change.field)])).toEqual([
      ['update', 'm.ivanova@example.ru', ['title', 'tags']],
    ]);
    expect(events.map((event) => event.type)).toEqual(['run-folder', 'plan-ready', 'apply-started', 'action-done', 'apply-ended', 'finished']);
    expect(writes()).toEqual(['PUT /users/{id}']);
    const saved = JSON.parse(readFileSync(join(req.outDir!, 'plan.json'), 'utf8')) as SavedPlan;
    expect(saved.sheet?.headers).toEqual(['email', 'title', 'Теги']);
    expect(saved.createdAt).toBe('2026-08-14T10:00:00.000Z');
    expect(Object.keys(saved.basis ?? {})).toEqual(['row:1']);
  });

  it('a run stopped by the workspace (402 after the confirmation) is finished by apply DIR, as the stop message says', async () => {
    const events: AppEvent[] = [];
    const req = request({ people: ['11', '12'], cells: [['action', 'suspend']] });
    const connect = (): PachcaClient => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken, retries: 1 });
    const stopped = await changePeople(req, {
      connect,
      confirm: async () => {
        files.sandbox.configure({ unpaid: true });
        return true;
      },
      events: (event) => events.push(event),
    });
    expect(stopped.status).toBe('stopped');
    expect(events.some((event) => event.type === 'stopped' && event.reason === 'fatal')).toBe(true);
    expect(files.sandbox.directory().users.filter((user) => user.suspended && (user.id === 11 || user.id === 12))).toEqual([]);

    files.sandbox.configure({ unpaid: false });
    const finished = await applySavedPlan({ dir: req.outDir!, yes: true }, { connect, events: () => undefined });
    expect(finished.status).toBe('ok');
    expect(files.sandbox.directory().users.filter((user) => user.id === 11 || user.id === 12).map((user) => user.suspended)).toEqual([true, true]);
  });

  it('a dry run needs no confirmation and sends no write', async () => {
    const events: AppEvent[] = [];
    const result = await changePeople(request({ dryRun: true, cells: [['action', 'suspend']] }), {
      connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }),
      events: (event) => events.push(event),
      clock: fixedClock,
    });
    expect(result.status).toBe('ok');
    expect(result.summary).toMatchObject({ dryRun: true, planned: { suspend: 1 } });
    expect(writes()).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['run-folder', 'plan-ready', 'note', 'finished']);
  });

  it('refuses bad arguments before connecting: an unknown person key, no cells, an e-mail column', async () => {
    const connect = vi.fn(() => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }));
    const ports = { connect, events: () => undefined };
    await expect(changePeople(request({ people: ['Мария'] }), ports)).rejects.toThrow('"Мария" is neither a user id nor an e-mail');
    await expect(changePeople(request({ cells: [] }), ports)).rejects.toThrow('nothing to change');
    await expect(changePeople(request({ cells: [['E-mail', 'x@y.ru']] }), ports)).rejects.toThrow('column "E-mail": the e-mail names the person');
    await expect(changePeople(request({ cells: [['Отдел', 'A'], ['department', 'B']] }), ports)).rejects.toThrow('columns "Отдел" and "department" are the same column (department)');
    expect(connect).not.toHaveBeenCalled();
  });

  it('an unknown column is an UnknownColumnError that knows the sheet\'s names and the custom properties', async () => {
    const error = await changePeople(request({ cells: [['Городд', 'Казань']] }), {
      connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }),
      events: () => undefined,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownColumnError);
    expect((error as UnknownColumnError).known).toEqual(expect.arrayContaining(['отдел', 'department', 'Город', 'Дата выхода']));
    expect(writes()).toEqual([]);
  });
});
