// Reliability fuzz, end to end over HTTP: a server answers the client's first requests with random
// error statuses and random bodies (JSON of any shape, truncated JSON, HTML, binary, empty, any
// content type), then correctly. Whatever it sends, each call either succeeds or rejects with a
// typed PachcaError whose message is one line without the token: never a TypeError, never a hang.
// (parseErrorBody alone is fuzzed in client-errors.test.ts; random rows through normalization and
// validation in sheets-fuzz.test.ts.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { PachcaError } from '../src/pachca/errors.js';
import type { User } from '../src/pachca/types.js';
import { blankUser } from '../src/sandbox/workspace.js';

interface ScriptedAnswer {
  status: number;
  contentType: string;
  body: string | Uint8Array;
  retryAfter?: string;
}

const USER: User = blankUser(5, { nickname: 'ivan', email: 'ivan@example.ru', created_at: '2026-01-01T00:00:00.000Z' });
const EMPTY_PAGE = { data: [], meta: { paginate: { next_page: 'end', prev_page: null, has_next: false, has_prev: false } } };

/** The correct answer for each call the test makes, once the scripted errors run out. */
function correctAnswer(method: string, path: string): { status: number; body: unknown } {
  if (method === 'POST' && path.endsWith('/users')) return { status: 201, body: { data: { ...USER, id: 6 } } };
  if (method === 'POST' && path.endsWith('/group_tags')) return { status: 201, body: { data: { id: 9, name: 'Backend', users_count: 0 } } };
  if (path.endsWith('/users/5/status')) return { status: 200, body: null };
  if (path.endsWith('/users/5')) return { status: 200, body: { data: USER } };
  if (path.endsWith('/custom_properties')) return { status: 200, body: { data: [] } };
  return { status: 200, body: EMPTY_PAGE };
}

let script: ScriptedAnswer[] = [];
let server: Server;
let apiUrl: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const scripted = script.shift();
      if (scripted) {
        response.writeHead(scripted.status, {
          'Content-Type': scripted.contentType,
          ...(scripted.retryAfter !== undefined ? { 'Retry-After': scripted.retryAfter } : {}),
        });
        response.end(scripted.body);
        return;
      }
      const url = new URL(request.url ?? '/', 'http://x');
      const { status, body } = correctAnswer(request.method ?? 'GET', url.pathname);
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/shared/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const errorStatus = fc.oneof(
  fc.constantFrom(400, 401, 402, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504),
  fc.integer({ min: 300, max: 599 }),
);
const anyJson = fc.jsonValue().map((value) => JSON.stringify(value));
const errorBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 200 }),
  anyJson,
  anyJson.map((text) => text.slice(0, Math.max(1, text.length - 1))),
  fc.jsonValue().map((value) => JSON.stringify({ errors: value })),
  fc.jsonValue().map((value) => JSON.stringify({ errors: [{ key: value, value, message: value, code: value, payload: value }] })),
  fc.jsonValue().map((value) => JSON.stringify({ error: value, error_description: value })),
  fc.string({ maxLength: 80 }).map((text) => `<html><head><title>${text}</title></head><body>${text}\n${text}</body></html>`),
  fc.uint8Array({ maxLength: 200 }),
);
const answer: fc.Arbitrary<ScriptedAnswer> = fc.record({
  status: errorStatus,
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', 'application/octet-stream'),
  body: errorBody,
  // Short waits keep the fuzz fast; a 429 without a usable Retry-After would wait the default 1 s.
  retryAfter: fc.constantFrom('0', '0.01', '0.02'),
});

type Call = (api: PachcaClient) => Promise<unknown>;
const CALLS: Array<[string, Call]> = [
  ['getUser', (api) => api.getUser(5)],
  ['listUsers', async (api) => {
    for await (const user of api.listUsers()) void user;
  }],
  ['createUserSafely', (api) => api.createUserSafely({ user: { email: 'new@example.ru', first_name: 'Новый' } })],
  ['createTagSafely', (api) => api.createTagSafely('Backend')],
  ['updateUser', (api) => api.updateUser(5, { department: 'HR' })],
  ['getStatus', (api) => api.getStatus(5)],
  ['clearStatus', (api) => api.clearStatus(5)],
  ['deleteUser', (api) => api.deleteUser(5)],
  ['listCustomProperties', (api) => api.listCustomProperties()],
];

describe('the client under random error answers', () => {
  it('succeeds or fails with a typed one-line error, whatever the bodies', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), fc.constantFrom(...CALLS), async (answers, [, call]) => {
        script = [...answers];
        // A token per run: each gets its own limiter, so one run's 429s do not slow the next.
        const token = `fuzz-token-${run++}-secret`;
        const api = new PachcaClient({ apiUrl, token, rps: 10_000, concurrency: 4, retries: 3, timeoutMs: 5000 }, { retryMinDelayMs: 1 });
        try {
          await call(api);
        } catch (error) {
          expect(error).toBeInstanceOf(PachcaError);
          const message = (error as PachcaError).message;
          expect(message.length).toBeGreaterThan(0);
          expect(message).not.toContain('\n');
          expect(message).not.toContain(token);
        }
      }),
      { numRuns: 200 },
    );
  });
});
