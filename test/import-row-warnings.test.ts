// Rows are not lost for a secondary problem, and validate warns about what import will:
// a status title without an emoji skips only the status; chat_ids on an existing person is
// named as doing nothing; both commands print one shared list of warnings.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupTag, User } from '../src/pachca/types.js';
import { readAndValidate } from '../src/records/validate.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { buildDirectory } from '../src/sync/directory.js';
import { buildPlan, CHAT_IDS_ON_EXISTING, DEFAULT_PLAN_OPTIONS, type Plan, type PlanItem } from '../src/sync/plan.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const STATUS_SKIPPED = 'status not set: a status needs both status_emoji and status_title (the rest of the row is imported)';

let dir: string;
let counter = 0;
let sandbox: RunningSandbox;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'row-warnings-'));
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

async function csv(header: string[], rows: string[][]): Promise<string> {
  const path = join(dir, `sheet-${++counter}.csv`);
  await writeCsvFile(path, header, rows);
  return path;
}

const existing: User = blankUser(7, { email: 'known@acme.ru', nickname: 'known', first_name: 'Катя', created_at: '2025-01-01T00:00:00.000Z', invite_status: 'confirmed' });
const owner: User = blankUser(1, { email: 'owner@acme.ru', nickname: 'owner', role: 'admin', created_at: '2025-01-01T00:00:00.000Z', invite_status: 'confirmed' });

async function planOf(path: string): Promise<Plan> {
  const sheet = await readAndValidate(path);
  return buildPlan(sheet, buildDirectory([owner, existing], [] as GroupTag[], []), DEFAULT_PLAN_OPTIONS, { selfId: 1, ownerId: 1 });
}

function row(plan: Plan, number: number): PlanItem {
  return plan.items.find((item) => item.row === number)!;
}

describe('a status title without an emoji', () => {
  it('creates the new hire and skips only the status, with a warning', async () => {
    const plan = await planOf(await csv(['email', 'first_name', 'status_title'], [['new@acme.ru', 'Оля', 'В отпуске']]));
    const item = row(plan, 2);
    expect(item.kind).toBe('create');
    expect(item.userRequest).toMatchObject({ method: 'POST', body: { user: { email: 'new@acme.ru', first_name: 'Оля' } } });
    expect(item.statusRequest).toBeUndefined();
    expect(item.message).toBe(`warning: ${STATUS_SKIPPED}`);
  });

  it('updates an existing person the same way (an emoji without a title too)', async () => {
    const plan = await planOf(await csv(['email', 'first_name', 'status_emoji', 'status_title'], [['known@acme.ru', 'Екатерина', '🌴', '']]));
    const item = row(plan, 2);
    expect(item.kind).toBe('update');
    expect(item.statusRequest).toBeUndefined();
    expect(item.message).toBe(`warning: ${STATUS_SKIPPED}`);
  });
});

describe('chat_ids on an existing person', () => {
  it('is not silently ignored: the row says it is used only when creating and how to add them', async () => {
    const plan = await planOf(await csv(['email', 'chat_ids'], [['known@acme.ru', '101, 102'], ['fresh@acme.ru', '101']]));
    const known = row(plan, 2);
    expect(known.kind).toBe('unchanged');
    expect(known.userRequest).toBeUndefined();
    expect(known.message).toBe(CHAT_IDS_ON_EXISTING);
    expect(CHAT_IDS_ON_EXISTING).toMatch(/used only when a row creates a person.*add them in Pachca/);
    const created = row(plan, 3);
    expect(created.userRequest).toMatchObject({ body: { user: { chat_ids: [101] } } });
    expect(created.message).toBeUndefined();
  });
});

describe('validate and the import plan share one list of warnings', () => {
  it('prints the same Warning lines for the same file and flags', async () => {
    const file = await csv(
      ['Email', 'Имя', 'Фамилия', 'Отчество', 'Статус', 'Примечание'],
      [['a.petrova@acme.ru', 'Анна', 'Петрова', 'Ивановна', 'В отпуске', 'x'], ['b.ivanov@acme.ru', 'Борис', 'Иванов', '', '', '']],
    );
    const flags = ['--map', 'Телефн=phone_number'];
    const validate = await runCliInProcess(['validate', file, ...flags]);
    expect(validate.code, validate.stderr).toBe(0);
    const plan = await runCliInProcess(['plan', file, ...flags, '--out', join(dir, 'run')], { env: { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken } });
    expect(plan.code, plan.stderr).toBe(0);
    const warnings = (output: string): string[] => output.split('\n').filter((line) => line.startsWith('Warning: '));
    expect(warnings(validate.stdout)).toEqual([
      expect.stringMatching(/^Warning: column "Телефн": --map\/--mapping names a column "Телефн" that the file does not have \(a typo\?\)/),
      'Warning: column "Отчество" (middle_name) has no Pachca field and is not imported; to keep it, map it to a custom property: --map "Отчество=custom:NAME"',
      expect.stringMatching(/^Warning: column not imported \(not Pachca fields\): "Примечание"; /),
      `Warning: row 2, column "Статус": ${STATUS_SKIPPED}`,
    ]);
    expect(warnings(plan.stdout)).toEqual(warnings(validate.stdout));
    expect(sandbox.stats().writes).toBe(0);
  });
});
