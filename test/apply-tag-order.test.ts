// applyPlan creates missing tags alongside the users: a user waits only for the new tags it
// carries. Driven with a fake API whose tag create answers when the test says (no timing).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PachcaApi } from '../src/pachca/api.js';
import type { GroupTag, User, UserCreateRequest } from '../src/pachca/types.js';
import { readAndValidate } from '../src/records/validate.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { applyPlan } from '../src/sync/apply.js';
import { buildDirectory } from '../src/sync/directory.js';
import { buildPlan, DEFAULT_PLAN_OPTIONS } from '../src/sync/plan.js';

const tempDir = mkdtempSync(join(tmpdir(), 'apply-tag-order-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('applyPlan: new tags and users', () => {
  it('sends users without the new tag while the tag is being created; a user carrying it waits for it', async () => {
    const file = join(tempDir, 'hires.csv');
    await writeCsvFile(file, ['Email', 'Имя', 'Теги'], [
      ['new-tag@acme.ru', 'Анна', 'Новички'],
      ['no-tags@acme.ru', 'Борис', ''],
      ['old-tag@acme.ru', 'Вера', 'Backend'],
    ]);
    const owner = blankUser(1, { email: 'owner@acme.ru', nickname: 'owner', role: 'admin', invite_status: 'confirmed', created_at: '2025-01-01T00:00:00.000Z' });
    const directory = buildDirectory([owner], [{ id: 5, name: 'Backend', users_count: 0 }], []);
    const plan = buildPlan(await readAndValidate(file), directory, DEFAULT_PLAN_OPTIONS, { selfId: 1, ownerId: 1 });

    let answerTagCreate!: () => void;
    const tagCreated = new Promise<void>((resolve) => (answerTagCreate = resolve));
    const created: string[] = [];
    let twoCreated!: () => void;
    const othersCreated = new Promise<void>((resolve) => (twoCreated = resolve));
    const api = {
      apiUrl: 'http://fake',
      concurrency: 4,
      stats: () => ({ requests: 0, rateLimited: 0, retries: 0 }),
      async createTagSafely(name: string): Promise<{ tag: GroupTag; recovered: boolean }> {
        await tagCreated;
        return { tag: { id: 7, name, users_count: 0 }, recovered: false };
      },
      async createUserSafely(body: UserCreateRequest): Promise<{ user: User; recovered: boolean }> {
        created.push(body.user.email);
        if (created.length === 2) twoCreated();
        return { user: blankUser(100 + created.length, { email: body.user.email, nickname: `n${created.length}`, created_at: '2026-01-01T00:00:00.000Z' }), recovered: false };
      },
    } as unknown as PachcaApi;

    const applying = applyPlan(plan, api, { append: () => undefined, close: () => undefined });
    await othersCreated;
    expect(created.sort()).toEqual(['no-tags@acme.ru', 'old-tag@acme.ru']);
    answerTagCreate();
    const result = await applying;
    expect(created).toContain('new-tag@acme.ru');
    expect(result.outcomes.filter((outcome) => outcome.result === 'created')).toHaveLength(4); // the tag and three people
  });
});
