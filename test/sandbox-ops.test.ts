// The sandbox as infrastructure: rate limit, faults, latency, stats, request log, body limits,
// state file, and the `pachca-roster sandbox` command.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxDirectory, SandboxOptions } from '../src/sandbox/api.js';
import { parseFaultSpec } from '../src/sandbox/traffic.js';
import { CLI_PATH, PROJECT_ROOT, runCli } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { api, fetchRequestLog, fetchStats, startTestSandbox } from './helpers/sandbox.js';

const tempFolders: string[] = [];
/** A new temporary folder, removed after the file's tests. */
function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of tempFolders) rmSync(folder, { recursive: true, force: true });
});

const running: RunningSandbox[] = [];
async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await startTestSandbox(options);
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

const newUser = (email: string): { body: unknown } => ({ body: { user: { email } } });
const emails = (sandbox: RunningSandbox): string[] => sandbox.directory().users.map((u) => u.email ?? '');

describe('rate limit', () => {
  it('answers 429 with an integer Retry-After >= 1 and ApiError rate_limit past the burst, per token', async () => {
    // The bucket holds 5 and refills one token per 200 ms, so the exact 5/3 split needs the 8
    // requests to land within 200 ms; a busy machine can spread them wider, then the burst is
    // sent again to a fresh sandbox.
    let sandbox: RunningSandbox;
    let responses: Awaited<ReturnType<typeof api>>[];
    for (let attempt = 1; ; attempt++) {
      sandbox = await start({ rps: 5 });
      responses = await Promise.all(Array.from({ length: 8 }, () => api(sandbox, 'GET', '/users?limit=1')));
      const arrivals = (await fetchRequestLog(sandbox)).map((record) => record.at);
      if (Math.max(...arrivals) - Math.min(...arrivals) < 150 || attempt === 5) break;
    }
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(limited).toHaveLength(3);
    for (const response of limited) {
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(response.body).toMatchObject({ errors: [{ code: 'rate_limit' }] });
    }
    // The bot token has its own bucket.
    expect((await api(sandbox, 'GET', '/users?limit=1', { token: sandbox.botToken })).status).toBe(200);
    const stats = await fetchStats(sandbox);
    expect(stats.requests['GET /users']).toEqual({ '200': 6, '429': 3 });
    expect(stats.rate_limited).toBe(3);
  });
});

describe('faults', () => {
  it('parses the --faults spec and rejects bad ones', () => {
    expect(parseFaultSpec('5xx=0.05,reset=0.02,lost=0.02,slow=0.01')).toEqual({ '5xx': 0.05, reset: 0.02, lost: 0.02, slow: 0.01 });
    for (const bad of ['5xx', 'boom=0.1', 'reset=2', 'lost=x', '5xx=0.6,reset=0.6']) expect(() => parseFaultSpec(bad), bad).toThrow();
  });

  it('5xx answers 500/502/503 (some as HTML) without doing the work', async () => {
    const sandbox = await start({ faults: { '5xx': 1 }, faultSeed: 7 });
    const responses = [];
    for (let i = 0; i < 12; i += 1) responses.push(await api(sandbox, 'POST', '/users', newUser(`f${i}@example.ru`)));
    expect(responses.every((r) => [500, 502, 503].includes(r.status))).toBe(true);
    expect(responses.some((r) => (r.headers.get('content-type') ?? '').includes('text/html'))).toBe(true);
    expect(responses.some((r) => r.status === 500 && typeof r.body === 'object')).toBe(true);
    expect(emails(sandbox).filter((e) => e.startsWith('f'))).toEqual([]);
  });

  it('reset drops the connection without doing the work', async () => {
    const sandbox = await start({ faults: 'reset=1' });
    await expect(api(sandbox, 'POST', '/users', newUser('reset@example.ru'))).rejects.toThrow();
    expect(emails(sandbox)).not.toContain('reset@example.ru');
    expect((await fetchStats(sandbox)).requests['POST /users']).toEqual({ reset: 1 });
  });

  it('lost does the write, then drops the connection before answering', async () => {
    const sandbox = await start({ faults: 'lost=1' });
    await expect(api(sandbox, 'POST', '/users', newUser('lost@example.ru'))).rejects.toThrow();
    expect(emails(sandbox)).toContain('lost@example.ru');
  });

  it('slow holds the answer for slowMs', async () => {
    const sandbox = await start({ faults: { slow: 1 }, slowMs: 400 });
    const early = fetch(`${sandbox.url}/users?limit=1`, { headers: { authorization: `Bearer ${sandbox.adminToken}` }, signal: AbortSignal.timeout(100) });
    await expect(early).rejects.toThrow();
    const startedAt = Date.now();
    const response = await api(sandbox, 'GET', '/users?limit=1');
    expect(response.status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(390);
  });

  it('the same fault seed gives the same sequence; operator endpoints are never faulted', async () => {
    const outcomes = async (): Promise<string[]> => {
      const sandbox = await start({ faults: '5xx=0.3,reset=0.3', faultSeed: 42 });
      const seen: string[] = [];
      for (let i = 0; i < 15; i += 1) seen.push(await api(sandbox, 'GET', '/users?limit=1').then((r) => String(r.status), () => 'reset'));
      expect((await fetch(`${sandbox.origin}/__sandbox/stats`)).status).toBe(200);
      return seen;
    };
    const first = await outcomes();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await outcomes()).toEqual(first);
  });
});

