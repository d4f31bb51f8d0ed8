// The lookups chats by name and photos build on (issue 15): chat references in a cell resolved
// against the chats a token sees, and photo files found by key or path, checked by size and type.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from '../src/pachca/types.js';
import { ChatIndex, chatNameKey } from '../src/sync/chat-names.js';
import { PhotoFolder, readPhoto, readPhotoCell } from '../src/sync/photos.js';
import { oversizedPng } from '../scripts/make-images.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));

function chat(id: number, name: string, fields: Partial<Chat> = {}): Chat {
  return {
    id, name, created_at: '2026-01-01T00:00:00.000Z', owner_id: 1, member_ids: [1], group_tag_ids: [], channel: false,
    archived: false, personal: false, public: true, last_message_at: '2026-01-01T00:00:00.000Z', meet_room_url: '', ...fields,
  };
}

describe('chat references', () => {
  const index = new ChatIndex([
    chat(501, 'Общий'), chat(504, 'Продажи'), chat(510, 'Проект Ёлка'), chat(520, 'Дежурство'), chat(521, 'дежурство'),
    chat(507, 'Старый проект', { archived: true }), chat(12, '2024'),
  ]);

  it('resolves names (case, ё and spaces ignored) and ids, in the cell\'s order, once each', () => {
    expect(chatNameKey('  Проект   ёлка ')).toBe('проект елка');
    expect(index.resolveCell('продажи; 501, проект елка | Продажи\n#504')).toEqual({
      ids: [504, 501, 510], labels: ['Продажи', 'Общий', 'Проект Ёлка'], problems: [], unverified: [],
    });
  });

  it('an unknown or ambiguous name, or an archived chat, is a problem naming it', () => {
    const result = index.resolveCell('Маркетинг, Дежурство, Старый проект, Общий');
    expect(result.ids).toEqual([501]);
    expect(result.problems).toEqual([
      'no chat named "Маркетинг" among the chats this token sees (pachca-roster chats lists them)',
      '2 chats are named "Дежурство" (ids 520, 521): give the id instead',
      'chat "Старый проект" (507) is archived',
    ]);
  });

  it('an id the token does not see is kept and marked unverified; an id wins over a name made of digits', () => {
    expect(index.resolveCell('9999, 2024, 12')).toEqual({ ids: [9999, 12], labels: ['#9999', '2024'], problems: [], unverified: [9999] });
  });
});

describe('photos', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'photos-'));
    for (const name of ['m.ivanova@example.ru.png', 'a.smirnov@example.ru.jpg', 'd.kuznetsov@example.ru.jpeg', 'e.popova@example.ru.png']) {
      await copyFile(join(IMAGES, name), join(folder, name));
    }
    await copyFile(join(IMAGES, 'a.smirnov@example.ru.jpg'), join(folder, '1034.JPG'));
    await copyFile(join(IMAGES, 'm.ivanova@example.ru.png'), join(folder, 'twice@example.ru.png'));
    await copyFile(join(IMAGES, 'a.smirnov@example.ru.jpg'), join(folder, 'twice@example.ru.jpg'));
    await writeFile(join(folder, 'big@example.ru.png'), oversizedPng(5 * 1024 * 1024));
    await writeFile(join(folder, 'notes.txt'), 'not a photo');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('finds JPEG and PNG files by e-mail or another key, ignoring case and other files', async () => {
    const photos = new PhotoFolder(folder);
    expect(photos.keys()).not.toContain('notes');
    const png = await photos.find('M.Ivanova@example.ru ');
    expect(png).toMatchObject({ ok: true, photo: { type: 'image/png' } });
    expect(await photos.find('a.smirnov@example.ru')).toMatchObject({ ok: true, photo: { type: 'image/jpeg' } });
    expect(await photos.find('d.kuznetsov@example.ru')).toMatchObject({ ok: true, photo: { type: 'image/jpeg' } });
    expect(await photos.find('1034')).toMatchObject({ ok: true, photo: { path: join(folder, '1034.JPG') } });
  });

  it('a missing, duplicated, oversized or non-image file is a reason, not an exception', async () => {
    const photos = new PhotoFolder(folder);
    expect(await photos.find('nobody@example.ru')).toEqual({
      ok: false, missing: true, reason: `no photo for nobody@example.ru in ${folder}`,
      problem: { kind: 'none-in-folder', key: 'nobody@example.ru', folder, paths: [] },
    });
    expect(await photos.find('twice@example.ru')).toMatchObject({ ok: false, missing: false, reason: expect.stringContaining('2 photos for twice@example.ru') });
    expect(await photos.find('big@example.ru')).toMatchObject({ ok: false, reason: expect.stringMatching(/is 5\.0 MB, more than the 5\.0 MB allowed$/) });
    expect(await photos.find('e.popova@example.ru')).toMatchObject({ ok: false, missing: false, reason: expect.stringContaining('is not a JPEG or PNG image') });
    expect(await readPhoto(join(folder, 'gone.png'))).toMatchObject({ ok: false, missing: true });
    expect(() => new PhotoFolder(join(folder, 'no-such-folder'))).toThrow(/ENOENT/);
  });

  it('a photo cell is a path relative to the sheet\'s folder', async () => {
    expect(await readPhotoCell(' m.ivanova@example.ru.png ', folder)).toMatchObject({ ok: true, photo: { type: 'image/png' } });
    expect(await readPhotoCell('../nowhere.png', folder)).toMatchObject({ ok: false, missing: true });
  });
});
