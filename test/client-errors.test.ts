import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApiError, AuthError, NotFoundError, PachcaError, RateLimitError, parseErrorBody, scopeFromDescription,
} from '../src/pachca/errors.js';
import { buildQuery, parseRetryAfter } from '../src/pachca/transport.js';

describe('parseErrorBody', () => {
  it('renders an ApiError item as field: reason (code)', () => {
    const error = parseErrorBody(422, JSON.stringify({
      errors: [{ key: 'email', value: 'a@b.ru', message: 'has already been taken', code: 'taken', payload: null }],
    }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('email: has already been taken (taken)');
    expect((error as ApiError).items[0]?.key).toBe('email');
    expect((error as ApiError).item('taken')?.value).toBe('a@b.ru');
    expect(error.status).toBe(422);
  });

  it('joins several items on one line and shows a payload', () => {
    const error = parseErrorBody(422, JSON.stringify({
      errors: [
        { key: 'first_name', value: '', message: 'can\'t be blank', code: 'blank', payload: null },
        { key: 'custom_properties', value: '9', message: 'not found', code: 'not_found', payload: { id: 9 } },
      ],
    }));
    expect(error.message).toBe('first_name: can\'t be blank (blank); custom_properties: not found (not_found) {"id":9}');
    expect(error.message).not.toContain('\n');
  });

  it('names the missing scope of an OAuth 403', () => {
    const error = parseErrorBody(403, JSON.stringify({
      error: 'insufficient_scope', error_description: 'Insufficient scope. Required: users:create',
    }));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).scope).toBe('users:create');
    expect(error.message).toBe('token lacks scope users:create (insufficient_scope)');
  });

  it('treats 401 as an AuthError and 403 access_denied as an AuthError', () => {
    const unauthorized = parseErrorBody(401, JSON.stringify({ error: 'invalid_token', error_description: 'The access token is invalid' }));
    expect(unauthorized).toBeInstanceOf(AuthError);
    expect(unauthorized.message).toBe('token rejected: The access token is invalid (invalid_token)');
    const denied = parseErrorBody(403, JSON.stringify({
      errors: [{ key: 'id', value: '1', message: 'Owner cannot be changed', code: 'access_denied', payload: null }],
    }));
    expect(denied).toBeInstanceOf(AuthError);
    expect(denied.message).toContain('Owner cannot be changed (access_denied)');
  });

  it('says a 402 workspace is unpaid', () => {
    const error = parseErrorBody(402, JSON.stringify({
      errors: [{ key: 'company', value: null, message: 'Payment required', code: 'payment_required', payload: null }],
    }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/^the workspace subscription is unpaid \(402\)/);
    expect(parseErrorBody(402, '').message).toMatch(/subscription is unpaid/);
  });

  it('gives NotFoundError for 404 and RateLimitError for 429', () => {
    expect(parseErrorBody(404, JSON.stringify({ errors: [{ key: 'id', value: '7', message: 'not found', code: 'not_found', payload: null }] })))
      .toBeInstanceOf(NotFoundError);
    const limited = parseErrorBody(429, 'slow down', 3000);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(3000);
  });

  it('summarises an HTML 502 page instead of dumping it', () => {
    const html = `<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>
      <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>${'<p>filler</p>'.repeat(500)}</body></html>`;
    const error = parseErrorBody(502, html);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('HTTP 502 Bad Gateway: 502 Bad Gateway');
    const plain = parseErrorBody(500, `<div>${'x'.repeat(5000)}</div>`);
    expect(plain.message.length).toBeLessThan(160);
    expect(plain.message).not.toContain('<');
  });

  it('never throws and always gives one short line, whatever the body (fuzz)', () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ errors: value })),
      fc.jsonValue().map((value) => JSON.stringify({ errors: [value, { key: value, code: value, message: value, payload: value }] })),
      fc.jsonValue().map((value) => JSON.stringify({ error: value, error_description: value })),
      fc.string().map((text) => `<html><title>${text}</title>${text}</html>`),
    );
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 100, max: 599 }), fc.integer()), jsonish, (status, body) => {
      const error = parseErrorBody(status, body);
      expect(error).toBeInstanceOf(PachcaError);
      expect(typeof error.message).toBe('string');
      expect(error.message.length).toBeGreaterThan(0);
      if (!body.trimStart().startsWith('{')) expect(error.message.length).toBeLessThan(200);
    }), { numRuns: 500 });
  });
});

describe('request helpers', () => {
  it('reads the scope out of an OAuth description', () => {
    expect(scopeFromDescription('Insufficient scope. Required: group_tags:write')).toBe('group_tags:write');
    expect(scopeFromDescription('Insufficient scope')).toBeUndefined();
  });

  it('builds Rails-style array queries', () => {
    expect(buildQuery({ names: ['Отдел продаж', 'B&C'], limit: 50, cursor: undefined }))
      .toBe('?names%5B%5D=%D0%9E%D1%82%D0%B4%D0%B5%D0%BB+%D0%BF%D1%80%D0%BE%D0%B4%D0%B0%D0%B6&names%5B%5D=B%26C&limit=50');
    expect(buildQuery({})).toBe('');
  });

  it('parses Retry-After in seconds or as a date, with a default for garbage', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(null)).toBe(1000);
    expect(parseRetryAfter('soon')).toBe(1000);
    expect(parseRetryAfter('-3')).toBe(1000);
    const now = Date.parse('2026-08-01T10:00:00Z');
    expect(parseRetryAfter('Sat, 01 Aug 2026 10:00:05 GMT', now)).toBe(5000);
  });
});
