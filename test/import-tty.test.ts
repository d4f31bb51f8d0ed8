// The interactive paths of import, on a real pseudo-terminal: util-linux `script` runs the built
// CLI with a pty as its stdin, stdout and stderr, and the test answers the confirmation question.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { CLI_PATH, PROJECT_ROOT } from './helpers/cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const QUESTION = /Apply (\d+) changes? to \S+\? \[y\/N\] /;

const workDir = mkdtempSync(join(tmpdir(), 'import-tty-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let counter = 0;

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.stop();
});

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

interface TtyRun {
  code: number | null;
  /** Everything the terminal showed (stdout and stderr share the pty). */
  screen: string;
}

/**
 * Runs the CLI inside `script -qec` (a pty for stdin/stdout/stderr). When the screen shows
 * `answerAt`, types `answer` and Enter.
 */
function runOnTerminal(args: string[], answer?: { at: RegExp; text: string }): Promise<TtyRun> {
  const command = [process.execPath, CLI_PATH, ...args].map(shellQuote).join(' ');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PACHCA_')) env[key] = value;
  Object.assign(env, { PACHCA_TOKEN: sandbox.adminToken, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '120' });
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (answer && !answered && answer.at.test(screen)) {
        answered = true;
        child.stdin.write(`${answer.text}\r`);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

async function hiresSheet(): Promise<string> {
  const file = join(workDir, `hires-${++counter}.csv`);
  await writeCsvFile(file, ['email', 'first_name', 'last_name'], [
    ['tty.one@example.ru', 'Первый', 'Терминалов'],
    ['tty.two@example.ru', 'Второй', 'Терминалов'],
    ['tty.three@example.ru', 'Третий', 'Терминалов'],
  ]);
  return file;
}

function importArgs(file: string): string[] {
  return ['import', file, '--api-url', sandbox.url, '--out', join(workDir, `run-${++counter}`)];
}

describe('import on a terminal', () => {
  it('has the pty tool it needs (util-linux script)', () => {
    expect(hasScript).toBe(true);
  });

  it('shows the plan, asks, and "n" changes nothing', async () => {
    const file = await hiresSheet();
    const run = await runOnTerminal(importArgs(file), { at: QUESTION, text: 'n' });
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toContain('Plan: create 3');
    expect(run.screen).toContain('tty.one@example.ru  create');
    expect(QUESTION.exec(run.screen)?.[1]).toBe('3');
    expect(run.screen.indexOf('Plan: create 3')).toBeLessThan(run.screen.search(QUESTION));
    expect(run.screen).toContain('Cancelled: nothing was changed.');
    expect(sandbox.stats().writes).toBe(0);
    expect(sandbox.directory().users.some((user) => user.email?.startsWith('tty.'))).toBe(false);
    expect(run.screen).not.toContain(sandbox.adminToken);
  });

  it('"y" applies, with a progress bar on the terminal', async () => {
    const file = await hiresSheet();
    const args = importArgs(file);
    const run = await runOnTerminal(args, { at: QUESTION, text: 'y' });
    expect(run.code, run.screen).toBe(0);
    expect(sandbox.stats().writes).toBe(3);
    expect(sandbox.directory().users.filter((user) => user.email?.startsWith('tty.')).map((user) => user.email).sort())
      .toEqual(['tty.one@example.ru', 'tty.three@example.ru', 'tty.two@example.ru']);
    // cli-progress's bar: done/total, requests per second, ETA and failures.
    expect(run.screen).toMatch(/3\/3 \| [\d.]+ req\/s \| ETA \S+ \| failures 0/);
    expect(run.screen).toContain('Done: created 3');
    const summary = JSON.parse(readFileSync(join(args[args.indexOf('--out') + 1]!, 'summary.json'), 'utf8')) as { counts: Record<string, number> };
    expect(summary.counts.created).toBe(3);
  });

  it('--yes on a terminal applies without asking; --quiet shows no plan and no bar', async () => {
    const file = await hiresSheet();
    const run = await runOnTerminal([...importArgs(file), '--yes', '--quiet']);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).not.toMatch(QUESTION);
    expect(run.screen).not.toContain('Plan:');
    expect(run.screen).not.toMatch(/req\/s \| ETA/);
    expect(run.screen).toContain('Done: created 3');
    expect(sandbox.stats().writes).toBe(3);
  });
});
