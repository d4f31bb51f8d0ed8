// Chats by name in an import (issue 15): a new person gets the named chats on create, an existing
// one joins those not yet joined (POST /chats/{id}/members), --chats replace also leaves the ones
// the cell does not name; an unknown or archived name makes the row invalid before any write; a
// new guest still needs exactly one chat, by name too. Run in process against the demo company.
import { describe, expect, it } from 'vitest';
import { applySavedPlan } from '../src/app/apply-saved.js';
import { formatPlan } from '../src/cli/import-text.js';
import { PachcaClient } from '../src/pachca/client.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { Plan } from '../src/sync/plan.js';
import { useDemoCompanyImports } from './helpers/demo-company-imports.js';
import { importInProcess, writesByRoute } from './helpers/import-in-process.js';
import { startTestSandbox } from './helpers/sandbox.js';

const demo = useDemoCompanyImports('import-chats-');
const { seed } = demo;

const MARIA = 11; // m.ivanova: in Общий (501), Разработка (503, closed, the Owner not in it), Новости компании (506)
const membersOf = (chatId: number): number[] => demo.sandbox.directory().chats.find((chat) => chat.id === chatId)?.member_ids ?? [];
const userByEmail = (email: string) => demo.sandbox.directory().users.find((user) => user.email === email);

const run = (headers: string[], rows: string[][], options: Parameters<typeof importInProcess>[3] = {}, dryRun = false) =>
  demo.importRows(headers, rows, options, { dryRun });

