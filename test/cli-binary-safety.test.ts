// The built binary (bin/pachca-roster.js, the bundle in dist/bundle/): a few bad command lines as a person types
// them, and output into a pipe whose reader is gone (`validate --json | head -c 10`).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { CLI_PATH, PROJECT_ROOT, runCli } from './helpers/cli.js';
import { api, fetchStats, startTestSandbox } from './helpers/sandbox.js';

let sandbox: RunningSandbox;
let workDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  workDir = await mkdtemp(join(tmpdir(), 'binary-safety-'));
  await writeFile(join(workDir, 'hires.csv'), 'email,first_name,last_name\npiped.person@example.com,Piped,Person\n');
});

afterAll(async () => {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({ PACHCA_API_URL: sandbox.url, PACHCA_TOKEN: sandbox.adminToken });

describe('a typo in a real command line', () => {
  it.each([
    [['import', 'hires.csv', '--yes', '--dryrun'], 'Error: unknown flag --dryrun for import (did you mean --dry-run?)\nRun "pachca-roster import --help" for usage.\n'],
    [['import', 'hires.csv', '--yes', '--tags', 'Replace'], 'Error: --tags "Replace" is not one of: merge, replace (did you mean replace?)\nRun "pachca-roster import --help" for usage.\n'],
    [['export', '-q'], 'Error: unknown flag -q for export\nRun "pachca-roster export --help" for usage.\n'],
    [['template', '--format', 'pdf', '--out', 'x.pdf'], 'Error: --format "pdf" is not one of: xlsx, csv\nRun "pachca-roster template --help" for usage.\n'],
  ])('%j: exit 2, nothing sent, nothing written', async (argv, stderr) => {
    const before = (await fetchStats(sandbox)).total;
    const result = await runCli(argv, { cwd: workDir, env: env() });
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect((await fetchStats(sandbox)).total).toBe(before);
    expect(await readdir(workDir)).toEqual(['hires.csv']);
  });
});

/** Runs the binary with its stdout pipe closed before it writes (the reader went away). */
function runWithClosedStdout(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...argv], {
      cwd: workDir,
      env: { ...process.env, ...env(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed pipe (EPIPE)', () => {
  it('validate --json | head -c 10: quiet, the usual exit code', async () => {
    const result = await runWithClosedStdout(['validate', '--json', join(PROJECT_ROOT, 'fixtures/hires-ru.xlsx')]);
    expect(result.stderr).toBe('');
    expect([0, 5]).toContain(result.code);
  });

  it('import ... | head -1: no stack trace, and the import is not cut off half-way', async () => {
    const result = await runWithClosedStdout(['import', 'hires.csv', '--yes', '--out', 'run']);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.code).toBe(0);
    const found = await api(sandbox, 'GET', '/users?query=piped.person%40example.com');
    expect(JSON.stringify(found.body)).toContain('piped.person@example.com');
  });
});

describe('the bundled binary', () => {
  it('speaks Russian help with every yargs label its own (the bundle cannot reach yargs locale files) and knows its version', async () => {
    const help = await runCli(['export', '--help'], { cwd: workDir, env: { LANG: 'ru_RU.UTF-8' } });
    expect(help.code).toBe(0);
    for (const label of ['Параметры:', 'Примеры:', '[строка]', '[по умолчанию: false]']) expect(help.stdout).toContain(label);
    expect(help.stdout).not.toMatch(/Options:|Examples:|\[default|\[string\]/);
    const commands = await runCli(['--help'], { cwd: workDir, env: { LANG: 'ru_RU.UTF-8' } });
    expect(commands.stdout).toContain('Команды:');
    const version = await runCli(['--version'], { cwd: workDir });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(version.stdout.trim()).not.toBe('0.0.0');
  });
});
