// Photos in an import (issue 15): --photos DIR (files named by e-mail, or by --photos-key), a
// `photo` column relative to the sheet; a person with a photo keeps it unless --photos-overwrite;
// a missing or bad file is a row warning, never a failure; a bad folder is exit 2 before any request.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/exit-codes.js';
import { useDemoCompanyImports } from './helpers/demo-company-imports.js';
import { importInProcess, writesByRoute } from './helpers/import-in-process.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images', import.meta.url));
const demo = useDemoCompanyImports('import-photos-');
const { workDir } = demo;

const imageOf = (email: string): string | null => demo.sandbox.directory().users.find((user) => user.email === email)?.image_url ?? null;
const AVATAR = 'PUT /users/{user_id}/avatar';

const run = (headers: string[], rows: string[][], options: Parameters<typeof importInProcess>[3] = {}, folder = workDir) =>
  demo.importRows(headers, rows, options, { folder });

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
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'POST /users': 1, [AVATAR]: 2 });
    expect(imageOf('m.ivanova@example.ru')).toMatch(/^https?:/);
    expect(imageOf('d.kuznetsov@example.ru')).toMatch(/^https?:/);
    expect(imageOf('a.smirnov@example.ru')).toBe(before);
  });

  it('--photos-overwrite replaces an existing photo too', async () => {
    const before = imageOf('a.smirnov@example.ru');
    const { row } = await run(['email'], [['a.smirnov@example.ru']], { photos: { dir: IMAGES, overwrite: true } });
    expect(row(2).changes).toEqual([{ field: 'photo', before: '(a photo)', after: 'a.smirnov@example.ru.jpg' }]);
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ [AVATAR]: 1 });
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
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'POST /users': 1, [AVATAR]: 2 });
    expect(imageOf('anna.new@example.ru')).toMatch(/^https?:/);
  });

  it('a --photos folder that cannot be listed, or a --photos-key column the sheet lacks, stops before any request', async () => {
    const file = join(workDir, 'x.csv');
    writeFileSync(file, 'email\nm.ivanova@example.ru\n');
    await expect(importInProcess(demo.sandbox, file, join(workDir, 'bad-dir'), { photos: { dir: join(workDir, 'no-such-folder'), overwrite: false } }))
      .rejects.toThrow(InputError);
    await expect(importInProcess(demo.sandbox, file, join(workDir, 'bad-key'), { photos: { dir: IMAGES, key: 'Табельный номер', overwrite: false } }))
      .rejects.toThrow(/--photos-key "Табельный номер": the sheet has no such column/);
    expect(demo.sandbox.requestLog()).toEqual([]);
  });
});
