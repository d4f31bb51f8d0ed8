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

/** A JSON answer serialized ahead of sending (the API builds it inside the latency, then waits). */
export interface JsonAnswer {
  status: number;
  body: Buffer | undefined;
  headers: Record<string, string>;
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): JsonAnswer {
  if (body === undefined) return { status, body: undefined, headers };
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  return { status, body: bytes, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), ...headers } };
}

export function sendAnswer(response: ServerResponse, answer: JsonAnswer): void {
  if (response.destroyed || response.writableEnded) return;
  if (answer.body === undefined) response.writeHead(answer.status, answer.headers).end();
  else response.writeHead(answer.status, answer.headers).end(answer.body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendAnswer(response, jsonAnswer(status, body, headers));
}
