// The API route table of the sandbox (handlers live in routes-*.ts) and the path matcher.
import type { User } from '../pachca/types.js';
import { AUDIT_EVENTS_ROUTE } from './audit-log.js';
import { apiError } from './errors.js';
import type { Route } from './route-types.js';
import { rendersUser } from './route-validation.js';
import { AVATAR_ROUTES } from './routes-avatar.js';
import { addChatMembers, addChatTags, getChat, listChatMembers, listChats, removeChatMember, removeChatTag } from './routes-chats.js';
import { listTags, postMessage, tagName, tagUsers, tokenInfo } from './routes-misc.js';
import { putStatus, statusBody } from './routes-status.js';
import { createUser, deleteUser, listUsers, updateUser, userIdParam } from './routes-users.js';

export { ADMIN_SCOPES, BOT_SCOPES, OWNER_SCOPES } from './route-types.js';
export type { ApiAnswer, ApiRequest, Caller, Route, RouteContext } from './route-types.js';

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
  { method: 'GET', template: '/chats', scope: 'chats:read', handle: listChats },
  { method: 'GET', template: '/chats/{id}', scope: 'chats:read', handle: getChat },
  { method: 'GET', template: '/chats/{id}/members', scope: 'chat_members:read', handle: listChatMembers },
  { method: 'POST', template: '/chats/{id}/members', scope: 'chat_members:write', handle: addChatMembers },
  { method: 'DELETE', template: '/chats/{id}/members/{user_id}', scope: 'chat_members:write', handle: removeChatMember },
  { method: 'POST', template: '/chats/{id}/group_tags', scope: 'chat_members:write', handle: addChatTags },
  { method: 'DELETE', template: '/chats/{id}/group_tags/{tag_id}', scope: 'chat_members:write', handle: removeChatTag },
  ...AVATAR_ROUTES,
];

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
