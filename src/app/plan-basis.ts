// The before values a saved plan depends on: for each user and tag its requests touch, what the
// directory held when it was planned. `apply DIR` compares them with the directory as it is now
// and refuses when any differs (the plan would no longer do what was shown).
import { z } from 'zod';
import type { Say } from '../i18n/catalog.js';
import { emailKey, tagKey, type Directory } from '../sync/directory.js';
import { actionableItems, type Plan, type PlanItem } from '../sync/plan.js';
import type { ChatContext } from '../sync/plan-chats.js';
import type { User } from '../pachca/types.js';
import { messages, type Catalog } from '../i18n/catalog.js';

/** The fields of a user a plan reads; activity times and avatars change on their own. */
function userBasisOf(user: User): Record<string, unknown> {
  return {
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    phone_number: user.phone_number,
    department: user.department,
    title: user.title,
    role: user.role,
    suspended: user.suspended,
    invite_status: user.invite_status,
    list_tags: [...user.list_tags].sort(),
    custom_properties: [...user.custom_properties].sort((a, b) => a.id - b.id).map((property) => ({ id: property.id, value: property.value })),
    user_status: user.user_status ? { emoji: user.user_status.emoji, title: user.user_status.title, expires_at: user.user_status.expires_at ?? null } : null,
  };
}

/** What one plan item depends on. */
export const itemBasisSchema = z.object({
  /** A user the item changes: its planned-against fields. */
  user: z.object({ id: z.number().int(), fields: z.record(z.string(), z.unknown()) }).optional(),
  /** A person the item creates: nobody had this e-mail. */
  absentEmail: z.string().optional(),
  /** A tag the item renames or deletes: its name then. */
  tag: z.object({ id: z.number().int(), name: z.string() }).optional(),
  /** A tag the item creates: no tag had this name. */
  absentTag: z.string().optional(),
  /**
   * Chats the item's user joins (`member` false then) or leaves (true then), or the person it
   * creates gets in its chat_ids (false; only the chats the token saw open); each was open.
   */
  chats: z.array(z.object({ id: z.number().int(), name: z.string(), member: z.boolean() })).optional(),
});

/** By plan item key. */
export const planBasisSchema = z.record(z.string(), itemBasisSchema);

export type ItemBasis = z.infer<typeof itemBasisSchema>;
export type PlanBasis = z.infer<typeof planBasisSchema>;

function touchedUserId(item: PlanItem): number | undefined {
  const request = item.userRequest;
  if (request && request.method !== 'POST') return request.userId;
  return item.userId;
}

/** The chats of a create's chat_ids that the token saw open when planning (an id it did not see is Pachca's to judge). */
function createdChats(item: PlanItem, chats: ChatContext | undefined): NonNullable<ItemBasis['chats']> {
  if (item.userRequest?.method !== 'POST' || !chats) return [];
  return (item.userRequest.body.user.chat_ids ?? []).flatMap((id) => {
    const seen = chats.index.resolve(String(id));
    return seen.ok && seen.verified && seen.id === id ? [{ id, name: seen.name ?? `#${id}`, member: false }] : [];
  });
}

function itemBasis(item: PlanItem, directory: Directory, openChats: ChatContext | undefined): ItemBasis | undefined {
  if (item.kind === 'create-tag') return item.tagName !== undefined ? { absentTag: tagKey(item.tagName) } : undefined;
  if (item.kind === 'rename-tag' || item.kind === 'delete-tag') {
    const tag = directory.tags.find((candidate) => candidate.id === item.tagId);
    return tag ? { tag: { id: tag.id, name: tag.name } } : undefined;
  }
  if (item.userRequest?.method === 'POST') {
    if (item.email === undefined) return undefined;
    const chats = createdChats(item, openChats);
    return { absentEmail: emailKey(item.email), ...(chats.length > 0 ? { chats } : {}) };
  }
  const id = touchedUserId(item);
  const user = id !== undefined ? directory.usersById.get(id) : undefined;
  if (!user) return undefined;
  // The planner joins only chats the person was not in, and leaves only chats they were in.
  const chats = (item.chatRequests ?? []).map((request) => ({ id: request.chatId, name: request.chatName, member: request.method === 'DELETE' }));
  return { user: { id: user.id, fields: userBasisOf(user) }, ...(chats.length > 0 ? { chats } : {}) };
}

