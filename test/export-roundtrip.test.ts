// Export -> import round trip through the CLI (in process) and the sandbox: an unmodified export plans
// no change and sends no write; an export edited in a few cells imports as exactly those edits.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

/** The realistic seed company, plus one person whose fields start with formula characters and a guest. */
function buildSeed(): SandboxDirectory {
  const company = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
  const template = company.users.find((user) => !user.bot && !user.suspended && user.invite_status === 'confirmed')!;
  const nextId = Math.max(...company.users.map((user) => user.id)) + 1;
  const risky: User = {
    ...structuredClone(template),
    id: nextId,
    nickname: 'formula_person',
    email: 'formula.person@example.ru',
    first_name: '=Формула',
    last_name: '@Собака',
    title: '-Дефис',
    department: '+Плюс',
    phone_number: '+79035550101',
    custom_properties: template.custom_properties.map((property) => ({ ...property, value: property.data_type === 'string' ? '=1+2' : property.value })),
    user_status: null,
  };
  // An existing guest: the export writes role "guest", and re-importing it must not ask for chat_ids again.
  const guest: User = {
    ...structuredClone(template), id: nextId + 1, nickname: 'partner_guest', email: 'partner.guest@partner.example',
    first_name: 'Гость', last_name: 'Партнёров', role: 'guest', list_tags: [], user_status: null,
  };
  return { ...company, users: [...company.users, risky, guest] };
}

let sandbox: RunningSandbox;
let workDir: string;
const env = (): Record<string, string> => ({ PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken });

async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCliInProcess(args, { env: env(), cwd: workDir });
}

interface SavedPlanItem {
  kind: string;
  email?: string;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** Imports a file with --yes; returns the plan's items that change something and the writes sent. */
async function importFile(file: string, name: string): Promise<{ changing: SavedPlanItem[]; writes: number; counts: Record<string, number> }> {
  const before = sandbox.stats().writes;
  const runFolder = join(workDir, `run-${name}`);
  const result = await cli(['import', file, '--yes', '--out', runFolder]);
  expect(result.stderr + result.stdout).not.toContain(sandbox.adminToken);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const plan = JSON.parse(await readFile(join(runFolder, 'plan.json'), 'utf8')) as { items: SavedPlanItem[]; counts: Record<string, number> };
  return {
    changing: plan.items.filter((item) => item.kind !== 'unchanged'),
    writes: sandbox.stats().writes - before,
    counts: plan.counts,
  };
}

/** People as the API has them, without bookkeeping that import never touches. */
function peopleByEmail(): Map<string, User> {
  return new Map(sandbox.directory().users.filter((user) => !user.bot && user.email).map((user) => [user.email!, user]));
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: buildSeed() });
  workDir = await mkdtemp(join(tmpdir(), 'export-roundtrip-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.reset();
});

