import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/reports/report.js';
import { runCli } from './helpers/cli.js';

const tempDir = mkdtempSync(join(tmpdir(), 'demo-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('pachca-roster demo', () => {
  it('imports the Russian hire sheet into an in-process sandbox and exports the directory, with no token', async () => {
    const out = join(tempDir, 'run');
    const result = await runCli(['demo', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Sandbox with the sample company at http:\/\/127\.0\.0\.1:\d+\/api\/shared\/v1/);
    expect(result.stdout).toContain(`Report: ${join(out, 'report.xlsx')}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.counts.created).toBeGreaterThan(0);
    expect(summary.counts.failed).toBe(0);
    expect(existsSync(join(out, 'report.xlsx'))).toBe(true);
    expect(existsSync(join(out, 'directory-export.xlsx'))).toBe(true);
  });
});
