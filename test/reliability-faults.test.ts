// Reliability: a 300-row import (60 updates, 240 creates, 4 new tags) under each sandbox fault
// ends with the directory exactly as the sheet says, no duplicates, and a report that matches the
// directory row by row. The CLI runs as a real subprocess; the sandbox runs here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/reports/report.js';
import type { FaultRates } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { runCli } from './helpers/cli.js';
import { expectDirectoryAsSheet, reliabilityRows, reliabilitySeed, SHEET_HEADER } from './helpers/reliability.js';
import { startTestSandbox } from './helpers/sandbox.js';

const EXISTING = 60;
const rows = reliabilityRows(EXISTING, 240);
const tempDir = mkdtempSync(join(tmpdir(), 'reliability-faults-'));
const sheetFile = join(tempDir, 'people.csv');
beforeAll(() => writeCsvFile(sheetFile, SHEET_HEADER, rows));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const FAULT_CASES: Array<{ name: string; faults: FaultRates }> = [
  { name: '5xx', faults: { '5xx': 0.12 } },
  { name: 'reset', faults: { reset: 0.1 } },
  { name: 'lost', faults: { lost: 0.1 } },
  { name: 'slow', faults: { slow: 0.06 } },
  { name: 'mix', faults: { '5xx': 0.04, reset: 0.04, lost: 0.04, slow: 0.03 } },
];

// One case at a time: five imports with --timeout 0.5 side by side on two cores time each other
// out (a loaded machine answers slower than 0.5 s), which tests the machine, not the tool.
describe('a 300-row import under each sandbox fault', () => {
  it.each(FAULT_CASES)('ends exactly as the sheet says under $name', async ({ name, faults }) => {
    const box = await startTestSandbox({ seed: reliabilitySeed(EXISTING), rps: 1000, faults, faultSeed: 42, slowMs: 1500 });
    try {
      const out = join(tempDir, `run-${name}`);
      // --timeout 0.5 against 1.5 s slow answers: the POST's outcome is unknown, so the tool
      // must look the user up before sending it again.
      const result = await runCli(
        ['import', sheetFile, '--yes', '--quiet', '--out', out, '--api-url', box.url,
          '--rps', '1000', '--concurrency', '16', '--retries', '10', '--timeout', '0.5'],
        { env: { PACHCA_TOKEN: box.adminToken }, timeoutMs: 170_000 },
      );
      expect(result.code, result.stderr).toBe(0);
      expectDirectoryAsSheet(box, rows, out, (email) => [email.startsWith('new') ? 'created' : 'updated']);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
      expect(summary.retries, 'the run met the fault and retried').toBeGreaterThan(0);
      expect(summary.counts).toMatchObject({ created: 240, updated: EXISTING, failed: 0 });
    } finally {
      await box.stop();
    }
  }, 180_000);
});
