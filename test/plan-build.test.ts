// buildPlan on in-memory directories, with sheets read by the real reader from temp CSVs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode, InputError } from '../src/exit-codes.js';
import type { CustomPropertyDefinition, GroupTag, User } from '../src/pachca/types.js';
import { readAndValidate } from '../src/records/validate.js';
import { selectForExport, writeExportCsv } from '../src/reports/export.js';
import type { SandboxDirectory } from '../src/sandbox/api.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { buildDirectory, type Directory } from '../src/sync/directory.js';
import { buildPlan, DEFAULT_PLAN_OPTIONS, type Plan, type PlanItem, type PlanOptions } from '../src/sync/plan.js';

const tempDir = mkdtempSync(join(tmpdir(), 'plan-build-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
let fileCounter = 0;

const PROPERTIES: CustomPropertyDefinition[] = [
  { id: 11, name: 'Город', data_type: 'string' },
  { id: 12, name: 'Табельный номер', data_type: 'number' },
  { id: 13, name: 'Дата выхода', data_type: 'date' },
];
const TAGS: GroupTag[] = [
  { id: 1, name: 'Backend', users_count: 1 },
  { id: 2, name: 'Moscow', users_count: 1 },
];
const OWNER_ID = 1;

function person(id: number, email: string, fields: Partial<User> = {}): User {
  return blankUser(id, { email, nickname: email.split('@')[0]!, created_at: '2025-01-01T00:00:00.000Z', invite_status: 'confirmed', ...fields });
}

function directoryOf(...users: User[]): Directory {
  const owner = person(OWNER_ID, 'owner@acme.ru', { role: 'admin', first_name: 'Owner' });
  return buildDirectory([owner, ...users], TAGS, PROPERTIES);
}

async function planFor(
  header: string[],
  rows: string[][],
  directory: Directory,
  options: Partial<PlanOptions> = {},
): Promise<Plan> {
  const file = join(tempDir, `sheet-${++fileCounter}.csv`);
  await writeCsvFile(file, header, rows);
  const sheet = await readAndValidate(file);
  return buildPlan(sheet, directory, { ...DEFAULT_PLAN_OPTIONS, ...options }, { selfId: OWNER_ID, ownerId: OWNER_ID });
}

function rowItem(plan: Plan, row: number): PlanItem {
  const item = plan.items.find((candidate) => candidate.row === row);
  if (!item) throw new Error(`no plan item for row ${row}`);
  return item;
}

describe('buildPlan: creates', () => {
  it('creates an unknown email with role, tags, custom properties and the skip_email_notify flag', async () => {
    const plan = await planFor(
      ['email', 'first_name', 'last_name', 'role', 'tags', 'Город', 'custom:Табельный номер'],
      [['new@acme.ru', 'Иван', 'Петров', 'admin', 'backend, Sales', 'Казань', '0042']],
      directoryOf(),
      { skipEmailNotify: true },
    );
    const item = rowItem(plan, 2);
    expect(item.kind).toBe('create');
    expect(item.userRequest).toEqual({
      method: 'POST',
      path: '/users',
      body: {
        user: {
          email: 'new@acme.ru', first_name: 'Иван', last_name: 'Петров', role: 'admin',
          list_tags: ['Backend', 'Sales'],
          custom_properties: [{ id: 11, value: 'Казань' }, { id: 12, value: '42' }],
        },
        skip_email_notify: true,
      },
    });
    expect(item.needsTags).toEqual(['sales']);
    expect(plan.items.filter((candidate) => candidate.kind === 'create-tag').map((tag) => tag.tagName)).toEqual(['Sales']);
    expect(plan.requiredScopes).toEqual(['group_tags:write', 'users:create']);
  });

  it('plans one create-tag per missing tag however many rows name it, in any case', async () => {
    const plan = await planFor(
      ['email', 'tags'],
      [['a@acme.ru', 'Design'], ['b@acme.ru', 'design, Backend'], ['c@acme.ru', 'DESIGN']],
      directoryOf(),
    );
    expect(plan.items.filter((item) => item.kind === 'create-tag').map((item) => item.tagName)).toEqual(['Design']);
    expect(rowItem(plan, 3).userRequest?.method === 'POST' && rowItem(plan, 3).userRequest).toMatchObject({ body: { user: { list_tags: ['Design', 'Backend'] } } });
  });

  it('makes rows with missing tags invalid under --no-create-tags', async () => {
    const plan = await planFor(['email', 'tags'], [['a@acme.ru', 'Design']], directoryOf(), { createTags: false });
    expect(rowItem(plan, 2)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('"Design" not in Pachca') });
    expect(plan.counts['create-tag']).toBe(0);
  });

  it('keeps middle_name out of requests and warns once', async () => {
    const plan = await planFor(['email', 'ФИО'], [['a@acme.ru', 'Петров Иван Сергеевич'], ['b@acme.ru', 'Сидоров Пётр Ильич']], directoryOf());
    expect(JSON.stringify(plan.items)).not.toContain('Сергеевич');
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/^column "ФИО" gives last, first and middle names; .*middle names are not imported$/);
    // Mapping the full-name column away would lose first and last names: no such advice.
    expect(plan.warnings[0]).not.toContain('--map');
    expect(rowItem(plan, 2).changes).toEqual(expect.arrayContaining([
      { field: 'first_name', before: null, after: 'Иван' }, { field: 'last_name', before: null, after: 'Петров' },
    ]));

    const separate = await planFor(['email', 'Отчество'], [['a@acme.ru', 'Сергеевич']], directoryOf());
    expect(separate.warnings).toEqual([expect.stringContaining('--map "Отчество=custom:NAME"')]);
  });
});

