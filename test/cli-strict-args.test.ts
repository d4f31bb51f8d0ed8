// A mistyped command never changes anything: for every command, bad arguments fail the parse
// with exit 2, one error line and a --help pointer, before any handler runs: the sandbox sees
// no request and the working folder gets no new file. Runs main() in-process (fast).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain, useCliWorkspace } from './helpers/in-process-cli.js';
import { fetchStats } from './helpers/sandbox.js';

const SHEET = 'hires.csv';
const EXISTING_FILE = 'existing.txt';

/** A valid start for each command; the bad arguments are added to it. */
const COMMANDS: Record<string, string[]> = {
  import: ['import', SHEET, '--yes'],
  plan: ['plan', SHEET],
  apply: ['apply', 'saved-plan', '--yes'],
  undo: ['undo', 'run-folder', '--yes'],
  validate: ['validate', SHEET],
  export: ['export'],
  audit: ['audit', '--out', 'audit.xlsx', '--html', 'audit.html'],
  template: ['template'],
  sandbox: ['sandbox', '--port', '0'],
  demo: ['demo'],
  ui: ['ui', '--port', '0'],
  find: ['find', 'Петров'],
  show: ['show', '1'],
  tags: ['tags'],
  members: ['members', 'Backend'],
  chats: ['chats'],
  set: ['set', '11', 'Отдел=Продажи', '--yes'],
  status: ['status', '11', '--clear', '--yes'],
  suspend: ['suspend', '11', '--yes'],
  restore: ['restore', '11', '--yes'],
  offboard: ['offboard', '11', '--yes'],
  tag: ['tag', 'add', 'HR', '11', '--yes'],
};

/** Bad for every command. */
const EVERY_COMMAND: string[][] = [
  ['--dryrun'],
  ['--bogus-flag'],
  ['--bogus-flag', 'value'],
  ['-z'],
  ['stray-positional'],
];

/** Bad for particular commands (each list added to that command's valid start). */
const PER_COMMAND: Record<string, string[][]> = {
  import: [
    ['--tags', 'Replace'], ['--tags'], ['--timeout', 'abc'], ['--timeout', '1e10'], ['--timeout', '0'], ['--rps', '0'],
    ['--rps', 'fast'], ['--concurrency', '-1'], ['--concurrency', '2.5'], ['--retries', '-1'], ['--max-suspend', 'lots'],
    ['--out', 'a', '--out', 'b'], ['--out', EXISTING_FILE], ['--out', '-'], ['--out'], ['--sheet', 'A', '--sheet', 'B'],
    ['--yes=maybe'], ['--suspend-missin'], ['--resume', 'run-folder'],
  ],
  plan: [['--tags', 'Replace'], ['--concurrency', '0'], ['--timeout', 'abc'], ['--out', 'a', '--out', 'b'], ['--blank-clear']],
  apply: [['--yes=maybe'], ['--timeout', 'abc'], ['--rps', '0'], ['--concurrency', '-1'], ['--out', 'x'], ['--json', 'extra'], ['--dry-run'], ['-q', 'extra']],
  undo: [['--allow-delete=maybe'], ['--out', EXISTING_FILE], ['--out', '-'], ['--match', 'id'], ['--rps', '0']],
  validate: [['--json', 'extra'], ['--encoding'], ['--map'], ['--sheet', 'A', '--sheet', 'B'], ['-q']],
  export: [
    ['-q'], ['--format', 'pdf'], ['--delimiter', 'x'], ['--timeout', 'abc'], ['--rps', '0'], ['--concurrency', '-1'],
    ['--retries', '-1'], ['--out', '-'], ['--out', 'a.xlsx', '--out', 'b.xlsx'], ['--out', 'export.csv'],
    ['--tag', 'A', '--tag', 'B'], ['--include-bot'],
  ],
  audit: [['--inactive-days', 'x'], ['--inactive-days', '-1'], ['--inactive-days', '1.5'], ['--timeout', '1e10'], ['--html', '-'], ['--out', 'audit.csv'], ['--tag', 'X'], ['--days', '0'], ['--since', 'soon'], ['--since', '2026-01-01', '--days', '3'], ['--runs', 'nowhere']],
  template: [['--format', 'pdf'], ['--lang', 'de'], ['--out', 'template.pdf'], ['--out', '-'], ['--out', 'a.xlsx', '--out', 'b.xlsx'], ['--format', 'csv', '--out', 'x.xlsx']],
  sandbox: [['--port', '99999'], ['--port', 'http'], ['--rps', '0'], ['--latency-ms', 'abc'], ['--faults', 'bogus=1'], ['--fault-seed', '-3'], ['--slow-ms', '1e10']],
  demo: [['--out', '-'], ['--out', 'a', '--out', 'b'], ['--yes']],
  ui: [['--port', '99999'], ['--key', 'short'], ['--max-upload-mb', '0'], ['--open=maybe'], ['--runs-dir', '-'], ['--rps', '0']],
  find: [['-o', 'yaml'], ['-o'], ['-o', 'csv', '--output', 'json'], ['--json'], ['--phone-region'], ['--rps', '0'], ['--timeout', 'abc'], ['--yes']],
  show: [['--output', 'xml'], ['--output'], ['-o', 'json', '-o', 'json'], ['--concurrency', '0'], ['--retries', '-1'], ['--out', 'x.csv'], ['--chats=maybe'], ['--chat']],
  tags: [['-o', 'table', '-o', 'csv'], ['--tag', 'X'], ['--format', 'csv'], ['--timeout', '1e10']],
  members: [['--output', 'yaml'], ['-o=html'], ['--include-bots'], ['--concurrency', '-1']],
  chats: [['-o', 'xml'], ['--output'], ['-o', 'csv', '-o', 'json'], ['--archived=maybe'], ['--rps', '0'], ['--out', 'chats.csv']],
  set: [['--yes=maybe'], ['Отдел'], ['=x'], ['Действие=удалить'], ['email=a@b.ru'], ['--rps', '0'], ['--out', '-'], ['--phone-region'], ['-o', 'json']],
  status: [['--emoji', 'x'], ['--clear=maybe'], ['--until'], ['--timeout', 'abc'], ['--out', 'a', '--out', 'b']],
  suspend: [['--json', 'extra'], ['Иван Петров'], ['--concurrency', '-1'], ['--out'], ['--dry-run=no']],
  restore: [['-q', 'extra'], ['--retries', '-1'], ['--allow-delete']],
  offboard: [['--leave-chats'], ['--timeout', 'abc'], ['--dry-run=maybe']],
  tag: [['--out', 'a', '--out', 'b'], ['--yes=maybe'], ['--create-tags']],
};