describe('latency, stats and request log', () => {
  it('delays responses by latencyMs', async () => {
    const sandbox = await start({ latencyMs: 150 });
    const startedAt = Date.now();
    await api(sandbox, 'GET', '/profile');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(145);
  });

  it('stats have the documented shape; writes count every POST/PUT/DELETE; reset clears', async () => {
    const sandbox = await start();
    const created = await api(sandbox, 'POST', '/users', newUser('s@example.ru'));
    const id = (created.body as { data: { id: number } }).data.id;
    await api(sandbox, 'POST', '/users', newUser('S@example.ru'));
    await api(sandbox, 'PUT', `/users/${id}`, { body: { user: { title: 'x' } } });
    await api(sandbox, 'GET', `/users/${id}/status`);
    await api(sandbox, 'DELETE', `/users/${id}`);
    await api(sandbox, 'GET', '/users', { token: null });
    const stats = await fetchStats(sandbox);
    expect(stats).toEqual({
      requests: {
        'POST /users': { '201': 1, '422': 1 },
        'PUT /users/{id}': { '200': 1 },
        'GET /users/{user_id}/status': { '200': 1 },
        'DELETE /users/{id}': { '204': 1 },
        'GET /users': { '401': 1 },
      },
      total: 6,
      writes: 4,
      rate_limited: 0,
      peak_rps: 6,
    });
    const log = await fetchRequestLog(sandbox);
    expect(log.map((r) => `${r.route} ${r.status} ${r.token}`)).toEqual([
      'POST /users 201 admin', 'POST /users 422 admin', 'PUT /users/{id} 200 admin', 'GET /users/{user_id}/status 200 admin',
      'DELETE /users/{id} 204 admin', 'GET /users 401 none',
    ]);
    expect(log.every((r, i) => i === 0 || r.at >= (log[i - 1]?.at ?? 0))).toBe(true);
    expect((await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect((await fetchStats(sandbox)).total).toBe(0);
    expect(emails(sandbox)).not.toContain('s@example.ru');
  });
});

describe('request bodies', () => {
  it('malformed JSON gets 400 ApiError and the server keeps serving', async () => {
    const sandbox = await start();
    const response = await api(sandbox, 'POST', '/users', { rawBody: '{"user": {"email": ' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ key: 'body', code: 'invalid' }] });
    expect((await api(sandbox, 'GET', '/profile')).status).toBe(200);
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const sandbox = await start();
    const big = JSON.stringify({ user: { email: 'big@example.ru', title: 'x'.repeat(1024 * 1024 + 10) } });
    const response = await api(sandbox, 'POST', '/users', { rawBody: big });
    expect(response.status).toBe(413);
    expect(emails(sandbox)).not.toContain('big@example.ru');
    expect((await api(sandbox, 'GET', '/profile')).status).toBe(200);
  });

  it('unknown routes get 404 ApiError', async () => {
    const sandbox = await start();
    const response = await api(sandbox, 'GET', '/chats/1/whatever');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ errors: [{ code: 'not_found' }] });
  });
});

