// An export workbook whose Tags sheet is blank (a workspace without tags, or every row deleted,
// header too) imports like one whose Tags sheet lists no rows: no tag is renamed or deleted, and an
// otherwise unchanged export sends nothing.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { runMain } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const company = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;

let workDir: string;
let sandbox: RunningSandbox | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'blank-tags-sheet-'));
});
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(args, { env: { PACHCA_API_URL: sandbox!.url, PACHCA_TOKEN: sandbox!.adminToken }, cwd: workDir });
}

/** Clears every cell of the workbook's `sheetName`, the header too, as a person selecting all and deleting would. */
async function blankSheet(path: string, sheetName: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(sheetName)!;
  sheet.eachRow((row) => row.eachCell((cell) => {
    cell.value = null;
  }));
  expect(sheet.actualRowCount).toBe(0);
  await workbook.xlsx.writeFile(path);
}

/** Exports, blanks the Tags sheet, imports with --yes: the run's outcome, its plan and the writes it sent. */
async function exportBlankImport(name: string): Promise<{ stdout: string; items: { kind: string }[]; writes: number }> {
  const file = join(workDir, `${name}.xlsx`);
  const exported = await cli(['export', '--out', file]);
  expect(exported.code, exported.stderr).toBe(0);
  await blankSheet(file, 'Tags');
  const before = sandbox!.stats().writes;
  const run = join(workDir, `run-${name}`);
  const imported = await cli(['import', file, '--yes', '--out', run]);
  expect(imported.code, imported.stdout + imported.stderr).toBe(0);
  const plan = JSON.parse(await readFile(join(run, 'plan.json'), 'utf8')) as { items: { kind: string }[] };
  return { stdout: imported.stdout, items: plan.items, writes: sandbox!.stats().writes - before };
}

describe('import: a blank Tags sheet', () => {
  it('a workspace without tags: export, Tags sheet blanked, import plans nothing and sends nothing', async () => {
    sandbox = await startTestSandbox({ seed: { ...company, tags: [], users: company.users.map((user) => ({ ...user, list_tags: [] })) } });
    const { items, writes } = await exportBlankImport('no-tags');
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => item.kind !== 'unchanged')).toEqual([]);
    expect(writes).toBe(0);
  });

  it('a workspace with tags: every Tags row deleted (header too) deletes and renames no tag', async () => {
    sandbox = await startTestSandbox({ seed: company });
    const tagsBefore = sandbox.directory().tags;
    expect(tagsBefore.length).toBeGreaterThan(0);
    const { items, writes } = await exportBlankImport('tags-blanked');
    expect(items.filter((item) => item.kind !== 'unchanged')).toEqual([]);
    expect(writes).toBe(0);
    expect(sandbox.directory().tags).toEqual(tagsBefore);
  });
});
