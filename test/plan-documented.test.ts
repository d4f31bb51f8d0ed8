// The plan against what the API documents it may answer: null or "" for empty text, a null first
// name on a pending invite, and a PUT that always carries the person's suspended flag.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { User } from '../src/pachca/types.js';
import { paginate } from '../src/pachca/paginate.js';
import type { ListResponse } from '../src/pachca/types.js';
import { readAndValidate } from '../src/records/validate.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { buildDirectory } from '../src/sync/directory.js';
import { buildPlan, DEFAULT_PLAN_OPTIONS, type Plan } from '../src/sync/plan.js';

const tempDir = mkdtempSync(join(tmpdir(), 'plan-documented-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
let fileCounter = 0;

function person(id: number, email: string, fields: Partial<User> = {}): User {
  return blankUser(id, { email, nickname: email.split('@')[0]!, created_at: '2025-01-01T00:00:00.000Z', invite_status: 'confirmed', ...fields });
}

async function planFor(header: string[], rows: string[][], users: User[], blankClears = false): Promise<Plan> {
  const file = join(tempDir, `sheet-${++fileCounter}.csv`);
  await writeCsvFile(file, header, rows);
  const owner = person(1, 'owner@acme.ru', { role: 'admin', first_name: 'Owner' });
  const directory = buildDirectory([owner, ...users], [], []);
  return buildPlan(await readAndValidate(file), directory, { ...DEFAULT_PLAN_OPTIONS, blankClears }, { selfId: 1, ownerId: 1 });
}

describe('plan: empty text and pending invites', () => {
  it('null and "" are the same empty value, also under --blank-clears', async () => {
    const users = [
      person(2, 'a@acme.ru', { first_name: 'А', last_name: '', department: null, title: '' }),
      person(3, 'b@acme.ru', { first_name: 'Б', last_name: null, department: '', title: null }),
    ];
    const header = ['email', 'first_name', 'last_name', 'department', 'title'];
    for (const blankClears of [false, true]) {
      const plan = await planFor(header, [['a@acme.ru', 'А', '', '', ''], ['b@acme.ru', 'Б', '', '', '']], users, blankClears);
      expect(plan.items.map((item) => [item.kind, item.userRequest])).toEqual([['unchanged', undefined], ['unchanged', undefined]]);
    }
  });

  it('a null first name on a pending invite is unknown: no update for it, and other changes go without it', async () => {
    const users = [
      person(2, 'new@acme.ru', { first_name: null, last_name: 'Новиков', invite_status: 'sent' }),
      person(3, 'moved@acme.ru', { first_name: null, last_name: 'Петров', invite_status: 'sent' }),
      person(4, 'done@acme.ru', { first_name: null, last_name: 'Готов', invite_status: 'confirmed' }),
    ];
    const plan = await planFor(['email', 'first_name', 'last_name', 'title'], [
      ['new@acme.ru', 'Никита', 'Новиков', ''],
      ['moved@acme.ru', 'Пётр', 'Петров', 'Аналитик'],
      ['done@acme.ru', 'Глеб', 'Готов', ''],
    ], users);
    expect(plan.items[0]).toMatchObject({ kind: 'unchanged' });
    expect(plan.items[1]!.userRequest).toEqual({ method: 'PUT', path: '/users/3', userId: 3, body: { user: { title: 'Аналитик', suspended: false } } });
    // A registered person with no first name does get one.
    expect(plan.items[2]!.userRequest).toMatchObject({ body: { user: { first_name: 'Глеб' } } });
  });

  it('every PUT carries the current suspended flag; suspend and restore carry the new one', async () => {
    const users = [
      person(2, 'away@acme.ru', { first_name: 'Отпуск', suspended: true }),
      person(3, 'here@acme.ru', { first_name: 'Тут' }),
      person(4, 'back@acme.ru', { first_name: 'Вернулся', suspended: true }),
    ];
    const plan = await planFor(['email', 'title', 'suspended'], [
      ['away@acme.ru', 'Новая должность', ''],
      ['here@acme.ru', '', 'да'],
      ['back@acme.ru', '', 'нет'],
    ], users);
    const bodies = plan.items.map((item) => (item.userRequest?.method === 'PUT' ? item.userRequest.body.user : undefined));
    expect(bodies).toEqual([{ title: 'Новая должность', suspended: true }, { suspended: true }, { suspended: false }]);
    expect(plan.items.map((item) => item.kind)).toEqual(['update', 'suspend', 'restore']);
  });
});

describe('paginate against the documented page shapes', () => {
  type Item = { id: number };
  const pageOf = (data: Item[], next: string, hasNext?: boolean): ListResponse<Item> =>
    ({ data, meta: { paginate: { next_page: next, ...(hasNext === undefined ? {} : { has_next: hasNext }) } } }) as ListResponse<Item>;

  async function collect(pages: Record<string, ListResponse<Item>>): Promise<{ ids: number[]; requests: number }> {
    let requests = 0;
    const ids: number[] = [];
    for await (const item of paginate<Item>(async (query) => {
      requests += 1;
      return pages[String(query.cursor ?? 'start')] ?? null;
    })) ids.push(item.id);
    return { ids, requests };
  }

  it('goes on through short and empty pages while has_next is true, and stops at has_next false', async () => {
    const result = await collect({
      start: pageOf([{ id: 1 }], 'a', true),
      a: pageOf([], 'b', true),
      b: pageOf([], 'c', true),
      c: pageOf([{ id: 2 }, { id: 3 }], 'd', false),
      d: pageOf([{ id: 99 }], 'e', false),
    });
    expect(result).toEqual({ ids: [1, 2, 3], requests: 4 });
  });

  it('without has_next an empty page ends the list, and a repeated cursor always does', async () => {
    expect(await collect({ start: pageOf([{ id: 1 }], 'a'), a: pageOf([], 'a'), b: pageOf([{ id: 9 }], 'c') })).toEqual({ ids: [1], requests: 2 });
    expect(await collect({ start: pageOf([{ id: 1 }], 'a', true), a: pageOf([], 'a', true) })).toEqual({ ids: [1], requests: 2 });
  });
});
