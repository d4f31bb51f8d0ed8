// The export command end to end: the CLI (in process) against the sandbox over HTTP, the files read back.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomPropertyDefinition, GroupTag, User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { unescapeOoxmlText } from '../src/sheets/cell-text.js';
import { restoreNeutralized } from '../src/sheets/write.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const CUSTOM_PROPERTIES: CustomPropertyDefinition[] = [
  { id: 1678, name: 'Город', data_type: 'string' },
  { id: 1679, name: 'Табельный номер', data_type: 'number' },
  { id: 1680, name: 'Дата выхода', data_type: 'date' },
  { id: 1681, name: 'Профиль', data_type: 'link' },
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Support'];
/** Texts a spreadsheet would run as formulas, one per dangerous first character. */
const DANGEROUS = {
  first_name: '=HYPERLINK("http://evil.example","x")',
  last_name: '+Плюсов',
  department: '@Отдел',
  title: '-Минус',
  status_title: '\tТабуляция',
  away_message: '\rВозврат каретки',
};
const DANGER_EMAIL = 'danger@example.ru';

/** GET /chats twice (the chats the token is in, every open chat): one page each here. */
const CHAT_WALKS = 2;

function user(id: number, fields: Partial<User>): User {
  return {
    id, first_name: null, last_name: null, nickname: `user${id}`, email: `user${id}@example.ru`, phone_number: null,
    department: null, title: null, role: 'user', suspended: false, invite_status: 'confirmed', inviter_id: 1,
    list_tags: [], custom_properties: CUSTOM_PROPERTIES.map((definition) => ({ ...definition, value: null })),
    user_status: null, bot: false, sso: false, created_at: '2025-03-04T05:06:07.000Z', last_activity_at: null,
    time_zone: 'Europe/Moscow', image_url: null, ...fields,
  };
}

/** 122 users (one a bot) and 55 tags: three pages of users, two of tags. */
function buildSeed(): SandboxDirectory {
  const tags: GroupTag[] = ['Backend', 'Frontend', 'Пустой тег']
    .concat(Array.from({ length: 52 }, (_, index) => `Tag ${String(index + 1).padStart(2, '0')}`))
    .map((name, index) => ({ id: 300 + index, name, users_count: 0 }));
  const users: User[] = [
    user(1, { first_name: 'Анна', last_name: 'Владелец', nickname: 'owner', email: 'owner@example.ru', role: 'admin', inviter_id: null, department: 'Management', last_activity_at: '2026-05-01T10:00:00.000Z' }),
    user(2, { first_name: 'Кадровый', last_name: 'бот', nickname: 'hr_bot', email: null, bot: true, list_tags: ['Backend'] }),
  ];
  for (let id = 3; id <= 121; id += 1) {
    const department = DEPARTMENTS[id % DEPARTMENTS.length]!;
    users.push(user(id, {
      first_name: `Имя${id}`,
      last_name: `Фамилия${id}`,
      phone_number: `+7916${String(1000000 + id)}`,
      department,
      title: id % 4 === 0 ? 'Старший инженер' : 'Инженер',
      role: id % 17 === 0 ? 'multi_guest' : 'user',
      suspended: id % 13 === 0,
      invite_status: id % 11 === 0 ? 'sent' : 'confirmed',
      list_tags: [id % 2 === 0 ? 'Backend' : 'Frontend', ...(id % 5 === 0 ? [`Tag ${String((id % 52) + 1).padStart(2, '0')}`] : [])],
      custom_properties: CUSTOM_PROPERTIES.map((definition) => ({
        ...definition,
        value: { 1678: id % 3 === 0 ? 'Москва' : null, 1679: String(1000 + id), 1680: id % 7 === 0 ? '2026-09-01' : null, 1681: null }[definition.id] ?? null,
      })),
      user_status: id % 9 === 0
        ? { emoji: '🌴', title: 'В отпуске', expires_at: '2026-07-01T00:00:00.000Z', is_away: true, away_message: { text: 'Вернусь в июле' } }
        : null,
      last_activity_at: id % 6 === 0 ? null : '2026-05-20T08:30:00.000Z',
    }));
  }
  users.push(user(122, {
    first_name: DANGEROUS.first_name, last_name: DANGEROUS.last_name, nickname: 'danger', email: DANGER_EMAIL,
    phone_number: '+79161234567', department: DANGEROUS.department, title: DANGEROUS.title, list_tags: ['Frontend'],
    user_status: { emoji: '🤒', title: DANGEROUS.status_title, expires_at: null, is_away: false, away_message: { text: DANGEROUS.away_message } },
    custom_properties: CUSTOM_PROPERTIES.map((definition) => ({ ...definition, value: definition.id === 1681 ? '=cmd|"/c calc"!A1' : null })),
  }));
  return { users, tags, customProperties: CUSTOM_PROPERTIES, chats: [{ id: 501, name: 'Общий' }], ownerId: 1, botId: 2 };
}

