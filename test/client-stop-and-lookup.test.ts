// Two client behaviours against scripted local servers: a create whose follow-up lookup ran out
// of retries is looked up again before it is called failed; and the stop signal (Ctrl+C) keeps
// queued requests off the wire while the one in flight finishes.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { InterruptedError } from '../src/pachca/errors.js';
import type { User } from '../src/pachca/types.js';
import { blankUser } from '../src/sandbox/workspace.js';

const TOKEN = 'local-secret-token-stop-lookup';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

type Handler = (method: string, url: URL, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req.method ?? '', new URL(req.url ?? '/', 'http://x'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/shared/v1`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('createUserSafely', () => {
  it('finds a user the lost POST created even when the first lookup ran out of retries', async () => {
    const email = 'lost.lookup@example.ru';
    let created: User | undefined;
    let searches = 0;
    const url = await serve((method, requestUrl, res) => {
      if (method === 'POST' && requestUrl.pathname.endsWith('/users')) {
        if (created) {
          json(res, 422, { errors: [{ key: 'email', value: email, message: 'taken', code: 'taken', payload: null }] });
          return;
        }
        created = blankUser(501, { email, first_name: 'Потерян', nickname: 'lost', created_at: '2026-01-01T00:00:00.000Z' });
        json(res, 502, { errors: [] }); // carried out, but the answer says otherwise
        return;
      }
      if (method === 'GET' && requestUrl.pathname.endsWith('/users')) {
        searches++;
        // The first lookup's two attempts fail; later ones see the user.
        if (searches <= 2) json(res, 503, { errors: [] });
        else json(res, 200, { data: created ? [created] : [], meta: { paginate: { next_page: null } } });
        return;
      }
      json(res, 404, { errors: [] });
    });
    const client = new PachcaClient({ apiUrl: url, token: TOKEN, retries: 2 }, { retryMinDelayMs: 5 });
    const { user, recovered } = await client.createUserSafely({ user: { email, first_name: 'Потерян' } });
    expect(user.id).toBe(501);
    expect(recovered).toBe(true);
  });
});

describe('the stop signal', () => {
  it('lets the request in flight finish and sends none of the queued ones', async () => {
    let arrived = 0;
    let release: (() => void) | undefined;
    const url = await serve((_method, _url, res) => {
      arrived++;
      release = () => json(res, 200, { data: blankUser(1, { email: 'u1@example.ru', nickname: 'u1', created_at: '2026-01-01T00:00:00.000Z' }) });
    });
    const stop = new AbortController();
    const client = new PachcaClient({ apiUrl: url, token: `${TOKEN}-2`, concurrency: 1, stopSignal: stop.signal }, { retryMinDelayMs: 5 });
    const calls = [1, 2, 3, 4].map((id) => client.getUser(id).then((user) => user.id, (error: unknown) => error));
    while (!release) await new Promise((resolve) => setTimeout(resolve, 2));
    stop.abort();
    // The queued ones fail at once, while the first is still waiting for its answer.
    const queued = await Promise.all(calls.slice(1));
    for (const outcome of queued) expect(outcome).toBeInstanceOf(InterruptedError);
    release();
    expect(await calls[0]).toBe(1);
    expect(arrived).toBe(1);
    expect(await client.getUser(5).catch((error: unknown) => error)).toBeInstanceOf(InterruptedError);
    expect(arrived).toBe(1);
  });
});
