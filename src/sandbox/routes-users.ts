// The users routes: create, update, delete, list (with search) and the Owner protection.
import type { CustomProperty, User } from '../pachca/types.js';
import { USER_CREATE_ROLES, USER_UPDATE_ROLES } from '../pachca/types.js';
import { SandboxHttpError, apiError } from './errors.js';
import { pageOf, parsePageQuery } from './pagination.js';
import type { ApiAnswer, ApiRequest, Caller, RouteContext } from './route-types.js';
import { EMAIL_PATTERN, FieldErrors, isObject, rendersUser, textField, wrapper, type Json } from './route-validation.js';
import type { DirectoryStore } from './store.js';
import { PUT_DEFAULTS, assertFreeSeat, ownerProtected, sendInvitation } from './policies.js';
import { blankUser } from './workspace.js';

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

export function createUser(request: ApiRequest, { store, now, behaviour }: RouteContext): ApiAnswer {
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
    if (ids.length !== 1 || store.chats.get(ids[0] as number) === undefined) {
      errors.add('chat_ids', 'invalid', 'Для роли guest нужен ровно один существующий чат в chat_ids', chatIds ?? null, null, 400);
    } else checkChats(store, ids, errors);
  } else if (chatIds !== undefined) checkChats(store, chatIds as number[], errors);
  errors.throwIfAny();
  if (changes.suspended !== true) assertFreeSeat(store, behaviour);
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
  for (const chatId of (chatIds ?? []) as number[]) store.chats.addMembers(chatId, [user.id]);
  const body = request.body as Json;
  if (body.skip_email_notify !== true) sendInvitation(store, user, createdAt);
  return { status: 201, body: { data: rendersUser(user, request.caller) } };
}

export function updateUser(request: ApiRequest, { store, behaviour }: RouteContext): ApiAnswer {
  const user = store.requireUser(Number(request.params.id));
  guardOwner(user, request.caller, store, behaviour);
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
  if (behaviour.putDefaults) {
    for (const [key, value] of Object.entries(PUT_DEFAULTS)) if (!(key in input)) Object.assign(changes, { [key]: value });
  }
  if (user.suspended && changes.suspended === false) assertFreeSeat(store, behaviour);
  store.updateUser(user, changes);
  return { status: 200, body: { data: rendersUser(user, request.caller) } };
}

/** Chats named in chat_ids must exist and not be archived (the sandbox's choice of 422 codes). */
function checkChats(store: DirectoryStore, ids: readonly number[], errors: FieldErrors): void {
  for (const id of ids) {
    const chat = store.chats.get(id);
    if (!chat) errors.add('chat_ids', 'not_found', `Чат ${id} не найден`, id, { id });
    else if (chat.archived === true) errors.add('chat_ids', 'not_applicable', `Чат ${id} находится в архиве`, id, { id });
  }
}

function guardOwner(user: User, caller: Caller, store: DirectoryStore, behaviour: RouteContext['behaviour']): void {
  if (user.id === store.ownerId && caller.userId !== store.ownerId) throw ownerProtected(behaviour, user.id);
}

export function deleteUser(request: ApiRequest, { store, behaviour }: RouteContext): ApiAnswer {
  const user = store.requireUser(Number(request.params.id));
  guardOwner(user, request.caller, store, behaviour);
  if (user.id === request.caller.userId) throw apiError(403, 'id', 'self_update', 'Нельзя удалить самого себя', user.id);
  store.deleteUser(user.id);
  return { status: 204 };
}

export function listUsers(request: ApiRequest, { store, legacyPagination, behaviour }: RouteContext): ApiAnswer {
  const page = parsePageQuery(request.query);
  const search = request.query.get('query');
  let ids: readonly number[] = store.sortedUserIds();
  let legacy = legacyPagination;
  if (search !== null && search.trim() !== '') {
    const needle = search.trim().toLocaleLowerCase('ru-RU');
    ids = ids.filter((id) => matchesQuery(store.getUser(id) as User, needle));
    legacy = true;
  }
  const { ids: pageIds, meta } = pageOf(ids, page, legacy, behaviour.shortPages);
  return { status: 200, body: { data: pageIds.map((id) => rendersUser(store.getUser(id) as User, request.caller)), meta } };
}

function matchesQuery(user: User, needle: string): boolean {
  const fullName = `${user.first_name ?? ''} ${user.last_name ?? ''}`;
  const reversed = `${user.last_name ?? ''} ${user.first_name ?? ''}`;
  return [fullName, reversed, user.email, user.phone_number, user.nickname].some(
    (text) => text != null && text.toLocaleLowerCase('ru-RU').includes(needle),
  );
}

export function userIdParam(request: ApiRequest, store: DirectoryStore, key: string): User {
  return store.requireUser(Number(request.params[key]));
}
