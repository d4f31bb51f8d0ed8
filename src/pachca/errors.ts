// Typed errors of the Pachca client. Every error renders as one readable line: the field and
// the reason for API errors, the missing scope for auth errors, a short summary for non-JSON
// bodies (an HTML 502 page is never dumped).
// Each also carries a `Say`, so the CLI says it in the run's language (`message` is the English);
// Pachca's own error text inside it is quoted as given.
import { en, type Say } from '../i18n/catalog.js';
import type { ApiErrorItem } from './types.js';

/** Base of every error the client throws; `status` is the HTTP status when there was one. */
export class PachcaError extends Error {
  readonly say: Say;

  constructor(
    message: string | Say,
    readonly status: number | undefined,
  ) {
    super(typeof message === 'string' ? message : message(en));
    this.say = typeof message === 'string' ? () => message : message;
    this.name = 'PachcaError';
  }
}

/** A 4xx/5xx answer with an `{"errors": [...]}` body, or a body that could not be understood. */
export class ApiError extends PachcaError {
  constructor(
    status: number,
    readonly items: ApiErrorItem[],
    /** Short text when the body was not an ApiError body (HTML page, plain text, empty). */
    readonly summary?: string,
  ) {
    super(renderApiError(status, items, summary), status);
    this.name = 'ApiError';
  }

  /** The first item with this code, if any (e.g. `taken`). */
  item(code: string): ApiErrorItem | undefined {
    return this.items.find((item) => item.code === code);
  }
}

export class NotFoundError extends ApiError {
  constructor(status: number, items: ApiErrorItem[], summary?: string) {
    super(status, items, summary);
    this.name = 'NotFoundError';
  }
}

/** 401, 403 with an OAuth body (missing scope), or 403 ApiError `access_denied`. */
export class AuthError extends PachcaError {
  constructor(
    status: number,
    /** OAuth `error` (invalid_token, insufficient_scope) or `access_denied`. */
    readonly code: string,
    readonly description: string,
    /** The missing scope, when the server names it. */
    readonly scope?: string,
  ) {
    super(renderAuthError(status, code, description, scope), status);
    this.name = 'AuthError';
  }
}

/** 429 after the retries ran out (also thrown per attempt inside the client, then retried). */
export class RateLimitError extends PachcaError {
  constructor(
    /** How long the server asked to wait, in ms. */
    readonly retryAfterMs: number,
    summary?: string,
  ) {
    super((t) => t.apiRateLimited(formatSeconds(retryAfterMs), summary), 429);
    this.name = 'RateLimitError';
  }
}

export type NetworkFailure = 'timeout' | 'reset' | 'refused' | 'other';

/** No HTTP answer: timeout, connection reset or refused, DNS failure. */
export class NetworkError extends PachcaError {
  constructor(
    readonly failure: NetworkFailure,
    readonly method: string,
    readonly path: string,
    detail: string | Say,
  ) {
    super((t) => `${method} ${path}: ${typeof detail === 'string' ? detail : detail(t)}`, undefined);
    this.name = 'NetworkError';
  }

  /** The request surely never reached the server, so even a POST may be sent again. */
  get notDelivered(): boolean {
    return this.failure === 'refused';
  }
}

/** The run was interrupted (Ctrl+C, SIGTERM) before this request went on the wire: it was not sent. */
export class InterruptedError extends PachcaError {
  constructor() {
    super((t) => t.apiInterrupted, undefined);
    this.name = 'InterruptedError';
  }
}

/** A POST that may or may not have been carried out (timeout, reset, 5xx): look the object up before sending it again. */
export class UnknownOutcomeError extends PachcaError {
  constructor(
    readonly method: string,
    readonly path: string,
    override readonly cause: PachcaError,
  ) {
    super((t) => t.apiOutcomeUnknown(method, path, cause.say(t)), cause.status);
    this.name = 'UnknownOutcomeError';
  }
}

