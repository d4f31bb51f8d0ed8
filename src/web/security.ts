// What keeps the page's data and its token-backed actions to the person who started it: the key
// (in the address printed at start, then an HttpOnly SameSite=Strict cookie; API calls also carry
// it in a header), the Host and Origin checks (no DNS rebinding, no cross-site request) and the
// response headers (a strict Content-Security-Policy: scripts and styles only from files here).
import { timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const KEY_HEADER = 'X-Roster-Key';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export { KEY_PATTERN } from './key-pattern.js';

export interface Gate {
  key: string;
  /** The host the server listens on, as given (127.0.0.1, localhost, ::1, 0.0.0.0, a name). */
  host: string;
  /** The port it listens on (known once listening). */
  port: () => number;
  /** The machine's own addresses, answered when listening on a wildcard (default: its network interfaces now). */
  ownAddresses?: () => readonly string[];
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** 0.0.0.0 or :: (in any spelling): every address of the machine. */
export function isWildcardHost(host: string): boolean {
  try {
    const { hostname } = new URL(`http://${hostForUrl(host)}`);
    return hostname === '0.0.0.0' || hostname === '[::]';
  } catch {
    return false;
  }
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((address) => address.address));
}

/**
 * The Host header values the server answers: its own address, and the loopback names when it
 * listens on one; on a wildcard, the loopback names and every address of the machine (read at
 * each request: an address may come or go), but never another name (DNS rebinding).
 */
export function allowedHosts(gate: Gate): Set<string> {
  const own = hostForUrl(gate.host);
  const names = isWildcardHost(gate.host)
    ? [...LOOPBACK, ...(gate.ownAddresses ?? interfaceAddresses)().map(hostForUrl)]
    : LOOPBACK.includes(own) ? LOOPBACK : [own];
  return new Set(names.map((name) => `${name}:${gate.port()}`.toLowerCase()));
}

/** The cookie's name carries the port: cookies are shared by every port of a host. */
export function cookieName(gate: Gate): string {
  return `pachca_roster_key_${gate.port()}`;
}

export function sameKey(given: string | undefined, key: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function forbidden(c: Context, reason: string): Response {
  return c.text(`403 Forbidden: ${reason}. Open the address pachca-roster ui printed (it ends with ?key=...).\n`, 403);
}

function setSecurityHeaders(c: Context): void {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
}

/**
 * Every request: a Host this server answers, no foreign Origin (a POST must name this one), and
 * the key (cookie; `?key=` on a page load sets it and redirects to the address without it).
 * Paths under /api/ also need the key in the X-Roster-Key header (a page elsewhere cannot set it).
 */
export function gateMiddleware(gate: Gate): MiddlewareHandler {
  return async (c, next) => {
    setSecurityHeaders(c);
    const url = new URL(c.req.url);
    const host = (c.req.header('host') ?? url.host).toLowerCase();
    const hosts = allowedHosts(gate);
    if (!hosts.has(host)) return forbidden(c, `this server does not answer the host "${host}"`);
    const origin = c.req.header('origin');
    const originAllowed = origin !== undefined && [...hosts].some((allowed) => origin.toLowerCase() === `http://${allowed}`);
    if (origin !== undefined && !originAllowed) return forbidden(c, 'a request from another site');
    const safeMethod = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!safeMethod && !originAllowed) return forbidden(c, 'a change without this page as its origin');

    const fromQuery = url.searchParams.get('key') ?? undefined;
    if (safeMethod && fromQuery !== undefined && sameKey(fromQuery, gate.key) && !url.pathname.startsWith('/api/')) {
      setCookie(c, cookieName(gate), gate.key, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('key');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (!sameKey(getCookie(c, cookieName(gate)), gate.key)) return forbidden(c, 'no key');
    if (url.pathname.startsWith('/api/') && !sameKey(c.req.header(KEY_HEADER), gate.key)) return forbidden(c, `no ${KEY_HEADER} header`);
    await next();
  };
}