describe('buildPlan: updates', () => {
  const ivan = person(5, 'ivan@acme.ru', {
    first_name: 'Иван', last_name: 'Петров', department: 'Sales', title: 'Manager', phone_number: '+79161234567',
    list_tags: ['Backend'], custom_properties: [
      { id: 11, name: 'Город', data_type: 'string', value: 'Москва' },
      { id: 13, name: 'Дата выхода', data_type: 'date', value: '2024-03-01T00:00:00.000Z' },
    ],
  });

  it('updates only non-empty cells that differ, matching the email case-insensitively', async () => {
    const plan = await planFor(
      ['email', 'first_name', 'department', 'title', 'phone_number', 'Дата выхода'],
      [['IVAN@acme.ru', 'Иван', 'Marketing', '', '8 (916) 123-45-67', '01.03.2024']],
      directoryOf(ivan),
    );
    const item = rowItem(plan, 2);
    expect(item.kind).toBe('update');
    expect(item.changes).toEqual([{ field: 'department', before: 'Sales', after: 'Marketing' }]);
    expect(item.userRequest).toEqual({ method: 'PUT', path: '/users/5', userId: 5, body: { user: { department: 'Marketing', suspended: false } } });
    expect(plan.requiredScopes).toEqual(['users:update']);
  });

  it('clears fields for empty cells only with --blank-clears', async () => {
    const header = ['email', 'department', 'title'];
    const rows = [['ivan@acme.ru', '', '']];
    expect(rowItem(await planFor(header, rows, directoryOf(ivan)), 2).kind).toBe('unchanged');
    const item = rowItem(await planFor(header, rows, directoryOf(ivan), { blankClears: true }), 2);
    expect(item.userRequest).toMatchObject({ body: { user: { department: '', title: '' } } });
  });

  it('merges tags by default and replaces them with --tags replace, always sending the full set', async () => {
    const header = ['email', 'tags'];
    const merged = rowItem(await planFor(header, [['ivan@acme.ru', 'moscow']], directoryOf(ivan)), 2);
    expect(merged.userRequest).toMatchObject({ body: { user: { list_tags: ['Backend', 'Moscow'] } } });
    const replaced = rowItem(await planFor(header, [['ivan@acme.ru', 'moscow']], directoryOf(ivan), { tags: 'replace' }), 2);
    expect(replaced.userRequest).toMatchObject({ body: { user: { list_tags: ['Moscow'] } } });
    expect(replaced.changes).toEqual([{ field: 'tags', before: 'Backend', after: 'Moscow' }]);
    const sameSet = rowItem(await planFor(header, [['ivan@acme.ru', 'BACKEND']], directoryOf(ivan), { tags: 'replace' }), 2);
    expect(sameSet.kind).toBe('unchanged');
  });

  it('sends the full custom property set when one value changes', async () => {
    const item = rowItem(await planFor(['email', 'Город'], [['ivan@acme.ru', 'Казань']], directoryOf(ivan)), 2);
    expect(item.userRequest).toMatchObject({
      body: { user: { custom_properties: [{ id: 13, value: '2024-03-01T00:00:00.000Z' }, { id: 11, value: 'Казань' }] } },
    });
    expect(item.changes).toEqual([{ field: 'Город', before: 'Москва', after: 'Казань' }]);
  });

  it('compares number, date and link values as the same value however they are written; --blank-clears empties one', async () => {
    const link: CustomPropertyDefinition = { id: 14, name: 'GitHub', data_type: 'link' };
    const petr = person(7, 'petr@acme.ru', {
      custom_properties: [
        { id: 12, name: 'Табельный номер', data_type: 'number', value: '1000' },
        { id: 13, name: 'Дата выхода', data_type: 'date', value: '2024-03-01' },
        { id: 14, name: 'GitHub', data_type: 'link', value: 'https://github.com/Petr' },
      ],
    });
    const directory = buildDirectory([petr], TAGS, [...PROPERTIES, link]);
    const header = ['email', 'Табельный номер', 'Дата выхода', 'GitHub'];
    const same = await planFor(header, [['petr@acme.ru', '1000,0', '01.03.2024', 'HTTPS://GitHub.com/Petr']], directory);
    expect(rowItem(same, 2)).toMatchObject({ kind: 'unchanged', changes: [] });

    // The path stays case-sensitive: a different path is a change.
    const otherPath = rowItem(await planFor(['email', 'GitHub'], [['petr@acme.ru', 'https://github.com/petr']], directory), 2);
    expect(otherPath.changes).toEqual([{ field: 'GitHub', before: 'https://github.com/Petr', after: 'https://github.com/petr' }]);

    const cleared = rowItem(await planFor(['email', 'Табельный номер'], [['petr@acme.ru', '']], directory, { blankClears: true }), 2);
    expect(cleared.changes).toEqual([{ field: 'Табельный номер', before: '1000', after: null }]);
    expect(cleared.userRequest).toMatchObject({ body: { user: { custom_properties: expect.arrayContaining([{ id: 12, value: '' }]) } } });
  });

  it('suspends and restores from the suspended column and the action column', async () => {
    const gone = person(6, 'gone@acme.ru', { suspended: true });
    const plan = await planFor(
      ['email', 'suspended', 'action'],
      [['ivan@acme.ru', 'да', ''], ['gone@acme.ru', '', 'restore']],
      directoryOf(ivan, gone),
    );
    expect(rowItem(plan, 2)).toMatchObject({ kind: 'suspend', userRequest: { body: { user: { suspended: true } } } });
    expect(rowItem(plan, 3)).toMatchObject({ kind: 'restore', userRequest: { body: { user: { suspended: false } } } });
  });

  it('refuses action=delete without --allow-delete and plans it with the flag', async () => {
    const header = ['email', 'action'];
    const refused = rowItem(await planFor(header, [['ivan@acme.ru', 'delete']], directoryOf(ivan)), 2);
    expect(refused).toMatchObject({ kind: 'invalid', message: expect.stringContaining('--allow-delete') });
    const allowed = await planFor(header, [['ivan@acme.ru', 'удалить']], directoryOf(ivan), { allowDelete: true });
    expect(rowItem(allowed, 2)).toMatchObject({ kind: 'delete', userRequest: { method: 'DELETE', path: '/users/5' } });
    expect(allowed.requiredScopes).toEqual(['users:delete']);
  });

  it('rejects making an existing user a guest, which the API does not allow on update', async () => {
    const item = rowItem(await planFor(['email', 'role', 'chat_ids'], [['ivan@acme.ru', 'guest', '501']], directoryOf(ivan)), 2);
    expect(item).toMatchObject({ kind: 'invalid', message: expect.stringContaining('guest') });
  });

  it('creates a guest only with exactly one chat, and leaves an existing guest without chats alone', async () => {
    const guest = person(6, 'guest@acme.ru', { role: 'guest' });
    const plan = await planFor(
      ['email', 'role', 'chat_ids'],
      [['guest@acme.ru', 'guest', ''], ['new.guest@acme.ru', 'гость', ''], ['ok.guest@acme.ru', 'guest', '501']],
      directoryOf(guest),
    );
    expect(rowItem(plan, 2).kind).toBe('unchanged');
    expect(rowItem(plan, 3)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/new guest needs exactly one chat .*got 0/) });
    expect(rowItem(plan, 4)).toMatchObject({ kind: 'create', userRequest: { body: { user: { role: 'guest', chat_ids: [501] } } } });
  });

  it('an invalid row keeps its email and name for the report, and every reason in its message', async () => {
    const plan = await planFor(
      ['Email', 'Имя', 'Фамилия', 'Роль'],
      [['not-an-email', 'Анна', 'Белова', 'начальник'], ['', '', '', 'user']],
      directoryOf(),
    );
    const item = rowItem(plan, 2);
    expect(item).toMatchObject({ kind: 'invalid', email: 'not-an-email', name: 'Анна Белова' });
    expect(item.message).toMatch(/^Email: not a valid email.*; Роль: unknown role/);
    expect(rowItem(plan, 3)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('no email') });
  });

  it('a row\'s warnings travel with it into the report, but not the guest-chat note for an existing guest', async () => {
    const guest = person(6, 'guest@acme.ru', { role: 'guest' });
    const plan = await planFor(
      ['email', 'phone', 'role', 'title'],
      [['new@acme.ru', '+7 916 123-45-67 доб. 123', '', ''], ['guest@acme.ru', '', 'guest', 'Консультант']],
      directoryOf(guest),
    );
    expect(rowItem(plan, 2)).toMatchObject({ kind: 'create', message: expect.stringMatching(/^warning: phone: extension 123 left out/) });
    expect(rowItem(plan, 3).kind).toBe('update');
    expect(rowItem(plan, 3).message).toBeUndefined();
  });

  it('leaves action=skip rows and later duplicates of an email out', async () => {
    const plan = await planFor(['email', 'title', 'action'], [['ivan@acme.ru', 'CTO', 'skip'], ['new@acme.ru', 'A', ''], ['NEW@acme.ru', 'B', '']], directoryOf(ivan));
    expect(rowItem(plan, 2).kind).toBe('skip');
    expect(rowItem(plan, 3).kind).toBe('create');
    expect(rowItem(plan, 4)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('row 3') });
  });
});

