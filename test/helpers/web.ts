// The web page's server for tests: in-process, against an in-process sandbox with the sample
// company, on 127.0.0.1 and free ports, with its runs in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PachcaClient } from '../../src/pachca/client.js';
import type { RunningSandbox } from '../../src/sandbox/api.js';
import type { WebOptions } from '../../src/web/context.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import { startTestSandbox } from './sandbox.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const TEST_KEY = 'test-key-0123456789abcdef';

export interface TestWeb {
  sandbox: RunningSandbox;
  server: RunningWebServer;
  runsDir: string;
  key: string;
  stop(): Promise<void>;
}

export async function startTestWeb(options: Partial<WebOptions> = {}): Promise<TestWeb> {
  const sandbox = await startTestSandbox({ seed: join(FIXTURES, 'directory.json') });
  const runsDir = await mkdtemp(join(tmpdir(), 'web-runs-'));
  const server = await startWebServer({
    host: '127.0.0.1',
    port: 0,
    key: TEST_KEY,
    runsDir,
    maxUploadBytes: 50 * 1024 * 1024,
    connect: () => new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken }),
    apiUrl: sandbox.url,
    defaultLang: 'ru',
    demo: true,
    ...options,
  });
  return {
    sandbox,
    server,
    runsDir,
    key: TEST_KEY,
    async stop() {
      await server.stop();
      await sandbox.stop();
      await rm(runsDir, { recursive: true, force: true });
    },
  };
}

/** Headers of a request the page itself makes: the cookie, the key header, its own Origin. */
export function pageHeaders(web: TestWeb, extra: Record<string, string> = {}): Record<string, string> {
  return {
    cookie: `pachca_roster_key_${web.server.port}=${web.key}`,
    'x-roster-key': web.key,
    origin: web.server.url,
    ...extra,
  };
}

export async function call(web: TestWeb, method: string, path: string, init: { json?: unknown; body?: Uint8Array | string; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string; json: unknown; headers: Headers }> {
  const headers = { ...pageHeaders(web), ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const response = await fetch(`${web.server.url}${path}`, {
    method,
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body !== undefined ? { body: init.body } : {}),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}
