// Issue 6, tags through the same workbook: the real exporter writes the seeded directory to XLSX,
// the test edits its Tags sheet with exceljs (one rename, one delete), and the CLI (main() in process) plans and
// imports it against the sandbox.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupTag } from '../src/pachca/types.js';
import { readAndValidate } from '../src/records/validate.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { buildDirectory, type Directory } from '../src/sync/directory.js';
import { buildPlan, DEFAULT_PLAN_OPTIONS, type Plan, type PlanItem, type PlanOptions } from '../src/sync/plan.js';
import type { TagsSheetInput } from '../src/sync/tags-sheet.js';
import type { CliResult } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { api, startTestSandbox } from './helpers/sandbox.js';

const RENAMED_ID = 9100; // Backend
const NEW_NAME = 'Backend-команда';
const DELETED_ID = 9106; // Новосибирск

let sandbox: RunningSandbox;
let workDir: string;
let counter = 0;

beforeAll(async () => {
  const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
  sandbox = await startTestSandbox({ seed });
  workDir = await mkdtemp(join(tmpdir(), 'import-tags-sheet-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<CliResult> {
  return runCliInProcess(args, { env: { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken }, cwd: workDir });
}

function tagById(id: number): GroupTag | undefined {
  return sandbox.directory().tags.find((tag) => tag.id === id);
}

function members(name: string): string[] {
  return sandbox.directory().users.filter((user) => user.list_tags.includes(name)).map((user) => user.email!).sort();
}

function headersOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as ExcelJS.CellValue[]).map((value) => (value === undefined || value === null ? '' : String(value)));
}

interface SavedPlan {
  runId: string;
  input: { sha256: string };
  counts: Record<string, number>;
  items: { key: string; kind: string; tagId?: number; changes: { field: string; before: string | null; after: string | null }[]; message?: string }[];
}

function readPlan(folder: string): SavedPlan {
  return JSON.parse(readFileSync(join(folder, 'plan.json'), 'utf8')) as SavedPlan;
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
}

function runFolder(): string {
  return join(workDir, `run-${++counter}`);
}

/** Saves as exceljs (and Excel) lay the zip out: worksheets before xl/workbook.xml. */
async function saveWorkbook(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  await workbook.xlsx.writeFile(path);
}

/** The solid fill of a cell, if any. */
function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
}

