// `pachca-roster chats`: the chats the token sees (its own and every open one), in three formats,
// with exactly the list requests it needs; a bad token is exit 3.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { runMain } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const ADMIN2 = 'chats-admin2-token-000001';

let sandbox: RunningSandbox;
const savedEnv = { ...process.env };
beforeAll(async () => {
  sandbox = await startTestSandbox({ seed, extraAdminTokens: [ADMIN2] });
  process.env.PACHCA_API_URL = sandbox.url;
});
beforeEach(() => {
  sandbox.reset();
  process.env.PACHCA_TOKEN = sandbox.adminToken;
});
afterAll(async () => {
  process.env = savedEnv;
  await sandbox.stop();
});

describe('pachca-roster chats', () => {
  it('prints a table of the chats the Owner is in and every open chat, by id, archived ones left out', async () => {
    const result = await runMain(['chats']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'id   name              kind        members  open  archived',
      '501  Общий             discussion  34       yes   no',
      '502  Гости проекта     discussion  3        no    no',
      '504  Продажи           channel     8        yes   no',
      '506  Новости компании  channel     34       yes   no',
      '',
    ]);
    // One walk of the member chats and one of the open chats.
    expect(sandbox.requestLog().map((record) => `${record.route} ${record.status}`)).toEqual(['GET /chats 200', 'GET /chats 200']);
  });

  it('-o json and -o csv (with --archived) carry the same columns', async () => {
    const json = await runMain(['chats', '-o', 'json', '--archived']);
    expect(JSON.parse(json.stdout)).toContainEqual({ id: 507, name: 'Старый проект', kind: 'discussion', members: 4, open: false, archived: true });
    const csv = await runMain(['chats', '--output', 'csv']);
    expect(csv.stdout.split('\r\n').slice(0, 2)).toEqual(['id,name,kind,members,open,archived', '501,Общий,discussion,34,yes,no']);
    // In Russian the CSV's yes/no are words too, as the exports write them.
    const russian = await runMain(['chats', '--output', 'csv', '--lang', 'ru']);
    expect(russian.stdout.split('\r\n')[1]).toMatch(/^501,Общий,.*,34,да,нет$/);
  });

  it('another admin (in no chat) sees only the open chats', async () => {
    process.env.PACHCA_TOKEN = ADMIN2;
    expect((JSON.parse((await runMain(['chats', '-o', 'json'])).stdout) as { id: number }[]).map((chat) => chat.id)).toEqual([501, 504, 506]);
  });

  it('a rejected token exits 3 without a stack trace', async () => {
    process.env.PACHCA_TOKEN = 'not-a-valid-token-123456';
    const result = await runMain(['chats']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: listing chats: .*invalid_token/);
    expect(result.stderr).not.toContain('    at ');
  });
});
