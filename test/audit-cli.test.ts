// The audit command end to end: the CLI (in process) against the sandbox seeded with fixtures/audit-directory.json.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

// The fixture's dates are days before this instant; the test moves them so they are days before now.
const FIXTURE_NOW = Date.parse('2026-06-01T12:00:00Z');

function seedRelativeToNow(): SandboxDirectory {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/audit-directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
  const shift = Date.now() - FIXTURE_NOW;
  const moved = (iso: string | null): string | null => (iso === null ? null : new Date(Date.parse(iso) + shift).toISOString());
  return {
    ...fixture,
    users: fixture.users.map((user) => ({ ...user, created_at: moved(user.created_at)!, last_activity_at: moved(user.last_activity_at) })),
  };
}

let sandbox: RunningSandbox;
let workDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: seedRelativeToNow() });
  workDir = await mkdtemp(join(tmpdir(), 'audit-cli-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
});

function audit(args: string[]): ReturnType<typeof runCliInProcess> {
  return runCliInProcess(['audit', ...args], { env: { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken }, cwd: workDir });
}

describe('pachca-roster audit', () => {
  it('prints a count per finding', async () => {
    const result = await audit([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const counts = Object.fromEntries(
      result.stdout.split('\n').map((line) => /^ {2}(.+?)\s{2,}(\d+)$/.exec(line)).filter((match) => match !== null).map((match) => [match[1], Number(match[2])]),
    );
    expect(counts).toEqual({
      Inactive: 3, 'Pending invites': 2, 'Suspended but still in tags': 1, 'Missing fields': 1,
      'Admins and guests': 3, 'Empty tags': 1, 'Possible duplicates': 2,
    });
    expect(result.stdout).not.toContain(sandbox.adminToken);
    // The finding names the command that fixes it.
    expect(result.stdout).toContain('To fix: pachca-roster offboard EMAIL... (takes them out of every tag, clears the status, keeps them suspended)');
  });

  it('takes --inactive-days and prints JSON with --json', async () => {
    const result = await audit(['--inactive-days', '4', '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { inactiveDays: number; counts: Record<string, number>; files: string[] };
    expect(output.inactiveDays).toBe(4);
    expect(output.counts.inactive).toBe(5);
    expect(output.files).toEqual([]);
  });

  it('writes the workbook and the self-contained HTML page', async () => {
    const xlsx = join(workDir, 'audit.xlsx');
    const html = join(workDir, 'audit.html');
    const result = await audit(['--out', xlsx, '--html', html, '--tz', 'Asia/Yekaterinburg', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { files: string[] }).files).toEqual([xlsx, html]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const inactive = workbook.getWorksheet('Inactive')!;
    const emails: unknown[] = [];
    inactive.eachRow((row, rowNumber) => rowNumber > 1 && emails.push(row.getCell(2).value));
    expect(emails.sort()).toEqual(['never@example.com', 'old@example.com', 'stale.invite@example.com']);

    const page = await readFile(html, 'utf8');
    expect(page.match(/<svg[\s\S]*?<\/svg>/g)).toHaveLength(2);
    expect(page).toContain('stale.invite@example.com');
    expect(page).toContain('Times are in the Asia/Yekaterinburg time zone.');
    expect(page).not.toContain(sandbox.adminToken);
  });

  it('refuses a negative --inactive-days with exit code 2', async () => {
    const result = await audit(['--inactive-days', '-5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--inactive-days/);
  });

  it('exits 3 on a token the API rejects', async () => {
    const result = await runCliInProcess(['audit'], { env: { PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: 'wrong-token-123' }, cwd: workDir });
    expect(result.code).toBe(3);
    expect(result.stderr).not.toContain('wrong-token-123');
  });
});
