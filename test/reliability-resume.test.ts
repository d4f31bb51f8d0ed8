// Reliability: the CLI killed with SIGKILL at three points of a 300-row import (right after the
// first journal line, while tags are being created; mid-way; near the end) and finished with
// --resume ends with the directory complete, nobody and no tag twice, and a consistent report.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/reports/report.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { CLI_PATH, PROJECT_ROOT, runCli } from './helpers/cli.js';
import { expectDirectoryAsSheet, reliabilityRows, reliabilitySeed, SHEET_HEADER } from './helpers/reliability.js';
import { startTestSandbox } from './helpers/sandbox.js';

const EXISTING = 60;
const rows = reliabilityRows(EXISTING, 240);
/** 4 tag creates + 300 user writes, one journal line each. */
const ACTIONS = 4 + rows.length;
const tempDir = mkdtempSync(join(tmpdir(), 'reliability-resume-'));
const sheetFile = join(tempDir, 'people.csv');
beforeAll(() => writeCsvFile(sheetFile, SHEET_HEADER, rows));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function journalLines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const KILL_POINTS = [
  { name: 'during tag creation', killAtLines: 1 },
  { name: 'mid-way', killAtLines: 150 },
  { name: 'near the end', killAtLines: 285 },
];

describe('kill -9 and --resume', () => {
  it.concurrent.each(KILL_POINTS)('finishes a run killed $name with no duplicates', async ({ name, killAtLines }) => {
    const box = await startTestSandbox({ seed: reliabilitySeed(EXISTING), latencyMs: 30 });
    try {
      const out = join(tempDir, `run-${name.replace(/\W+/g, '-')}`);
      const journal = join(out, 'journal.jsonl');
      const child = spawn(process.execPath, [CLI_PATH, 'import', sheetFile, '--yes', '--quiet', '--out', out, '--api-url', box.url], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PACHCA_TOKEN: box.adminToken },
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      let finishedAlone = false;
      void exited.then(() => (finishedAlone = true));
      while (!finishedAlone && journalLines(journal) < killAtLines) await sleep(3);
      child.kill('SIGKILL');
      expect(await exited, 'the run was still going when killed').toBe('SIGKILL');
      const linesAtKill = journalLines(journal);
      expect(linesAtKill).toBeGreaterThanOrEqual(killAtLines);
      expect(linesAtKill).toBeLessThan(ACTIONS);
      const writesBeforeResume = box.stats().writes;
      expect(box.directory().users.length).toBeLessThan(2 + rows.length);

      const resumed = await runCli(['import', '--resume', out, '--yes', '--quiet', '--api-url', box.url], {
        env: { PACHCA_TOKEN: box.adminToken },
      });
      expect(resumed.code, resumed.stderr).toBe(0);
      // A write whose answer died with the process is found by the new snapshot and reported as
      // done by the earlier attempt: every row shows what happened across both attempts.
      expectDirectoryAsSheet(box, rows, out, (email) => [email.startsWith('new') ? 'created' : 'updated']);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
      expect(summary.resumed).toBe(true);
      // The resume wrote only what was left: at most the actions not journaled before the kill.
      expect(box.stats().writes - writesBeforeResume).toBeLessThanOrEqual(ACTIONS - linesAtKill);
      expect(box.stats().writes - writesBeforeResume).toBeGreaterThan(0);
    } finally {
      await box.stop();
    }
  }, 110_000);
});