const IMPORT_HEADERS = [
  'email', 'first_name', 'last_name', 'nickname', 'phone_number', 'department', 'title', 'role', 'tags', 'suspended',
  ...CUSTOM_PROPERTIES.map((definition) => definition.name),
  'status_emoji', 'status_title', 'status_expires_at (UTC)', 'status_is_away', 'status_away_message',
];
// Times in the zone --tz names (exportCli passes UTC), named in their headers; the inviter's name beside the id.
const READ_ONLY_HEADERS = ['id', 'invite_status', 'bot', 'sso', 'created_at (UTC)', 'last_activity_at (UTC)', 'time_zone', 'inviter_id', 'inviter'];

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/**
 * What the import columns of a user's row must say: the API's values as text, booleans as yes/no,
 * the status expiry as a date cell (XLSX, its ISO text here) or its UTC wall-clock text (CSV).
 */
function expectedImportCells(apiUser: User, format: 'xlsx' | 'csv'): Record<string, string> {
  const status = apiUser.user_status;
  const expires = status?.expires_at ? new Date(status.expires_at) : undefined;
  const expiresText = !expires ? '' : format === 'xlsx' ? expires.toISOString() : expires.toISOString().replace('T', ' ').slice(0, 19);
  const cells: Record<string, string> = {
    email: apiUser.email ?? '', first_name: apiUser.first_name ?? '', last_name: apiUser.last_name ?? '',
    nickname: apiUser.nickname, phone_number: apiUser.phone_number ?? '', department: apiUser.department ?? '',
    title: apiUser.title ?? '', role: apiUser.role, tags: apiUser.list_tags.join(', '), suspended: yesNo(apiUser.suspended),
    status_emoji: status?.emoji ?? '', status_title: status?.title ?? '', 'status_expires_at (UTC)': expiresText,
    status_is_away: status ? yesNo(status.is_away) : '', status_away_message: status?.away_message?.text ?? '',
  };
  for (const definition of CUSTOM_PROPERTIES) {
    cells[definition.name] = apiUser.custom_properties.find((property) => property.id === definition.id)?.value ?? '';
  }
  return cells;
}

interface SheetData {
  headers: string[];
  rows: Record<string, ExcelJS.CellValue>[];
  cells: ExcelJS.Cell[];
}

function readSheet(sheet: ExcelJS.Worksheet): SheetData {
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell) => cells.push(cell));
    if (rowNumber === 1) return;
    const record: Record<string, ExcelJS.CellValue> = {};
    headers.forEach((header, index) => (record[header] = row.getCell(index + 1).value));
    rows.push(record);
  });
  return { headers, rows, cells };
}

function asText(value: ExcelJS.CellValue): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Cell text as Excel (and our reader) sees it: exceljs leaves OOXML _xHHHH_ escapes (a CR is _x000D_) undecoded. */
function cellText(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return value.toISOString();
  return unescapeOoxmlText(asText(value));
}

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function parseCsv(bytes: Buffer, delimiter: string): Record<string, string>[] {
  return parse(bytes, { bom: true, columns: true, delimiter, relax_column_count: false }) as Record<string, string>[];
}

let sandbox: RunningSandbox;
let seed: SandboxDirectory;
let workDir: string;

function connectionEnv(): Record<string, string> {
  return { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken };
}

async function exportCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCliInProcess(['export', ...args, '--tz', 'UTC'], { env: connectionEnv(), cwd: workDir });
}