describe('import: the Tags sheet of an export workbook', () => {
  it('plans, renames, refuses then carries out a delete, users follow, and a re-import plans nothing', async () => {
    const exported = join(workDir, 'export.xlsx');
    const exportRun = await cli(['export', '--out', exported]);
    expect(exportRun.code, exportRun.stderr).toBe(0);

    const backendMembers = members('Backend');
    const novosibirskMembers = members('Новосибирск');
    expect(backendMembers.length).toBeGreaterThan(0);
    expect(novosibirskMembers.length).toBeGreaterThan(0);
    // Someone outside Backend gets the NEW name in the Users sheet: no tag may be created for it.
    const joiner = sandbox.directory().users.find((user) => !user.bot && !user.suspended && user.email && !user.list_tags.includes('Backend'))!;

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported);
    const tagsSheet = workbook.getWorksheet('Tags')!;
    const tagHeaders = headersOf(tagsSheet);
    expect(tagHeaders.slice(1, 6)).toEqual(['id', 'name', 'users_count', 'active members', 'suspended members']);
    const actionColumn = tagHeaders.length; // the first free column
    tagsSheet.getRow(1).getCell(actionColumn).value = 'action';
    tagsSheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const id = Number(row.getCell(tagHeaders.indexOf('id')).value);
      if (id === RENAMED_ID) row.getCell(tagHeaders.indexOf('name')).value = NEW_NAME;
      if (id === DELETED_ID) row.getCell(actionColumn).value = 'удалить';
    });
    const usersSheet = workbook.getWorksheet('Users')!;
    const userHeaders = headersOf(usersSheet);
    usersSheet.eachRow((row, rowNumber) => {
      if (rowNumber > 1 && row.getCell(userHeaders.indexOf('email')).value === joiner.email) {
        const tagsCell = row.getCell(userHeaders.indexOf('tags'));
        tagsCell.value = [String(tagsCell.value ?? ''), NEW_NAME].filter(Boolean).join(', ');
      }
    });
    const edited = join(workDir, 'edited.xlsx');
    await saveWorkbook(workbook, edited);
    const tagsBefore = sandbox.directory().tags.length;

    // plan: the rename and the delete, before -> after, and nothing sent.
    const writesBefore = sandbox.stats().writes;
    const planFolder = runFolder();
    const planned = await cli(['plan', edited, '--allow-delete', '--out', planFolder]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/Plan: .*rename-tag 1, delete-tag 1/);
    expect(planned.stdout).toContain(`Tags row`);
    expect(planned.stdout).toMatch(new RegExp(`rename-tag\\s+name: Backend -> ${NEW_NAME}`));
    expect(planned.stdout).toMatch(/delete-tag\s+tag: Новосибирск -> \(empty\)/);
    expect(planned.stdout).toMatch(new RegExp(`update\\s+tags: .* -> .*${NEW_NAME}`));
    const plan = readPlan(planFolder);
    expect(plan.counts['create-tag']).toBe(0);
    expect(plan.items.filter((item) => item.kind !== 'unchanged').map((item) => item.kind).sort()).toEqual(['delete-tag', 'rename-tag', 'update']);
    expect(sandbox.stats().writes).toBe(writesBefore);

    // import without --allow-delete: renames, refuses the delete with the reason, exit 5.
    const first = runFolder();
    const refused = await cli(['import', edited, '--yes', '--out', first]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(5);
    expect(refused.stdout).toMatch(/Tags row \d+ tag id 9106: action delete needs --allow-delete/);
    expect(tagById(RENAMED_ID)?.name).toBe(NEW_NAME);
    expect(tagById(DELETED_ID)).toBeDefined();
    expect(sandbox.directory().tags).toHaveLength(tagsBefore);
    expect(members(NEW_NAME)).toEqual([...backendMembers, joiner.email!].sort());
    expect(members('Backend')).toEqual([]);
    const tagsReport = readCsv(join(first, 'report-tags.csv'));
    expect(tagsReport).toHaveLength(sandbox.directory().tags.length);
    const renamedLine = tagsReport.find((line) => line.tag_id === String(RENAMED_ID))!;
    expect(renamedLine).toMatchObject({ action: 'rename-tag', result: 'renamed', name: NEW_NAME });
    expect(renamedLine.changes).toBe(`name: Backend -> ${NEW_NAME}`);
    const refusedLine = tagsReport.find((line) => line.tag_id === String(DELETED_ID))!;
    expect(refusedLine).toMatchObject({ action: 'invalid', result: 'invalid' });
    expect(refusedLine.message).toContain('--allow-delete');
    // report.csv stays one row per Users row.
    const usersReport = readCsv(join(first, 'report.csv'));
    expect(usersReport).toHaveLength(usersSheet.actualRowCount - 1);
    expect(usersReport.filter((line) => line.result !== 'unchanged').map((line) => [line.email, line.result])).toEqual([[joiner.email, 'updated']]);
    const summary = JSON.parse(readFileSync(join(first, 'summary.json'), 'utf8')) as { tagCounts: Record<string, number> };
    expect(summary.tagCounts).toMatchObject({ renamed: 1, invalid: 1 });
    const journal = readFileSync(join(first, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { step: string; ok: boolean });
    expect(journal.filter((entry) => entry.step === 'rename-tag' && entry.ok)).toHaveLength(1);

    // report.xlsx: a Tags sheet, and only the result cell is coloured.
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(join(first, 'report.xlsx'));
    expect(report.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Report', 'Tags']);
    const reportTags = report.getWorksheet('Tags')!;
    const reportTagHeaders = headersOf(reportTags);
    const resultColumn = reportTagHeaders.indexOf('result');
    reportTags.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const result = String(row.getCell(resultColumn).value);
      const expected = result === 'renamed' ? 'FFDDEBF7' : result === 'invalid' ? 'FFFFC7CE' : undefined;
      expect(fillOf(row.getCell(resultColumn)), `row ${rowNumber} ${result}`).toBe(expected);
      expect(fillOf(row.getCell(1))).toBeUndefined();
    });
    const reportUsers = report.getWorksheet('Report')!;
    const updatedRow = reportUsers.getRows(2, reportUsers.actualRowCount - 1)!.find((row) => row.getCell(5).value === 'updated')!;
    expect(fillOf(updatedRow.getCell(5))).toBe('FFDDEBF7');
    expect(fillOf(updatedRow.getCell(2))).toBeUndefined();

    // with --allow-delete: the delete, and only it.
    const writesBeforeDelete = sandbox.stats().writes;
    const second = runFolder();
    const deleted = await cli(['import', edited, '--yes', '--allow-delete', '--out', second]);
    expect(deleted.code, deleted.stdout + deleted.stderr).toBe(0);
    expect(sandbox.stats().writes - writesBeforeDelete).toBe(1);
    expect(tagById(DELETED_ID)).toBeUndefined();
    expect(members('Новосибирск')).toEqual([]);
    expect(readCsv(join(second, 'report-tags.csv')).find((line) => line.tag_id === String(DELETED_ID))).toMatchObject({ result: 'deleted' });
    for (const email of novosibirskMembers) {
      expect(sandbox.directory().users.find((user) => user.email === email)!.list_tags).not.toContain('Новосибирск');
    }

    // users_count follows the members.
    const renamed = await api(sandbox, 'GET', `/group_tags/${RENAMED_ID}`);
    expect((renamed.body as { data: GroupTag }).data).toMatchObject({ name: NEW_NAME, users_count: backendMembers.length + 1 });

    // The same edited workbook again (old names in the Users sheet, a delete of a gone tag): nothing to do.
    const writesBeforeAgain = sandbox.stats().writes;
    const third = runFolder();
    const again = await cli(['import', edited, '--yes', '--allow-delete', '--out', third]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const replanned = readPlan(third);
    expect(replanned.items.filter((item) => item.kind !== 'unchanged')).toEqual([]);
    expect(sandbox.stats().writes).toBe(writesBeforeAgain);
    expect(await readFile(join(third, 'report-tags.csv'), 'utf8')).toContain('already deleted');
  });

  it('a Tags row with an unknown id is invalid; a plain one-sheet hire workbook is unaffected', async () => {
    sandbox.reset();
    const workbook = new ExcelJS.Workbook();
    const users = workbook.addWorksheet('Users');
    users.addRow(['email', 'first_name', 'tags']);
    users.addRow(['tags.test@example.ru', 'Тест', 'Backend']);
    const tags = workbook.addWorksheet('Tags');
    tags.addRow(['id', 'name']);
    tags.addRow([424242, 'Призрак']);
    tags.addRow(['', 'Без id']);
    const file = join(workDir, 'unknown-id.xlsx');
    await saveWorkbook(workbook, file);
    const folder = runFolder();
    const result = await cli(['plan', file, '--out', folder]);
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/Tags row 2: id: no tag with id 424242 in Pachca/);
    expect(result.stdout).toMatch(/Tags row 3: id: empty/);
    expect(readPlan(folder).items.filter((item) => item.key.startsWith('row:')).map((item) => item.kind)).toEqual(['create']);

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Сотрудники').addRow(['email', 'first_name']);
    plain.getWorksheet('Сотрудники')!.addRow(['plain.hire@example.ru', 'Новый']);
    const plainFile = join(workDir, 'plain.xlsx');
    await saveWorkbook(plain, plainFile);
    const plainFolder = runFolder();
    const plainRun = await cli(['import', plainFile, '--yes', '--out', plainFolder]);
    expect(plainRun.code, plainRun.stderr).toBe(0);
    expect(readPlan(plainFolder).items.map((item) => item.kind)).toEqual(['create']);
    expect(readFileSync(join(plainFolder, 'summary.json'), 'utf8')).not.toContain('tagCounts');
  });
});

