// The chats and chat members routes (docs/methods/chats/list.md, get.md, docs/methods/members/*),
// with the visibility rules of guides/permissions.mdx: open chats are seen by everyone, closed
// ones only by their members; the workspace's Owner may list the members of any chat.
import type { Chat, ChatMemberRoleFilter, User } from '../pachca/types.js';
import { apiError, notFound, oauthError, type SandboxHttpError } from './errors.js';
import { pageOf, parsePageQuery } from './pagination.js';
import type { ApiAnswer, ApiRequest, Caller, RouteContext } from './route-types.js';
import { isObject, rendersUser } from './route-validation.js';
import type { DirectoryStore } from './store.js';

const CHAT_SORTS = ['id', 'last_message_at'] as const;
const SORT_ORDERS = ['asc', 'desc'] as const;
const AVAILABILITIES = ['is_member', 'public'] as const;
const MEMBER_ROLES: readonly ChatMemberRoleFilter[] = ['all', 'owner', 'admin', 'editor', 'member'];

function choice<T extends string>(query: URLSearchParams, key: string, allowed: readonly T[], fallback: T): T {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw apiError(400, key, 'inclusion', `${key}: одно из ${allowed.join(', ')}`, raw);
  return raw as T;
}

function flag(query: URLSearchParams, key: string): boolean | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw apiError(400, key, 'invalid', `${key} должен быть true или false`, raw);
  return raw === 'true';
}

function time(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  const parsed = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(parsed)) throw apiError(400, key, 'invalid', `${key} должен быть датой ISO 8601`, raw);
  return parsed;
}

/** Open discussions and channels are seen by everyone; closed and personal chats only by their members. */
function canSee(store: DirectoryStore, chat: Chat, caller: Caller): boolean {
  return (chat.public && !chat.personal) || store.chats.isMember(chat.id, caller.userId);
}

function forbidden(description: string): SandboxHttpError {
  return oauthError(403, 'forbidden', description);
}

function chatParam(request: ApiRequest, store: DirectoryStore): Chat {
  return store.chats.require(Number(request.params.id));
}

/** GET /chats: the spec's filters and sort; by default active chats the caller is in, newest id first. */
export function listChats(request: ApiRequest, { store, legacyPagination, behaviour }: RouteContext): ApiAnswer {
  const { query, caller } = request;
  const sort = choice(query, 'sort', CHAT_SORTS, 'id');
  const order = choice(query, 'order', SORT_ORDERS, 'desc');
  const availability = choice(query, 'availability', AVAILABILITIES, 'is_member');
  const withArchived = flag(query, 'archived') ?? false;
  const personal = flag(query, 'personal');
  const after = time(query, 'last_message_at_after');
  const before = time(query, 'last_message_at_before');
  const page = parsePageQuery(query);
  const chats = store.chats.sortedIds().map((id) => store.chats.get(id) as Chat).filter((chat) => {
    if (availability === 'is_member' ? !store.chats.isMember(chat.id, caller.userId) : !(chat.public && !chat.personal)) return false;
    if (chat.archived && !withArchived) return false;
    if (personal !== undefined && chat.personal !== personal) return false;
    const lastMessageAt = Date.parse(chat.last_message_at);
    return !(after !== undefined && lastMessageAt < after) && !(before !== undefined && lastMessageAt > before);
  });
  // Cursor keys ascending in the answer's order: ids (negated for desc), or positions when sorted by time.
  let keyed: [number, Chat][];
  if (sort === 'id') keyed = chats.map((chat) => [order === 'asc' ? chat.id : -chat.id, chat]);
  else {
    const byTime = [...chats].sort((a, b) => a.last_message_at.localeCompare(b.last_message_at) || a.id - b.id);
    if (order === 'desc') byTime.reverse();
    keyed = byTime.map((chat, index) => [index + 1, chat]);
  }
  keyed.sort((a, b) => a[0] - b[0]);
  const byKey = new Map(keyed);
  const { ids, meta } = pageOf(keyed.map(([key]) => key), page, legacyPagination, behaviour.shortPages);
  return { status: 200, body: { data: ids.map((key) => byKey.get(key) as Chat), meta } };
}

export function getChat(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const chat = chatParam(request, store);
  if (!canSee(store, chat, request.caller)) throw forbidden('Нет доступа к чату: токен не состоит в нём');
  return { status: 200, body: { data: chat } };
}

