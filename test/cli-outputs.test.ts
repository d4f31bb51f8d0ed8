// What export, audit, template and import write: nothing when a filter matches no one, files
// only their owner can read (600) in folders only the owner can enter (700), and a write that
// fails leaves neither the file nor a temporary one behind.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/files/private.js';
import { runMain, useCliWorkspace } from './helpers/in-process-cli.js';
import { api, fetchStats } from './helpers/sandbox.js';

const workspace = useCliWorkspace('cli-outputs-');

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

beforeAll(async () => {
  await api(workspace.sandbox, 'POST', '/group_tags', { body: { group_tag: { name: 'Nobody here' } } });
});

describe('a filter that matches no one', () => {
  it.each([
    [['--department', 'Нет'], 'no user matches --department "Нет" (bots left out; --include-bots counts them); nothing was written'],
    [['--query', 'zzz-nobody'], 'no user matches --query "zzz-nobody" (bots left out; --include-bots counts them); nothing was written'],
    [['--tag', 'Nobody here'], 'no user matches --tag "Nobody here" (bots left out; --include-bots counts them); nothing was written'],
    [['--department', 'Нет', '--format', 'csv', '--out', 'csv-out'], 'no user matches --department "Нет" (bots left out; --include-bots counts them); nothing was written'],
  ])('export %j: exit 2 naming the filter, no file', async (filter, message) => {
    const before = await readdir(workspace.dir, { recursive: true });
    const result = await runMain(['export', ...filter]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`Error: ${message}\n`);
    expect(await readdir(workspace.dir, { recursive: true })).toEqual(before);
  });

  it('a filter that matches someone still exports', async () => {
    const result = await runMain(['export', '--query', '@', '--out', 'someone.xlsx']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported [1-9]\d* users/);
    await rm(join(workspace.dir, 'someone.xlsx'));
  });
});

describe('private files', () => {
  it('export, audit and template files are 600', async () => {
    expect((await runMain(['export', '--out', 'directory.xlsx'])).code).toBe(0);
    expect((await runMain(['export', '--format', 'csv', '--out', 'csv-export'])).code).toBe(0);
    expect((await runMain(['audit', '--out', 'audit.xlsx', '--html', 'audit.html'])).code).toBe(0);
    expect((await runMain(['template', '--out', 'hires.xlsx'])).code).toBe(0);
    expect((await runMain(['template', '--out', 'hires.csv'])).code).toBe(0);
    for (const file of ['directory.xlsx', 'audit.xlsx', 'audit.html', 'hires.xlsx', 'hires.csv', 'csv-export/users.csv', 'csv-export/tags.csv', 'csv-export/membership.csv']) {
      expect(await modeOf(join(workspace.dir, file)), file).toBe(0o600);
    }
    expect(await modeOf(join(workspace.dir, 'csv-export'))).toBe(0o700);
  });

  it('an import run folder is 700 and every file in it 600', async () => {
    await writeFile(join(workspace.dir, 'people.csv'), 'email,first_name,last_name\nprivate.person@example.com,Private,Person\nnot-an-email,Bad,Row\n');
    const result = await runMain(['import', 'people.csv', '--yes', '--out', 'runs/run-1']);
    expect(result.code).toBe(5); // the invalid row; the other was created
    const folder = join(workspace.dir, 'runs/run-1');
    expect(await modeOf(folder)).toBe(0o700);
    const files = await readdir(folder);
    expect(files).toEqual(expect.arrayContaining(['plan.json', 'journal.jsonl', 'report.xlsx', 'report.csv', 'failed.csv', 'summary.json']));
    for (const file of files) expect(await modeOf(join(folder, file)), file).toBe(0o600);
  });

  it('writeFileAtomic replaces a file whole and leaves no temporary file; a failed write leaves nothing', async () => {
    const folder = join(workspace.dir, 'atomic');
    await mkdir(folder);
    const path = join(folder, 'data.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(folder)).toEqual(['data.json']);

    await expect(writeFileAtomic(join(folder, 'missing-folder', 'x.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(folder)).toEqual(['data.json']);
  });
});

describe('nothing sent for a file that exists', () => {
  it('export without --force stops before the first request', async () => {
    await writeFile(join(workspace.dir, 'taken.xlsx'), 'mine');
    const before = (await fetchStats(workspace.sandbox)).total;
    const result = await runMain(['export', '--out', 'taken.xlsx']);
    expect(result.code).toBe(2);
    expect((await fetchStats(workspace.sandbox)).total).toBe(before);
  });
});
