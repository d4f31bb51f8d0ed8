// `ui --host 0.0.0.0` (or ::): the page answers a Host naming this machine (the loopback names or
// any address of its network interfaces) with its port, and still refuses any other name (DNS
// rebinding); the address it prints opens the page. In process, over real HTTP.
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateMiddleware, hostForUrl, type Gate } from '../src/web/security.js';
import { call, startTestWeb, type TestWeb } from './helpers/web.js';

let web: TestWeb;

beforeAll(async () => {
  web = await startTestWeb({ host: '0.0.0.0' });
});

afterAll(async () => {
  await web.stop();
});

/** GET with exactly these headers (Host included), sent to 127.0.0.1. */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: web.server.port, path, method: 'GET', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('listening on 0.0.0.0', () => {
  it('the printed address is this machine\'s loopback with the port, and its key opens the page', async () => {
    expect(web.server.entryUrl).toBe(`http://127.0.0.1:${web.server.port}/?key=${web.key}`);
    const entry = await fetch(web.server.entryUrl, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(new URL('/', web.server.entryUrl), { headers: { cookie } })).status).toBe(200);
  });

  it('answers the loopback names and every interface address with its port; refuses other names, ports and 0.0.0.0', async () => {
    const cookie = `pachca_roster_key_${web.server.port}=${web.key}`;
    const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => hostForUrl(entry.address)));
    const answered = ['localhost', '127.0.0.1', '[::1]', ...own];
    for (const host of answered) expect(await rawGet('/', { host: `${host}:${web.server.port}`, cookie }), host).toBe(200);
    for (const host of ['evil.example', 'evil.example.127.0.0.1.nip.io', '0.0.0.0', '192.0.2.250']) {
      expect(await rawGet('/', { host: `${host}:${web.server.port}`, cookie }), host).toBe(403);
    }
    expect(await rawGet('/', { host: `127.0.0.1:${web.server.port + 1}`, cookie })).toBe(403);
  });

  it('still needs the key, and refuses another site\'s Origin', async () => {
    expect(await rawGet('/', { host: `localhost:${web.server.port}` })).toBe(403);
    expect((await call(web, 'GET', '/api/config', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call(web, 'GET', '/api/config')).status).toBe(200);
  });
});

describe('the Host check on a wildcard, with the machine\'s addresses given', () => {
  const KEY = 'gate-test-key-0123456789';
  const appFor = (host: string): Hono => {
    const gate: Gate = { key: KEY, host, port: () => 8788, ownAddresses: () => ['192.0.2.10', '2001:db8::7'] };
    const app = new Hono();
    app.use('*', gateMiddleware(gate));
    app.get('/', (c) => c.text('ok'));
    return app;
  };
  const status = async (app: Hono, host: string, origin?: string): Promise<number> =>
    (await app.request('/', { headers: { host, cookie: `pachca_roster_key_8788=${KEY}`, ...(origin ? { origin } : {}) } })).status;

  it('0.0.0.0 and :: answer every own address (IPv4 and IPv6) at the port, and nothing else', async () => {
    for (const wildcard of ['0.0.0.0', '::']) {
      const app = appFor(wildcard);
      for (const host of ['192.0.2.10:8788', '[2001:db8::7]:8788', '[2001:DB8::7]:8788', 'localhost:8788', '[::1]:8788']) {
        expect(await status(app, host), `${wildcard} ${host}`).toBe(200);
      }
      expect(await status(app, '192.0.2.10:8788', 'http://192.0.2.10:8788')).toBe(200);
      for (const host of ['192.0.2.11:8788', '192.0.2.10:9999', 'attacker.example:8788', '0.0.0.0:8788', '[::]:8788']) {
        expect(await status(app, host), `${wildcard} ${host}`).toBe(403);
      }
      expect(await status(app, '192.0.2.10:8788', 'http://attacker.example')).toBe(403);
    }
  });

  it('a loopback or named host answers only itself (and the loopback names), not the machine\'s other addresses', async () => {
    expect(await status(appFor('127.0.0.1'), '192.0.2.10:8788')).toBe(403);
    expect(await status(appFor('127.0.0.1'), 'localhost:8788')).toBe(200);
    expect(await status(appFor('192.0.2.10'), '192.0.2.10:8788')).toBe(200);
    expect(await status(appFor('192.0.2.10'), '[2001:db8::7]:8788')).toBe(403);
  });
});
