// What `apply DIR` reads to check a saved plan's basis. A plan that touches few people reads just
// them (GET /users/{id}; a search per e-mail it creates) and the tag list, instead of listing
// the whole directory; a bigger plan lists the directory once, which is then fewer requests.
import type { PachcaApi } from '../pachca/api.js';
import { ApiError, NotFoundError } from '../pachca/errors.js';
import type { GroupTag, User } from '../pachca/types.js';
import { buildDirectory, emailKey, takeSnapshot, type Directory } from '../sync/directory.js';
import { basisChatIds, type ChatNow, type PlanBasis } from './plan-basis.js';

/** Up to this many people (users changed plus e-mails created) are read one by one. */
export const TARGETED_BASIS_LIMIT = 200;

/** The basis entries still to check (an earlier attempt's own changes are left out). */
function pending(basis: PlanBasis, done: ReadonlySet<string>): PlanBasis[string][] {
  return Object.entries(basis).filter(([key]) => !done.has(key)).map(([, one]) => one);
}

async function userOrGone(api: PachcaApi, id: number): Promise<User | undefined> {
  try {
    return await api.getUser(id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * The user with this e-mail, by the API's search (it matches e-mail addresses; FACTS.md), compared
 * exactly. One request for an e-mail nobody has, where findUserByEmail would list everyone.
 */
async function userWithEmail(api: PachcaApi, email: string): Promise<User | undefined> {
  for await (const user of api.searchUsers(email)) {
    if (user.email && emailKey(user.email) === email) return user;
  }
  return undefined;
}

async function allTags(api: PachcaApi): Promise<GroupTag[]> {
  const tags: GroupTag[] = [];
  for await (const tag of api.listTags()) tags.push(tag);
  return tags;
}

/**
 * The directory as far as the basis needs it: the users and tags it names, as they are now.
 * `onCount` hears the running count of users read when the whole directory is listed.
 */
export async function readBasisDirectory(
  api: PachcaApi, basis: PlanBasis, done: ReadonlySet<string>, onCount?: (users: number) => void,
): Promise<Directory> {
  const entries = pending(basis, done);
  const userIds = [...new Set(entries.flatMap((one) => (one.user ? [one.user.id] : [])))];
  const emails = [...new Set(entries.flatMap((one) => (one.absentEmail !== undefined ? [one.absentEmail] : [])))];
  if (userIds.length + emails.length > TARGETED_BASIS_LIMIT) return takeSnapshot(api, onCount);
  const needsTags = entries.some((one) => one.tag !== undefined || one.absentTag !== undefined);
  const [byId, byEmail, tags] = await Promise.all([
    Promise.all(userIds.map((id) => userOrGone(api, id))),
    Promise.all(emails.map((email) => userWithEmail(api, email))),
    needsTags ? allTags(api) : Promise.resolve([]),
  ]);
  const users = [...byId, ...byEmail].filter((user): user is User => user !== undefined);
  return buildDirectory(users, tags, []);
}

/** One chat as `apply DIR` checks it: GET /chats/{id} (its member_ids and archived flag). */
async function chatNow(api: PachcaApi, id: number): Promise<ChatNow> {
  try {
    const chat = await api.getChat(id);
    return { archived: chat.archived, memberIds: new Set(chat.member_ids) };
  } catch (error) {
    if (error instanceof NotFoundError) return 'gone';
    // Not the token as a whole (that is an AuthError): this chat is closed to it now.
    if (error instanceof ApiError && error.status === 403) return 'unseen';
    throw error;
  }
}

/** The chats the basis joins or leaves (an earlier attempt's own items left out), as they are now. */
export async function readBasisChats(api: PachcaApi, basis: PlanBasis, done: ReadonlySet<string>): Promise<Map<number, ChatNow>> {
  const ids = basisChatIds(basis, done);
  const states = await Promise.all(ids.map((id) => chatNow(api, id)));
  return new Map(ids.map((id, index) => [id, states[index]!]));
}
