// --match (e-mail, the export's id, a custom property) and `undo RUN_DIR`, driven in process
// (main()) against the demo company in a sandbox over HTTP.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SandboxDirectory } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { runMain } from './helpers/in-process-cli.js';
import { api, sandboxForFile } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const files = sandboxForFile('match-undo', { seed });
const { workDir } = files;
let counter = 0;

beforeEach(() => {
  files.sandbox.reset();
});

function cli(args: string[]) {
  return runMain([...args, '--api-url', files.sandbox.url, `--token=${files.sandbox.adminToken}`]);
}

function fresh(name: string): string {
  return join(workDir, `${name}-${++counter}`);
}

type SandboxUser = SandboxDirectory['users'][number];

function userById(id: number): SandboxUser | undefined {
  return files.sandbox.directory().users.find((user) => user.id === id);
}

function userByEmail(email: string): SandboxUser | undefined {
  return files.sandbox.directory().users.find((user) => user.email === email);
}

/** The fields an import or an undo may change, for comparing people before and after. */
function fieldsOf(user: SandboxUser | undefined) {
  if (!user) return undefined;
  return {
    email: user.email, first_name: user.first_name, last_name: user.last_name, phone_number: user.phone_number,
    department: user.department, title: user.title, role: user.role, suspended: user.suspended,
    list_tags: [...user.list_tags].sort(),
    custom: user.custom_properties.filter((property) => property.value).map((property) => `${property.id}=${property.value}`).sort(),
    status: user.user_status ? `${user.user_status.emoji} ${user.user_status.title}` : null,
  };
}

function everyone(): Map<number, ReturnType<typeof fieldsOf>> {
  return new Map(files.sandbox.directory().users.map((user) => [user.id, fieldsOf(user)]));
}

interface SavedPlan { planOptions: Record<string, unknown>; items: Array<{ kind: string; row?: number; userId?: number; message?: string; changes: Array<{ field: string; before: string | null; after: string | null }> }> }

function planOf(folder: string): SavedPlan {
  return JSON.parse(readFileSync(join(folder, 'plan.json'), 'utf8')) as SavedPlan;
}

async function csvRows(file: string): Promise<string[][]> {
  return parse(await readFile(file, 'utf8'), { bom: true }) as string[][];
}

