// Photos in an import (issue 15): --photos DIR (files named by e-mail, or by --photos-key), a
// `photo` column relative to the sheet; a person with a photo keeps it unless --photos-overwrite;
// a missing or bad file is a row warning, never a failure; a bad folder is exit 2 before any request.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../src/exit-codes.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { Plan, PlanItem } from '../src/sync/plan.js';
import { importInProcess, writesByRoute } from './helpers/import-in-process.js';
import { startTestSandbox } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const IMAGES = fileURLToPath(new URL('../fixtures/images', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'import-photos-'));
let sandbox: RunningSandbox;
let runs = 0;
beforeAll(async () => {
  sandbox = await startTestSandbox({ seed });
});
beforeEach(() => sandbox.reset());
afterAll(async () => {
  await sandbox.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const imageOf = (email: string): string | null => sandbox.directory().users.find((user) => user.email === email)?.image_url ?? null;
const AVATAR = 'PUT /users/{user_id}/avatar';

async function run(headers: string[], rows: string[][], options: Parameters<typeof importInProcess>[3] = {}, folder = workDir) {
  runs += 1;
  const file = join(folder, `sheet-${runs}.csv`);
  await writeCsvFile(file, headers, rows);
  const { result, events } = await importInProcess(sandbox, file, join(workDir, `run-${runs}`), options);
  const plan = (events.find((event) => event.type === 'plan-ready') as { plan: Plan }).plan;
  const row = (n: number): PlanItem => plan.items.find((item) => item.row === n)!;
  return { result, plan, row };
}

const people = [
  ['m.ivanova@example.ru'], // no photo; a PNG in the folder
  ['a.smirnov@example.ru'], // has a photo; a JPEG in the folder: kept
  ['d.kuznetsov@example.ru'], // no photo; a .jpeg
  ['e.popova@example.ru'], // no photo; a text file named .png: a warning
  ['s.sokolov@example.ru'], // no photo, no file: a warning
  ['new.face@example.ru'], // new, no file: created, with a warning
];

describe('photos', () => {
  it('--photos DIR uploads for people without a photo; bad and missing files are row warnings', async () => {
    const before = imageOf('a.smirnov@example.ru');
    const { result, row } = await run(['email'], people, { photos: { dir: IMAGES, overwrite: false } });
    expect(row(2)).toMatchObject({ kind: 'update', photoRequest: { method: 'PUT', type: 'image/png', file: join(IMAGES, 'm.ivanova@example.ru.png') } });
    expect(row(2).changes).toEqual([{ field: 'photo', before: null, after: 'm.ivanova@example.ru.png' }]);
    expect(row(3)).toMatchObject({ kind: 'unchanged' });
    expect(row(4)).toMatchObject({ kind: 'update', photoRequest: { type: 'image/jpeg' } });
    expect(row(5)).toMatchObject({ kind: 'unchanged', message: expect.stringContaining('is not a JPEG or PNG image') });
    expect(row(6)).toMatchObject({ kind: 'unchanged', message: expect.stringContaining('warning: photo: no photo for s.sokolov@example.ru') });
    expect(row(7)).toMatchObject({ kind: 'create', message: expect.stringContaining('no photo for new.face@example.ru') });
    expect(result.status).toBe('ok');
    expect(writesByRoute(sandbox.requestLog())).toEqual({ 'POST /users': 1, [AVATAR]: 2 });
    expect(imageOf('m.ivanova@example.ru')).toMatch(/^https?:/);
    expect(imageOf('d.kuznetsov@example.ru')).toMatch(/^https?:/);
    expect(imageOf('a.smirnov@example.ru')).toBe(before);
  });

  it('--photos-overwrite replaces an existing photo too', async () => {
    const before = imageOf('a.smirnov@example.ru');
    const { row } = await run(['email'], [['a.smirnov@example.ru']], { photos: { dir: IMAGES, overwrite: true } });
    expect(row(2).changes).toEqual([{ field: 'photo', before: '(a photo)', after: 'a.smirnov@example.ru.jpg' }]);
    expect(writesByRoute(sandbox.requestLog())).toEqual({ [AVATAR]: 1 });
    expect(imageOf('a.smirnov@example.ru')).not.toBe(before);
  });

  it('a photo column (a path relative to the sheet) and --photos-key name the files; a new person gets the photo after the create', async () => {
    const folder = join(workDir, 'by-key');
    mkdirSync(join(folder, 'pics'), { recursive: true });
    copyFileSync(join(IMAGES, 'm.ivanova@example.ru.png'), join(folder, 'pics', 'anna.png'));
    copyFileSync(join(IMAGES, 'a.smirnov@example.ru.jpg'), join(folder, '1007.JPG'));
    const { row, result } = await run(['email', 'Имя', 'Фото', 'Табельный номер'], [
      ['anna.new@example.ru', 'Анна', 'pics/anna.png', ''],
      ['m.ivanova@example.ru', '', '', '1007'], // her personnel number (a custom property) as it is
      ['d.kuznetsov@example.ru', '', 'pics/gone.png', ''],
    ], { photos: { dir: folder, key: 'табельный  номер', overwrite: false } }, folder);
    expect(row(2)).toMatchObject({ kind: 'create', photoRequest: { file: join(folder, 'pics', 'anna.png') } });
    expect(row(3)).toMatchObject({ kind: 'update', photoRequest: { file: join(folder, '1007.JPG'), type: 'image/jpeg' } });
    expect(row(3).userRequest).toBeUndefined();
    expect(row(4)).toMatchObject({ kind: 'unchanged', message: expect.stringMatching(/photo .*gone\.png not found/) });
    expect(result.status).toBe('ok');
    expect(writesByRoute(sandbox.requestLog())).toEqual({ 'POST /users': 1, [AVATAR]: 2 });
    expect(imageOf('anna.new@example.ru')).toMatch(/^https?:/);
  });

  it('a --photos folder that cannot be listed, or a --photos-key column the sheet lacks, stops before any request', async () => {
    const file = join(workDir, 'x.csv');
    writeFileSync(file, 'email\nm.ivanova@example.ru\n');
    await expect(importInProcess(sandbox, file, join(workDir, 'bad-dir'), { photos: { dir: join(workDir, 'no-such-folder'), overwrite: false } }))
      .rejects.toThrow(InputError);
    await expect(importInProcess(sandbox, file, join(workDir, 'bad-key'), { photos: { dir: IMAGES, key: 'Табельный номер', overwrite: false } }))
      .rejects.toThrow(/--photos-key "Табельный номер": the sheet has no such column/);
    expect(sandbox.requestLog()).toEqual([]);
  });
});
