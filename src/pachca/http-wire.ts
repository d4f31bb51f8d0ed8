// One HTTP exchange on node:http / node:https with keep-alive agents. Global fetch (undici) cost
// about 1 ms more per round trip on the export's cursor chain (its streams and promise layers),
// and loading undici delayed the first request; the bench measured both.
import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignal;
}

export interface WireAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/**
 * Idle sockets are unref'd by the agents, so they never hold the process open, and closed after
 * 4 s (sooner when the server's Keep-Alive hint says so), before a server is likely to close them
 * under a request (undici's default too).
 */
const IDLE_SOCKET_MS = 4_000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress,
};

/** The body with its content codings undone, last applied first (an answer without a body has none to undo). */
function decoded(response: http.IncomingMessage, method: string): Readable {
  const status = response.statusCode ?? 0;
  const bodiless = method === 'HEAD' || status === 204 || status === 304 || response.headers['content-length'] === '0';
  const codings = String(response.headers['content-encoding'] ?? '').split(',').map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (bodiless || codings.length === 0 || !codings.every((coding) => coding in DECODERS)) return response;
  return codings.reduceRight<Readable>((body, coding) => body.pipe(DECODERS[coding]!()) as unknown as Readable, response);
}

/** UTF-8 text as fetch's text() gives it: a leading byte-order mark dropped. */
function utf8Text(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Sends the request and reads the whole answer as text (gzip, deflate and br undone, as fetch
 * did). Rejects with the underlying error (its `code`, e.g. ECONNREFUSED), or with the signal's
 * reason once it has fired. Redirects are not followed. A reset is not retried here (retry.ts
 * decides: a POST's outcome is unknown), which is why idle sockets close before the server's do.
 */
export function exchange(req: WireRequest): Promise<WireAnswer> {
  return new Promise<WireAnswer>((resolve, reject) => {
    const fail = (error: unknown): void => reject(req.signal.aborted ? req.signal.reason : error);
    let url: URL;
    try {
      url = new URL(req.url);
    } catch (error) {
      fail(error);
      return;
    }
    const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!transport) {
      fail(new TypeError(`unsupported protocol ${url.protocol}`));
      return;
    }
    const headers: Record<string, string> = { 'Accept-Encoding': 'gzip, deflate, br', ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.byteLength);
    const outgoing = transport.request(url, { method: req.method, headers, agent: agents[url.protocol as 'http:' | 'https:'], signal: req.signal }, (response) => {
      const chunks: Buffer[] = [];
      const body = decoded(response, req.method);
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter: retryAfter === undefined ? null : String(retryAfter), text: utf8Text(chunks) });
      });
      body.on('error', fail);
      response.on('error', fail);
      response.on('aborted', () => fail(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' })));
    });
    outgoing.on('error', fail);
    outgoing.end(req.body);
  });
}