describe('import: Tags sheet and --resume', () => {
  it('a rename the interrupted attempt already made is reported, not repeated; old names still mean the tag', async () => {
    sandbox.reset();
    const member = sandbox.directory().users.find((user) => user.list_tags.includes('Frontend'))!;
    const workbook = new ExcelJS.Workbook();
    const users = workbook.addWorksheet('Users');
    users.addRow(['email', 'title', 'tags']);
    users.addRow([member.email, 'Фронтенд-лид', 'Frontend']);
    const tags = workbook.addWorksheet('Tags');
    tags.addRow(['id', 'name']);
    tags.addRow([9101, 'Веб']);
    const file = join(workDir, 'resume-tags.xlsx');
    await saveWorkbook(workbook, file);

    const folder = runFolder();
    const planned = await cli(['plan', file, '--out', folder]);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const savedPlan = readPlan(folder);
    const renameItem = savedPlan.items.find((item) => item.kind === 'rename-tag')!;
    expect(renameItem.key).toBe('tags-row:2');
    // The first attempt got as far as the rename, then died.
    await api(sandbox, 'PUT', '/group_tags/9101', { body: { group_tag: { name: 'Веб' } } });
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(folder, 'journal.jsonl'), `${JSON.stringify({ at: new Date().toISOString(), run: savedPlan.runId, input: savedPlan.input.sha256, key: renameItem.key, step: 'rename-tag', kind: 'rename-tag', ok: true, row: 2 })}\n`);

    const tagsBefore = sandbox.directory().tags.length;
    const writesBefore = sandbox.stats().writes;
    const resumed = await cli(['import', '--resume', folder, '--yes']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(sandbox.stats().writes - writesBefore).toBe(1); // the title only
    expect(sandbox.directory().tags).toHaveLength(tagsBefore);
    const after = sandbox.directory().users.find((user) => user.id === member.id)!;
    expect(after.title).toBe('Фронтенд-лид');
    expect(after.list_tags).toContain('Веб');
    expect(after.list_tags).not.toContain('Frontend');
    expect(readCsv(join(folder, 'report-tags.csv'))[0]).toMatchObject({ tag_id: '9101', result: 'renamed' });
    expect(readCsv(join(folder, 'report-tags.csv'))[0]!.message).toContain('earlier attempt');
  });
});

