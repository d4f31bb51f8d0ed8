// plan FILE --out DIR, then apply DIR: the saved plan is applied exactly (its requests, no more),
// refused (exit 2, nothing sent) when a person it changes was changed in between, and finished
// from its journal when run again. Driven in process (main()), against a sandbox over HTTP.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBasisDirectory, TARGETED_BASIS_LIMIT } from '../src/app/basis-directory.js';
import type { PlanBasis } from '../src/app/plan-basis.js';
import { PachcaClient } from '../src/pachca/client.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { runMain } from './helpers/in-process-cli.js';
import { api, fetchRequestLog, startTestSandbox } from './helpers/sandbox.js';

const workDir = mkdtempSync(join(tmpdir(), 'apply-saved-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let counter = 0;

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.stop();
});

interface SavedItem {
  key: string;
  kind: string;
  email?: string;
  userId?: number;
  userRequest?: { method: string };
  statusRequest?: { method: string };
}

function readPlan(folder: string): { runId: string; input: { sha256: string }; items: SavedItem[] } {
  return JSON.parse(readFileSync(join(folder, 'plan.json'), 'utf8')) as { runId: string; input: { sha256: string }; items: SavedItem[] };
}

const TAG_KINDS = new Set(['create-tag', 'rename-tag', 'delete-tag']);

/** The requests the plan will send: one per tag item, one per user request and status request. */
function plannedRequests(items: readonly SavedItem[]): number {
  return items.reduce((sum, item) => sum + (TAG_KINDS.has(item.kind) ? 1 : 0) + (item.userRequest ? 1 : 0) + (item.statusRequest ? 1 : 0), 0);
}

async function writes(): Promise<number> {
  return (await fetchRequestLog(sandbox)).filter((record) => record.method !== 'GET').length;
}

function cli(args: string[]) {
  return runMain([...args, '--api-url', sandbox.url, `--token=${sandbox.adminToken}`]);
}

/** An existing person (to be updated) and two hires (to be created), one with a new tag. */
async function scenario(): Promise<{ file: string; out: string; existingId: number }> {
  const n = ++counter;
  const created = await api(sandbox, 'POST', '/users', { body: { user: { email: `old${n}@example.ru`, first_name: 'Олег', last_name: 'Старов', department: 'Склад' } } });
  expect(created.status).toBe(201);
  const existingId = (created.body as { data: { id: number } }).data.id;
  const file = join(workDir, `staff-${n}.csv`);
  await writeCsvFile(file, ['email', 'first_name', 'last_name', 'department', 'tags'], [
    [`old${n}@example.ru`, 'Олег', 'Старов', 'Логистика', ''],
    [`new${n}a@example.ru`, 'Анна', 'Новикова', 'Продажи', `Новички${n}`],
    [`new${n}b@example.ru`, 'Борис', 'Новиков', 'Продажи', ''],
  ]);
  return { file, out: join(workDir, `plan-${n}`), existingId };
}