describe('buildPlan: statuses', () => {
  const away = person(7, 'away@acme.ru', {
    user_status: { emoji: '🏝️', title: 'В отпуске', expires_at: '2026-08-15T21:00:00.000Z', is_away: true, away_message: { text: 'Скоро вернусь' } },
  });
  const header = ['email', 'status_emoji', 'status_title', 'status_expires_at', 'status_is_away', 'status_away_message'];

  it('sets a status that differs and leaves an equal one alone (expiry compared as an instant)', async () => {
    const plan = await planFor(
      header,
      [
        ['away@acme.ru', '🏝️', 'В отпуске', '2026-08-16T00:00:00+03:00', 'true', 'Скоро вернусь'],
        ['ivan@acme.ru', '🤒', 'Болею', '', '', ''],
      ],
      directoryOf(away, person(5, 'ivan@acme.ru')),
    );
    expect(rowItem(plan, 2).kind).toBe('unchanged');
    expect(rowItem(plan, 3)).toMatchObject({
      kind: 'set-status',
      statusRequest: { method: 'PUT', path: '/users/5/status', body: { status: { emoji: '🤒', title: 'Болею' } } },
    });
    expect(plan.requiredScopes).toEqual(['user_status:write']);
  });

  it('clears a status with "-" only when there is one', async () => {
    const plan = await planFor(['email', 'status_title'], [['away@acme.ru', '-'], ['ivan@acme.ru', '-']], directoryOf(away, person(5, 'ivan@acme.ru')));
    expect(rowItem(plan, 2)).toMatchObject({ kind: 'clear-status', statusRequest: { method: 'DELETE', path: '/users/7/status' } });
    expect(rowItem(plan, 3).kind).toBe('unchanged');
  });

  it('creates a user and then sets the status on the new id', async () => {
    const item = rowItem(await planFor(header, [['new@acme.ru', '👋', 'Новенький', '', '', '']], directoryOf()), 2);
    expect(item).toMatchObject({ kind: 'create', statusRequest: { method: 'PUT', path: '/users/{id}/status' } });
  });
});

