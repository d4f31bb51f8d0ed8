// apply DIR checks chat membership like a person's fields: a saved plan that joins or leaves
// chats is refused as stale (exit 2, nothing sent for any item) when the person joined or left
// that chat since, or the chat was archived or deleted (also a chat a new person is created in);
// another person's membership does not matter. Through the use cases in process, against the sandbox with the demo company.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { applySavedPlan, PlanOutdatedError } from '../src/app/apply-saved.js';
import type { RunResult } from '../src/app/apply-run.js';
import { ExitCode } from '../src/exit-codes.js';
import { messages } from '../src/i18n/catalog.js';
import { PachcaClient } from '../src/pachca/client.js';
import type { SandboxDirectory } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { PlanOptions } from '../src/sync/plan.js';
import { importInProcess, writesByRoute } from './helpers/import-in-process.js';
import { api, sandboxForFile } from './helpers/sandbox.js';

const MARIA = 11; // m.ivanova: in Общий (501) and Новости компании (506), not in Продажи (504)
const SALES = 504;
const NEWS = 506;
const GUESTS = 502; // closed, the Owner in it; d.kuznetsov is not

/** The sandbox serves this object again on reset(): a test edits it to archive or delete a chat "since the plan". */
const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const pristineChats = structuredClone(seed.chats);
const files = sandboxForFile('apply-saved-chats', { seed });
const { workDir } = files;
let runs = 0;

beforeEach(() => {
  seed.chats = structuredClone(pristineChats);
  files.sandbox.reset();
});

/** `plan FILE --out DIR` for these rows: the run folder. */
async function savePlan(rows: string[][], options: Partial<PlanOptions> = {}): Promise<string> {
  runs += 1;
  const file = join(workDir, `sheet-${runs}.csv`);
  const out = join(workDir, `run-${runs}`);
  await writeCsvFile(file, ['Email', 'Чаты'], rows);
  await importInProcess(files.sandbox, file, out, options, { dryRun: true });
  return out;
}

function apply(dir: string): Promise<RunResult> {
  return applySavedPlan({ dir, yes: true }, {
    connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }), events: () => undefined,
  });
}

/** apply DIR refused as stale, with nothing sent: the refusal. */
async function refused(dir: string): Promise<PlanOutdatedError> {
  const before = writesByRoute(files.sandbox.requestLog());
  const error = await apply(dir).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PlanOutdatedError);
  const outdated = error as PlanOutdatedError;
  expect(outdated.exitCode).toBe(ExitCode.Usage);
  expect(outdated.message).toMatch(/^the directory changed since the plan: .*; plan again \(nothing was changed\)$/);
  expect(writesByRoute(files.sandbox.requestLog())).toEqual(before);
  return outdated;
}

const membersOf = (chatId: number): number[] => files.sandbox.directory().chats.find((chat) => chat.id === chatId)?.member_ids ?? [];

describe('apply DIR: chats joined or left since the plan', () => {
  it('a join is refused when the person joined that chat since; the whole plan waits (the other row is not sent either)', async () => {
    const dir = await savePlan([['m.ivanova@example.ru', 'Продажи'], ['d.kuznetsov@example.ru', 'Продажи']]);
    expect((await api(files.sandbox, 'POST', `/chats/${SALES}/members`, { body: { member_ids: [MARIA] } })).status).toBeLessThan(300);
    const error = await refused(dir);
    expect(error.message).toContain(`user ${MARIA} (m.ivanova@example.ru) joined chat ${SALES} "Продажи" since`);
    expect(error.say(messages('ru'))).toContain(`с тех пор вступил в чат ${SALES} «Продажи»`);
    expect(membersOf(SALES)).not.toContain(12);
  });

  it('a leave (--chats replace) is refused when the person left that chat since', async () => {
    const dir = await savePlan([['m.ivanova@example.ru', 'Продажи, Общий']], { chats: 'replace' });
    expect((await api(files.sandbox, 'DELETE', `/chats/${NEWS}/members/${MARIA}`)).status).toBeLessThan(300);
    const error = await refused(dir);
    expect(error.message).toContain(`user ${MARIA} (m.ivanova@example.ru) left chat ${NEWS} "Новости компании" since`);
    expect(membersOf(SALES)).not.toContain(MARIA);
  });

  it('a chat archived or deleted since refuses the plan, naming each', async () => {
    const dir = await savePlan([['m.ivanova@example.ru', 'Продажи'], ['d.kuznetsov@example.ru', 'Гости проекта']]);
    seed.chats.find((chat) => chat.id === SALES)!.archived = true;
    seed.chats = seed.chats.filter((chat) => chat.id !== GUESTS);
    files.sandbox.reset();
    expect(files.sandbox.directory().chats.find((chat) => chat.id === SALES)?.archived).toBe(true);
    const error = await refused(dir);
    expect(error.message).toContain(`chat ${SALES} "Продажи" was archived`);
    expect(error.message).toContain(`chat ${GUESTS} "Гости проекта" is gone`);
  });

  it('a chat a new person is created in, archived or deleted since, refuses the plan: nobody is created', async () => {
    const dir = await savePlan([['new.one@example.ru', 'Продажи'], ['new.two@example.ru', 'Гости проекта']]);
    seed.chats.find((chat) => chat.id === SALES)!.archived = true;
    seed.chats = seed.chats.filter((chat) => chat.id !== GUESTS);
    files.sandbox.reset();
    const error = await refused(dir);
    expect(error.message).toContain(`chat ${SALES} "Продажи" was archived`);
    expect(error.message).toContain(`chat ${GUESTS} "Гости проекта" is gone`);
    expect(error.say(messages('ru'))).toContain(`«Продажи»`);
    expect(files.sandbox.directory().users.some((user) => user.email === 'new.one@example.ru')).toBe(false);
  });

  it('a new person with chats, nothing changed since: the plan is applied and they are in the chat', async () => {
    const dir = await savePlan([['new.three@example.ru', 'Продажи']]);
    expect((await apply(dir)).status).toBe('ok');
    const created = files.sandbox.directory().users.find((user) => user.email === 'new.three@example.ru');
    expect(membersOf(SALES)).toContain(created?.id);
  });

  it('another person joining the chat since does not matter: the plan is applied', async () => {
    const dir = await savePlan([['m.ivanova@example.ru', 'Продажи']]);
    expect((await api(files.sandbox, 'POST', `/chats/${SALES}/members`, { body: { member_ids: [13] } })).status).toBeLessThan(300);
    const result = await apply(dir);
    expect(result.status).toBe('ok');
    expect(membersOf(SALES)).toContain(MARIA);
  });
});