describe('state file', () => {
  it('survives a restart; the file is written atomically as changes happen', async () => {
    const stateFile = join(tempFolder('sandbox-state-'), 'state.json');
    const first = await start({ stateFile, adminToken: 'state-admin-token', botToken: 'state-bot-token' });
    await api(first, 'POST', '/group_tags', { body: { group_tag: { name: 'Сохранённый' } } });
    await api(first, 'POST', '/users', { body: { user: { email: 'kept@example.ru', list_tags: ['Сохранённый'] } } });
    await expect.poll(() => existsSync(stateFile) && readFileSync(stateFile, 'utf8').includes('kept@example.ru')).toBe(true);
    expect(() => JSON.parse(readFileSync(stateFile, 'utf8')) as SandboxDirectory).not.toThrow();
    await first.stop();
    const second = await start({ stateFile, adminToken: 'state-admin-token', botToken: 'state-bot-token' });
    const users = (await api(second, 'GET', '/users?query=kept')).body as { data: Array<{ email: string; list_tags: string[] }> };
    expect(users.data).toEqual([expect.objectContaining({ email: 'kept@example.ru', list_tags: ['Сохранённый'] })]);
    const tags = (await api(second, 'GET', '/group_tags')).body as { data: Array<{ name: string; users_count: number }> };
    expect(tags.data).toEqual([expect.objectContaining({ name: 'Сохранённый', users_count: 1 })]);
  });
});

describe('pachca-roster sandbox (CLI)', () => {
  it('prints the URL line first with --port 0, serves the seed, and saves state on SIGTERM', async () => {
    const stateFile = join(tempFolder('sandbox-cli-'), 'state.json');
    const child = spawn(process.execPath, [CLI_PATH, 'sandbox', '--port', '0', '--seed', 'fixtures/directory.json', '--state', stateFile, '--admin-token', 'cli-admin-token-123', '--bot-token', 'cli-bot-token-456'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout.includes('\n'), { timeout: 15_000 }).toBe(true);
      const firstLine = stdout.split('\n')[0] as string;
      const match = /^Pachca sandbox listening on (http:\/\/127\.0\.0\.1:(\d+)\/api\/shared\/v1)$/.exec(firstLine);
      expect(match, firstLine).not.toBeNull();
      expect(Number(match?.[2])).toBeGreaterThan(0);
      await expect.poll(() => stdout.includes('cli-bot-token-456')).toBe(true);
      expect(stdout).toContain('cli-admin-token-123');
      const url = match?.[1] as string;
      const created = await fetch(`${url}/users`, {
        method: 'POST',
        headers: { authorization: 'Bearer cli-admin-token-123', 'content-type': 'application/json' },
        body: JSON.stringify({ user: { email: 'from-cli@example.ru', list_tags: ['HR'] } }),
      });
      expect(created.status).toBe(201);
      const seeded = (await (await fetch(`${url}/users?query=oleg.petrov`, { headers: { authorization: 'Bearer cli-admin-token-123' } })).json()) as { data: unknown[] };
      expect(seeded.data).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as SandboxDirectory;
    expect(saved.users.some((u) => u.email === 'from-cli@example.ru')).toBe(true);
  });

  it('rejects a bad --faults spec and an unreadable --seed with exit 2', async () => {
    const faults = await runCliInProcess(['sandbox', '--port', '0', '--faults', 'boom=0.5']);
    expect(faults.code).toBe(2);
    expect(faults.stderr).toContain('--faults');
    const seed = await runCliInProcess(['sandbox', '--port', '0', '--seed', 'fixtures/no-such-seed.json']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('no-such-seed.json');
  });

  it('names the file and the field of a --seed or --state that is not a sandbox directory, and rejects a fractional --seats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-bad-seed-'));
    try {
      const directory = JSON.parse(readFileSync(join(PROJECT_ROOT, 'fixtures/directory.json'), 'utf8')) as { users: Record<string, unknown>[] };
      directory.users[3]!.email = 42;
      const file = join(dir, 'seed.json');
      writeFileSync(file, JSON.stringify(directory));
      for (const flag of ['--seed', '--state']) {
        const result = await runCliInProcess(['sandbox', '--port', '0', flag, file]);
        expect(result.code, flag).toBe(2);
        expect(result.stderr).toContain(`${flag}: ${file} is not a sandbox directory: users[3].email: `);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
      const seats = await runCliInProcess(['sandbox', '--port', '0', '--seats', '1.5']);
      expect([seats.code, seats.stderr.includes('--seats')]).toEqual([2, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help teaches the flags with examples', async () => {
    const help = await runCli(['sandbox', '--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--state', '--seed', '--faults', '--fault-seed', '--legacy-pagination', '--admin2-token', '--owner-403', '--short-pages',
      '--put-defaults', '--seats', '--unpaid', '/__sandbox/outbox', '/__sandbox/accept-invites', 'Examples:',
    ]) expect(help.stdout).toContain(flag);
  });
});
