import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactSecrets } from '../src/redact.js';
import { ExitCode, InputError } from '../src/exit-codes.js';
import { exitCodeForError, toCliError } from '../src/app/errors.js';
import { resolveConnection } from '../src/cli/connection.js';
import { ApiError, AuthError, NetworkError } from '../src/pachca/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pachca-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveConnection', () => {
  it('takes the URL from --api-url, else PACHCA_API_URL, else the public API', () => {
    const env = { PACHCA_TOKEN: 'env-token-1', PACHCA_API_URL: 'http://127.0.0.1:9/api/shared/v1/' };
    expect(resolveConnection({ 'api-url': 'http://flag.test/api/shared/v1' }, env).apiUrl).toBe('http://flag.test/api/shared/v1');
    expect(resolveConnection({}, env).apiUrl).toBe('http://127.0.0.1:9/api/shared/v1');
    expect(resolveConnection({}, { PACHCA_TOKEN: 'env-token-1' }).apiUrl).toBe('https://api.pachca.com/api/shared/v1');
    expect(() => resolveConnection({ 'api-url': 'ftp://x' }, env)).toThrow(/--api-url: "ftp:\/\/x" must start with http/);
  });

  it('takes the token from --token, else --token-file (trimmed), else PACHCA_TOKEN', () => {
    const file = join(dir, 'token.txt');
    writeFileSync(file, '  file-token-2\n');
    const env = { PACHCA_TOKEN: 'env-token-3' };
    expect(resolveConnection({ token: 'flag-token-1', 'token-file': file }, env).token).toBe('flag-token-1');
    expect(resolveConnection({ 'token-file': file }, env).token).toBe('file-token-2');
    expect(resolveConnection({}, env).token).toBe('env-token-3');
  });

  it('registers the token so output redacts it', () => {
    resolveConnection({ token: 'secret-from-flag-42' }, {});
    expect(redactSecrets('token is secret-from-flag-42 here')).toBe('token is *** here');
  });

  it('rejects a missing token with a usage error that says how to give one', () => {
    const error = (() => { try { resolveConnection({}, {}); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(ExitCode.Usage);
    expect((error as Error).message).toMatch(/--token-file FILE.*PACHCA_TOKEN.*--token/);
  });

  it('names an unreadable or empty token file', () => {
    const missing = join(dir, 'nope.txt');
    expect(() => resolveConnection({ 'token-file': missing }, {})).toThrow(`--token-file ${missing}: cannot read the file (ENOENT)`);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '\n');
    expect(() => resolveConnection({ 'token-file': empty }, {})).toThrow(/empty/);
  });

  it('reads the timeout in seconds from --timeout or PACHCA_TIMEOUT (default 30) and checks the numbers', () => {
    const env = { PACHCA_TOKEN: 't-123456' };
    expect(resolveConnection({}, env)).toMatchObject({ timeoutMs: 30_000, rps: 50, concurrency: 'auto', retries: 5 });
    expect(resolveConnection({}, { ...env, PACHCA_TIMEOUT: '7' }).timeoutMs).toBe(7000);
    expect(resolveConnection({ timeout: 2.5 }, { ...env, PACHCA_TIMEOUT: '7' }).timeoutMs).toBe(2500);
    expect(resolveConnection({ rps: 5, concurrency: 2, retries: 3 }, env)).toMatchObject({ rps: 5, concurrency: 2, retries: 3 });
    expect(() => resolveConnection({}, { ...env, PACHCA_TIMEOUT: 'soon' })).toThrow(/PACHCA_TIMEOUT: expected a positive number/);
    expect(() => resolveConnection({}, { ...env, PACHCA_TIMEOUT: '1e10' })).toThrow('PACHCA_TIMEOUT: at most 3600 seconds, got 1e10');
    expect(() => resolveConnection({ concurrency: 0 }, env)).toThrow(InputError);
    expect(() => resolveConnection({ rps: Number.NaN }, env)).toThrow(/--rps/);
  });
});

describe('exit codes for client errors', () => {
  it('maps auth errors to 3 and other client errors to 1', () => {
    expect(exitCodeForError(new AuthError(403, 'insufficient_scope', 'Required: users:create', 'users:create'))).toBe(ExitCode.Auth);
    expect(exitCodeForError(new ApiError(422, []))).toBe(ExitCode.Fatal);
    expect(exitCodeForError(new NetworkError('refused', 'GET', '/users', 'cannot connect'))).toBe(ExitCode.Fatal);
    expect(exitCodeForError(new InputError('bad'))).toBe(ExitCode.Usage);
    const cli = toCliError(new AuthError(403, 'insufficient_scope', '', 'group_tags:write'));
    expect(cli.exitCode).toBe(ExitCode.Auth);
    expect(cli.message).toBe('token lacks scope group_tags:write (insufficient_scope)');
  });
});
