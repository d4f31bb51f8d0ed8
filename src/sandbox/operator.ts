// The operator endpoints (/__sandbox/...). They can wipe a --state file, so a web page must not
// reach them: the Host must name this machine (DNS rebinding), an Origin must be this sandbox's
// own, a POST must say application/json (a cross-site form cannot, and a script needs a CORS
// preflight that is never answered), bodies are small and values are validated.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunningSandbox } from './api.js';
import { readBody, sendJson } from './http.js';
import { parseAcceptInvites, parseSettings } from './schemas.js';

export const OPERATOR_MAX_BODY_BYTES = 256 * 1024;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

function operatorError(response: ServerResponse, status: number, key: string, code: string, message: string, value: string | null = null): void {
  sendJson(response, status, { errors: [{ key, value, message, code, payload: null }] });
}

/** Host values allowed: loopback names or the configured host, with the listening port. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = [...LOOPBACK_NAMES];
  if (!WILDCARD_HOSTS.has(host)) names.push(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return new Set(names.map((name) => `${name}:${port}`.toLowerCase()));
}

/** Why the request may not use an operator endpoint, or undefined when it may. */
export function operatorRefusal(request: IncomingMessage, hosts: ReadonlySet<string>): { status: number; key: string; message: string } | undefined {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 403, key: 'host', message: `Служебные методы доступны только по адресу ${[...hosts][0]} или localhost` };
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return { status: 403, key: 'origin', message: 'Служебные методы не принимают запросы с других сайтов' };
  }
  if (request.method === 'POST') {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, key: 'content-type', message: 'POST служебных методов: нужен Content-Type: application/json' };
  }
  return undefined;
}

export async function handleOperator(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  sandbox: RunningSandbox,
  hosts: ReadonlySet<string>,
): Promise<void> {
  const refusal = operatorRefusal(request, hosts);
  const body = await readBody(request, OPERATOR_MAX_BODY_BYTES);
  if (refusal) return operatorError(response, refusal.status, refusal.key, 'forbidden', refusal.message);
  if (body.tooLarge) return operatorError(response, 413, 'body', 'too_long', `Тело запроса больше ${OPERATOR_MAX_BODY_BYTES} байт`);
  let json: unknown = {};
  if (body.text.trim() !== '') {
    try {
      json = JSON.parse(body.text);
    } catch {
      return operatorError(response, 400, 'body', 'invalid', 'Тело запроса не является корректным JSON');
    }
  }
  const key = `${request.method} ${url.pathname}`;
  try {
    switch (key) {
      case 'GET /__sandbox/stats': return sendJson(response, 200, sandbox.stats());
      case 'GET /__sandbox/requests': return sendJson(response, 200, sandbox.requestLog());
      case 'GET /__sandbox/directory': return sendJson(response, 200, sandbox.directory());
      case 'GET /__sandbox/outbox': return sendJson(response, 200, sandbox.outbox());
      case 'POST /__sandbox/reset':
        sandbox.reset();
        return sendJson(response, 200, { ok: true });
      case 'POST /__sandbox/configure':
        sandbox.configure(parseSettings(json));
        return sendJson(response, 200, { ok: true });
      case 'POST /__sandbox/accept-invites':
        return sendJson(response, 200, { ok: true, accepted: sandbox.acceptInvites(parseAcceptInvites(json)) });
      default:
        return operatorError(response, 404, 'path', 'not_found', 'Нет такого служебного метода', url.pathname);
    }
  } catch (error) {
    return operatorError(response, 400, 'body', 'invalid', (error as Error).message);
  }
}
