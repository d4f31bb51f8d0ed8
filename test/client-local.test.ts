// The client against tiny local HTTP servers that script one behaviour each: headers, pagination
// stop rules, retry rules, the 429 pause, concurrency. (The sandbox tests are in client-sandbox.)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PachcaClient, type ClientHooks } from '../src/pachca/client.js';
import { ApiError, AuthError, NetworkError, RateLimitError, UnknownOutcomeError } from '../src/pachca/errors.js';
import { RateLimiter } from '../src/pachca/limiter.js';
import { resolveConnection } from '../src/cli/connection.js';
import { USER_AGENT } from '../src/version.js';
import { arrivalsBeyondOnTheWire } from './helpers/rate-limit.js';

const TOKEN = 'local-secret-token-0123456789';

interface Received {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

type Handler = (req: Received, res: ServerResponse) => void | Promise<void>;

const servers: { close: () => Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const entry: Received = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://x'), headers: req.headers, body, at: Date.now() };
      received.push(entry);
      void handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  servers.push({
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
  return { url: `http://127.0.0.1:${port}/api/shared/v1`, received };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function client(url: string, options: { rps?: number; concurrency?: number; timeoutMs?: number; retries?: number; limiter?: RateLimiter } = {}, hooks: ClientHooks = {}): PachcaClient {
  return new PachcaClient({ apiUrl: url, token: TOKEN, ...options }, { retryMinDelayMs: 10, ...hooks });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('transport', () => {
  it('sends the bearer token, JSON and the pachca-roster User-Agent; accepts 204 and a bare null', async () => {
    const { url, received } = await serve((req, res) => {
      if (req.method === 'DELETE') { res.writeHead(204); res.end(); return; }
      if (req.url.pathname.endsWith('/status')) { json(res, 200, null); return; }
      json(res, 201, { data: { id: 1, name: 'Sales', users_count: 0 } });
    });
    const api = client(url);
    await expect(api.createTag('Sales')).resolves.toEqual({ id: 1, name: 'Sales', users_count: 0 });
    await expect(api.getStatus(5)).resolves.toBeNull();
    await expect(api.deleteUser(5)).resolves.toBeUndefined();
    const post = received[0]!;
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^pachca-roster\/\d+\.\d+\.\d+/);
    expect(post.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(post.body)).toEqual({ group_tag: { name: 'Sales' } });
    expect(received.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/shared/v1/group_tags', 'GET /api/shared/v1/users/5/status', 'DELETE /api/shared/v1/users/5',
    ]);
  });

  it('sends tag names as repeated names[] with limit=50', async () => {
    const { url, received } = await serve((_req, res) => json(res, 200, { data: [], meta: { paginate: { next_page: 'x', has_next: false } } }));
    await collect(client(url).listTagsByNames(['A', 'B c']));
    expect(received[0]!.url.searchParams.getAll('names[]')).toEqual(['A', 'B c']);
    expect(received[0]!.url.searchParams.get('limit')).toBe('50');
  });
});

describe('pagination read-ahead', () => {
  it('with readAhead the next page is asked for before the current page is handed on; without it, only when asked', async () => {
    const pageRequests: Array<string | null> = [];
    let secondAsked!: () => void;
    const second = new Promise<void>((resolve) => (secondAsked = resolve));
    const { url } = await serve((req, res) => {
      const cursor = req.url.searchParams.get('cursor');
      pageRequests.push(cursor);
      if (cursor === 'p2') secondAsked();
      const last = cursor === 'p2';
      json(res, 200, { data: [{ id: last ? 2 : 1 }], meta: { paginate: { next_page: last ? 'p3' : 'p2', has_next: !last } } });
    });
    const api = client(url);
    const ahead = api.listUsers({ readAhead: true })[Symbol.asyncIterator]();
    expect((await ahead.next()).value).toMatchObject({ id: 1 });
    await second; // asked for while the first page's user is still being looked at
    expect((await ahead.next()).value).toMatchObject({ id: 2 });
    expect((await ahead.next()).done).toBe(true);
    expect(pageRequests).toEqual([null, 'p2']);

    pageRequests.length = 0;
    const plain = api.listUsers()[Symbol.asyncIterator]();
    expect((await plain.next()).value).toMatchObject({ id: 1 });
    await plain.return?.(undefined);
    expect(pageRequests).toEqual([null]);
  });
});

describe('pagination stop rules', () => {
  const ids = Array.from({ length: 120 }, (_, index) => index + 1);

  /** Pages of 50 over `ids`; the cursor is the offset. */
  function page(cursor: string | null, style: 'current' | 'legacy' | 'search' | 'stuck') {
    const offset = cursor ? Number(cursor) : 0;
    const data = ids.slice(offset, offset + 50).map((id) => ({ id }));
    const nextOffset = String(offset + data.length);
    if (style === 'current') return { data, meta: { paginate: { next_page: nextOffset, has_next: offset + data.length < ids.length } } };
    if (style === 'search') return { data, meta: { paginate: { next_page: nextOffset } } };
    if (style === 'stuck') return { data: ids.slice(0, 50).map((id) => ({ id })), meta: { paginate: { next_page: 'same', has_next: true } } };
    return { data, meta: { paginate: { next_page: nextOffset } } };
  }

  for (const [style, expectedRequests] of [['current', 3], ['legacy', 4], ['search', 4]] as const) {
    it(`returns every item once and stops (${style} style)`, async () => {
      const { url, received } = await serve((req, res) => json(res, 200, page(req.url.searchParams.get('cursor'), style)));
      const users = await collect(client(url).listUsers());
      expect(users.map((user) => user.id)).toEqual(ids);
      expect(received).toHaveLength(expectedRequests);
      expect(received.every((req) => req.url.searchParams.get('limit') === '50')).toBe(true);
    });
  }

  it('stops on a cursor it has already sent', async () => {
    const { url, received } = await serve((req, res) => json(res, 200, page(req.url.searchParams.get('cursor'), 'stuck')));
    const users = await collect(client(url).listUsers());
    expect(received.map((req) => req.url.searchParams.get('cursor'))).toEqual([null, 'same']);
    expect(users).toHaveLength(100);
  });

  it('follows next_page past a full last page and stops on the empty page with the same cursor', async () => {
    // The documented current behaviour: next_page is never null; past the end, empty data and the same cursor.
    const { url, received } = await serve((req, res) => {
      const cursor = req.url.searchParams.get('cursor');
      if (cursor === 'end') { json(res, 200, { data: [], meta: { paginate: { next_page: 'end' } } }); return; }
      json(res, 200, { data: [{ id: 1 }], meta: { paginate: { next_page: 'end' } } });
    });
    expect(await collect(client(url).searchUsers('a'))).toEqual([{ id: 1 }]);
    expect(received).toHaveLength(2);
  });
});

describe('retry rules', () => {
  it('retries a GET after 5xx and a reset, and a PUT after 5xx', async () => {
    let calls = 0;
    const { url, received } = await serve((req, res) => {
      calls++;
      if (calls === 1) { json(res, 503, { errors: [] }); return; }
      if (calls === 2) { req.headers; res.socket?.destroy(); return; }
      if (calls === 4) { res.writeHead(502, { 'Content-Type': 'text/html' }); res.end('<html><title>502 Bad Gateway</title></html>'); return; }
      json(res, 200, { data: { id: 7, name: 'x', users_count: 0 } });
    });
    const api = client(url);
    await expect(api.getUser(7)).resolves.toMatchObject({ id: 7 });
    await expect(api.updateTag(7, 'x')).resolves.toMatchObject({ id: 7 });
    expect(received.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'PUT', 'PUT']);
    expect(api.stats()).toMatchObject({ requests: 5, retries: 3 });
  });

  it('never retries a POST after a 5xx or a reset: unknown outcome, one request', async () => {
    const { url, received } = await serve((req, res) => {
      if (req.url.pathname.endsWith('/users')) res.socket?.destroy();
      else json(res, 500, { errors: [] });
    });
    const api = client(url);
    const lost = await api.createUser({ user: { email: 'a@b.ru' } }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(UnknownOutcomeError);
    expect(((lost as UnknownOutcomeError).cause as NetworkError).failure).toBe('reset');
    await expect(api.createTag('T')).rejects.toBeInstanceOf(UnknownOutcomeError);
    expect(received).toHaveLength(2);
  });

  it('times out a slow GET and retries it; a slow POST is an unknown outcome', async () => {
    let calls = 0;
    const { url, received } = await serve(async (req, res) => {
      calls++;
      if (calls === 1 || req.method === 'POST') await sleep(5000);
      if (!res.destroyed) json(res, 200, { data: { id: 1 } });
    });
    // The fast answer must come within the timeout even on a busy machine: 800 ms is ample for
    // loopback, and the slow ones are far beyond it.
    const api = client(url, { timeoutMs: 800 });
    await expect(api.getUser(1)).resolves.toEqual({ id: 1 });
    const slowPost = await api.sendDirectMessage(1, 'hi').catch((error: unknown) => error);
    expect(slowPost).toBeInstanceOf(UnknownOutcomeError);
    expect((slowPost as Error).message).toMatch(/timeout/);
    expect(received.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('does not retry other 4xx, and retries a POST that got 429', async () => {
    let posts = 0;
    const { url, received } = await serve((req, res) => {
      if (req.method === 'GET') { json(res, 422, { errors: [{ key: 'limit', value: '99', message: 'is invalid', code: 'invalid', payload: null }] }); return; }
      posts++;
      if (posts === 1) { json(res, 429, undefined, { 'Retry-After': '0' }); return; }
      json(res, 201, { data: { id: 3, name: 'T', users_count: 0 } });
    });
    const api = client(url);
    await expect(api.getUser(1)).rejects.toThrow('limit: is invalid (invalid)');
    await expect(api.createTag('T')).resolves.toMatchObject({ id: 3 });
    expect(received.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
    expect(api.stats().rateLimited).toBe(1);
  });

  it('gives up on a GET after `retries` attempts', async () => {
    const { url, received } = await serve((_req, res) => json(res, 503, {}));
    const error = await client(url, { retries: 3 }).getUser(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(received).toHaveLength(3);
  });

  it('names the host it cannot reach, after retrying a refused connection', async () => {
    const { url } = await serve((_req, res) => json(res, 200, {}));
    await Promise.all(servers.splice(0).map((server) => server.close()));
    const host = new URL(url).host;
    const error = await client(url, { retries: 2 }).getUser(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(`GET /users/1: cannot connect to ${host} (ECONNREFUSED); check --api-url / PACHCA_API_URL`);
  });

  it('treats a DELETE that finds the user gone after a lost answer as done', async () => {
    let calls = 0;
    const { url } = await serve((_req, res) => {
      calls++;
      if (calls === 1) { res.socket?.destroy(); return; }
      json(res, 404, { errors: [{ key: 'id', value: '1', message: 'not found', code: 'not_found', payload: null }] });
    });
    await expect(client(url).deleteUser(1)).resolves.toBeUndefined();
  });
});

describe('the token stays secret', () => {
  it('is scrubbed from error messages even when the server echoes it', async () => {
    const { url } = await serve((req, res) => {
      if (req.method === 'POST') json(res, 401, { error: 'invalid_token', error_description: `bad token ${req.headers.authorization ?? ''}` });
      else json(res, 422, { errors: [{ key: 'token', value: TOKEN, message: `${TOKEN} is wrong`, code: 'invalid', payload: { t: TOKEN } }] });
    });
    const api = client(url);
    const auth = await api.createTag('x').catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthError);
    const invalid = await api.getUser(1).catch((e: unknown) => e);
    for (const error of [auth, invalid] as Error[]) {
      expect(error.message).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(String(error.stack)).not.toContain(TOKEN);
    }
    expect(JSON.stringify(api.stats())).not.toContain(TOKEN);
  });
});

describe('limiter', () => {
  it('is made once per command: the clients a command makes share it, another command has its own', async () => {
    // Answers only once two requests are waiting, so both are in flight at once.
    const held: ServerResponse[] = [];
    const { url, received } = await serve((_req, res) => {
      held.push(res);
      if (held.length === 2) for (const waiting of held.splice(0)) json(waiting, 200, { data: { id: 1 } });
    });
    const connection = resolveConnection({ 'api-url': url, token: TOKEN, rps: 100, concurrency: 4 }, {});
    const otherCommand = resolveConnection({ 'api-url': url, token: TOKEN, rps: 100, concurrency: 4 }, {});
    expect(connection.limiter).toBeInstanceOf(RateLimiter);
    expect(otherCommand.limiter).not.toBe(connection.limiter);

    const first = new PachcaClient(connection);
    const second = new PachcaClient(connection);
    await Promise.all([first.getUser(1), second.getUser(2)]);
    expect(connection.limiter!.peakInFlight).toBe(2);
    // A client of another command goes through its own limiter.
    await Promise.all([new PachcaClient(otherCommand).getUser(3), new PachcaClient(otherCommand).getUser(4)]);
    expect(received).toHaveLength(4);
    expect(connection.limiter!.peakInFlight).toBe(2);
    expect(otherCommand.limiter!.peakInFlight).toBe(2);
  });

  it('pauses every request until Retry-After has passed, then lowers its rate', async () => {
    let first429At = 0;
    const { url, received } = await serve((_req, res) => {
      if (first429At === 0) {
        first429At = Date.now();
        json(res, 429, undefined, { 'Retry-After': '1' });
        return;
      }
      setTimeout(() => json(res, 200, { data: { id: 1 } }), 20);
    });
    const sent: number[] = [];
    let limitedAt = 0;
    const limiter = new RateLimiter({ rps: 20, concurrency: 4 });
    const api = client(url, { rps: 20, concurrency: 4, limiter }, {
      onSend: ({ at }) => sent.push(at),
      onResult: ({ at, status }) => { if (status === 429) limitedAt = at; },
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => api.getUser(i)));
    expect(received).toHaveLength(13);
    // The client learned of the 429 after the server answered it (first429At) and by the time the
    // result hook ran (limitedAt; on a busy machine that can be many ms later). Requests sent before
    // it learned were already on the wire; nothing new may go out until 1 s after the answer.
    expect(limitedAt).toBeGreaterThanOrEqual(first429At);
    expect(sent.filter((at) => at > limitedAt && at < first429At + 1000)).toEqual([]);
    expect(arrivalsBeyondOnTheWire(received.map((r) => r.at), sent, { from: first429At, until: first429At + 1000 }, limitedAt)).toBe(0);
    expect(api.stats().rateLimited).toBe(1);
    expect(sent).toHaveLength(13);
    expect(limiter.rps).toBeCloseTo(14);
  });

  it('lowers its rate once per 429 wave (x0.7), holds it, then climbs back additively to the configured rate', async () => {
    let clock = 1_000_000;
    const limiter = new RateLimiter({ rps: 50, concurrency: 5, now: () => clock });
    const limited = () => limiter.schedule(() => Promise.reject(new RateLimitError(0)));
    const ok = () => limiter.schedule(() => Promise.resolve('ok'));

    // Two requests of the same wave: both sent before the 429 came back, one decrease.
    let releaseFirst!: () => void;
    const first = limiter.schedule(() => new Promise<never>((_resolve, reject) => { releaseFirst = () => reject(new RateLimitError(0)); }));
    const second = limited();
    await expect(second).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.rps).toBeCloseTo(35);
    releaseFirst();
    await expect(first).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.rps).toBeCloseTo(35);
    expect(limiter.rateLimited).toBe(2);

    clock += 100;
    await expect(limited()).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.rps).toBeCloseTo(24.5);

    clock += 1000; // still within the hold time
    await ok();
    expect(limiter.rps).toBeCloseTo(24.5);
    clock += 1000 + 3000; // hold over, then three seconds of +1 req/s
    await ok();
    expect(limiter.rps).toBeCloseTo(27.5);
    clock += 60_000;
    await ok();
    expect(limiter.rps).toBe(50);
  });

  it('waits a default second when Retry-After is missing or garbage', async () => {
    let answered429At = 0;
    const { url, received } = await serve((_req, res) => {
      if (answered429At === 0) {
        answered429At = Date.now();
        json(res, 429, undefined, { 'Retry-After': 'later' });
        return;
      }
      json(res, 200, { data: { id: 1 } });
    });
    await client(url).getUser(1);
    expect(received[1]!.at - answered429At).toBeGreaterThanOrEqual(1000);
  });

  it('keeps `concurrency` requests in flight to reach the rate despite latency', async () => {
    let inFlight = 0;
    let peak = 0;
    const { url } = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => { inFlight--; json(res, 200, { data: { id: 1 } }); }, 100);
    });
    const api = client(url, { rps: 50, concurrency: 10 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 100 }, (_, i) => api.getUser(i)));
    const elapsed = Date.now() - started;
    // 50 req/s at 100 ms each needs about 5 requests in flight, never more than `concurrency`.
    expect(peak).toBeGreaterThanOrEqual(3);
    expect(peak).toBeLessThanOrEqual(10);
    // Loose sanity bound: sequential would take 100 x 100 ms = 10 s; 50 req/s takes about 2 s.
    expect(elapsed).toBeLessThan(6000);
  });
});