export function listChatMembers(request: ApiRequest, { store, legacyPagination, behaviour }: RouteContext): ApiAnswer {
  const chat = chatParam(request, store);
  const role = choice(request.query, 'role', MEMBER_ROLES, 'all');
  const page = parsePageQuery(request.query);
  if (request.caller.userId !== store.ownerId && !canSee(store, chat, request.caller)) {
    throw forbidden('Состав закрытого чата видят его участники и Владелец пространства');
  }
  const { ids, meta } = pageOf(store.chats.memberIds(chat.id, role), page, legacyPagination, behaviour.shortPages);
  return { status: 200, body: { data: ids.map((id) => rendersUser(store.getUser(id) as User, request.caller)), meta } };
}

/** Ids from a body array of integers (400 when missing or not integers). */
function idList(body: unknown, key: string): number[] {
  if (!isObject(body) || !(key in body)) throw apiError(400, key, 'required', `Параметр ${key} обязателен`);
  const value = body[key];
  if (!Array.isArray(value) || value.length === 0 || value.some((id) => !Number.isSafeInteger(id))) {
    throw apiError(400, key, 'invalid', `${key} должен быть непустым массивом целых чисел`, value);
  }
  return [...new Set(value as number[])];
}

/** Adding members (people or tags): a member of a closed chat or anyone in an open one; never archived or personal chats. */
function assertCanAdd(store: DirectoryStore, chat: Chat, caller: Caller): void {
  if (!canSee(store, chat, caller)) throw forbidden('Добавлять участников в закрытый чат могут только его участники');
  if (chat.personal) throw apiError(422, 'id', 'personal_chat', 'В личный чат нельзя добавить участников', chat.id);
  if (chat.archived) throw apiError(422, 'id', 'not_applicable', `Чат ${chat.id} находится в архиве`, chat.id);
}

/** Removing members or tags: the chat's creator or an admin of the chat; not in an archived chat. */
function assertCanRemove(store: DirectoryStore, chat: Chat, caller: Caller): void {
  const role = store.chats.roleOf(chat.id, caller.userId);
  if (role !== 'owner' && role !== 'admin') throw forbidden('Исключать участников могут Создатель и Админы чата');
  if (chat.archived) throw forbidden(`Чат ${chat.id} находится в архиве`);
}

export function addChatMembers(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const chat = chatParam(request, store);
  const memberIds = idList(request.body, 'member_ids');
  if (isObject(request.body) && 'silent' in request.body && typeof request.body.silent !== 'boolean') {
    throw apiError(400, 'silent', 'invalid', 'silent должен быть true или false', request.body.silent);
  }
  assertCanAdd(store, chat, request.caller);
  for (const id of memberIds) {
    const user = store.getUser(id);
    if (!user) throw notFound('member_ids', id);
    // A guest has access to one chat (guides/permissions.mdx); assumed: adding them to a second is refused.
    if (user.role === 'guest' && !chat.member_ids.includes(id) && store.chats.chatsOf(id).length > 0) {
      throw apiError(422, 'member_ids', 'not_applicable', `Гость ${id} уже состоит в другом чате`, id);
    }
  }
  store.chats.addMembers(chat.id, memberIds);
  return { status: 204 };
}

export function removeChatMember(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const chat = chatParam(request, store);
  const userId = Number(request.params.user_id);
  assertCanRemove(store, chat, request.caller);
  if (!store.chats.isMember(chat.id, userId)) throw notFound('user_id', userId);
  if (userId === chat.owner_id) throw oauthError(403, 'cannot_kick_owner', 'Нельзя исключить владельца чата');
  store.chats.removeMember(chat.id, userId);
  return { status: 204 };
}

export function addChatTags(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const chat = chatParam(request, store);
  const tagIds = idList(request.body, 'group_tag_ids');
  assertCanAdd(store, chat, request.caller);
  const tags = tagIds.map((id) => {
    const tag = store.getTag(id);
    if (!tag) throw notFound('group_tag_ids', id);
    return tag;
  });
  store.chats.linkTags(chat.id, tags);
  return { status: 204 };
}

export function removeChatTag(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const chat = chatParam(request, store);
  const tagId = Number(request.params.tag_id);
  assertCanRemove(store, chat, request.caller);
  if (!chat.group_tag_ids.includes(tagId)) throw notFound('tag_id', tagId);
  store.chats.unlinkTag(chat.id, tagId);
  return { status: 204 };
}
