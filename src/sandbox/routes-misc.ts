// Tags, messages and the token-info routes.
import type { AccessTokenInfo, GroupTag, User } from '../pachca/types.js';
import { notFound } from './errors.js';
import { pageOf, parsePageQuery } from './pagination.js';
import type { ApiAnswer, ApiRequest, RouteContext } from './route-types.js';
import { FieldErrors, rendersUser, textField, wrapper } from './route-validation.js';

export function tagName(request: ApiRequest): string {
  const input = wrapper(request.body, 'group_tag');
  const errors = new FieldErrors();
  const name = textField(input, 'name', errors, 255);
  if (errors.items.length === 0 && (name === undefined || name === null || name.trim() === '')) {
    errors.add('name', 'blank', 'Название тега обязательно', name ?? null);
  }
  errors.throwIfAny();
  return (name as string).trim();
}

export function listTags(request: ApiRequest, { store, legacyPagination, behaviour }: RouteContext): ApiAnswer {
  const page = parsePageQuery(request.query);
  const names = request.query.getAll('names[]');
  let ids: readonly number[] = store.sortedTagIds();
  if (names.length > 0) {
    const wanted = new Set(names.map((name) => store.findTagByName(name)?.id).filter((id): id is number => id !== undefined));
    ids = ids.filter((id) => wanted.has(id));
  }
  const { ids: pageIds, meta } = pageOf(ids, page, legacyPagination, behaviour.shortPages);
  return { status: 200, body: { data: pageIds.map((id) => store.getTag(id) as GroupTag), meta } };
}

export function tagUsers(request: ApiRequest, { store, legacyPagination, behaviour }: RouteContext): ApiAnswer {
  const tag = store.requireTag(Number(request.params.id));
  const page = parsePageQuery(request.query);
  const { ids, meta } = pageOf(store.sortedTagMemberIds(tag.id), page, legacyPagination, behaviour.shortPages);
  return { status: 200, body: { data: ids.map((id) => rendersUser(store.getUser(id) as User, request.caller)), meta } };
}

// ---- messages ----

export function postMessage(request: ApiRequest, { store, now }: RouteContext): ApiAnswer {
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
  } else if (entityType === 'discussion' && !store.chats.get(entityId)) {
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

export function tokenInfo(request: ApiRequest, { now }: RouteContext): ApiAnswer {
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