/** Cases that are not "valid start + suffix". */
const WHOLE_LINES: string[][] = [
  [], ['--dry-run'], ['improt', SHEET, '--yes'], ['frobnicate'], ['validate'], ['validate', '-'], ['import', '--yes'],
  ['import', SHEET, 'other.csv', '--yes'], ['plan', SHEET, 'other.csv'], ['plan', SHEET, '--match', 'custom:'], ['undo'], ['undo', 'a', 'b', '--yes'], ['import', SHEET, '--resume', 'run-folder', '--yes'],
  ['find'], ['show'], ['members'], ['show', '1', '2'], ['members', 'HR', 'Backend'], ['fnd', 'Петров'], ['member', 'HR'],
  ['apply'], ['apply', '-'], ['apply', '', '--yes'], ['apply', 'a', 'b', '--yes'],
  ['set'], ['set', '11'], ['set', 'Петров', 'Отдел=HR'], ['status', '11', '--yes'], ['status', '11', '--emoji', 'x', '--yes'], ['status', '11', '12', '--clear'],
  ['suspend'], ['suspend', '--yes'], ['restore', '--yes'], ['offboard'], ['tag', 'add'], ['tag', 'add', 'HR'], ['tag', 'rename', 'HR', '11'], ['tag', 'add', '+HR', '11'],
  ['sett', '11', 'x=y'],
];

const cases: string[][] = [
  ...Object.entries(COMMANDS).flatMap(([command, start]) => [...EVERY_COMMAND, ...(PER_COMMAND[command] ?? [])].map((bad) => [...start, ...bad])),
  ...WHOLE_LINES,
];

const workspace = useCliWorkspace('strict-args-');

async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.map(String).sort();
}

beforeAll(async () => {
  // If a bad line got past the parser, the command would really talk to the workspace's sandbox.
  await writeFile(join(workspace.dir, SHEET), 'email,first_name,last_name\nnew.person@example.com,New,Person\n');
  await writeFile(join(workspace.dir, EXISTING_FILE), 'not a folder\n');
});

describe('bad arguments: exit 2, one line, nothing sent, nothing written', () => {
  it.each(cases.map((argv) => [argv.join(' ') || '(no arguments)', argv] as const))('%s', async (_name, argv) => {
    const filesBefore = await filesIn(workspace.dir);
    const requestsBefore = (await fetchStats(workspace.sandbox)).total;

    const result = await runMain(argv);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Error: \S.*$/);
    expect(lines[1]).toMatch(/^Run "pachca-roster (\w+ )?--help" for (usage|the commands)\.$/);
    expect(lines[2]).toBe('');
    expect((await fetchStats(workspace.sandbox)).total).toBe(requestsBefore);
    expect(await filesIn(workspace.dir)).toEqual(filesBefore);
  });
});

