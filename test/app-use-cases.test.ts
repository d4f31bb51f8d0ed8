// The use cases of src/app driven directly through their ports, as a web page would: no terminal,
// no process.* read, nothing printed; what happens comes back as typed events and a plain result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applySavedPlan } from '../src/app/apply-saved.js';
import type { AppEvent } from '../src/app/events.js';
import { exportDirectory } from '../src/app/export-directory.js';
import { importSheet } from '../src/app/import-sheet.js';
import { validateSheet } from '../src/app/validate-sheet.js';
import { PachcaClient } from '../src/pachca/client.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/sync/plan.js';
import { startTestSandbox } from './helpers/sandbox.js';

const workDir = mkdtempSync(join(tmpdir(), 'app-use-cases-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.stop();
  vi.restoreAllMocks();
});

const fixedClock = { now: () => new Date('2026-08-14T10:00:00.000Z') };

function silentTerminal(): { written: () => number } {
  const out = vi.spyOn(process.stdout, 'write');
  const err = vi.spyOn(process.stderr, 'write');
  return { written: () => out.mock.calls.length + err.mock.calls.length };
}

async function hiresFile(name: string): Promise<string> {
  const file = join(workDir, name);
  await writeCsvFile(file, ['email', 'first_name', 'last_name'], [
    [`${name}.a@example.ru`, 'Анна', 'Новикова'],
    [`${name}.b@example.ru`, 'Борис', 'Новиков'],
    [`${name}.c@example.ru`, 'Вера', 'Новая'],
  ]);
  return file;
}

describe('use cases through their ports', () => {
  it('importSheet plans (dry run) and applySavedPlan applies: events in order, plain results, nothing printed', async () => {
    const terminal = silentTerminal();
    const events: AppEvent[] = [];
    const file = await hiresFile('plan-apply');
    const out = join(workDir, 'plan-apply-run');
    const client = (): PachcaClient => new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken });

    const planned = await importSheet(
      { file, outDir: out, dryRun: true, yes: false, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS },
      { readSheet: async (path, options) => (await validateSheet(path, options)).sheet, connect: client, events: (event) => events.push(event), clock: fixedClock },
    );
    expect(planned.status).toBe('ok');
    expect(planned.summary).toMatchObject({ dryRun: true, planned: { create: 3 } });
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['run-folder', 'plan-ready', 'note', 'finished']));

    events.length = 0;
    const applied = await applySavedPlan({ dir: out, yes: true }, { connect: client, events: (event) => events.push(event), clock: fixedClock });
    expect(applied.status).toBe('ok');
    expect(applied.summary?.counts.created).toBe(3);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'action-done')).toHaveLength(3);
    expect(types.indexOf('plan-ready')).toBeLessThan(types.indexOf('apply-started'));
    expect(types.at(-1)).toBe('finished');
    // The fixed clock: no time passed for the use case.
    expect(applied.summary?.elapsedSeconds).toBe(0);
    expect(terminal.written()).toBe(0);
  });

  it('applySavedPlan without yes and without a way to confirm refuses before sending', async () => {
    const file = await hiresFile('no-confirm');
    const out = join(workDir, 'no-confirm-run');
    const client = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken });
    await importSheet(
      { file, outDir: out, dryRun: true, yes: false, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS },
      { readSheet: async (path, options) => (await validateSheet(path, options)).sheet, connect: () => client, events: () => undefined },
    );
    const asked: string[] = [];
    const declined = await applySavedPlan({ dir: out, yes: false }, {
      connect: () => client,
      confirm: async (question) => {
        asked.push(question);
        return false;
      },
      events: () => undefined,
    });
    expect(asked).toEqual([`Apply 3 changes to ${sandbox.url}?`]);
    expect(declined.status).toBe('cancelled');
    await expect(applySavedPlan({ dir: out, yes: false }, { connect: () => client, events: () => undefined })).rejects.toThrow(/pass --yes/);
  });

  it('exportDirectory writes the workbook and reports the listing as events', async () => {
    const events: AppEvent[] = [];
    const path = join(workDir, 'export.xlsx');
    const result = await exportDirectory(
      { target: { format: 'xlsx', path }, filter: { includeBots: false } },
      { api: new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken }), events: (event) => events.push(event), clock: fixedClock },
    );
    expect(result.files).toEqual([path]);
    expect(result.exportedAt.toISOString()).toBe('2026-08-14T10:00:00.000Z');
    expect(events.at(-1)).toEqual({ type: 'listing-done' });
  });
});
