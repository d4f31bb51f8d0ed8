// Small, stable helpers for tests that talk to the sandbox over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { RunningSandbox, SandboxOptions, SandboxRequestRecord, SandboxStats } from '../../src/sandbox/api.js';
import { startSandbox } from '../../src/sandbox/server.js';

/** Starts an in-process sandbox on 127.0.0.1 and a free port. Call `stop()` in afterAll/afterEach. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ host: '127.0.0.1', port: 0, ...options });
}

/** A test file's sandbox (started before its tests, stopped after them) and its work folder (removed with it). */
export interface FileSandbox {
  readonly sandbox: RunningSandbox;
  readonly workDir: string;
}

/** Call at a test file's top level: one sandbox and one private work folder for all its tests. */
export function sandboxForFile(folderPrefix: string, options: SandboxOptions = {}): FileSandbox {
  const workDir = mkdtempSync(join(tmpdir(), `${folderPrefix}-`));
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });
  return {
    workDir,
    get sandbox(): RunningSandbox {
      if (!sandbox) throw new Error('the file sandbox starts in beforeAll: use it inside hooks and tests');
      return sandbox;
    },
  };
}

export interface ApiCallOptions {
  /** Bearer token; default the admin (Owner) token; null sends no Authorization header. */
  token?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (e.g. malformed JSON); wins over `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface ApiCallResult {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON (a bare `null` body gives null), else the text. */
  body: unknown;
  text: string;
}

/** One raw request: `path` is below the API base, e.g. "/users?limit=5". */
export async function api(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  options: ApiCallOptions = {},
): Promise<ApiCallResult> {
  const token = options.token === undefined ? sandbox.adminToken : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Uint8Array | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function fetchStats(sandbox: RunningSandbox): Promise<SandboxStats> {
  const response = await fetch(`${sandbox.origin}/__sandbox/stats`);
  return (await response.json()) as SandboxStats;
}

/** Every API request the sandbox saw (arrival time, route, status, which token). */
export async function fetchRequestLog(sandbox: RunningSandbox): Promise<SandboxRequestRecord[]> {
  const response = await fetch(`${sandbox.origin}/__sandbox/requests`);
  return (await response.json()) as SandboxRequestRecord[];
}
