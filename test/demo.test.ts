import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readAndValidate } from '../src/records/validate.js';
import type { RunSummary } from '../src/reports/report.js';
import { PROJECT_ROOT, runCli } from './helpers/cli.js';

const tempDir = mkdtempSync(join(tmpdir(), 'demo-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('pachca-roster demo', () => {
  it('imports the Russian hire sheet into an in-process sandbox and exports the directory, with no token', async () => {
    const out = join(tempDir, 'run');
    const result = await runCli(['demo', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Sandbox with the sample company at http:\/\/127\.0\.0\.1:\d+\/api\/shared\/v1/);
    expect(result.stdout).toContain(`Report: ${join(out, 'report.xlsx')}`);
    expect(existsSync(join(out, 'report.xlsx'))).toBe(true);

    // Everyone on the hire sheet (none of them is in the sample company yet) was created ...
    const hires = (await readAndValidate(join(PROJECT_ROOT, 'fixtures', 'hires-ru.xlsx'))).records.map((record) => record.email);
    expect(hires.length).toBeGreaterThan(10);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.counts).toMatchObject({ created: hires.length, failed: 0 });

    // ... and shows up in the export taken after the import.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'directory-export.xlsx'));
    const users = workbook.getWorksheet('Users')!;
    const emailColumn = (users.getRow(1).values as ExcelJS.CellValue[]).indexOf('email');
    expect(emailColumn).toBeGreaterThan(0);
    const exported = new Set<string>();
    users.eachRow((row, rowNumber) => rowNumber > 1 && exported.add(String(row.getCell(emailColumn).value)));
    expect(hires.filter((email) => !exported.has(email))).toEqual([]);
    expect(result.stdout).toContain(`Exported the directory after the import: ${users.rowCount - 1} users`);

    // The audit with the security log: every section has data, and the import's creations are the tool's.
    expect(existsSync(join(out, 'audit.html')) && existsSync(join(out, 'audit.xlsx'))).toBe(true);
    expect(result.stdout).toContain(`Accounts created by this tool: ${hires.length}\n`);
    for (const line of ['Role changes', 'Accounts deleted', 'API token changes', 'Repeated 2FA failures (people, 2+)', 'People who signed in', 'Changes outside the tool']) {
      expect(result.stdout).toMatch(new RegExp(`  ${line.replace(/[()+]/g, '\\$&')}: [1-9]`));
    }
  });
});
