// Reading request bodies with a size cap and writing JSON answers, for the API and operator endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadBody {
  text: string;
  /** The same body as bytes (multipart uploads). */
  bytes: Buffer;
  tooLarge: boolean;
}

/** Reads the body; past `maxBytes` it is dropped (tooLarge), past 16 times that the connection is cut. */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > maxBytes;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (size > 16 * maxBytes) request.destroy();
      else if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => {
      const bytes = tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks);
      resolve({ text: bytes.toString('utf8'), bytes, tooLarge });
    });
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed || response.writableEnded) return;
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
