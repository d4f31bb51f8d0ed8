// What every sandbox route sees: the caller (token, user, scopes), the request and the context.
import type { SandboxBehaviour } from './api.js';
import type { DirectoryStore } from './store.js';

// Scopes per role, from the spec's OAuthScope x-scope-roles (only the ones this sandbox has
// routes for, plus the usual read scopes): owner-only scopes (audit_events:read, chat exports)
// are not given to other admins, and bots never get users:create/update/delete,
// group_tags:write, user_status:write or user_avatar:write.
const COMMON_SCOPES = [
  'profile:read', 'users:read', 'group_tags:read', 'user_status:read', 'custom_properties:read',
  'messages:create', 'messages:read', 'chats:read', 'chat_members:read', 'chat_members:write', 'search:users',
] as const;
const ADMIN_WRITE_SCOPES = ['users:create', 'users:update', 'users:delete', 'group_tags:write', 'user_status:write', 'user_avatar:write'] as const;
/** A non-owner admin's personal token. */
export const ADMIN_SCOPES: readonly string[] = [...COMMON_SCOPES, ...ADMIN_WRITE_SCOPES];
/** The Owner's personal token: every admin scope plus the owner-only ones. */
export const OWNER_SCOPES: readonly string[] = [...ADMIN_SCOPES, 'audit_events:read', 'chat_exports:read', 'chat_exports:write'];
/** Bot tokens never get the admin-only write scopes. */
export const BOT_SCOPES: readonly string[] = [...COMMON_SCOPES];

export interface Caller {
  token: string;
  tokenId: number;
  userId: number;
  isBot: boolean;
  scopes: readonly string[];
  createdAt: string;
}

export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON (undefined for an empty body or a multipart route). */
  body: unknown;
  /** The body as sent, for routes whose `body` is 'multipart'. */
  upload?: { contentType: string; bytes: Buffer };
  caller: Caller;
}

export interface ApiAnswer {
  status: number;
  /** undefined: no body (204). */
  body?: unknown;
}

export interface RouteContext {
  store: DirectoryStore;
  legacyPagination: boolean;
  behaviour: Required<SandboxBehaviour>;
  now(): Date;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  template: string;
  scope?: string;
  /** 'multipart': the body is not JSON; the handler reads `upload`. */
  body?: 'json' | 'multipart';
  /** Bigger bodies get 413 (default the server's MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  handle(request: ApiRequest, context: RouteContext): ApiAnswer;
}
