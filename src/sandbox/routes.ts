// The API routes of the sandbox: request validation and answers, as FACTS.md and the spec describe.
import type {
  AccessTokenInfo, CustomProperty, GroupTag, User, UserStatus,
} from '../pachca/types.js';
import { USER_CREATE_ROLES, USER_UPDATE_ROLES } from '../pachca/types.js';
import { AUDIT_EVENTS_ROUTE } from './audit-log.js';
import { SandboxHttpError, apiError, apiErrorItem, notFound } from './errors.js';
import { pageOf, parsePageQuery } from './pagination.js';
import type { DirectoryStore } from './store.js';
import { blankUser } from './workspace.js';

// Scopes per role, from the spec's OAuthScope x-scope-roles (only the ones this sandbox has
// routes for, plus the usual read scopes): owner-only scopes (audit_events:read, chat exports)
// are not given to other admins, and bots never get users:create/update/delete,
// group_tags:write or user_status:write.
const COMMON_SCOPES = [
  'profile:read', 'users:read', 'group_tags:read', 'user_status:read', 'custom_properties:read',
  'messages:create', 'messages:read', 'chats:read', 'search:users',
] as const;
const ADMIN_WRITE_SCOPES = ['users:create', 'users:update', 'users:delete', 'group_tags:write', 'user_status:write'] as const;
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
  body: unknown;
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
  now(): Date;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  template: string;
  scope?: string;
  handle(request: ApiRequest, context: RouteContext): ApiAnswer;
}

// ---- body validation helpers ----

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrapper(body: unknown, key: string): Json {
  if (!isObject(body) || !isObject(body[key])) {
    throw apiError(400, key, 'required', `Параметр ${key} обязателен`);
  }
  return body[key] as Json;
}