describe('buildPlan: custom columns and --suspend-missing', () => {
  it('shows the sheet\'s file-level warnings (a --map naming a missing column) and the columns not imported, not the custom properties it resolves', async () => {
    const file = join(tempDir, `sheet-${++fileCounter}.csv`);
    await writeCsvFile(file, ['email', 'Город', 'Примечание'], [['a@acme.ru', 'Москва', 'x']]);
    const sheet = await readAndValidate(file, { map: ['Телефн=phone_number'] });
    const plan = buildPlan(sheet, directoryOf(), DEFAULT_PLAN_OPTIONS, { selfId: OWNER_ID, ownerId: OWNER_ID });
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^column "Телефн": --map\/--mapping names a column "Телефн" that the file does not have/),
      expect.stringMatching(/^column not imported \(not Pachca fields\): "Примечание"; /),
    ]);
  });

  it('makes a row with a date custom property on a day that does not exist invalid at plan time (records\' one date rule), and reads real dates', async () => {
    const existing = person(50, 'b@acme.ru');
    const plan = await planFor(['email', 'Дата выхода'], [['a@acme.ru', '31.02.2026'], ['b@acme.ru', '2026-02-30'], ['c@acme.ru', '1.3.2026']], directoryOf(existing));
    expect(rowItem(plan, 2)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Дата выхода: not a valid date') });
    expect(rowItem(plan, 3)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('(value "2026-02-30")') });
    expect(rowItem(plan, 4)).toMatchObject({ kind: 'create', userRequest: { body: { user: { custom_properties: [{ id: 13, value: '2026-03-01' }] } } } });
  });

  it('treats an unknown custom: column as a usage error (exit 2)', async () => {
    const error = await planFor(['email', 'custom:Нет такого'], [['a@acme.ru', 'x']], directoryOf()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(ExitCode.Usage);
    expect((error as InputError).message).toContain('Нет такого');
  });

  const staff = Array.from({ length: 20 }, (_, index) => person(100 + index, `p${index}@acme.ru`));
  const bot = person(99, 'bot@acme.ru', { bot: true });
  const suspended = person(98, 'old@acme.ru', { suspended: true });

  it('suspends active non-bot users missing from the sheet, never the Owner, within --max-suspend', async () => {
    const rows = staff.slice(2).map((user) => [user.email!]);
    const plan = await planFor(['email'], rows, directoryOf(...staff, bot, suspended), { suspendMissing: true });
    const missing = plan.items.filter((item) => item.key.startsWith('missing:'));
    expect(missing.map((item) => item.email)).toEqual(['p0@acme.ru', 'p1@acme.ru']);
    expect(missing[0]).toMatchObject({ kind: 'suspend', userRequest: { method: 'PUT', body: { user: { suspended: true } } } });
  });

  it('stops with a usage error beyond --max-suspend, saying how many and why', async () => {
    const rows = staff.slice(5).map((user) => [user.email!]);
    const error = await planFor(['email'], rows, directoryOf(...staff), { suspendMissing: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/would suspend 5 of 21 active users.*--max-suspend 10% \(2\)/);
    const allowed = await planFor(['email'], rows, directoryOf(...staff), { suspendMissing: true, maxSuspend: '5' });
    expect(allowed.counts.suspend).toBe(5);
  });
});