/** People in server order: what an export without --include-bots lists. */
/** Everyone but bots, as the API answers them: a pending invite's first_name is null. */
function people(): User[] {
  return sandbox.directory().users.filter((apiUser) => !apiUser.bot).sort((a, b) => a.id - b.id)
    .map((apiUser) => (apiUser.invite_status === 'sent' ? { ...apiUser, first_name: null } : apiUser));
}

beforeAll(async () => {
  seed = buildSeed();
  sandbox = await startTestSandbox({ seed });
  workDir = await mkdtemp(join(tmpdir(), 'export-sandbox-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.configure({ legacyPagination: false });
});

describe('export to XLSX', () => {
  let workbook: ExcelJS.Workbook;
  let requestsMade: number;
  let stdout: string;
  let stderr: string;

  beforeAll(async () => {
    const before = sandbox.stats().total;
    const result = await exportCli(['--out', 'directory.xlsx']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    requestsMade = sandbox.stats().total - before;
    stdout = result.stdout;
    stderr = result.stderr;
    workbook = await readWorkbook(join(workDir, 'directory.xlsx'));
  });

  it('uses the minimum of requests: ceil(U/50) + ceil(T/50) + 1, and the two walks of the chats for the Chats sheet', () => {
    const directory = sandbox.directory();
    expect(requestsMade).toBe(Math.ceil(directory.users.length / 50) + Math.ceil(directory.tags.length / 50) + 1 + CHAT_WALKS);
    expect(requestsMade).toBe(8);
    expect(sandbox.stats().writes).toBe(0);
  });

  it('has the four sheets, frozen headers and an autofilter, and the values as exported in a very hidden, protected sheet', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Users', 'Tags', 'Membership', 'Chats', 'Summary', '_export_base']);
    const base = workbook.getWorksheet('_export_base')!;
    expect(base.state).toBe('veryHidden');
    expect((base as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    expect(base.getRow(1).getCell(1).value).toBe('_kind');
    for (const name of ['Users', 'Tags', 'Membership']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      // exceljs's writer folds a run of equal widths into one <col> and the reader then reports
      // the rest as undefined, i.e. Excel's default width (8.43).
      const widths = sheet.columns.map((column) => column.width ?? 8.43);
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(8);
      expect(Math.max(...widths)).toBeLessThanOrEqual(50);
    }
    const users = workbook.getWorksheet('Users')!;
    const widthOf = (header: string): number => users.getColumn(readSheet(users).headers.indexOf(header) + 1).width!;
    // Fitted to the content: the longest e-mail is wider than a boolean column.
    expect(widthOf('email')).toBeGreaterThan(widthOf('suspended'));
  });

  it('lists every person once, import columns first with the canonical headers, then read-only columns', () => {
    const users = readSheet(workbook.getWorksheet('Users')!);
    expect(users.headers).toEqual([...IMPORT_HEADERS, ...READ_ONLY_HEADERS]);
    const expected = people();
    expect(users.rows.map((row) => row.id)).toEqual(expected.map((apiUser) => apiUser.id));
    expect(users.rows.some((row) => row.bot === 'yes')).toBe(false);
    for (const [index, apiUser] of expected.entries()) {
      const row = users.rows[index]!;
      const actual = Object.fromEntries(IMPORT_HEADERS.map((header) => [header, cellText(row[header])]));
      const expectedCells = Object.fromEntries(Object.entries(expectedImportCells(apiUser, 'xlsx')));
      expect(actual).toEqual(expectedCells);
      expect(row.invite_status).toBe(apiUser.invite_status);
      expect(row.inviter_id ?? null).toBe(apiUser.inviter_id);
    }
  });

  it('keeps custom properties and statuses exactly as the API has them', () => {
    const users = readSheet(workbook.getWorksheet('Users')!);
    const byEmail = new Map(users.rows.map((row) => [asText(row.email), row]));
    const withDate = byEmail.get('user7@example.ru')!;
    expect(withDate['Дата выхода']).toBe('2026-09-01');
    expect(withDate['Табельный номер']).toBe('1007');
    const onLeave = byEmail.get('user9@example.ru')!;
    expect([onLeave.status_emoji, onLeave.status_title, onLeave['status_expires_at (UTC)'], onLeave.status_is_away, onLeave.status_away_message])
      .toEqual(['🌴', 'В отпуске', new Date('2026-07-01T00:00:00.000Z'), 'yes', 'Вернусь в июле']);
    expect(asText(byEmail.get('user8@example.ru')!.status_title)).toBe('');
  });

  it('writes created_at and last_activity_at as real dates, phones as text', () => {
    const users = readSheet(workbook.getWorksheet('Users')!);
    const owner = users.rows.find((row) => row.email === 'owner@example.ru')!;
    expect(owner['created_at (UTC)']).toEqual(new Date('2025-03-04T05:06:07.000Z'));
    expect(owner['last_activity_at (UTC)']).toEqual(new Date('2026-05-01T10:00:00.000Z'));
    const neverActive = users.rows.find((row) => row.email === 'user6@example.ru')!;
    expect(neverActive['last_activity_at (UTC)'] ?? null).toBeNull();
    expect(users.rows.find((row) => row.email === DANGER_EMAIL)!.phone_number).toBe('+79161234567');
  });

  it('writes text as text, never as formulas, for every dangerous first character', () => {
    const sheet = workbook.getWorksheet('Users')!;
    const users = readSheet(sheet);
    for (const cell of workbook.worksheets.flatMap((worksheet) => readSheet(worksheet).cells)) {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    }
    const row = users.rows.find((candidate) => candidate.email === DANGER_EMAIL)!;
    expect(row.first_name).toBe(DANGEROUS.first_name);
    expect(row.last_name).toBe(DANGEROUS.last_name);
    expect(row.department).toBe(DANGEROUS.department);
    expect(row.title).toBe(DANGEROUS.title);
    expect(row.status_title).toBe(DANGEROUS.status_title);
    expect(cellText(row.status_away_message)).toBe(DANGEROUS.away_message);
    expect(row['Профиль']).toBe('=cmd|"/c calc"!A1');
    const firstNameCell = sheet.getRow(users.rows.indexOf(row) + 2).getCell(users.headers.indexOf('first_name') + 1);
    expect(firstNameCell.type).toBe(ExcelJS.ValueType.String);
  });

  it('writes one Membership row per (tag, person) and Tags with member counts', () => {
    const membership = readSheet(workbook.getWorksheet('Membership')!);
    expect(membership.headers).toEqual(['tag', 'tag_id', 'user_id', 'email', 'name', 'suspended']);
    const directory = sandbox.directory();
    const tagIdByName = new Map(directory.tags.map((tag) => [tag.name, tag.id]));
    const expected = people().flatMap((apiUser) => apiUser.list_tags.map((name) => `${name}|${tagIdByName.get(name)}|${apiUser.id}|${apiUser.email}|${yesNo(apiUser.suspended)}`));
    const actual = membership.rows.map((row) => `${asText(row.tag)}|${asText(row.tag_id)}|${asText(row.user_id)}|${asText(row.email)}|${asText(row.suspended)}`);
    expect(actual.sort()).toEqual(expected.sort());
    expect(new Set(actual).size).toBe(actual.length);

    const tags = readSheet(workbook.getWorksheet('Tags')!);
    expect(tags.headers).toEqual(['id', 'name', 'users_count', 'active members', 'suspended members']);
    expect(tags.rows.map((row) => row.name).sort()).toEqual(directory.tags.map((tag) => tag.name).sort());
    const backend = tags.rows.find((row) => row.name === 'Backend')!;
    const backendPeople = people().filter((apiUser) => apiUser.list_tags.includes('Backend'));
    expect(backend['active members']).toBe(backendPeople.filter((apiUser) => !apiUser.suspended).length);
    expect(backend['suspended members']).toBe(backendPeople.filter((apiUser) => apiUser.suspended).length);
    expect(tags.rows.find((row) => row.name === 'Пустой тег')!['active members']).toBe(0);
  });

  it('summarises counts, time and API URL, never the token', () => {
    const summary = readSheet(workbook.getWorksheet('Summary')!);
    const items = new Map(summary.rows.map((row) => [asText(row.item), row.value]));
    expect(items.get('api_url')).toBe(sandbox.url);
    expect(items.get('users exported')).toBe(people().length);
    expect(items.get('bots excluded')).toBe(1);
    expect(items.get('exported_at (UTC)')).toBeInstanceOf(Date);
    const everyCell = workbook.worksheets.flatMap((sheet) => readSheet(sheet).cells.map((cell) => asText(cell.value)));
    expect(everyCell.some((text) => text.includes(sandbox.adminToken))).toBe(false);
    expect(stdout + stderr).not.toContain(sandbox.adminToken);
    expect(stdout).toContain(`Exported ${people().length} users`);
  });
});

describe('export to CSV', () => {
  it('writes users.csv, tags.csv and membership.csv with BOM, ";" and neutralized formulas', async () => {
    const out = join(workDir, 'csv-semicolon');
    const result = await exportCli(['--format', 'csv', '--out', out, '--delimiter', ';']);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['chats.csv', 'membership.csv', 'tags.csv', 'users.base.json', 'users.csv']);
    expect((await stat(join(out, 'users.base.json'))).mode & 0o777).toBe(0o600);

    const bytes = await readFile(join(out, 'users.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, ';');
    expect(Object.keys(rows[0]!)).toEqual([...IMPORT_HEADERS, ...READ_ONLY_HEADERS]);
    expect(rows.map((row) => Number(row.id))).toEqual(people().map((apiUser) => apiUser.id));

    const danger = rows.find((row) => row.email === DANGER_EMAIL)!;
    expect(danger.first_name).toBe(`'${DANGEROUS.first_name}`);
    expect(danger.last_name).toBe(`'${DANGEROUS.last_name}`);
    expect(danger.department).toBe(`'${DANGEROUS.department}`);
    expect(danger.title).toBe(`'${DANGEROUS.title}`);
    expect(danger.status_title).toBe(`'${DANGEROUS.status_title}`);
    expect(danger.status_away_message).toBe(`'${DANGEROUS.away_message}`);
    expect(danger.phone_number).toBe("'+79161234567");

    // With the apostrophes stripped (what the CSV reader does), every import cell is the API's value.
    for (const apiUser of people()) {
      const row = rows.find((candidate) => Number(candidate.id) === apiUser.id)!;
      const restored = Object.fromEntries(IMPORT_HEADERS.map((header) => [header, restoreNeutralized(row[header]!)]));
      expect(restored).toEqual(expectedImportCells(apiUser, 'csv'));
    }
    const owner = people().find((apiUser) => apiUser.email === 'owner@example.ru')!;
    expect(rows.find((row) => row.email === 'owner@example.ru')!['created_at (UTC)']).toBe(owner.created_at.replace('T', ' ').slice(0, 19));

    const membership = parseCsv(await readFile(join(out, 'membership.csv')), ';');
    expect(membership).toHaveLength(people().reduce((sum, apiUser) => sum + apiUser.list_tags.length, 0));
    const tags = parseCsv(await readFile(join(out, 'tags.csv')), ';');
    expect(tags.map((row) => row.name).sort()).toEqual(sandbox.directory().tags.map((tag) => tag.name).sort());
  });

  it('uses a comma by default and prints a JSON summary with --json', async () => {
    const out = join(workDir, 'csv-comma');
    const result = await exportCli(['--format', 'csv', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { files: string[]; counts: { users: number; memberships: number; tags: number } };
    expect(summary.files.map((file) => file.slice(out.length + 1))).toEqual(['users.csv', 'tags.csv', 'membership.csv', 'users.base.json', 'chats.csv']);
    expect(summary.counts.users).toBe(people().length);
    expect(summary.counts.tags).toBe(sandbox.directory().tags.length);
    const text = (await readFile(join(out, 'users.csv'), 'utf8')).slice(1);
    expect(text.split('\r\n')[0]).toBe([...IMPORT_HEADERS, ...READ_ONLY_HEADERS].join(','));
  });
});

describe('export filters and options', () => {
  async function exportedUsers(args: string[]): Promise<{ users: Record<string, string>[]; membership: Record<string, string>[] }> {
    const out = join(workDir, `filter-${Math.random().toString(36).slice(2)}`);
    const result = await exportCli(['--format', 'csv', '--out', out, ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return {
      users: parseCsv(await readFile(join(out, 'users.csv')), ','),
      membership: parseCsv(await readFile(join(out, 'membership.csv')), ','),
    };
  }

  it('--tag narrows Users and Membership to that tag', async () => {
    const { users, membership } = await exportedUsers(['--tag', 'backend']);
    const expected = people().filter((apiUser) => apiUser.list_tags.includes('Backend'));
    expect(users.map((row) => Number(row.id))).toEqual(expected.map((apiUser) => apiUser.id));
    expect(new Set(membership.map((row) => row.tag))).toEqual(new Set(['Backend']));
    expect(membership.map((row) => Number(row.user_id))).toEqual(expected.map((apiUser) => apiUser.id));
  });

  it('--department and --query narrow the users (query: partial, case-insensitive, over names, email, phone, nickname)', async () => {
    const sales = await exportedUsers(['--department', 'sales']);
    expect(sales.users.map((row) => Number(row.id))).toEqual(people().filter((apiUser) => apiUser.department === 'Sales').map((apiUser) => apiUser.id));
    expect(sales.membership.every((row) => sales.users.some((candidate) => candidate.id === row.user_id))).toBe(true);

    expect((await exportedUsers(['--query', 'ФАМИЛИЯ11'])).users.map((row) => row.email).sort())
      .toEqual(['user11@example.ru', ...Array.from({ length: 10 }, (_, digit) => `user11${digit}@example.ru`)].sort());
    expect((await exportedUsers(['--query', '1234567'])).users.map((row) => row.email)).toEqual([DANGER_EMAIL]);
    expect((await exportedUsers(['--query', 'OWNER'])).users.map((row) => row.email)).toEqual(['owner@example.ru']);
  });

  it('leaves bots out unless --include-bots', async () => {
    const { users, membership } = await exportedUsers(['--include-bots', '--tag', 'Backend']);
    expect(users.find((row) => row.nickname === 'hr_bot')?.bot).toBe('yes');
    expect(membership.some((row) => row.user_id === '2')).toBe(true);
  });

  it('warns when the token sees no e-mails (a bot token), so an empty email column is not taken for data', async () => {
    const out = join(workDir, 'bot-token');
    const result = await runCliInProcess(['export', '--format', 'csv', '--out', out], { env: { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.botToken }, cwd: workDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Warning: this token sees no e-mail addresses or phone numbers .*Owner\/Admin personal token\n$/);
    expect(parseCsv(await readFile(join(out, 'users.csv')), ',').every((row) => row.email === '')).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(sandbox.botToken);
  });

  it('refuses an unknown tag and a bad delimiter with exit code 2', async () => {
    const unknownTag = await exportCli(['--tag', 'Nope', '--out', 'x.xlsx']);
    expect(unknownTag.code).toBe(2);
    expect(unknownTag.stderr).toMatch(/no tag named "Nope"/);
    const badDelimiter = await exportCli(['--format', 'csv', '--delimiter', '|']);
    expect(badDelimiter.code).toBe(2);
  });

  it('names the workbook pachca-directory-<date>.xlsx by default', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'export-default-'));
    try {
      const dayName = (when: Date): string =>
        `pachca-directory-${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}.xlsx`;
      const before = dayName(new Date());
      const result = await runCliInProcess(['export'], { env: connectionEnv(), cwd });
      expect(result.code).toBe(0);
      // Today's local date; a run that crosses midnight may name either day.
      expect([before, dayName(new Date())]).toContain((await readdir(cwd)).join());
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('needs one empty-page probe per list when the server signals the end only by an empty page', async () => {
    // The users' and tags' walks each need their probe page; of the chats', only the one that lists Общий (a closed chat).
    sandbox.configure({ legacyPagination: true });
    const before = sandbox.stats().total;
    const out = join(workDir, 'legacy.xlsx');
    const result = await exportCli(['--out', out]);
    expect(result.code).toBe(0);
    const directory = sandbox.directory();
    expect(sandbox.stats().total - before).toBe(Math.ceil(directory.users.length / 50) + Math.ceil(directory.tags.length / 50) + 1 + 2 + CHAT_WALKS + 1);
    const users = readSheet((await readWorkbook(out)).getWorksheet('Users')!);
    expect(users.rows).toHaveLength(people().length);
  });
});