describe('--match: an export with a changed e-mail is an update of the same person', () => {
  it('CSV export (users.csv + users.base.json): one update, no new person, the e-mail changed', async () => {
    const exportDir = fresh('export-csv');
    expect((await cli(['export', '--format', 'csv', '--out', exportDir])).code).toBe(0);
    const file = join(exportDir, 'users.csv');
    const rows = await csvRows(file);
    const emailColumn = rows[0]!.indexOf('email');
    const row = rows.find((cells) => cells[emailColumn] === 'm.ivanova@example.ru')!;
    row[emailColumn] = 'maria.petrova@example.ru';
    await writeFile(file, `\ufeff${stringify(rows)}`);
    const people = files.sandbox.directory().users.length;

    const out = fresh('run');
    const result = await cli(['import', file, '--yes', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Plan: update 1,');
    expect(result.stdout).toContain('email: m.ivanova@example.ru -> maria.petrova@example.ru');
    expect(files.sandbox.directory().users.length).toBe(people);
    expect(userById(11)!.email).toBe('maria.petrova@example.ru');
    expect(userByEmail('m.ivanova@example.ru')).toBeUndefined();
    const journal = readFileSync(join(out, 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"before":{"email":"m.ivanova@example.ru"');
  });

  it('XLSX export: the same, and --match email (explicit) would have created a second account instead', async () => {
    const xlsx = `${fresh('export')}.xlsx`;
    expect((await cli(['export', '--out', xlsx])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Users')!;
    const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
    sheet.eachRow((row, number) => {
      if (number > 1 && row.getCell(headers.indexOf('email')).value === 'm.ivanova@example.ru') row.getCell(headers.indexOf('email')).value = 'maria.petrova@example.ru';
    });
    const edited = `${fresh('edited')}.xlsx`;
    await workbook.xlsx.writeFile(edited);

    const byEmail = fresh('plan');
    expect((await cli(['plan', edited, '--match', 'email', '--out', byEmail])).code).toBe(0);
    expect(planOf(byEmail).items.filter((item) => item.kind === 'create')).toHaveLength(1);
    expect(planOf(byEmail).planOptions.match).toBe('email');

    const people = files.sandbox.directory().users.length;
    const result = await cli(['import', edited, '--yes', '--out', fresh('run')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Done: updated 1,');
    expect(files.sandbox.directory().users.length).toBe(people);
    expect(userById(11)!.email).toBe('maria.petrova@example.ru');
  });
});

describe('--match default', () => {
  it("an HR sheet's own ID column (not an export) is not taken for Pachca's id: rows match by e-mail", async () => {
    const file = `${fresh('hr')}.csv`;
    await writeCsvFile(file, ['ID', 'email', 'Должность'], [['10', 'm.ivanova@example.ru', 'Аналитик']]);
    const out = fresh('plan');
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    expect(planOf(out).items.find((item) => item.row === 2)).toMatchObject({ kind: 'update', userId: 11 });
  });
});

describe('--match custom:NAME', () => {
  it('"custom:Табельный номер" on a sheet without e-mails updates the people with those numbers', async () => {
    const file = `${fresh('zup')}.csv`;
    await writeCsvFile(file, ['Табельный номер', 'Должность', 'Отдел'], [['1000', 'Технический директор', 'Разработка'], ['1014', 'Ведущий разработчик', '']]);
    const out = fresh('run');
    const result = await cli(['import', file, '--match', 'custom:Табельный номер', '--yes', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Done: updated 2');
    expect(userById(10)).toMatchObject({ title: 'Технический директор', department: 'Разработка' });
    expect(userById(12)!.title).toBe('Ведущий разработчик');
    expect(planOf(out).planOptions.match).toBe('custom:Табельный номер');
  });

  it('a key two rows share, a key two people share in Pachca, and a row without a key are invalid, with the reason', async () => {
    // Two people with personnel number 1007 in Pachca.
    expect((await api(files.sandbox, 'PUT', '/users/13', { body: { user: { custom_properties: [{ id: 1679, value: '1007' }] } } })).status).toBe(200);
    const file = `${fresh('dupes')}.csv`;
    await writeCsvFile(file, ['Табельный номер', 'email', 'Должность'], [
      ['1000', '', 'A'], ['1000', '', 'B'], ['1007', '', 'C'], ['', 'd.kuznetsov@example.ru', 'D'], ['1028', '', 'E'], ['1021', '', 'F'],
    ]);
    const out = fresh('plan');
    const result = await cli(['plan', file, '--match', 'Табельный номер', '--out', out]);
    expect(result.code, result.stderr).toBe(5);
    const items = planOf(out).items;
    const byRow = (row: number) => items.find((item) => item.row === row)!;
    expect(byRow(2)).toMatchObject({ kind: 'invalid' });
    expect(byRow(2).message).toContain('Табельный номер 1000 is in 2 rows (2, 3)');
    expect(byRow(3)).toMatchObject({ kind: 'invalid' });
    expect(byRow(4).message).toContain('Табельный номер 1007 belongs to 2 people in Pachca');
    expect(byRow(5).message).toContain('no Табельный номер');
    expect(byRow(6)).toMatchObject({ kind: 'update', userId: 14 });
    // 1021 was user 13's number: now nobody has it, and a new person needs an e-mail.
    expect(byRow(7).message).toContain('no one in Pachca has Табельный номер 1021, and a new person needs an e-mail');
  });
  it('--suspend-missing with a custom key suspends the people whose key the sheet does not name', async () => {
    const file = `${fresh('all')}.csv`;
    const numbers = files.sandbox.directory().users
      .map((user) => user.custom_properties.find((property) => property.id === 1679)?.value)
      .filter((value): value is string => Boolean(value) && value !== '1007');
    await writeCsvFile(file, ['Табельный номер'], numbers.map((number) => [number]));
    const out = fresh('plan');
    const result = await cli(['plan', file, '--match', 'custom:Табельный номер', '--suspend-missing', '--max-suspend', '100%', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const suspended = planOf(out).items.filter((item) => item.kind === 'suspend').map((item) => item.userId).sort();
    // Active people (not bots, not the token's own user) whose number is 1007 or who have none.
    const expected = files.sandbox.directory().users
      .filter((user) => !user.bot && !user.suspended && user.email && user.id !== seed.ownerId)
      .filter((user) => [undefined, null, '', '1007'].includes(user.custom_properties.find((property) => property.id === 1679)?.value))
      .map((user) => user.id).sort();
    expect(expected).toContain(11);
    expect(suspended).toEqual(expected);
  });
});

describe('undo RUN_DIR', () => {
  /** A run that changes fields, tags (with a new tag), a custom property, a status, and suspends someone. */
  async function updateRun(): Promise<string> {
    const file = `${fresh('changes')}.csv`;
    await writeCsvFile(file, ['email', 'Должность', 'Отдел', 'Теги', 'Город', 'Эмодзи статуса', 'Статус', 'Заблокирован'], [
      ['a.smirnov@example.ru', 'CTO', 'Руководство', 'Новый тег', 'Казань', '🏖', 'В отпуске', ''],
      ['m.ivanova@example.ru', '', '', '', '', '', '', 'да'],
    ]);
    const out = fresh('run');
    const result = await cli(['import', file, '--yes', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Done: updated 1, suspended 1');
    return out;
  }

  it('an undo of an update run restores every field, tag, status and suspension, and deletes the tag it created; an undo of the undo makes the changes again', async () => {
    const before = everyone();
    const run = await updateRun();
    const afterRun = everyone();
    expect(afterRun.get(10)).not.toEqual(before.get(10));
    expect(files.sandbox.directory().tags.some((tag) => tag.name === 'Новый тег')).toBe(true);

    const undo = fresh('undo');
    const result = await cli(['undo', run, '--yes', '--out', undo]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('title: CTO -> Руководитель разработки');
    expect(result.stdout).toContain('status: 🏖 В отпуске -> (empty)');
    expect(result.stdout).toContain('tag "Новый тег"  delete-tag');
    expect(result.stdout).toContain('Done: updated 1, restored 1, deleted 1');
    expect(everyone()).toEqual(before);
    expect(files.sandbox.directory().tags.some((tag) => tag.name === 'Новый тег')).toBe(false);

    const again = await cli(['undo', undo, '--yes', '--out', fresh('undo-undo')]);
    expect(again.code, again.stderr).toBe(0);
    expect(everyone()).toEqual(afterRun);
  });

  it('a field changed in Pachca after the run is a conflict, named and left alone; the rest goes back', async () => {
    const before = everyone();
    const run = await updateRun();
    expect((await api(files.sandbox, 'PUT', '/users/10', { body: { user: { title: 'Главный архитектор' } } })).status).toBe(200);

    const result = await cli(['undo', run, '--yes', '--out', fresh('undo')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('conflict: a.smirnov@example.ru title: the run set "CTO", Pachca now has "Главный архитектор"; left as it is');
    expect(userById(10)!.title).toBe('Главный архитектор');
    expect({ ...fieldsOf(userById(10)), title: null }).toEqual({ ...before.get(10), title: null });
    expect(fieldsOf(userById(11))).toEqual(before.get(11));
  });

  it('an interrupted run is undone as far as its journal goes', async () => {
    const before = everyone();
    const run = await updateRun();
    // As if the run had stopped after its first person: only their lines are in the journal.
    const journal = join(run, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n').filter((line) => line.includes('"email":"m.ivanova@example.ru"'));
    expect(lines.length).toBeGreaterThan(0);
    await writeFile(journal, `${lines.join('\n')}\n`);
    const afterRun = everyone();

    const result = await cli(['undo', run, '--yes', '--out', fresh('undo')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Plan: restore 1');
    expect(fieldsOf(userById(11))).toEqual(before.get(11));
    expect(fieldsOf(userById(10))).toEqual(afterRun.get(10));
  });

  it('undo --dry-run changes nothing and saves a plan that apply DIR applies (once: again, it sends nothing)', async () => {
    const before = everyone();
    const run = await updateRun();
    const afterRun = everyone();
    const saved = fresh('undo-plan');
    const dry = await cli(['undo', run, '--dry-run', '--out', saved]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(everyone()).toEqual(afterRun);
    const applied = await cli(['apply', saved, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(everyone()).toEqual(before);
    // Applied again once finished, the undo sends nothing and says so.
    const requests = files.sandbox.requestLog().length;
    const again = await cli(['apply', saved]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('This run has already finished');
    expect(files.sandbox.requestLog().length).toBe(requests);
  });

  it('refuses a folder without a journal (a plan or a dry run changed nothing): exit 2', async () => {
    const file = `${fresh('noop')}.csv`;
    await writeCsvFile(file, ['email', 'Должность'], [['a.smirnov@example.ru', 'CTO']]);
    const planned = fresh('plan');
    expect((await cli(['plan', file, '--out', planned])).code).toBe(0);
    const refused = await cli(['undo', planned, '--yes', '--out', fresh('undo')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no journal.jsonl there');
  });

  async function createRun(): Promise<{ run: string; created: number[] }> {
    const file = `${fresh('hires')}.csv`;
    await writeCsvFile(file, ['email', 'Имя', 'Фамилия', 'Теги'], [
      ['new.one@example.ru', 'Анна', 'Новая', 'Стажёры'], ['new.two@example.ru', 'Борис', 'Новый', ''],
    ]);
    const run = fresh('run');
    const result = await cli(['import', file, '--yes', '--out', run]);
    expect(result.code, result.stderr).toBe(0);
    return { run, created: ['new.one@example.ru', 'new.two@example.ru'].map((email) => userByEmail(email)!.id) };
  }

  it('an undo of a create run suspends exactly the people it created, and names the invitation e-mails it cannot take back', async () => {
    const before = everyone();
    const { run, created } = await createRun();
    const result = await cli(['undo', run, '--yes', '--out', fresh('undo')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Done: suspended 2');
    expect(result.stdout).toContain('cannot be undone: the invitation e-mail Pachca sent to new.one@example.ru');
    for (const id of created) expect(userById(id)).toMatchObject({ suspended: true, list_tags: [] });
    const now = everyone();
    for (const id of created) now.delete(id);
    expect(now).toEqual(before);
    // The tag the run created: emptied (the suspended hire is taken out of it) and deleted.
    expect(files.sandbox.directory().tags.some((tag) => tag.name === 'Стажёры')).toBe(false);
  });

  it('with --allow-delete, deletes exactly the people it created and the tag it created', async () => {
    const before = everyone();
    const { run, created } = await createRun();
    const result = await cli(['undo', run, '--allow-delete', '--yes', '--out', fresh('undo')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Plan: delete-tag 1, delete 2');
    for (const id of created) expect(userById(id)).toBeUndefined();
    expect(everyone()).toEqual(before);
    expect(files.sandbox.directory().tags.some((tag) => tag.name === 'Стажёры')).toBe(false);
  });
});

describe('undo names what it does not take back', () => {
  it('a chat the run joined someone to is named in the undo plan and left alone', async () => {
    const file = join(workDir, `chats-${++counter}.csv`);
    await writeCsvFile(file, ['email', 'Чаты'], [['m.ivanova@example.ru', 'Продажи']]);
    const run = fresh('run');
    const imported = await cli(['import', file, '--yes', '--out', run]);
    expect(imported.code, imported.stderr).toBe(0);
    const member = userByEmail('m.ivanova@example.ru')!.id;
    const chat = files.sandbox.directory().chats.find((candidate) => candidate.name === 'Продажи')!;
    expect(chat.member_ids).toContain(member);

    const undone = await cli(['undo', run, '--yes', '--out', fresh('undo')]);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toContain(`not undone: m.ivanova@example.ru joined chat ${chat.id}`);
    expect(files.sandbox.directory().chats.find((candidate) => candidate.id === chat.id)!.member_ids).toContain(member);
  });
});