describe('buildPlan: the export round trip', () => {
  it('plans zero changes for an unmodified export of the fixture directory, and exactly the edits', async () => {
    const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
    const directory = buildDirectory(seed.users, seed.tags, seed.customProperties);
    const folder = join(tempDir, 'export');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    await writeExportCsv(folder, directory, selectForExport(directory), { delimiter: ';' });
    const sheet = await readAndValidate(join(folder, 'users.csv'));
    const self = { selfId: seed.ownerId ?? 0 };
    const plan = buildPlan(sheet, directory, DEFAULT_PLAN_OPTIONS, self);
    expect(plan.items.length).toBeGreaterThan(10);
    expect(plan.items.filter((item) => item.kind !== 'unchanged')).toEqual([]);

    // Edit two cells: one department, one custom property.
    const edited = sheet.records.slice();
    const first = edited[0]!;
    const second = edited[1]!;
    const cityHeader = [...sheet.mapping.unknown].find((header) => header === 'Город')!;
    const editedSheet = {
      ...sheet,
      records: edited.map((record) => {
        if (record === first) return { ...record, department: `${record.department ?? ''} (edited)` };
        if (record === second) return { ...record, customByName: { ...record.customByName, [cityHeader]: 'Новосибирск' } };
        return record;
      }),
    };
    const editedPlan = buildPlan(editedSheet, directory, DEFAULT_PLAN_OPTIONS, self);
    const changed = editedPlan.items.filter((item) => item.kind !== 'unchanged');
    expect(changed.map((item) => [item.email, item.changes.map((change) => change.field)])).toEqual([
      [first.email, ['department']],
      [second.email, ['Город']],
    ]);
  });
});
