// Body validation helpers shared by the sandbox routes, answering the spec's ApiError shapes.
import type { User } from '../pachca/types.js';
import { SandboxHttpError, apiError, apiErrorItem } from './errors.js';
import { withInviteView } from './policies.js';
import type { Caller } from './route-types.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function wrapper(body: unknown, key: string): Json {
  if (!isObject(body) || !isObject(body[key])) {
    throw apiError(400, key, 'required', `Параметр ${key} обязателен`);
  }
  return body[key] as Json;
}

export class FieldErrors {
  readonly items: ReturnType<typeof apiErrorItem>[] = [];
  status = 422;

  add(key: string, code: string, message: string, value: unknown = null, payload: Record<string, unknown> | null = null, status = 422): void {
    this.items.push(apiErrorItem(key, code, message, value, payload));
    if (status === 400) this.status = 400;
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new SandboxHttpError(this.status, { errors: this.items });
  }
}

/** A text field: string (or null to clear on update), within maxLength when given. */
export function textField(input: Json, key: string, errors: FieldErrors, maxLength?: number): string | null | undefined {
  if (!(key in input)) return undefined;
  const value = input[key];
  if (value === null) return null;
  if (typeof value !== 'string') {
    errors.add(key, 'invalid', `${key} должен быть строкой`, value, null, 400);
    return undefined;
  }
  if (maxLength !== undefined && value.length > maxLength) {
    errors.add(key, 'too_long', `${key} длиннее ${maxLength} символов`, value);
    return undefined;
  }
  return value;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A user as the API answers it: a pending invite's first_name is null; bots see no e-mail or phone. */
export function rendersUser(user: User, caller: Caller): User {
  const shown = withInviteView(user);
  if (!caller.isBot) return shown;
  return { ...shown, email: null, phone_number: null };
}
