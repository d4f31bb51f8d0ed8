// Connection settings from flags and environment (the flags are `connectionOptions` in
// src/cli/options.ts): the command line's business, not the client's. The mapping of client
// errors to exit codes is in src/app/errors.ts.
import { readFileSync } from 'node:fs';
import { InputError } from '../exit-codes.js';
import { registerSecret } from '../redact.js';
import type { ConnectionOptions } from '../pachca/api.js';
import { RateLimiter } from '../pachca/limiter.js';
import { DEFAULT_API_URL, DEFAULT_CONCURRENCY, DEFAULT_RETRIES, DEFAULT_RPS, DEFAULT_TIMEOUT_MS } from '../pachca/client.js';

/** The parsed `connectionOptions` flags (yargs gives both spellings; the kebab one is read). */
export interface ConnectionArgv {
  'api-url'?: string;
  token?: string;
  'token-file'?: string;
  timeout?: number;
  rps?: number;
  /** A whole number or `auto` (yargs may give either type). */
  concurrency?: number | string;
  retries?: number;
}

export type ConnectionEnv = Partial<Record<'PACHCA_API_URL' | 'PACHCA_TOKEN' | 'PACHCA_TIMEOUT', string>>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function resolveApiUrl(argv: ConnectionArgv, env: ConnectionEnv): string {
  const raw = nonEmpty(argv['api-url']) ?? nonEmpty(env.PACHCA_API_URL) ?? DEFAULT_API_URL;
  const source = nonEmpty(argv['api-url']) ? '--api-url' : 'PACHCA_API_URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError((t) => t.errNotUrl(source, raw, DEFAULT_API_URL));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError((t) => t.errNotHttp(source, raw));
  }
  return raw.replace(/\/+$/, '');
}

function resolveToken(argv: ConnectionArgv, env: ConnectionEnv): string {
  const fromFlag = nonEmpty(argv.token);
  if (fromFlag) return fromFlag;
  const file = nonEmpty(argv['token-file']);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError((t) => t.errTokenFileUnreadable(file, code));
    }
    const token = nonEmpty(text);
    if (!token) throw new InputError((t) => t.errTokenFileEmpty(file));
    return token;
  }
  const fromEnv = nonEmpty(env.PACHCA_TOKEN);
  if (fromEnv) return fromEnv;
  throw new InputError((t) => t.errNoToken);
}

function positive(name: string, value: number | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new InputError((t) => t.errNotPositive(name, integer, String(value)));
  }
  return value;
}

/** The longest request timeout (timers cannot wait much longer than 24 days anyway). */
export const MAX_TIMEOUT_SECONDS = 3600;

/** `--concurrency`: `auto` (the default) or a positive whole number, the cap of the in-flight count. */
function resolveConcurrency(value: number | string | undefined): number | 'auto' {
  if (value === undefined || (typeof value === 'string' && value.trim().toLowerCase() === 'auto')) return DEFAULT_CONCURRENCY;
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new InputError(`--concurrency: expected a positive whole number or auto, got ${String(value)}`);
  }
  return number;
}

function resolveTimeoutMs(argv: ConnectionArgv, env: ConnectionEnv): number {
  if (argv.timeout !== undefined) return positive('--timeout', argv.timeout, 0, false) * 1000;
  const fromEnv = nonEmpty(env.PACHCA_TIMEOUT);
  if (fromEnv === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = positive('PACHCA_TIMEOUT', Number(fromEnv), 0, false);
  if (seconds > MAX_TIMEOUT_SECONDS) throw new InputError((t) => t.errTimeoutTooLong(MAX_TIMEOUT_SECONDS, fromEnv));
  return seconds * 1000;
}

/**
 * Connection options for PachcaClient, with the command's one rate limiter (a command resolves
 * its connection once, so whatever it sends shares one limiter); registers the token so it is
 * redacted from all output.
 */
export function resolveConnection(
  argv: ConnectionArgv,
  env: ConnectionEnv = process.env,
  log?: (line: string) => void,
): ConnectionOptions {
  const token = resolveToken(argv, env);
  registerSecret(token);
  const rps = positive('--rps', argv.rps, DEFAULT_RPS, false);
  const concurrency = resolveConcurrency(argv.concurrency);
  return {
    apiUrl: resolveApiUrl(argv, env),
    token,
    timeoutMs: resolveTimeoutMs(argv, env),
    rps,
    concurrency,
    retries: positive('--retries', argv.retries, DEFAULT_RETRIES, true),
    limiter: new RateLimiter({ rps, concurrency, ...(log ? { log } : {}) }),
    ...(log ? { log } : {}),
  };
}
