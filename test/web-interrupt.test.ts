// The page's server stopped in the middle of an apply (Ctrl+C on `pachca-roster ui`): the apply
// stops sending, writes its report and lets its folder go; started again on the same runs folder,
// the page lists the run as resumable, and resuming it finishes the plan without doing anything twice.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { startWebServer, type RunningWebServer } from '../src/web/server.js';
import { fetchRequestLog } from './helpers/sandbox.js';
import { call, FIXTURES, startTestWeb, TEST_KEY, type TestWeb } from './helpers/web.js';

let web: TestWeb;
const stopping = new AbortController();

beforeAll(async () => {
  web = await startTestWeb({
    interrupt: stopping.signal,
    connect: () => new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken, stopSignal: stopping.signal, rps: 5, concurrency: 1 }),
  });
});

afterAll(async () => {
  await web.stop();
});

/** Reads the event stream until `until` is seen (or the stream ends); the stream keeps going server-side. */
async function readEventsUntil(server: RunningWebServer, run: string, until: RegExp): Promise<string> {
  const response = await fetch(`${server.url}/events/${run}`, { headers: { cookie: `pachca_roster_key_${server.port}=${TEST_KEY}` } });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (until.test(text)) break;
  }
  await reader.cancel();
  return text;
}

describe('an apply stopped with the server', () => {
  it('is listed as resumable after a restart, and resuming it finishes the plan once', async () => {
    const uploaded = await call(web, 'POST', '/api/uploads?name=hires-ru.xlsx', { body: await readFile(join(FIXTURES, 'hires-ru.xlsx')), headers: { 'content-type': 'application/octet-stream' } });
    const { run } = uploaded.json as { run: string };
    const planned = await call(web, 'POST', `/api/runs/${run}/plan`, { json: {} });
    const { work } = (planned.json as { plan: { work: number } }).plan;
    expect((await call(web, 'POST', `/api/runs/${run}/apply`, { json: {} })).status).toBe(202);

    await readEventsUntil(web.server, run, /^event: outcome$/m);
    stopping.abort();
    await web.server.stop();
    const summary = JSON.parse(await readFile(join(web.runsDir, run, 'summary.json'), 'utf8')) as { stoppedBy?: string; counts: Record<string, number> };
    expect(summary.stoppedBy).toMatch(/interrupted/);
    const createdBefore = summary.counts.created ?? 0;
    expect(createdBefore).toBeLessThan(20);

    // Started again on the same runs folder.
    const again = await startWebServer({
      host: '127.0.0.1', port: 0, key: TEST_KEY, runsDir: web.runsDir, maxUploadBytes: 1024 * 1024,
      connect: () => new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken }), apiUrl: web.sandbox.url, defaultLang: 'en',
    });
    web.server = again;
    try {
      const runs = (await call(web, 'GET', '/api/runs')).json as { runs: { name: string; state: string; resumable: boolean }[] };
      expect(runs.runs.find((entry) => entry.name === run)).toMatchObject({ state: 'interrupted', resumable: true });

      expect((await call(web, 'POST', `/api/runs/${run}/apply`, { json: {} })).status).toBe(202);
      const events = await readEventsUntil(again, run, /^event: (finished|failed)$/m);
      expect(events).toMatch(/^event: finished$/m);
      const creates = (await fetchRequestLog(web.sandbox)).filter((entry) => entry.route === 'POST /users' && entry.status === 201);
      expect(creates).toHaveLength(20);
      const final = JSON.parse(await readFile(join(web.runsDir, run, 'summary.json'), 'utf8')) as { counts: Record<string, number>; exitCode: number };
      expect(final.counts.created).toBe(20);
      expect(final.exitCode).toBe(0);
      expect(work).toBe(21);
    } finally {
      await again.stop();
    }
  });
});