/** A request the caller's send guard stopped just before it left: it never reached the server. */
export class NotSentError extends PachcaError {
  constructor(reason: string | Say) {
    super(reason, undefined);
    this.name = 'NotSentError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  409: 'Conflict', 410: 'Gone', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const SUMMARY_MAX = 120;

function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
}

function renderItem(item: ApiErrorItem): string {
  const reason = item.message || item.code || 'invalid';
  const code = item.code && item.code !== reason ? ` (${item.code})` : '';
  const payload = item.payload && Object.keys(item.payload).length > 0 ? ` ${safeJson(item.payload)}` : '';
  return item.key ? `${item.key}: ${reason}${code}${payload}` : `${reason}${code}${payload}`;
}

function renderApiError(status: number, items: ApiErrorItem[], summary: string | undefined): Say {
  const detail = items.length > 0 ? items.map(renderItem).join('; ') : summary || statusLine(status);
  if (status === 402) return (t) => t.apiUnpaid(detail);
  if (items.length > 0 && status >= 500) return (t) => t.apiServerError(status, detail);
  return () => detail;
}

function renderAuthError(status: number, code: string, description: string, scope: string | undefined): Say {
  if (scope) return (t) => t.apiTokenLacksScope(scope, code);
  if (status === 401) return (t) => t.apiTokenRejected(description, code);
  return (t) => t.apiAccessDenied(description, code);
}

function statusLine(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

function safeJson(value: unknown): string {
  try {
    return truncate(JSON.stringify(value) ?? '', SUMMARY_MAX);
  } catch {
    return '';
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "HTTP 502 Bad Gateway: <title or first words of the text>" for bodies that are not JSON error bodies. */
export function summarizeBody(status: number, text: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text)
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain ? `${statusLine(status)}: ${truncate(plain, SUMMARY_MAX)}` : statusLine(status);
}

/** The scope named in an OAuth description like "Insufficient scope. Required: users:create". */
export function scopeFromDescription(description: string): string | undefined {
  return /\b([a-z_]+:[a-z_]+)\b/i.exec(description)?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return safeJson(value);
}

function toItem(raw: unknown): ApiErrorItem | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    key: text(raw.key),
    value: raw.value === null || raw.value === undefined ? null : text(raw.value),
    message: text(raw.message),
    code: text(raw.code),
    payload: isRecord(raw.payload) ? raw.payload : null,
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Turns an error answer into a typed error. Never throws, whatever the body: JSON ApiError and
 * OAuth bodies become ApiError/AuthError/NotFoundError; anything else is summarised.
 */
export function parseErrorBody(status: number, body: string, retryAfterMs = 1000): PachcaError {
  try {
    return classify(status, String(body ?? ''), retryAfterMs);
  } catch {
    return new ApiError(Number.isFinite(status) ? status : 0, [], statusLine(status));
  }
}

function classify(status: number, body: string, retryAfterMs: number): PachcaError {
  const parsed = parseJson(body);
  const items = isRecord(parsed) && Array.isArray(parsed.errors)
    ? parsed.errors.map(toItem).filter((item): item is ApiErrorItem => item !== undefined)
    : [];
  const oauth = isRecord(parsed) && typeof parsed.error === 'string'
    ? { code: parsed.error, description: text(parsed.error_description) }
    : undefined;
  const summary = items.length === 0 && !oauth ? summarizeBody(status, body) : undefined;

  if (status === 429) return new RateLimitError(retryAfterMs, items.length > 0 ? items.map(renderItem).join('; ') : undefined);
  // A 403 in the OAuth shape is an auth failure only for the token as a whole (a missing scope, a
  // bad token); any other code (the Owner protection on the users pages) refuses one request.
  const tokenWide = oauth !== undefined && (oauth.code === 'insufficient_scope' || oauth.code === 'invalid_token');
  if (status === 401 || (status === 403 && tokenWide)) {
    const description = oauth?.description ?? '';
    return new AuthError(status, oauth?.code ?? 'unauthorized', description || (summary ?? ''), scopeFromDescription(description));
  }
  const denied = items.find((item) => item.code === 'access_denied');
  if (status === 403 && denied) {
    return new AuthError(status, 'access_denied', denied.message || renderItem(denied), scopeFromDescription(denied.message));
  }
  if (status === 404) return new NotFoundError(status, items, summary);
  if (oauth && items.length === 0) {
    return new ApiError(status, [{ key: '', value: null, message: oauth.description || oauth.code, code: oauth.code, payload: null }]);
  }
  return new ApiError(status, items, summary);
}
