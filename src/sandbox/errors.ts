// Error answers of the sandbox, shaped as the spec's ApiError and OAuthError.
import type { ApiErrorBody, ApiErrorItem, OAuthErrorBody, ValidationErrorCode } from '../pachca/types.js';

/** Thrown by handlers; the server turns it into the HTTP answer. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | OAuthErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function apiErrorItem(
  key: string,
  code: ValidationErrorCode,
  message: string,
  value: unknown = null,
  payload: Record<string, unknown> | null = null,
): ApiErrorItem {
  const shownValue = value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
  return { key, value: shownValue, message, code, payload };
}

export function apiError(
  status: number,
  key: string,
  code: ValidationErrorCode,
  message: string,
  value: unknown = null,
  payload: Record<string, unknown> | null = null,
): SandboxHttpError {
  return new SandboxHttpError(status, { errors: [apiErrorItem(key, code, message, value, payload)] });
}

export function oauthError(status: 401 | 403, error: string, description: string): SandboxHttpError {
  return new SandboxHttpError(status, { error, error_description: description });
}

export function notFound(key: string, value: unknown): SandboxHttpError {
  return apiError(404, key, 'not_found', 'Объект не найден', value);
}
