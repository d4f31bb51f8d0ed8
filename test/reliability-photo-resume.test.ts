// Reliability: an import uploading photos (--photos DIR) killed with SIGKILL mid-way and finished
// with --resume uploads every photo exactly once: the done uploads are neither journaled twice nor
// sent again (the fresh plan sees those people with a photo; the journal covers the rest).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCsvFile } from '../src/sheets/write.js';
import { CLI_PATH, PROJECT_ROOT, runCli } from './helpers/cli.js';
import { reliabilitySeed } from './helpers/reliability.js';
import { startTestSandbox } from './helpers/sandbox.js';

const PEOPLE = 60;
const KILL_AT_LINES = 10;
const IMAGE = fileURLToPath(new URL('../fixtures/images/m.ivanova@example.ru.png', import.meta.url));
const tempDir = mkdtempSync(join(tmpdir(), 'photo-resume-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const journalLines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 during photo uploads, then --resume', () => {
  it('finishes without repeating a done upload', async () => {
    const photos = join(tempDir, 'photos');
    mkdirSync(photos);
    const emails = Array.from({ length: PEOPLE }, (_, index) => `old${index}@example.ru`);
    for (const email of emails) copyFileSync(IMAGE, join(photos, `${email}.png`));
    const sheet = join(tempDir, 'people.csv');
    await writeCsvFile(sheet, ['email'], emails.map((email) => [email]));
    const box = await startTestSandbox({ seed: reliabilitySeed(PEOPLE), latencyMs: 30 });
    try {
      const out = join(tempDir, 'run');
      const journal = join(out, 'journal.jsonl');
      const child = spawn(process.execPath, [CLI_PATH, 'import', sheet, '--photos', photos, '--yes', '--quiet', '--out', out, '--api-url', box.url], {
        cwd: PROJECT_ROOT, env: { ...process.env, PACHCA_TOKEN: box.adminToken }, stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      let finishedAlone = false;
      void exited.then(() => (finishedAlone = true));
      while (!finishedAlone && journalLines(journal).length < KILL_AT_LINES) await sleep(3);
      child.kill('SIGKILL');
      expect(await exited, 'the run was still going when killed').toBe('SIGKILL');
      const linesAtKill = journalLines(journal).length;
      expect(linesAtKill).toBeLessThan(PEOPLE);
      const uploads = (): number => box.requestLog().filter((record) => record.route === 'PUT /users/{user_id}/avatar' && record.status === 200).length;
      // Let any upload still on the wire land before the resume lists the directory.
      await sleep(200);
      const uploadedBeforeResume = uploads();

      const resumed = await runCli(['import', '--resume', out, '--yes', '--quiet', '--api-url', box.url], { env: { PACHCA_TOKEN: box.adminToken } });
      expect(resumed.code, resumed.stderr).toBe(0);
      const people = box.directory().users.filter((user) => user.email?.startsWith('old'));
      expect(people.filter((user) => !user.image_url)).toEqual([]);
      // One upload per person across both attempts; the resume sent only what was left.
      expect(uploads()).toBe(PEOPLE);
      expect(uploads() - uploadedBeforeResume).toBeLessThanOrEqual(PEOPLE - linesAtKill);
      const steps = journalLines(journal).map((line) => JSON.parse(line) as { key: string; step: string; ok: boolean });
      const photoKeys = steps.filter((step) => step.step === 'photo' && step.ok).map((step) => step.key);
      expect(new Set(photoKeys).size).toBe(photoKeys.length);
      const report = readFileSync(join(out, 'report.csv'), 'utf8');
      expect(report.split('\n').filter((line) => line.includes('@example.ru') && line.includes(',updated,'))).toHaveLength(PEOPLE);
    } finally {
      await box.stop();
    }
  }, 110_000);
});
