// Imports that meet network faults or a kill -9 end with the directory exactly as the sheet says
// and no duplicate emails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { RunSummary } from '../src/reports/report.js';
import { CLI_PATH, PROJECT_ROOT } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const tempDir = mkdtempSync(join(tmpdir(), 'import-faults-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

function people(count: number, prefix: string): string[][] {
  return Array.from({ length: count }, (_, index) => [
    `${prefix}${index}@example.ru`, `Имя${index}`, `Фамилия${index}`, `Отдел ${index % 5}`, index % 3 === 0 ? 'Команда А' : 'Команда Б',
  ]);
}
const HEADER = ['email', 'first_name', 'last_name', 'department', 'tags'];

function expectDirectoryMatches(box: RunningSandbox, rows: string[][]): void {
  const users = box.directory().users;
  const emails = users.map((user) => user.email?.toLowerCase()).filter(Boolean);
  expect(new Set(emails).size, 'duplicate emails').toBe(emails.length);
  for (const [email, first, last, department, tag] of rows) {
    const matching = users.filter((user) => user.email === email);
    expect(matching, email).toHaveLength(1);
    expect(matching[0]).toMatchObject({ first_name: first, last_name: last, department, list_tags: [tag] });
  }
  expect(box.directory().tags.map((tag) => tag.name).sort()).toEqual(['Команда А', 'Команда Б']);
}

describe('import under faults', () => {
  it('ends exactly as the sheet says under lost, 5xx and reset faults, with no duplicates', async () => {
    sandbox = await startTestSandbox({ faults: { lost: 0.12, '5xx': 0.1, reset: 0.08 }, faultSeed: 7 });
    const rows = people(40, 'fault');
    const file = join(tempDir, 'faults.csv');
    await writeCsvFile(file, HEADER, rows);
    const out = join(tempDir, 'faults-run');
    const result = await runCliInProcess(
      ['import', file, '--yes', '--out', out, '--api-url', sandbox.url, '--retries', '10', '--json'],
      { env: { PACHCA_TOKEN: sandbox.adminToken } },
    );
    expect(result.code, result.stderr).toBe(0);
    expectDirectoryMatches(sandbox, rows);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.counts.created).toBe(40);
    const serverErrors = Object.values(sandbox.stats().requests)
      .flatMap((byStatus) => Object.entries(byStatus))
      .filter(([status]) => status.startsWith('5'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(serverErrors, 'the run met 5xx faults').toBeGreaterThan(0);
  });

  it('finishes a run killed with SIGKILL mid-way through --resume, with no duplicates', async () => {
    sandbox = await startTestSandbox({ latencyMs: 20 });
    const rows = people(300, 'kill');
    const file = join(tempDir, 'kill.csv');
    await writeCsvFile(file, HEADER, rows);
    const out = join(tempDir, 'kill-run');
    const journal = join(out, 'journal.jsonl');

    const child = spawn(process.execPath, [CLI_PATH, 'import', file, '--yes', '--quiet', '--out', out, '--api-url', sandbox.url], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PACHCA_TOKEN: sandbox.adminToken },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const lines = (): number => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean).length : 0);
    const deadline = Date.now() + 60_000;
    while (lines() < 60 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const doneBeforeKill = lines();
    expect(doneBeforeKill).toBeGreaterThanOrEqual(60);
    expect(doneBeforeKill).toBeLessThan(300);

    const resumed = await runCliInProcess(['import', '--resume', out, '--yes', '--api-url', sandbox.url], { env: { PACHCA_TOKEN: sandbox.adminToken } });
    expect(resumed.code, resumed.stderr).toBe(0);
    expectDirectoryMatches(sandbox, rows);

    const { parse } = await import('csv-parse/sync');
    const report = parse(readFileSync(join(out, 'report.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(report.map((line) => line.email)).toEqual(rows.map(([email]) => email));
    // A create whose answer died with the process shows up as unchanged: it exists, nobody knew.
    expect(report.every((line) => line.result === 'created' || line.result === 'unchanged')).toBe(true);
    expect(report.filter((line) => line.result === 'created').length).toBeGreaterThanOrEqual(290);
    expect((JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary).resumed).toBe(true);
  });

  it('refuses --resume when the input changed since the run started', async () => {
    sandbox = await startTestSandbox();
    const file = join(tempDir, 'changed.csv');
    await writeCsvFile(file, HEADER, people(2, 'changed'));
    const out = join(tempDir, 'changed-run');
    const env = { PACHCA_TOKEN: sandbox.adminToken };
    expect((await runCliInProcess(['import', file, '--yes', '--out', out, '--api-url', sandbox.url], { env })).code).toBe(0);
    await writeCsvFile(file, HEADER, people(3, 'changed'));
    const writesBefore = sandbox.stats().writes;
    const resumed = await runCliInProcess(['import', '--resume', out, '--yes', '--api-url', sandbox.url], { env });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('SHA-256');
    expect(sandbox.stats().writes).toBe(writesBefore);
  });
});
