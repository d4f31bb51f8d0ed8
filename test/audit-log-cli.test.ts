// audit --since/--days end to end: the CLI (in process) against the sandbox seeded with the demo company
// (fixtures/directory.json, whose security log runs from May to August 2026).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { NO_PLAN_NOTE, NO_SCOPE_NOTE } from '../src/sync/security-log.js';
import { PROJECT_ROOT } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const SEED = join(PROJECT_ROOT, 'fixtures', 'directory.json');
let sandbox: RunningSandbox;
let workDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: SEED });
  workDir = await mkdtemp(join(tmpdir(), 'audit-log-cli-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
});

function audit(args: string[], token = sandbox.adminToken, target: RunningSandbox = sandbox): ReturnType<typeof runCliInProcess> {
  return runCliInProcess(['audit', ...args], { env: { PACHCA_API_URL: target.url, PACHCA_TOKEN: token }, cwd: workDir });
}

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) return [];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('pachca-roster audit --since', () => {
  it('adds the security log of the demo company: counts, sheets, HTML sections and a chart', async () => {
    const xlsx = join(workDir, 'log.xlsx');
    const html = join(workDir, 'log.html');
    const result = await audit(['--since', '2026-05-01', '--json', '--out', xlsx, '--html', html]);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as { securityLog: { since: string; counts: Record<string, number>; journalsRead: number | null } };
    expect(output.securityLog.since).toBe('2026-05-01T00:00:00.000Z');
    expect(output.securityLog.counts).toEqual({
      roleChanges: 2, accountsCreated: 5, accountsCreatedByTool: 0, accountsDeleted: 1, tokenChanges: 3,
      repeated2faFailures: 1, peopleSignedIn: 25, outsideChanges: 12,
    });
    expect(output.securityLog.journalsRead).toBeNull();

    const roles = await sheetRows(xlsx, 'Role changes');
    expect(roles[0]).toEqual(expect.arrayContaining([expect.stringMatching(/^at \(.+\)$/), 'email', 'from', 'to', 'by_email']));
    expect(roles.slice(1).map((row) => row[2])).toEqual(['s.kozlova@example.ru', 'm.orlov@example.ru']);
    for (const name of ['Accounts created and deleted', 'API tokens', 'Repeated 2FA failures', 'Last sign-in', 'Changes outside the tool', 'Security events per day']) {
      expect((await sheetRows(xlsx, name)).length, name).toBeGreaterThan(1);
    }
    const page = await readFile(html, 'utf8');
    expect(page).toContain('aria-label="Security events per day"');
    expect(page).toContain('i.vasiliev@example.ru');
    expect(page).not.toContain('<script');
  });

  it('prints the sections in the text summary', async () => {
    const result = await audit(['--since', '2026-05-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Security log since 2026-05-01:');
    expect(result.stdout).toMatch(/ {2}Role changes\s+2\n/);
    expect(result.stdout).toMatch(/ {2}Repeated 2FA failures \(people, 2\+\)\s+1\n/);
  });

  it('without the scope: a one-line note in text, JSON, XLSX and HTML, and exit 0', async () => {
    const text = await audit(['--days', '30'], sandbox.botToken);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n').filter((line) => line.includes('Security log'))).toEqual([NO_SCOPE_NOTE]);

    const xlsx = join(workDir, 'bot.xlsx');
    const html = join(workDir, 'bot.html');
    const json = await audit(['--days', '30', '--json', '--out', xlsx, '--html', html], sandbox.botToken);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { securityLog: { note: string } }).securityLog.note).toBe(NO_SCOPE_NOTE);
    expect((await sheetRows(xlsx, 'Summary')).map((row) => row[1])).toContain(NO_SCOPE_NOTE);
    expect(await sheetRows(xlsx, 'Role changes')).toEqual([]);
    expect(await readFile(html, 'utf8')).toContain('lacks the audit_events:read scope');
    expect(json.stdout).not.toContain(sandbox.botToken);
  });

  it('off the Corporation plan: the note says so, and the audit still succeeds', async () => {
    const unpaid = await startTestSandbox({ seed: SEED, corporationPlan: false });
    try {
      const result = await audit(['--days', '30'], unpaid.adminToken, unpaid);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(NO_PLAN_NOTE);
      expect(result.stdout).toMatch(/ {2}Inactive\s+\d+/);
    } finally {
      await unpaid.stop();
    }
  });

  it('refuses bad flags with exit 2 before any request', async () => {
    const before = sandbox.stats().total;
    const cases: [string[], RegExp][] = [
      [['--since', '2026-05-01', '--days', '3'], /--since or --days, not both/],
      [['--since', 'last tuesday'], /--since must be a date/],
      [['--days', '0'], /--days must be a whole number/],
      [['--runs', workDir], /give --since DATE or --days N too/],
      [['--days', '5', '--runs', join(workDir, 'missing')], /--runs .*no such folder/],
    ];
    for (const [args, message] of cases) {
      const result = await audit(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(sandbox.stats().total).toBe(before);
  });
});