describe('the messages', () => {
  const firstLine = async (argv: string[]): Promise<string> => (await runMain(argv)).stderr.split('\n')[0]!;

  it('suggests the flag that was meant', async () => {
    expect(await firstLine(['import', SHEET, '--yes', '--dryrun'])).toBe('Error: unknown flag --dryrun for import (did you mean --dry-run?)');
    expect(await firstLine(['plan', SHEET, '--suspend-mising'])).toContain('did you mean --suspend-missing?');
    expect(await firstLine(['export', '-q'])).toBe('Error: unknown flag -q for export');
  });

  it('suggests the command that was meant', async () => {
    expect(await firstLine(['improt', SHEET])).toBe('Error: unknown command "improt"; did you mean import?');
    expect(await firstLine(['--yes', 'import', SHEET])).toBe('Error: unknown flag --yes; name a command first (import, plan, apply, undo, validate, export, audit, template, sandbox, demo, ui, find, show, tags, members, chats, set, status, suspend, restore, offboard, tag)');
  });

  it('names the flag, the value and what is allowed', async () => {
    expect(await firstLine(['import', SHEET, '--tags', 'Replace'])).toBe('Error: --tags "Replace" is not one of: merge, replace (did you mean replace?)');
    expect(await firstLine(['template', '--format', 'pdf'])).toBe('Error: --format "pdf" is not one of: xlsx, csv');
    expect(await firstLine(['import', SHEET, '--timeout', '1e10'])).toBe('Error: --timeout must be a number above 0, at most 3600 (seconds), not "1e10"');
    expect(await firstLine(['import', SHEET, '--concurrency', '-1'])).toBe('Error: --concurrency must be a whole number from 1 to 1000 or auto, not "-1"');
    expect(await firstLine(['sandbox', '--port', '99999'])).toBe('Error: --port must be a whole number from 0 to 65535, not "99999"');
    expect(await firstLine(['export', '--out', 'a.xlsx', '--out', 'b.xlsx'])).toBe('Error: --out is given 2 times; give it once');
    expect(await firstLine(['validate'])).toBe('Error: validate needs one FILE: pachca-roster validate FILE');
    expect(await firstLine(['audit', 'extra'])).toBe('Error: audit does not take "extra" here; it takes no file or other argument, only flags');
    expect(await firstLine(['import', SHEET, '--out', EXISTING_FILE])).toBe(`Error: --out ${EXISTING_FILE} is a file; --out names the run folder (created when missing)`);
  });

  it('a repeatable flag may be repeated', async () => {
    const result = await runMain(['validate', SHEET, '--map', 'Имя=first_name', '--map', 'Фамилия=last_name']);
    expect(result.code).toBe(0);
  });

  it('the same harness sees requests and files when the arguments are good (so the checks above can fail)', async () => {
    const requestsBefore = (await fetchStats(workspace.sandbox)).total;
    const result = await runMain(['export', '--out', 'good.xlsx']);
    expect(result.code).toBe(0);
    expect((await fetchStats(workspace.sandbox)).total).toBeGreaterThan(requestsBefore);
    expect(await filesIn(workspace.dir)).toContain('good.xlsx');
    await rm(join(workspace.dir, 'good.xlsx'));
  });
});

describe('no silent overwrites', () => {
  let existing: string;
  beforeEach(async () => {
    existing = join(workspace.dir, 'kept.xlsx');
    await writeFile(existing, 'precious');
  });
  afterEach(async () => {
    await rm(existing, { force: true });
  });

  it.each([
    ['template', ['template', '--out', 'kept.xlsx']],
    ['export', ['export', '--out', 'kept.xlsx']],
    ['audit --out', ['audit', '--out', 'kept.xlsx']],
    ['audit --html', ['audit', '--html', 'kept.xlsx']],
  ])('%s refuses an existing file without --force, before any request', async (_name, argv) => {
    const requestsBefore = (await fetchStats(workspace.sandbox)).total;
    const result = await runMain(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: kept.xlsx already exists; pass --force to replace it\n');
    expect((await fetchStats(workspace.sandbox)).total).toBe(requestsBefore);
    expect(await readFile(existing, 'utf8')).toBe('precious');
  });

  it('export --format csv refuses when users.csv is there', async () => {
    await writeFile(join(workspace.dir, 'users.csv'), 'precious');
    try {
      const result = await runMain(['export', '--format', 'csv']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/users\.csv already exists; pass --force to replace it\n$/);
    } finally {
      await rm(join(workspace.dir, 'users.csv'));
    }
  });

  it.each([
    ['template', ['template', '--out', 'kept.xlsx', '--force']],
    ['export', ['export', '--out', 'kept.xlsx', '--force']],
    ['audit', ['audit', '--out', 'kept.xlsx', '--force']],
  ])('%s --force replaces it, leaving no temporary file', async (_name, argv) => {
    const before = await filesIn(workspace.dir);
    const result = await runMain(argv);
    expect(result.code).toBe(0);
    expect((await readFile(existing)).subarray(0, 2).toString()).toBe('PK');
    expect(await filesIn(workspace.dir)).toEqual(before);
  });
});
