// Ctrl+C and SIGTERM: at the prompt nothing changes (exit 130); during apply the run stops
// sending, finishes what is in flight, writes journal, report and summary, prints the command
// that finishes it and exits 130; a second Ctrl+C exits at once with the journal intact; and
// --resume then completes with nobody created twice. The sandbox is slow (--latency-ms) and the
// signal is sent once the journal holds some lines, so no test depends on timing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/reports/report.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { CLI_PATH, PROJECT_ROOT } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { readReport } from './helpers/reliability.js';
import { startTestSandbox } from './helpers/sandbox.js';

const workDir = mkdtempSync(join(tmpdir(), 'import-interrupt-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let counter = 0;
let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function hires(count: number): Promise<{ file: string; emails: string[] }> {
  const file = join(workDir, `hires-${++counter}.csv`);
  const emails = Array.from({ length: count }, (_, index) => `stop${index + 1}.${counter}@example.ru`);
  await writeCsvFile(file, ['email', 'first_name'], emails.map((email, index) => [email, `Имя${index + 1}`]));
  return { file, emails };
}

interface Entry { key: string; step: string; ok: boolean; userId?: number; email?: string }

/** Every line parses (no torn line); returns the entries. */
function journalEntries(folder: string): Entry[] {
  const path = join(folder, 'journal.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Entry);
}

function journalLineCount(folder: string): number {
  const path = join(folder, 'journal.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;
}

async function until(condition: () => boolean, what: string, child?: ChildProcess): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (child && child.exitCode !== null) throw new Error(`the run ended before ${what}`);
    if (waited > 90_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** The sandbox has answered every request that reached it (a killed client's too). */
function settled(box: RunningSandbox): Promise<void> {
  return until(() => box.stats().total === box.requestLog().length, 'the sandbox to answer every request');
}

function spawnImport(box: RunningSandbox, args: string[]): { child: ChildProcess; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI_PATH, 'import', ...args, '--api-url', box.url], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PACHCA_TOKEN: box.adminToken, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.resume();
  child.stdin!.end();
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

/** Finishes the run with --resume and checks everyone exists exactly once and is reported created. */
async function resumeAndCheck(box: RunningSandbox, out: string, emails: string[]): Promise<void> {
  await settled(box);
  // The resume needs no signal: it runs in this process.
  const resumed = await runCliInProcess(['import', '--resume', out, '--yes', '--api-url', box.url], { env: { PACHCA_TOKEN: box.adminToken } });
  expect(resumed.code, resumed.stderr).toBe(0);
  const all = box.directory().users.map((user) => user.email);
  for (const email of emails) expect(all.filter((candidate) => candidate === email), email).toHaveLength(1);
  expect(readReport(out).map((line) => line.result)).toEqual(emails.map(() => 'created'));
}

describe('Ctrl+C during apply (pipes)', () => {
  it('stops sending, writes journal, report and summary, prints the resume command, exits 130; --resume finishes with no duplicates', async () => {
    sandbox = await startTestSandbox({ latencyMs: 60 });
    const box = sandbox;
    const { file, emails } = await hires(40);
    const out = join(workDir, `run-${++counter}`);
    const run = spawnImport(box, [file, '--yes', '--concurrency', '2', '--out', out]);
    await until(() => journalLineCount(out) >= 4, 'four journal lines', run.child);
    run.child.kill('SIGINT');
    expect(await run.exit, run.stderr()).toBe(130);
    expect(run.stderr()).toContain(`finish the run with: pachca-roster import --resume ${out}`);
    await settled(box);

    // Consistent: every request that went out finished and was journaled, nothing else was created.
    const created = journalEntries(out).filter((entry) => entry.step === 'user' && entry.ok);
    const inSandbox = box.directory().users.filter((user) => emails.includes(user.email ?? ''));
    expect(inSandbox.map((user) => user.id).sort()).toEqual(created.map((entry) => entry.userId).sort());
    expect(created.length).toBeLessThan(emails.length);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.exitCode).toBe(130);
    expect(summary.counts.created).toBe(created.length);
    const report = readReport(out);
    expect(report).toHaveLength(emails.length);
    expect(report.filter((line) => line.result === 'failed')).toHaveLength(emails.length - created.length);
    expect(existsSync(join(out, 'run.lock'))).toBe(false);

    await resumeAndCheck(box, out, emails);
  });

  it('SIGTERM is taken like Ctrl+C, and a second signal exits at once with the journal intact; --resume then finishes with no duplicates', async () => {
    // Slow answers keep the first Ctrl+C waiting for the requests in flight.
    sandbox = await startTestSandbox({ latencyMs: 1500 });
    const box = sandbox;
    const { file, emails } = await hires(12);
    const out = join(workDir, `run-${++counter}`);
    const run = spawnImport(box, [file, '--yes', '--concurrency', '2', '--out', out]);
    await until(() => journalLineCount(out) >= 1, 'a journal line', run.child);
    run.child.kill('SIGTERM');
    await until(() => run.stderr().includes('Ctrl+C again to exit at once'), 'the first interrupt to be taken', run.child);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toContain('Exiting at once');
    expect(run.stderr()).toContain(`pachca-roster import --resume ${out}`);
    expect(() => journalEntries(out)).not.toThrow();
    expect(existsSync(join(out, 'run.lock'))).toBe(false);

    box.configure({ latencyMs: 0 });
    await resumeAndCheck(box, out, emails);
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The CLI on a pseudo-terminal (util-linux script); `typeCtrlC` says when to type Ctrl+C. */
function onTerminal(box: RunningSandbox, args: string[], typeCtrlC: (screen: string) => boolean): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, CLI_PATH, 'import', ...args, '--api-url', box.url].map(shellQuote).join(' ');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PACHCA_')) env[key] = value;
  Object.assign(env, { PACHCA_TOKEN: box.adminToken, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '120' });
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    const poll = setInterval(() => {
      if (!typed && typeCtrlC(screen)) {
        typed = true;
        child.stdin.write('\u0003');
      }
    }, 5);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}

describe('Ctrl+C on a terminal', () => {
  it('has the pty tool it needs (util-linux script)', () => {
    expect(hasScript).toBe(true);
  });

  it('at the confirmation question: "Cancelled: nothing was changed", exit 130, nothing sent', async () => {
    sandbox = await startTestSandbox();
    const box = sandbox;
    const { file } = await hires(3);
    const run = await onTerminal(box, [file, '--out', join(workDir, `run-${++counter}`)], (screen) => screen.includes('[y/N] '));
    expect(run.code, run.screen).toBe(130);
    expect(run.screen).toContain('Cancelled: nothing was changed');
    expect(run.screen).not.toContain('Error');
    expect(box.stats().writes).toBe(0);
  });

  it('during apply the progress bar is stopped and the terminal restored (cursor shown, wrapping on)', async () => {
    sandbox = await startTestSandbox({ latencyMs: 60 });
    const box = sandbox;
    const { file, emails } = await hires(40);
    const out = join(workDir, `run-${++counter}`);
    const run = await onTerminal(box, [file, '--yes', '--concurrency', '2', '--out', out], () => journalLineCount(out) >= 3);
    expect(run.code, run.screen).toBe(130);
    expect(run.screen).toContain('\u001b[?25l');
    const stoppedAt = run.screen.indexOf('Interrupted: sending nothing more');
    expect(stoppedAt).toBeGreaterThan(-1);
    // The last word on the cursor and wrapping is "on".
    expect(run.screen.lastIndexOf('\u001b[?25h')).toBeGreaterThan(run.screen.lastIndexOf('\u001b[?25l'));
    expect(run.screen.lastIndexOf('\u001b[?7h')).toBeGreaterThan(run.screen.lastIndexOf('\u001b[?7l'));
    expect(run.screen.lastIndexOf('\u001b[?25h')).toBeGreaterThan(stoppedAt);
    expect(run.screen).toContain(`pachca-roster import --resume ${out}`);
    await resumeAndCheck(box, out, emails);
  });
});
