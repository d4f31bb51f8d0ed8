// Offboarding (issue 15): an `offboard` row (ru "увольнение") and --suspend-missing --offboard
// suspend, take the person out of every tag (one PUT), clear the status and, with --leave-chats,
// leave every chat the token lists; restore afterwards brings back only the suspension.
import { describe, expect, it } from 'vitest';
import { useDemoCompanyImports } from './helpers/demo-company-imports.js';
import { importInProcess, writesByRoute } from './helpers/import-in-process.js';
import { api } from './helpers/sandbox.js';

const demo = useDemoCompanyImports('import-offboard-');

const ALLA = 17; // a.mikhailova: active, tag Москва, in Общий (501) and Новости компании (506)
const SERGEEV = 42; // k.sergeev: suspended, still in tags Продажи and Москва
const userOf = (id: number) => demo.sandbox.directory().users.find((user) => user.id === id)!;
const membersOf = (chatId: number): number[] => demo.sandbox.directory().chats.find((chat) => chat.id === chatId)?.member_ids ?? [];

const run = (headers: string[], rows: string[][], options: Parameters<typeof importInProcess>[3] = {}) => demo.importRows(headers, rows, options);

async function giveStatus(userId: number): Promise<void> {
  const response = await api(demo.sandbox, 'PUT', `/users/${userId}/status`, { body: { status: { emoji: '🏖', title: 'В отпуске' } } });
  expect(response.status).toBe(200);
}

describe('offboarding', () => {
  it('an offboard row suspends, empties the tags, clears the status and with --leave-chats leaves every listed chat', async () => {
    await giveStatus(ALLA);
    const { result, item } = await run(['Email', 'Действие'], [['a.mikhailova@example.ru', 'увольнение']], { leaveChats: true });
    const offboard = item('row:2');
    expect(offboard).toMatchObject({
      kind: 'suspend', userId: ALLA,
      userRequest: { method: 'PUT', body: { user: { suspended: true, list_tags: [] } } },
      statusRequest: { method: 'DELETE' },
      chatRequests: [{ method: 'DELETE', chatId: 501, chatName: 'Общий' }, { method: 'DELETE', chatId: 506, chatName: 'Новости компании' }],
    });
    expect(offboard.changes).toEqual(expect.arrayContaining([
      { field: 'suspended', before: 'false', after: 'true' },
      { field: 'tags', before: 'Москва', after: null },
      { field: 'status_title', before: 'В отпуске', after: null },
      { field: 'chats', before: null, after: '- Общий, - Новости компании' },
    ]));
    expect(result.status).toBe('ok');
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({
      'PUT /users/{user_id}/status': 1, 'PUT /users/{id}': 1, 'DELETE /users/{user_id}/status': 1, 'DELETE /chats/{id}/members/{user_id}': 2,
    });
    expect(userOf(ALLA)).toMatchObject({ suspended: true, list_tags: [], user_status: null });
    expect(membersOf(501)).not.toContain(ALLA);
    expect(membersOf(506)).not.toContain(ALLA);

    // restore brings back the suspension only: the tags and chats stay gone.
    const restored = await run(['Email', 'Действие'], [['a.mikhailova@example.ru', 'restore']]);
    expect(restored.item('row:2')).toMatchObject({ kind: 'restore' });
    expect(userOf(ALLA)).toMatchObject({ suspended: false, list_tags: [] });
    expect(membersOf(501)).not.toContain(ALLA);
  });

  it('without --leave-chats the chats are kept; a person already offboarded is unchanged', async () => {
    const { item } = await run(['email', 'action'], [['a.mikhailova@example.ru', 'offboard'], ['r.makarov@example.ru', 'offboard']]);
    expect(item('row:2')).toMatchObject({ kind: 'suspend' });
    expect(item('row:2').chatRequests).toBeUndefined();
    // Suspended but still in a tag: the tag goes, the suspension is kept (the PUT carries it).
    expect(item('row:3')).toMatchObject({ kind: 'update', userRequest: { body: { user: { suspended: true, list_tags: [] } } } });
    expect(membersOf(501)).toContain(ALLA);
    const before = demo.sandbox.requestLog().length;
    const again = await run(['email', 'action'], [['a.mikhailova@example.ru', 'offboard']]);
    expect(again.item('row:2')).toMatchObject({ kind: 'unchanged', message: 'already offboarded' });
    expect(writesByRoute(demo.sandbox.requestLog().slice(before))).toEqual({});
  });

  it('refuses the Owner and unknown people; the row is invalid', async () => {
    const { item } = await run(['email', 'action'], [['oleg.petrov@example.ru', 'offboard'], ['nobody@example.ru', 'offboard']]);
    expect(item('row:2')).toMatchObject({ kind: 'invalid', message: "the token's own user cannot be offboarded" });
    expect(item('row:3')).toMatchObject({ kind: 'invalid', message: 'action offboard: no user with this e-mail in Pachca' });
  });

  it('--suspend-missing --offboard offboards the people the sheet leaves out, the suspended ones still in tags too', async () => {
    const listed = demo.sandbox.directory().users.filter((user) => !user.bot && user.email && !user.suspended && user.id !== ALLA);
    const { item, result, plan } = await run(['email'], listed.map((user) => [user.email!]), { suspendMissing: true, offboard: true });
    expect(item(`missing:${ALLA}`)).toMatchObject({ kind: 'suspend', message: 'not in the sheet (--suspend-missing --offboard)', userRequest: { body: { user: { suspended: true, list_tags: [] } } } });
    expect(item(`missing:${SERGEEV}`)).toMatchObject({ kind: 'update', userRequest: { body: { user: { suspended: true, list_tags: [] } } } });
    expect(item(`missing:${SERGEEV}`).changes).toEqual([{ field: 'tags', before: 'Продажи, Москва', after: null }]);
    const missing = plan.items.filter((candidate) => candidate.key.startsWith('missing:'));
    expect(missing).toHaveLength(5); // Алла and the four suspended people with tags
    expect(result.status).toBe('ok');
    expect(writesByRoute(demo.sandbox.requestLog())).toEqual({ 'PUT /users/{id}': 5 });
    expect(userOf(SERGEEV)).toMatchObject({ suspended: true, list_tags: [] });
  });
});