class FieldErrors {
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
function textField(input: Json, key: string, errors: FieldErrors, maxLength?: number): string | null | undefined {
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

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function rendersUser(user: User, caller: Caller): User {
  if (!caller.isBot) return user;
  return { ...user, email: null, phone_number: null };
}

function customPropertiesFor(
  store: DirectoryStore,
  current: CustomProperty[] | undefined,
  input: unknown,
  errors: FieldErrors,
): CustomProperty[] | undefined {
  const definitions = store.customProperties;
  const base: CustomProperty[] = definitions.map((definition) => ({
    ...definition,
    value: current?.find((p) => p.id === definition.id)?.value ?? null,
  }));
  if (input === undefined) return current === undefined ? base : undefined;
  if (!Array.isArray(input)) {
    errors.add('custom_properties', 'invalid', 'custom_properties должен быть массивом', input, null, 400);
    return undefined;
  }
  for (const item of input) {
    if (!isObject(item) || !Number.isInteger(item.id) || typeof item.value !== 'string') {
      errors.add('custom_properties', 'invalid', 'Ожидается {id: int, value: string}', item, null, 400);
      continue;
    }
    const id = item.id as number;
    const value = item.value;
    const target = base.find((p) => p.id === id);
    if (!target) {
      errors.add('custom_properties', 'not_found', `Дополнительное поле ${id} не найдено`, id, { id });
      continue;
    }
    if (value.length > 768) {
      errors.add('custom_properties', 'too_long', 'Значение длиннее 768 символов', value, { id });
      continue;
    }
    if (value !== '' && target.data_type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) {
      errors.add('custom_properties', 'invalid', 'Ожидается число', value, { id });
      continue;
    }
    if (value !== '' && target.data_type === 'date' && !isIsoDate(value)) {
      errors.add('custom_properties', 'invalid', 'Ожидается дата ISO 8601', value, { id });
      continue;
    }
    if (value !== '' && target.data_type === 'link' && !isWebLink(value)) {
      errors.add('custom_properties', 'invalid', 'Ожидается ссылка http(s)://...', value, { id });
      continue;
    }
    target.value = value === '' ? null : value;
  }
  return base;
}

/** An ISO 8601 date (optionally with a time) that exists in the calendar: 2024-02-30 does not. */
function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$)/.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function tagNamesFor(store: DirectoryStore, input: unknown, errors: FieldErrors): string[] | undefined {
  if (input === undefined) return undefined;
  if (!Array.isArray(input) || input.some((name) => typeof name !== 'string')) {
    errors.add('list_tags', 'invalid', 'list_tags должен быть массивом строк', input, null, 400);
    return undefined;
  }
  const names: string[] = [];
  for (const name of input as string[]) {
    const tag = store.findTagByName(name);
    if (!tag) errors.add('list_tags', 'not_found', `Тег «${name}» не найден`, name);
    else if (!names.includes(tag.name)) names.push(tag.name);
  }
  return names;
}

/** Validates the fields common to create and update; answers the changes to apply. */
function userChanges(
  store: DirectoryStore,
  input: Json,
  errors: FieldErrors,
  current: User | undefined,
): Partial<User> {
  const changes: Partial<User> = {};
  for (const key of ['first_name', 'last_name', 'phone_number', 'department'] as const) {
    const value = textField(input, key, errors, 255);
    if (value !== undefined) changes[key] = value;
  }
  const title = textField(input, 'title', errors);
  if (title !== undefined) changes.title = title;
  const email = textField(input, 'email', errors, 255);
  if (email !== undefined) {
    if (email === null || email.trim() === '') errors.add('email', 'blank', 'Email не может быть пустым', email);
    else if (!EMAIL_PATTERN.test(email.trim())) errors.add('email', 'invalid', 'Некорректный email', email);
    else {
      const trimmed = email.trim();
      if (store.userIdByEmail(trimmed) !== undefined && store.userIdByEmail(trimmed) !== current?.id) {
        errors.add('email', 'taken', 'Такой email уже используется', trimmed);
      } else changes.email = trimmed;
    }
  }
  const nickname = textField(input, 'nickname', errors, 255);
  if (nickname !== undefined && nickname !== null && nickname !== '') {
    try {
      store.assertNicknameFree(nickname, current?.id);
      changes.nickname = nickname;
    } catch (error) {
      if (error instanceof SandboxHttpError) errors.add('nickname', 'taken', 'Такое имя пользователя уже занято', nickname);
      else throw error;
    }
  }
  if ('suspended' in input) {
    if (typeof input.suspended !== 'boolean') errors.add('suspended', 'invalid', 'suspended должен быть true или false', input.suspended, null, 400);
    else changes.suspended = input.suspended;
  }
  const tags = tagNamesFor(store, input.list_tags, errors);
  if (tags !== undefined) changes.list_tags = tags;
  const properties = customPropertiesFor(store, current?.custom_properties, input.custom_properties, errors);
  if (properties !== undefined) changes.custom_properties = properties;
  return changes;
}

function createUser(request: ApiRequest, { store, now }: RouteContext): ApiAnswer {
  const input = wrapper(request.body, 'user');
  const errors = new FieldErrors();
  if (!('email' in input) || input.email === undefined) errors.add('email', 'blank', 'Email обязателен');
  if (isObject(request.body) && 'skip_email_notify' in request.body && typeof request.body.skip_email_notify !== 'boolean') {
    errors.add('skip_email_notify', 'invalid', 'skip_email_notify должен быть true или false', request.body.skip_email_notify, null, 400);
  }
  const changes = userChanges(store, input, errors, undefined);
  const role = input.role ?? 'user';
  if (typeof role !== 'string' || !(USER_CREATE_ROLES as readonly string[]).includes(role)) {
    errors.add('role', 'inclusion', `Роль должна быть одной из: ${USER_CREATE_ROLES.join(', ')}`, role);
  }
  const chatIds = input.chat_ids;
  if (chatIds !== undefined && (!Array.isArray(chatIds) || chatIds.some((id) => !Number.isInteger(id)))) {
    errors.add('chat_ids', 'invalid', 'chat_ids должен быть массивом целых чисел', chatIds, null, 400);
  } else if (role === 'guest') {
    const ids = (chatIds ?? []) as number[];
    if (ids.length !== 1 || !store.chats.some((chat) => chat.id === ids[0])) {
      errors.add('chat_ids', 'invalid', 'Для роли guest нужен ровно один существующий чат в chat_ids', chatIds ?? null, null, 400);
    }
  } else if (chatIds !== undefined) {
    for (const id of chatIds as number[]) {
      if (!store.chats.some((chat) => chat.id === id)) errors.add('chat_ids', 'not_found', `Чат ${id} не найден`, id);
    }
  }
  errors.throwIfAny();
  const email = changes.email as string;
  const createdAt = now().toISOString();
  const user = blankUser(store.allocateUserId(), {
    ...changes,
    nickname: changes.nickname ?? store.freeNickname(email),
    role: role as User['role'],
    invite_status: 'sent',
    inviter_id: request.caller.userId,
    created_at: createdAt,
  });
  // list_tags membership is indexed by insertUser from the user's names.
  store.insertUser(user);
  return { status: 201, body: { data: rendersUser(user, request.caller) } };
}

function updateUser(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const user = store.requireUser(Number(request.params.id));
  guardOwner(user, request.caller, store);
  const input = wrapper(request.body, 'user');
  if (user.id === request.caller.userId) {
    // Own profile fields may change, but not one's own access: no self-suspension, no own role change.
    if (input.suspended === true && !user.suspended) throw apiError(403, 'suspended', 'self_update', 'Нельзя деактивировать самого себя', true);
    if ('role' in input && input.role !== user.role) throw apiError(403, 'role', 'self_update', 'Нельзя изменить свою собственную роль', input.role);
  }
  const errors = new FieldErrors();
  const changes = userChanges(store, input, errors, user);
  if ('email' in input && changes.email === undefined && errors.items.length === 0) errors.add('email', 'blank', 'Email не может быть пустым');
  if ('role' in input) {
    if (typeof input.role !== 'string' || !(USER_UPDATE_ROLES as readonly string[]).includes(input.role)) {
      errors.add('role', 'inclusion', `Роль должна быть одной из: ${USER_UPDATE_ROLES.join(', ')}`, input.role);
    } else changes.role = input.role as User['role'];
  }
  errors.throwIfAny();
  store.updateUser(user, changes);
  return { status: 200, body: { data: rendersUser(user, request.caller) } };
}

function guardOwner(user: User, caller: Caller, store: DirectoryStore): void {
  if (user.id === store.ownerId && caller.userId !== store.ownerId) {
    throw apiError(403, 'id', 'owner_protected', 'Нельзя изменить данные владельца', user.id);
  }
}

function deleteUser(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const user = store.requireUser(Number(request.params.id));
  guardOwner(user, request.caller, store);
  if (user.id === request.caller.userId) throw apiError(403, 'id', 'self_update', 'Нельзя удалить самого себя', user.id);
  store.deleteUser(user.id);
  return { status: 204 };
}

function listUsers(request: ApiRequest, { store, legacyPagination }: RouteContext): ApiAnswer {
  const page = parsePageQuery(request.query);
  const search = request.query.get('query');
  let ids: readonly number[] = store.sortedUserIds();
  let legacy = legacyPagination;
  if (search !== null && search.trim() !== '') {
    const needle = search.trim().toLocaleLowerCase('ru-RU');
    ids = ids.filter((id) => matchesQuery(store.getUser(id) as User, needle));
    legacy = true;
  }
  const { ids: pageIds, meta } = pageOf(ids, page, legacy);
  return { status: 200, body: { data: pageIds.map((id) => rendersUser(store.getUser(id) as User, request.caller)), meta } };
}

function matchesQuery(user: User, needle: string): boolean {
  const fullName = `${user.first_name ?? ''} ${user.last_name ?? ''}`;
  const reversed = `${user.last_name ?? ''} ${user.first_name ?? ''}`;
  return [fullName, reversed, user.email, user.phone_number, user.nickname].some(
    (text) => text != null && text.toLocaleLowerCase('ru-RU').includes(needle),
  );
}

function userIdParam(request: ApiRequest, store: DirectoryStore, key: string): User {
  return store.requireUser(Number(request.params[key]));
}

// ---- status ----

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\u200D|\uFE0F|\u20E3|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]|[0-9#*])+$/u;
const HAS_PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

export function isEmoji(text: string): boolean {
  return EMOJI_ONLY.test(text) && HAS_PICTOGRAPH.test(text);
}

function putStatus(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const user = userIdParam(request, store, 'user_id');
  const input = wrapper(request.body, 'status');
  const errors = new FieldErrors();
  const emoji = textField(input, 'emoji', errors);
  if (emoji === undefined && !('emoji' in input)) errors.add('emoji', 'blank', 'Emoji обязателен');
  else if (emoji === null || emoji === '') errors.add('emoji', 'blank', 'Emoji обязателен', emoji);
  else if (emoji !== undefined && !isEmoji(emoji)) errors.add('emoji', 'wrong_emoji', 'Emoji статуса должен быть emoji-символом', emoji);
  const title = textField(input, 'title', errors, 50);
  if (!('title' in input) || title === null || title === '') errors.add('title', 'blank', 'Текст статуса обязателен', title ?? null);
  const awayMessage = textField(input, 'away_message', errors, 1024);
  let expiresAt: string | null = null;
  if (input.expires_at !== undefined && input.expires_at !== null) {
    if (typeof input.expires_at !== 'string' || Number.isNaN(Date.parse(input.expires_at))) {
      errors.add('expires_at', 'invalid', 'expires_at должен быть датой ISO 8601', input.expires_at);
    } else expiresAt = new Date(input.expires_at).toISOString();
  }
  if (input.is_away !== undefined && typeof input.is_away !== 'boolean') {
    errors.add('is_away', 'invalid', 'is_away должен быть true или false', input.is_away, null, 400);
  }
  errors.throwIfAny();
  const status: UserStatus = {
    emoji: emoji as string,
    title: title as string,
    expires_at: expiresAt,
    is_away: input.is_away === true,
    away_message: awayMessage ? { text: awayMessage } : null,
  };
  store.setStatus(user, status);
  return { status: 200, body: { data: status } };
}

// ---- tags ----

function tagName(request: ApiRequest): string {
  const input = wrapper(request.body, 'group_tag');
  const errors = new FieldErrors();
  const name = textField(input, 'name', errors, 255);
  if (errors.items.length === 0 && (name === undefined || name === null || name.trim() === '')) {
    errors.add('name', 'blank', 'Название тега обязательно', name ?? null);
  }
  errors.throwIfAny();
  return (name as string).trim();
}

function listTags(request: ApiRequest, { store, legacyPagination }: RouteContext): ApiAnswer {
  const page = parsePageQuery(request.query);
  const names = request.query.getAll('names[]');
  let ids: readonly number[] = store.sortedTagIds();
  if (names.length > 0) {
    const wanted = new Set(names.map((name) => store.findTagByName(name)?.id).filter((id): id is number => id !== undefined));
    ids = ids.filter((id) => wanted.has(id));
  }
  const { ids: pageIds, meta } = pageOf(ids, page, legacyPagination);
  return { status: 200, body: { data: pageIds.map((id) => store.getTag(id) as GroupTag), meta } };
}

function tagUsers(request: ApiRequest, { store, legacyPagination }: RouteContext): ApiAnswer {
  const tag = store.requireTag(Number(request.params.id));
  const page = parsePageQuery(request.query);
  const { ids, meta } = pageOf(store.sortedTagMemberIds(tag.id), page, legacyPagination);
  return { status: 200, body: { data: ids.map((id) => rendersUser(store.getUser(id) as User, request.caller)), meta } };
}

// ---- messages ----

function postMessage(request: ApiRequest, { store, now }: RouteContext): ApiAnswer {
  const input = wrapper(request.body, 'message');
  const errors = new FieldErrors();
  const entityType = input.entity_type ?? 'discussion';
  if (entityType !== 'user' && entityType !== 'discussion' && entityType !== 'thread') {
    errors.add('entity_type', 'inclusion', 'entity_type: discussion, user или thread', entityType);
  }
  if (!Number.isInteger(input.entity_id)) errors.add('entity_id', 'blank', 'entity_id обязателен', input.entity_id ?? null, null, 400);
  if (typeof input.content !== 'string' || input.content.trim() === '') errors.add('content', 'blank', 'Текст сообщения обязателен', null);
  errors.throwIfAny();
  const entityId = input.entity_id as number;
  let chatId = entityId;
  if (entityType === 'user') {
    store.requireUser(entityId);
    chatId = 1_000_000 + entityId;
  } else if (entityType === 'discussion' && !store.chats.some((chat) => chat.id === entityId)) {
    throw notFound('entity_id', entityId);
  }
  const createdAt = now().toISOString();
  const message = store.addMessage({
    entity_type: entityType as string,
    entity_id: entityId,
    chat_id: chatId,
    root_chat_id: chatId,
    content: input.content as string,
    user_id: request.caller.userId,
    created_at: createdAt,
    files: [],
    voice_content: null,
    buttons: null,
    thread: null,
    forwarding: null,
    parent_message_id: null,
    changed_at: createdAt,
    deleted_at: null,
  });
  return { status: 201, body: { data: message } };
}

// ---- token ----

export function maskToken(token: string): string {
  return token.length >= 16 ? `${token.slice(0, 8)}...${token.slice(-4)}` : '***';
}

function tokenInfo(request: ApiRequest, { now }: RouteContext): ApiAnswer {
  const { caller } = request;
  const info: AccessTokenInfo = {
    id: caller.tokenId,
    token: maskToken(caller.token),
    name: caller.isBot ? null : 'pachca-roster sandbox',
    user_id: caller.userId,
    scopes: [...caller.scopes],
    created_at: caller.createdAt,
    revoked_at: null,
    expires_in: null,
    last_used_at: now().toISOString(),
  };
  return { status: 200, body: { data: info } };
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/profile', scope: 'profile:read', handle: (r, c) => ({ status: 200, body: { data: rendersUser(c.store.requireUser(r.caller.userId), r.caller) } }) },
  { method: 'GET', template: '/oauth/token/info', handle: tokenInfo },
  { method: 'GET', template: '/users', scope: 'users:read', handle: listUsers },
  { method: 'POST', template: '/users', scope: 'users:create', handle: createUser },
  { method: 'GET', template: '/users/{id}', scope: 'users:read', handle: (r, c) => ({ status: 200, body: { data: rendersUser(userIdParam(r, c.store, 'id'), r.caller) } }) },
  { method: 'PUT', template: '/users/{id}', scope: 'users:update', handle: updateUser },
  { method: 'DELETE', template: '/users/{id}', scope: 'users:delete', handle: deleteUser },
  { method: 'GET', template: '/users/{user_id}/status', scope: 'user_status:read', handle: (r, c) => ({ status: 200, body: statusBody(userIdParam(r, c.store, 'user_id')) }) },
  { method: 'PUT', template: '/users/{user_id}/status', scope: 'user_status:write', handle: putStatus },
  {
    method: 'DELETE', template: '/users/{user_id}/status', scope: 'user_status:write',
    handle: (r, c) => {
      c.store.setStatus(userIdParam(r, c.store, 'user_id'), null);
      return { status: 204 };
    },
  },
  { method: 'GET', template: '/group_tags', scope: 'group_tags:read', handle: listTags },
  { method: 'POST', template: '/group_tags', scope: 'group_tags:write', handle: (r, c) => ({ status: 201, body: { data: c.store.createTag(tagName(r)) } }) },
  { method: 'GET', template: '/group_tags/{id}', scope: 'group_tags:read', handle: (r, c) => ({ status: 200, body: { data: c.store.requireTag(Number(r.params.id)) } }) },
  {
    method: 'PUT', template: '/group_tags/{id}', scope: 'group_tags:write',
    handle: (r, c) => {
      const id = Number(r.params.id);
      c.store.requireTag(id);
      return { status: 200, body: { data: c.store.renameTag(id, tagName(r)) } };
    },
  },
  {
    method: 'DELETE', template: '/group_tags/{id}', scope: 'group_tags:write',
    handle: (r, c) => {
      c.store.deleteTag(Number(r.params.id));
      return { status: 204 };
    },
  },
  { method: 'GET', template: '/group_tags/{id}/users', scope: 'group_tags:read', handle: tagUsers },
  {
    method: 'GET', template: '/custom_properties', scope: 'custom_properties:read',
    handle: (r, c) => {
      const entityType = r.query.get('entity_type');
      if (entityType !== 'User' && entityType !== 'Task') {
        throw apiError(400, 'entity_type', 'invalid', 'entity_type должен быть User или Task', entityType);
      }
      return { status: 200, body: { data: entityType === 'User' ? c.store.customProperties : [] } };
    },
  },
  { method: 'POST', template: '/messages', scope: 'messages:create', handle: postMessage },
  AUDIT_EVENTS_ROUTE,
];

function statusBody(user: User): unknown {
  return user.user_status === null ? null : { data: user.user_status };
}

/** Matches a path (below the base path) to a route template and its parameters. */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | { template: string | undefined } {
  const segments = path.split('/').filter(Boolean);
  let templateOnly: string | undefined;
  for (const route of ROUTES) {
    const parts = route.template.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] as string;
      const segment = segments[i] as string;
      if (part.startsWith('{')) {
        if (!/^\d{1,15}$/.test(segment)) {
          matched = false;
          break;
        }
        params[part.slice(1, -1)] = segment;
      } else if (part !== segment) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    if (route.method === method) return { route, params };
    templateOnly = route.template;
  }
  return { template: templateOnly };
}