describe('unmodified export imports as no change', () => {
  it('XLSX (with the Chats and Chat membership sheets): zero planned changes, zero writes', async () => {
    const file = join(workDir, 'unchanged.xlsx');
    expect((await cli(['export', '--out', file, '--chat-members'])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Users', 'Tags', 'Membership', 'Chats', 'Chat membership', 'Summary', '_export_base']);
    // Chats: id, name, kind, members, tags linked, open, archived; Продажи is a channel linked to the tag Продажи.
    const chats = workbook.getWorksheet('Chats')!;
    expect(chats.getRow(1).values).toEqual([undefined, 'id', 'name', 'kind', 'members', 'tags', 'open', 'archived']);
    const sales = (chats.getSheetValues() as unknown[][]).find((row) => row?.[2] === 'Продажи')!;
    expect(sales.slice(1)).toEqual([504, 'Продажи', 'channel', 8, 'Продажи', 'yes', 'no']);
    const membership = (workbook.getWorksheet('Chat membership')!.getSheetValues() as unknown[][]).filter(Boolean).slice(1);
    expect(membership.filter((row) => row[2] === 504).map((row) => row[3])).toEqual([22, 23, 24, 25, 26, 42, 45]);
    const before = sandbox.directory();
    const { changing, writes } = await importFile(file, 'xlsx-unchanged');
    expect(changing).toEqual([]);
    expect(writes).toBe(0);
    expect(sandbox.directory().users).toEqual(before.users);
  });

  it('CSV (";" delimiter, neutralized formulas): zero planned changes, zero writes', async () => {
    const out = join(workDir, 'unchanged-csv');
    expect((await cli(['export', '--format', 'csv', '--out', out, '--delimiter', ';'])).code).toBe(0);
    expect(await readFile(join(out, 'users.csv'), 'utf8')).toContain("'=Формула");
    const { changing, writes } = await importFile(join(out, 'users.csv'), 'csv-unchanged');
    expect(changing).toEqual([]);
    expect(writes).toBe(0);
  });
});

describe('edited export imports as exactly the edits', () => {
  /** email -> header -> new cell text. */
  const EDITS: Record<string, Record<string, string>> = {};

  function pickEdits(): void {
    const people = [...peopleByEmail().values()].filter((user) => !user.suspended && user.role !== 'admin' && user.invite_status === 'confirmed');
    const [first, second, third] = people;
    for (const key of Object.keys(EDITS)) delete EDITS[key];
    EDITS[first!.email!] = { title: `${first!.title ?? ''} (ведущий)`.trim() };
    EDITS[second!.email!] = { department: 'Новый отдел' };
    EDITS[third!.email!] = { 'Город': 'Казань' };
  }

  function checkDirectory(before: Map<string, User>): void {
    const after = peopleByEmail();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [email, user] of after) {
      const edits = EDITS[email];
      if (!edits) {
        expect(user).toEqual(before.get(email));
        continue;
      }
      for (const [header, value] of Object.entries(edits)) {
        if (header === 'title') expect(user.title).toBe(value);
        else if (header === 'department') expect(user.department).toBe(value);
        else expect(user.custom_properties.find((property) => property.name === header)?.value).toBe(value);
      }
    }
  }

  function checkPlan(changing: SavedPlanItem[]): void {
    expect(changing.map((item) => [item.kind, item.email]).sort()).toEqual(Object.keys(EDITS).map((email) => ['update', email]).sort());
    for (const item of changing) {
      const edits = EDITS[item.email!]!;
      expect(item.changes).toHaveLength(1);
      expect(item.changes[0]!.field).toContain(Object.keys(edits)[0]!);
      expect(item.changes[0]!.after).toBe(Object.values(edits)[0]);
    }
  }

  it('XLSX edited in three cells', async () => {
    pickEdits();
    const file = join(workDir, 'edited.xlsx');
    expect((await cli(['export', '--out', file])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const users = workbook.getWorksheet('Users')!;
    const headers = (users.getRow(1).values as ExcelJS.CellValue[]).map((value) => (value === undefined || value === null ? '' : String(value)));
    users.eachRow((row, rowNumber) => {
      const edits = rowNumber > 1 ? EDITS[String(row.getCell(headers.indexOf('email')).value)] : undefined;
      for (const [header, value] of Object.entries(edits ?? {})) row.getCell(headers.indexOf(header)).value = value;
    });
    await workbook.xlsx.writeFile(file);

    const before = peopleByEmail();
    const { changing, writes } = await importFile(file, 'xlsx-edited');
    checkPlan(changing);
    expect(writes).toBe(Object.keys(EDITS).length);
    checkDirectory(before);
  });

  it('CSV edited in three cells', async () => {
    pickEdits();
    const out = join(workDir, 'edited-csv');
    expect((await cli(['export', '--format', 'csv', '--out', out])).code).toBe(0);
    const path = join(out, 'users.csv');
    const rows = parse(await readFile(path), { bom: true, columns: true }) as Record<string, string>[];
    for (const row of rows) Object.assign(row, EDITS[row.email!] ?? {});
    await writeFile(path, `\uFEFF${stringify(rows, { header: true, columns: Object.keys(rows[0]!), record_delimiter: 'windows' })}`);

    const before = peopleByEmail();
    const { changing, writes } = await importFile(path, 'csv-edited');
    checkPlan(changing);
    expect(writes).toBe(Object.keys(EDITS).length);
    checkDirectory(before);
  });
});
