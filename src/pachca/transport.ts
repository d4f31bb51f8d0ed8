// One HTTP request to the Pachca API (node:http, http-wire.ts): auth header, JSON, timeout, query building.
// No retries and no rate limiting here (see retry.ts and limiter.ts).
import type { Say } from '../i18n/catalog.js';
import { USER_AGENT } from '../version.js';
import { exchange } from './http-wire.js';
import { NetworkError, PachcaError, parseErrorBody, type NetworkFailure } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface ApiRequest {
  method: HttpMethod;
  /** Path below the base URL, e.g. `/users/5`. */
  path: string;
  query?: QueryParams;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent instead as multipart/form-data with this one file part (avatar uploads). */
  upload?: FileUpload;
}

export interface FileUpload {
  /** The form field, e.g. `image`. */
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The body and its content type (a multipart body and its boundary are encoded by the platform's Response). */
async function encodeBody(req: ApiRequest): Promise<{ body: string | Uint8Array | undefined; contentType: string | undefined }> {
  if (req.upload) {
    const form = new FormData();
    const { field, filename, contentType, bytes } = req.upload;
    form.append(field, new Blob([bytes], { type: contentType }), filename);
    const encoded = new Response(form);
    return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? undefined };
  }
  if (req.body === undefined) return { body: undefined, contentType: undefined };
  return { body: JSON.stringify(req.body), contentType: 'application/json; charset=utf-8' };
}

export interface TransportConfig {
  apiUrl: string;
  token: string;
  timeoutMs: number;
}

export const DEFAULT_RETRY_AFTER_MS = 1000;

/** `names[]=A&names[]=B` for arrays (Rails style, as every official client sends them). */
export function buildQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const element of value as readonly (string | number)[]) params.append(`${key}[]`, String(element));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function buildUrl(apiUrl: string, path: string, query?: QueryParams): string {
  return `${apiUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}${buildQuery(query)}`;
}

/** Retry-After in seconds or as an HTTP date; missing or garbage gives the default. */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const ms = Math.ceil(Number(trimmed) * 1000);
    return Number.isFinite(ms) ? ms : DEFAULT_RETRY_AFTER_MS;
  }
  // Only an HTTP date ("Sat, 01 Aug 2026 10:00:05 GMT"); Date.parse alone takes "-3" for a year.
  const date = /^[a-z]{3}, /i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return DEFAULT_RETRY_AFTER_MS;
}

/** The system error code (ECONNRESET, ...) of the error or of its cause. */
function codeOf(error: unknown): string {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : '';
}

function failureOf(error: unknown): NetworkFailure {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  return 'other';
}

function describeFailure(failure: NetworkFailure, error: unknown, timeoutMs: number, host: string): Say {
  if (failure === 'timeout') return (t) => t.netTimeout(host, timeoutMs / 1000);
  const cause = error instanceof Error ? (error.cause as { message?: unknown } | undefined) : undefined;
  const code = codeOf(error);
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  const reason = code || message;
  if (failure === 'reset') return (t) => t.netReset(host, reason);
  if (failure === 'refused') return (t) => t.netRefused(host, reason);
  return (t) => t.netOther(host, reason);
}

function scrub(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('***') : text;
}

/**
 * Sends one request and returns the parsed JSON body (`null` for 204, an empty or a bare
 * `null` body). Any 2xx is success. Throws a typed PachcaError otherwise.
 */
export async function request<T>(config: TransportConfig, req: ApiRequest): Promise<T | null> {
  const url = buildUrl(config.apiUrl, req.path, req.query);
  const headers: Record<string, string> = {
    Authorization: `Bearer ${config.token}`,
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
  };
  const { body, contentType } = await encodeBody(req);
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  const signal = AbortSignal.timeout(config.timeoutMs);
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    ({ status, retryAfter, text } = await exchange({ method: req.method, url, headers, body, signal }));
  } catch (error) {
    const failure = failureOf(error);
    const detail = describeFailure(failure, error, config.timeoutMs, new URL(url).host);
    throw new NetworkError(failure, req.method, req.path, (t) => scrub(detail(t), config.token));
  }
  if (status >= 200 && status < 300) {
    if (status === 204 || text.trim() === '') return null;
    try {
      return JSON.parse(text) as T | null;
    } catch {
      throw new PachcaError((t) => t.apiNotJson(req.method, req.path, status), status);
    }
  }
  throw parseErrorBody(status, scrub(text, config.token), parseRetryAfter(retryAfter));
}