describe('plan --out DIR, then apply DIR', () => {
  it('sends exactly the planned requests, without reading the sheet again; run again it sends nothing', async () => {
    const { file, out } = await scenario();
    const planned = await cli(['plan', file, '--out', out]);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = readPlan(out);
    const expected = plannedRequests(plan.items);
    expect(expected).toBe(4); // create-tag, two creates, one update

    rmSync(file); // the sheet is not needed any more
    const before = await writes();
    const applied = await cli(['apply', out, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await writes()).toBe(before + expected);
    expect(applied.stdout).toContain('Done: created 2, updated 1');
    expect(existsSync(join(out, 'report.xlsx'))).toBe(true);
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(true);

    const again = await cli(['apply', out, '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(await writes()).toBe(before + expected);
  });

  it('refuses with exit 2, naming the person, and sends nothing when a planned person was changed since the plan', async () => {
    const { file, out, existingId } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const changed = await api(sandbox, 'PUT', `/users/${existingId}`, { body: { user: { title: 'Кладовщик' } } });
    expect(changed.status).toBe(200);

    const before = await writes();
    const refused = await cli(['apply', out, '--yes']);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('the directory changed since the plan');
    expect(refused.stderr).toContain(`user ${existingId}`);
    expect(refused.stderr).toContain('plan again');
    expect(await writes()).toBe(before);
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(false);
  });

  it('refuses when someone with a planned new e-mail appeared since the plan', async () => {
    const { file, out } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const hire = readPlan(out).items.find((item) => item.kind === 'create')!;
    expect((await api(sandbox, 'POST', '/users', { body: { user: { email: hire.email, first_name: 'Кто-то' } } })).status).toBe(201);
    const before = await writes();
    const refused = await cli(['apply', out, '--yes']);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`${hire.email} now exists`);
    expect(await writes()).toBe(before);
  });

  it('refuses a plan.json whose item lacks what its kind needs (an update without its user id), naming the field; nothing sent', async () => {
    const { file, out } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const path = join(out, 'plan.json');
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { items: SavedItem[] };
    const index = saved.items.findIndex((item) => item.kind === 'update');
    expect(index).toBeGreaterThanOrEqual(0);
    delete saved.items[index]!.userId;
    writeFileSync(path, JSON.stringify(saved));
    const before = await writes();
    const refused = await cli(['apply', out, '--yes']);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`field items.${index}.userId`);
    expect(await writes()).toBe(before);
  });

  it('continues from the journal: what an earlier attempt did is neither checked again nor sent again', async () => {
    const { file, out, existingId } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const plan = readPlan(out);
    const update = plan.items.find((item) => item.kind === 'update')!;
    // An earlier attempt updated the person and journaled it, then was stopped.
    expect((await api(sandbox, 'PUT', `/users/${existingId}`, { body: { user: { department: 'Логистика' } } })).status).toBe(200);
    appendFileSync(join(out, 'journal.jsonl'), `${JSON.stringify({ at: new Date().toISOString(), run: plan.runId, input: plan.input.sha256, key: update.key, step: 'user', kind: 'update', ok: true, userId: existingId })}\n`);

    const before = await writes();
    const applied = await cli(['apply', out, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await writes()).toBe(before + plannedRequests(plan.items) - 1);
    expect(applied.stdout).toContain('updated 1');
  });

  it('needs --yes without a terminal, and a saved plan in the folder', async () => {
    const { file, out } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const before = await writes();
    const unconfirmed = await cli(['apply', out]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    const empty = join(workDir, `empty-${++counter}`);
    const missing = await cli(['apply', empty, '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such run folder');
    expect(await writes()).toBe(before);
  });
});

/** GET requests by route template since `from` (an index into the request log); a 429's retry counts once. */
async function readsSince(from: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const record of (await fetchRequestLog(sandbox)).slice(from)) {
    if (record.method === 'GET' && record.status !== 429) counts[record.route] = (counts[record.route] ?? 0) + 1;
  }
  return counts;
}

describe('apply DIR reads only what the plan touches', () => {
  it('a small plan: GET /users/{id} per person it changes, one search per e-mail it creates, the tag list; no directory listing', async () => {
    const { file, out } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    const from = (await fetchRequestLog(sandbox)).length;
    const applied = await cli(['apply', out, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const reads = await readsSince(from);
    // One person updated, two hires looked up by search, the tags once; the token checks; no custom properties listing.
    expect(reads).toEqual({ 'GET /users/{id}': 1, 'GET /users': 2, 'GET /group_tags': 1, 'GET /oauth/token/info': 1, 'GET /profile': 1 });
  });

  it('a small plan whose person was deleted since: refused, naming them, nothing sent', async () => {
    const { file, out, existingId } = await scenario();
    expect((await cli(['plan', file, '--out', out])).code).toBe(0);
    expect((await api(sandbox, 'DELETE', `/users/${existingId}`)).status).toBe(204);
    const before = await writes();
    const refused = await cli(['apply', out, '--yes']);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`user ${existingId} (old${counter}@example.ru) is gone`);
    expect(await writes()).toBe(before);
  });

  it('more than 200 people: the directory is listed once instead of a request per person', async () => {
    const client = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken, rps: 1000 });
    const basisOf = (count: number): PlanBasis => Object.fromEntries(Array.from({ length: count }, (_, index) => [
      `row:${index + 2}`, { user: { id: 900_000 + index, fields: {} } },
    ]));
    let from = (await fetchRequestLog(sandbox)).length;
    const few = await readBasisDirectory(client, basisOf(TARGETED_BASIS_LIMIT), new Set());
    expect(few.users).toEqual([]); // none of those ids exists
    expect(await readsSince(from)).toEqual({ 'GET /users/{id}': TARGETED_BASIS_LIMIT });

    from = (await fetchRequestLog(sandbox)).length;
    const many = await readBasisDirectory(client, basisOf(TARGETED_BASIS_LIMIT + 1), new Set());
    expect(many.users.length).toBe(sandbox.directory().users.length);
    const reads = await readsSince(from);
    expect(reads['GET /users/{id}']).toBeUndefined();
    expect(reads['GET /users']).toBeGreaterThanOrEqual(1);
  });
});
