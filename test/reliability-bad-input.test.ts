// Reliability: every file of the bad-input corpus (fixtures/bad/, plus a 10 MB cell generated
// here rather than committed) makes `import` exit 2 with a one-line reason naming the file, and
// the API never hears a single request.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { PROJECT_ROOT } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const BAD_DIR = join(PROJECT_ROOT, 'fixtures', 'bad');
/** The kinds the corpus must hold (the list), by file name. */
const REQUIRED = {
  'truncated XLSX': 'truncated.xlsx',
  'a zip that is not a workbook': 'not-a-workbook.xlsx',
  'an XLSX whose sheet XML expands past a sane size': 'zip-bomb.xlsx',
  'binary garbage named .csv': 'binary.csv',
  'an empty file': 'empty.csv',
  'a header-only file': 'header-only.csv',
  'an over-long cell': 'huge-cell.csv',
  'an .xls': 'old.xls',
};

let sandbox: RunningSandbox;
let tempDir: string;
let tenMegabyteCell: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  tempDir = await mkdtemp(join(tmpdir(), 'reliability-bad-'));
  tenMegabyteCell = join(tempDir, 'ten-megabyte-cell.csv');
  await writeFile(tenMegabyteCell, `Email,Имя,Отдел\r\nbig@example.ru,${'я'.repeat(5 * 1024 * 1024)},Продажи\r\n`);
});
afterAll(async () => {
  await sandbox.stop();
  await rm(tempDir, { recursive: true, force: true });
});

describe('the bad-input corpus', () => {
  it('holds every kind of bad file the issue lists', () => {
    const present = new Set(readdirSync(BAD_DIR));
    for (const [kind, file] of Object.entries(REQUIRED)) expect(present.has(file), `${kind}: fixtures/bad/${file}`).toBe(true);
  });

  it('makes import exit 2 with a one-line reason naming the file, and sends no request', async () => {
    const files = [...readdirSync(BAD_DIR).map((name) => join(BAD_DIR, name)), tenMegabyteCell];
    for (const file of files) {
      const result = await runCliInProcess(['import', file, '--yes', '--out', join(tempDir, `run-${basename(file)}`), '--api-url', sandbox.url], {
        env: { PACHCA_TOKEN: sandbox.adminToken },
      });
      const name = basename(file);
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      const message = result.stderr.trim();
      expect(message.split('\n'), `${name}: one line`).toHaveLength(1);
      expect(message, name).toMatch(/^Error: /);
      expect(message, name).toContain(name);
      expect(message, name).not.toContain(sandbox.adminToken);
    }
    expect(sandbox.stats().total, 'requests to the API').toBe(0);
    expect(sandbox.requestLog()).toEqual([]);
  });

  it('says why for the 10 MB cell: which row, which column, how long', async () => {
    const result = await runCliInProcess(['import', tenMegabyteCell, '--yes', '--out', join(tempDir, 'run-again'), '--api-url', sandbox.url], { env: { PACHCA_TOKEN: sandbox.adminToken } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ten-megabyte-cell\.csv: row 2, column "Имя"/);
    expect(result.stderr).toContain('5,242,880 characters');
    expect(sandbox.stats().total).toBe(0);
  });
});