/** A chat a plan joins, leaves or creates a person in, as it is now: its state and members, or why it cannot be read. */
export type ChatNow = { archived: boolean; memberIds: ReadonlySet<number> } | 'gone' | 'unseen';

/** The ids of the chats the basis entries not in `done` join, leave or create people in. */
export function basisChatIds(basis: PlanBasis, done: ReadonlySet<string> = new Set()): number[] {
  const ids = new Set<number>();
  for (const [key, one] of Object.entries(basis)) {
    if (!done.has(key)) for (const chat of one.chats ?? []) ids.add(chat.id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * The basis of the plan's actionable items, read from the directory it was planned against and
 * the chats the token saw then (when the plan reads chats).
 */
export function planBasis(plan: Plan, directory: Directory, chats?: ChatContext): PlanBasis {
  const basis: PlanBasis = {};
  for (const item of actionableItems(plan)) {
    const one = itemBasis(item, directory, chats);
    if (one) basis[item.key] = one;
  }
  return basis;
}

/** "user 12 (a@b.ru)" */
function personOf(user: NonNullable<ItemBasis['user']>): Say {
  return (t) => t.basisUser(user.id, typeof user.fields.email === 'string' ? user.fields.email : undefined);
}

/**
 * What differs now from the basis, one phrase each ("user 12 (a@b.ru) was changed"), leaving
 * out the items in `done` (an earlier attempt of the run changed them itself). `chats`: the
 * chats the basis joins, leaves or creates people in (basisChatIds), as they are now.
 */
export function changedSinceBasis(
  basis: PlanBasis, directory: Directory, done: ReadonlySet<string>, chats: ReadonlyMap<number, ChatNow>,
): Say[] {
  const changed: Say[] = [];
  for (const [key, one] of Object.entries(basis)) {
    if (done.has(key)) continue;
    if (one.user) {
      const who = personOf(one.user);
      const { id, fields } = one.user;
      const user = directory.usersById.get(id);
      if (!user) changed.push((t) => t.basisUserGone(who(t)));
      else if (JSON.stringify(userBasisOf(user)) !== JSON.stringify(fields)) changed.push((t) => t.basisUserChanged(who(t)));
    }
    for (const chat of one.chats ?? []) {
      const now = chats.get(chat.id) ?? 'unseen';
      if (now === 'gone') changed.push((t) => t.basisChatGone(chat.id, chat.name));
      else if (now === 'unseen') changed.push((t) => t.basisChatUnseen(chat.id, chat.name));
      else if (now.archived) changed.push((t) => t.basisChatArchived(chat.id, chat.name));
      // A person the plan creates is in no chat yet: only the chat's own state matters.
      else if (one.user && now.memberIds.has(one.user.id) !== chat.member) {
        const who = personOf(one.user);
        changed.push((t) => (chat.member ? t.basisChatLeft : t.basisChatJoined)(who(t), chat.id, chat.name));
      }
    }
    const { absentEmail, absentTag, tag: planned } = one;
    if (absentEmail !== undefined && directory.usersByEmail.has(absentEmail)) changed.push((t) => t.basisEmailExists(absentEmail));
    if (planned) {
      const tag = directory.tags.find((candidate) => candidate.id === planned.id);
      if (!tag) changed.push((t) => t.basisTagGone(planned.id, planned.name));
      else if (tag.name !== planned.name) changed.push((t) => t.basisTagRenamed(planned.id, planned.name, tag.name));
    }
    if (absentTag !== undefined && directory.tagsByName.has(absentTag)) changed.push((t) => t.basisTagExists(absentTag));
  }
  return changed;
}