describe('chats by name', () => {
  it('a new person gets them on create, an existing one joins only those not yet joined', async () => {
    const { result, row, plan } = await run(['Email', 'Имя', 'Фамилия', 'Чаты'], [
      ['new.hire@example.ru', 'Нина', 'Новая', 'Продажи, Общий'],
      ['m.ivanova@example.ru', '', '', 'продажи; общий'],
    ]);
    expect(row(2)).toMatchObject({ kind: 'create', userRequest: { body: { user: { chat_ids: [504, 501] } } } });
    expect(row(2).changes).toContainEqual({ field: 'chats', before: null, after: 'Продажи, Общий' });
    expect(row(3)).toMatchObject({ kind: 'update', userId: MARIA, chatRequests: [{ method: 'POST', chatId: 504, chatName: 'Продажи' }] });
    expect(row(3).userRequest).toBeUndefined();
    expect(row(3).changes).toEqual([{ field: 'chats', before: null, after: '+ Продажи' }]);
    expect(formatPlan(plan)).toMatch(/row 3 m\.ivanova@example\.ru {2}update {2}chats: \+ Продажи$/m);
    expect(result.status).toBe('ok');
    expect(result.summary?.counts).toMatchObject({ created: 1, updated: 1 });
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'POST /users': 1, 'POST /chats/{id}/members': 1 });
    const hire = userByEmail('new.hire@example.ru')!;
    expect(membersOf(504)).toEqual(expect.arrayContaining([hire.id, MARIA]));
    expect(membersOf(501)).toContain(hire.id);

    demo.sandbox.reset();
    // The same sheet again: everyone is where it says; nothing is sent.
    const again = await run(['Email', 'Чаты'], [['m.ivanova@example.ru', 'Общий, Новости компании']]);
    expect(again.row(2).kind).toBe('unchanged');
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({});
  });

  it('an unknown, archived or hidden name makes the row invalid before any write; other rows go on', async () => {
    const { result, row } = await run(['Email', 'Теги', 'Чаты'], [
      ['m.ivanova@example.ru', 'Новый тег', 'Маркетинг'],
      ['d.kuznetsov@example.ru', '', 'Старый проект'],
      ['e.popova@example.ru', '', 'HR'],
      ['s.sokolov@example.ru', '', 'Продажи'],
    ]);
    expect(row(2)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('no chat named "Маркетинг" among the chats this token sees') });
    expect(row(3)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('is archived') });
    // HR is a closed chat the Owner is not in: not listed, so not known by name.
    expect(row(4)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('no chat named "HR"') });
    expect(row(5)).toMatchObject({ kind: 'update', chatRequests: [{ method: 'POST', chatId: 504 }] });
    expect(result.status).toBe('rows-failed');
    // The invalid row's new tag is not created either.
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'POST /chats/{id}/members': 1 });
  });

  it('a name two chats share is ambiguous: the row is invalid and names their ids', async () => {
    const twin = structuredClone(seed);
    twin.chats.find((chat) => chat.id === 506)!.name = 'продажи';
    const box = await startTestSandbox({ seed: twin });
    try {
      const { file, out } = demo.nextRun();
      await writeCsvFile(file, ['Email', 'Чаты'], [['m.ivanova@example.ru', 'Продажи'], ['d.kuznetsov@example.ru', '504']]);
      const { events, result } = await importInProcess(box, file, out);
      const plan = (events.find((event) => event.type === 'plan-ready') as { plan: Plan }).plan;
      expect(plan.items.find((item) => item.row === 2)).toMatchObject({
        kind: 'invalid', message: 'chats: 2 chats are named "Продажи" (ids 504, 506): give the id instead',
      });
      expect(plan.items.find((item) => item.row === 3)).toMatchObject({ kind: 'update', chatRequests: [{ method: 'POST', chatId: 504 }] });
      expect(result.status).toBe('rows-failed');
    } finally {
      await box.stop();
    }
  });

  it('merge never removes; --chats replace also leaves the listed chats the cell does not name', async () => {
    const merged = await run(['Email', 'Чаты'], [['m.ivanova@example.ru', 'Продажи']], {}, true);
    expect(merged.row(2).chatRequests).toEqual([{ method: 'POST', chatId: 504, chatName: 'Продажи' }]);

    const { row, result } = await run(['Email', 'Чаты'], [['m.ivanova@example.ru', 'Продажи, Общий']], { chats: 'replace' });
    expect(row(2).chatRequests).toEqual([
      { method: 'POST', chatId: 504, chatName: 'Продажи' },
      { method: 'DELETE', chatId: 506, chatName: 'Новости компании' },
    ]);
    expect(row(2).changes).toEqual([{ field: 'chats', before: null, after: '+ Продажи, - Новости компании' }]);
    expect(result.status).toBe('ok');
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'POST /chats/{id}/members': 1, 'DELETE /chats/{id}/members/{user_id}': 1 });
    expect(membersOf(506)).not.toContain(MARIA);
    // Разработка is a closed chat the Owner is not in: not listed, so left alone.
    expect(membersOf(503)).toContain(MARIA);
    expect(membersOf(501)).toContain(MARIA);
  });

  it('a saved plan that only joins chats is applied exactly by apply DIR', async () => {
    const { file, out } = demo.nextRun();
    await writeCsvFile(file, ['Email', 'Чаты'], [['m.ivanova@example.ru', 'Продажи']]);
    await importInProcess(demo.sandbox, file, out, {}, { dryRun: true });
    const applied = await applySavedPlan({ dir: out, yes: true }, {
      connect: () => new PachcaClient({ apiUrl: demo.sandbox.url, token: demo.sandbox.adminToken }), events: () => undefined,
    });
    expect(applied.status).toBe('ok');
    expect(applied.summary?.counts.updated).toBe(1);
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'POST /chats/{id}/members': 1 });
    expect(membersOf(504)).toContain(MARIA);
  });

  it('a new guest needs exactly one chat, named or by id', async () => {
    const { row } = await run(['Email', 'Имя', 'Роль', 'Чаты'], [
      ['guest.one@example.ru', 'Гость', 'guest', 'Гости проекта'],
      ['guest.two@example.ru', 'Гость', 'guest', 'Гости проекта, Общий'],
      ['guest.three@example.ru', 'Гость', 'guest', ''],
    ], {}, true);
    expect(row(2)).toMatchObject({ kind: 'create', userRequest: { body: { user: { role: 'guest', chat_ids: [502] } } } });
    expect(row(3)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('exactly one chat in chats or chat_ids (got 2)') });
    expect(row(4)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('(got 0)') });
  });
});