describe('buildPlan with a Tags sheet (in memory)', () => {
  const TAGS: GroupTag[] = [
    { id: 1, name: 'Backend', users_count: 2 },
    { id: 2, name: 'Moscow', users_count: 1 },
    { id: 3, name: 'Old', users_count: 1 },
  ];

  function directory(): Directory {
    const created_at = '2025-01-01T00:00:00.000Z';
    const owner = blankUser(100, { email: 'owner@acme.ru', nickname: 'owner', role: 'admin', invite_status: 'confirmed', created_at });
    const dev = blankUser(101, { email: 'dev@acme.ru', nickname: 'dev', invite_status: 'confirmed', list_tags: ['Backend', 'Old'], created_at });
    const ops = blankUser(102, { email: 'ops@acme.ru', nickname: 'ops', invite_status: 'confirmed', list_tags: ['Backend', 'Moscow'], created_at });
    return buildDirectory([owner, dev, ops], TAGS, []);
  }

  function tagsSheet(rows: [id: string, name: string, action?: string][]): TagsSheetInput {
    return {
      label: 'test.xlsx, sheet Tags',
      idHeader: 'id',
      nameHeader: 'name',
      actionHeader: 'action',
      rows: rows.map(([id, name, action], index) => ({ rowNumber: index + 2, cells: new Map([['id', id], ['name', name], ['action', action ?? '']]) })),
      membershipIds: new Map(),
    };
  }

  async function plan(users: string[][], tags: TagsSheetInput, options: Partial<PlanOptions> = {}): Promise<Plan> {
    const file = join(workDir, `users-${++counter}.csv`);
    await writeCsvFile(file, ['email', 'tags'], users);
    return buildPlan(await readAndValidate(file), directory(), { ...DEFAULT_PLAN_OPTIONS, ...options }, { selfId: 100, ownerId: 100 }, tags);
  }

  const tagRow = (result: Plan, row: number): PlanItem => result.items.find((item) => item.key === `tags-row:${row}`)!;
  const userRow = (result: Plan, row: number): PlanItem => result.items.find((item) => item.key === `row:${row}`)!;

  it('refuses a taken name, a name two rows claim, a repeated id and a user action; a case-only change renames', async () => {
    const result = await plan([['dev@acme.ru', '']], tagsSheet([
      ['1', 'moscow'],
      ['2', 'MOSCOW'],
      ['3', 'Новое'],
      ['3', 'Другое'],
      ['2', 'Moscow', 'заблокировать'],
    ]));
    expect(tagRow(result, 2)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('tag "Moscow" (id 2) already has this name') });
    expect(tagRow(result, 3)).toMatchObject({ kind: 'rename-tag', tagId: 2, changes: [{ field: 'name', before: 'Moscow', after: 'MOSCOW' }] });
    expect(tagRow(result, 4)).toMatchObject({ kind: 'rename-tag', tagId: 3 });
    expect(tagRow(result, 5)).toMatchObject({ kind: 'invalid', message: 'tag id 3: duplicate of row 4' });
    expect(tagRow(result, 6)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('action suspend does not apply to a tag') });
    expect(result.requiredScopes).toEqual(['group_tags:write']);
  });

  it('old and new names in users rows both mean the renamed tag: no tag created, the request waits for the rename', async () => {
    const result = await plan(
      [['dev@acme.ru', 'Backend-команда, Moscow'], ['ops@acme.ru', 'Backend, Moscow'], ['new@acme.ru', 'backend-КОМАНДА']],
      tagsSheet([['1', 'Backend-команда']]),
      { tags: 'replace' },
    );
    expect(result.counts['create-tag']).toBe(0);
    expect(userRow(result, 2)).toMatchObject({
      kind: 'update',
      changes: [{ field: 'tags', before: 'Backend-команда, Old', after: 'Backend-команда, Moscow' }],
      needsTags: ['backend-команда'],
    });
    expect(userRow(result, 3)).toMatchObject({ kind: 'unchanged' });
    expect(userRow(result, 4).userRequest).toMatchObject({ body: { user: { list_tags: ['Backend-команда'] } } });
    expect(userRow(result, 4).needsTags).toEqual(['backend-команда']);
  });

  it('a deleted tag is dropped from users rows (never created again); refused without --allow-delete, it stays', async () => {
    const sheet = tagsSheet([['3', 'Old', 'удалить']]);
    const users = [['dev@acme.ru', 'Backend, Old'], ['new@acme.ru', 'Old, Moscow']];
    const deleting = await plan(users, sheet, { allowDelete: true, tags: 'replace' });
    expect(tagRow(deleting, 2)).toMatchObject({ kind: 'delete-tag', tagId: 3, changes: [{ field: 'tag', before: 'Old', after: null }] });
    expect(userRow(deleting, 2).kind).toBe('unchanged');
    expect(userRow(deleting, 3).userRequest).toMatchObject({ body: { user: { list_tags: ['Moscow'] } } });
    expect(deleting.counts['create-tag']).toBe(0);

    const refused = await plan(users, sheet, { tags: 'replace' });
    expect(tagRow(refused, 2)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('--allow-delete') });
    expect(userRow(refused, 2).kind).toBe('unchanged');
    expect(userRow(refused, 3).userRequest).toMatchObject({ body: { user: { list_tags: ['Old', 'Moscow'] } } });
  });
});
