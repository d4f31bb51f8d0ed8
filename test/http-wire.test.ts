// The node:http transport: compressed answers are undone, a silent server is a timeout, a closed
// port is refused, a cut connection is a reset, and a multipart upload arrives whole.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../src/pachca/errors.js';
import { request } from '../src/pachca/transport.js';

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('transport on node:http', () => {
  it('undoes gzip and br answers and asks for them', async () => {
    const seen: string[] = [];
    const apiUrl = await serve((req, res) => {
      seen.push(String(req.headers['accept-encoding']));
      const json = Buffer.from(JSON.stringify({ data: { name: 'Анна' } }));
      const br = req.url?.includes('br');
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': br ? 'br' : 'gzip' });
      res.end(br ? brotliCompressSync(json) : gzipSync(json));
    });
    const config = { apiUrl, token: 'secret-token', timeoutMs: 5000 };
    expect(await request(config, { method: 'GET', path: '/gz' })).toEqual({ data: { name: 'Анна' } });
    expect(await request(config, { method: 'GET', path: '/br' })).toEqual({ data: { name: 'Анна' } });
    expect(seen[0]).toMatch(/gzip/);
  });

  it('undoes deflate, x-gzip and a list of codings (last applied first); an empty answer or a BOM is no error', async () => {
    const json = Buffer.from(JSON.stringify({ data: { name: 'Ёлка' } }));
    const apiUrl = await serve((req, res) => {
      const path = req.url ?? '';
      if (path.includes('deflate')) res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(json));
      else if (path.includes('x-gzip')) res.writeHead(200, { 'content-encoding': 'x-gzip' }).end(gzipSync(json));
      else if (path.includes('both')) res.writeHead(200, { 'content-encoding': 'gzip, br' }).end(brotliCompressSync(gzipSync(json)));
      else if (path.includes('empty')) res.writeHead(204, { 'content-encoding': 'gzip' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]));
    });
    const config = { apiUrl, token: 'secret-token', timeoutMs: 5000 };
    for (const path of ['/deflate', '/x-gzip', '/both', '/bom']) {
      expect(await request(config, { method: 'GET', path })).toEqual({ data: { name: 'Ёлка' } });
    }
    expect(await request(config, { method: 'DELETE', path: '/empty' })).toBeNull();
  });

  it('a server that never answers is a timeout; a closed port is refused; a cut answer is a reset', async () => {
    const apiUrl = await serve((req, res) => {
      if (req.url?.includes('cut')) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"data"');
        setTimeout(() => req.socket.destroy(), 10);
      }
    });
    const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'answered', (error: unknown) => (error instanceof NetworkError ? error.failure : error));
    expect(await failure(request({ apiUrl, token: 'secret-token', timeoutMs: 150 }, { method: 'GET', path: '/silent' }))).toBe('timeout');
    expect(await failure(request({ apiUrl, token: 'secret-token', timeoutMs: 5000 }, { method: 'GET', path: '/cut' }))).toBe('reset');
    const closed = apiUrl;
    server?.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    expect(await failure(request({ apiUrl: closed, token: 'secret-token', timeoutMs: 5000 }, { method: 'GET', path: '/x' }))).toBe('refused');
  });

  it('sends a multipart upload with its boundary and length', async () => {
    let received = '';
    let type = '';
    const apiUrl = await serve((req, res) => {
      type = String(req.headers['content-type']);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received = Buffer.concat(chunks).toString('latin1');
        res.writeHead(204).end();
      });
    });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await request({ apiUrl, token: 'secret-token', timeoutMs: 5000 }, { method: 'PUT', path: '/avatar', upload: { field: 'image', filename: 'a.png', contentType: 'image/png', bytes } });
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    expect(received).toContain('name="image"; filename="a.png"');
    expect(received).toContain('\x89PNG');
  });
});
