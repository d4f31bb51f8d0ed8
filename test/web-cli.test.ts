// `pachca-roster ui` as a real process (the built CLI): the first line names the address with
// the key, --demo needs no token, the key lets the browser in, Ctrl+C stops it cleanly; without
// --demo and without a token it refuses to start (exit 2).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, runCli } from './helpers/cli.js';

let runsDir: string;

beforeAll(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'web-cli-'));
});

afterAll(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

describe('pachca-roster ui', () => {
  it('--demo: the first line is the address with the key; the key opens the page; Ctrl+C stops it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.PACHCA_TOKEN;
    const child = spawn(process.execPath, [CLI_PATH, 'ui', '--demo', '--port', '0', '--runs-dir', runsDir, '--key', 'cli-test-key-0123456789'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    expect(first).toMatch(/^pachca-roster UI at http:\/\/127\.0\.0\.1:\d+\/\?key=cli-test-key-0123456789$/);
    const url = first.replace('pachca-roster UI at ', '');
    const entry = await fetch(url, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(new URL('/', url), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect((await fetch(new URL('/', url))).status).toBe(403);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Stopped.');
  });

  it('without --demo and without a token it does not start (exit 2, saying how to give one)', async () => {
    const result = await runCli(['ui', '--port', '0', '--runs-dir', runsDir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no API token');
  });
});
