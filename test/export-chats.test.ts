// The export's chat sheets through the use case: a CSV export writes chats.csv (and with
// chatMembers chat-membership.csv); a token that may not list chats still exports the directory,
// with a warning and without the chat files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../src/app/events.js';
import { exportDirectory } from '../src/app/export-directory.js';
import { PachcaClient } from '../src/pachca/client.js';
import { AuthError } from '../src/pachca/errors.js';
import type { SandboxDirectory } from '../src/sandbox/api.js';
import { sandboxForFile } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const files = sandboxForFile('export-chats', { seed });
const { workDir } = files;

const client = (): PachcaClient => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken });
const lines = (path: string): string[] => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);

describe('export: chats', () => {
  it('chats.csv lists every chat the token sees; chat-membership.csv the exported people in each', async () => {
    const folder = join(workDir, 'csv');
    const result = await exportDirectory(
      { target: { format: 'csv', folder, delimiter: ',' }, filter: { includeBots: false }, chatMembers: true },
      { api: client(), events: () => undefined },
    );
    expect(result.files.slice(-2)).toEqual([join(folder, 'chats.csv'), join(folder, 'chat-membership.csv')]);
    const chats = lines(join(folder, 'chats.csv'));
    expect(chats[0]).toBe('id,name,kind,members,tags,open,archived');
    // HR (505) is closed and the Owner is not in it: the API does not list it.
    expect(chats.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([501, 502, 504, 506, 507]);
    expect(chats).toContain('507,Старый проект,discussion,4,,no,yes');
    const membership = lines(join(folder, 'chat-membership.csv'));
    expect(membership[0]).toBe('chat,chat_id,user_id,email,name');
    expect(membership.filter((line) => line.includes(',502,'))).toEqual([
      'Гости проекта,502,1,oleg.petrov@example.ru,Олег Петров',
      expect.stringMatching(/^Гости проекта,502,10,a\.smirnov@example\.ru,/),
      expect.stringMatching(/^Гости проекта,502,47,/),
    ]);
  });

  it('a token that may not list chats: a warning, and the directory is exported without them', async () => {
    const api = client();
    api.listChats = async function* () {
      yield* [];
      throw new AuthError(403, 'insufficient_scope', 'chats:read needed', 'chats:read');
    };
    const events: AppEvent[] = [];
    const folder = join(workDir, 'no-chats');
    const result = await exportDirectory(
      { target: { format: 'csv', folder, delimiter: ',' }, filter: { includeBots: false } },
      { api, events: (event) => events.push(event) },
    );
    expect(readdirSync(folder).sort()).toEqual(['membership.csv', 'tags.csv', 'users.base.json', 'users.csv']);
    expect(result.counts.users).toBeGreaterThan(0);
    expect(events).toContainEqual({ type: 'warning', text: expect.stringContaining('the Chats sheet is left out: token lacks scope chats:read') });
  });
});
