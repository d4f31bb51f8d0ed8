// The sandbox's chats and their members. A tag linked to a chat brings its members in, and
// membership follows the tag from then on: joining the tag joins the chat, leaving the tag
// leaves it (docs/methods/members/add-group-tags.md). Unlinking a tag leaves the people it
// brought in the chat (the page says only that the tag stops being a participant; assumed).
// Roles in a chat are set when a person joins (guides/permissions.mdx): the creator is owner,
// the workspace's Owner and admins are admin, a bot in a channel is editor, everyone else member.
import type { Chat, ChatMemberRoleFilter, User } from '../pachca/types.js';
import type { SandboxChat } from './api.js';
import type { AuditLog } from './audit-log.js';
import { notFound } from './errors.js';

export type ChatRole = Exclude<ChatMemberRoleFilter, 'all'>;

/** Seed chats without dates get this one (a fixed date keeps --state files stable). */
const DEFAULT_CHAT_DATE = '2024-01-15T09:00:00.000Z';

interface StoredChat {
  chat: Omit<Chat, 'member_ids' | 'group_tag_ids'>;
  /** In joining order; the role each person got when joining. */
  members: Map<number, ChatRole>;
  tagIds: Set<number>;
}

export interface ChatDirectory {
  ownerId: number;
  getUser(id: number): User | undefined;
  tagMemberIds(tagId: number): readonly number[];
  audit: AuditLog;
}

export class ChatBook {
  private readonly chats = new Map<number, StoredChat>();
  private readonly ids: number[] = [];

  constructor(seed: readonly SandboxChat[], private readonly directory: ChatDirectory) {
    for (const given of seed) {
      const ownerId = given.owner_id ?? directory.ownerId;
      const createdAt = given.created_at ?? DEFAULT_CHAT_DATE;
      const stored: StoredChat = {
        chat: {
          id: given.id,
          name: given.name,
          created_at: createdAt,
          owner_id: ownerId,
          channel: given.channel ?? false,
          archived: given.archived ?? false,
          personal: given.personal ?? false,
          public: given.public ?? false,
          last_message_at: given.last_message_at ?? createdAt,
          meet_room_url: given.meet_room_url ?? `https://meet.pachca.com/sandbox-${given.id}`,
        },
        members: new Map(),
        tagIds: new Set(given.group_tag_ids ?? []),
      };
      this.chats.set(given.id, stored);
      for (const userId of given.member_ids ?? [ownerId]) {
        if (directory.getUser(userId)) stored.members.set(userId, this.roleOnJoining(stored, userId));
      }
    }
    this.ids.push(...[...this.chats.keys()].sort((a, b) => a - b));
  }

  private roleOnJoining(stored: StoredChat, userId: number): ChatRole {
    if (userId === stored.chat.owner_id) return 'owner';
    const user = this.directory.getUser(userId);
    if (user?.bot) return stored.chat.channel ? 'editor' : 'member';
    return user?.role === 'admin' ? 'admin' : 'member';
  }

  /** Ascending ids. */
  sortedIds(): readonly number[] {
    return this.ids;
  }

  get(id: number): Chat | undefined {
    const stored = this.chats.get(id);
    return stored && render(stored);
  }

  require(id: number): Chat {
    const chat = this.get(id);
    if (!chat) throw notFound('id', id);
    return chat;
  }

  isMember(chatId: number, userId: number): boolean {
    return this.chats.get(chatId)?.members.has(userId) ?? false;
  }

  roleOf(chatId: number, userId: number): ChatRole | undefined {
    return this.chats.get(chatId)?.members.get(userId);
  }

  /** Ascending user ids, all or those with one role in the chat. */
  memberIds(chatId: number, role: ChatMemberRoleFilter = 'all'): number[] {
    const members = this.chats.get(chatId)?.members ?? new Map<number, ChatRole>();
    return [...members].filter(([, held]) => role === 'all' || held === role).map(([id]) => id).sort((a, b) => a - b);
  }

  /** Ids of the chats this person is a member of. */
  chatsOf(userId: number): number[] {
    return this.ids.filter((id) => this.chats.get(id)?.members.has(userId));
  }

  /** Adds people to a chat; answers those who were not members before. */
  addMembers(chatId: number, userIds: readonly number[]): number[] {
    const stored = this.chats.get(chatId);
    if (!stored) throw notFound('id', chatId);
    const joined: number[] = [];
    for (const userId of userIds) {
      if (stored.members.has(userId)) continue;
      stored.members.set(userId, this.roleOnJoining(stored, userId));
      this.directory.audit.chatJoined(userId, chatId);
      joined.push(userId);
    }
    return joined;
  }

  /** Answers false when the person was not a member. */
  removeMember(chatId: number, userId: number): boolean {
    const stored = this.chats.get(chatId);
    if (!stored?.members.delete(userId)) return false;
    this.directory.audit.chatLeft(userId, chatId);
    return true;
  }

  /** Links tags to a chat: their members join it. */
  linkTags(chatId: number, tags: readonly { id: number; name: string }[]): void {
    const stored = this.chats.get(chatId);
    if (!stored) throw notFound('id', chatId);
    for (const tag of tags) {
      if (!stored.tagIds.has(tag.id)) {
        stored.tagIds.add(tag.id);
        this.directory.audit.tagAddedToChat(tag, chatId);
      }
      this.addMembers(chatId, this.directory.tagMemberIds(tag.id));
    }
  }

  /** Answers false when the tag was not linked. */
  unlinkTag(chatId: number, tagId: number): boolean {
    const stored = this.chats.get(chatId);
    if (!stored?.tagIds.delete(tagId)) return false;
    this.directory.audit.tagRemovedFromChat(tagId, chatId);
    return true;
  }

  /** A person's tags changed from `before` to `after` (tag ids): the chats linked to them follow. */
  tagMembershipChanged(userId: number, before: readonly number[], after: readonly number[]): void {
    const left = before.filter((tagId) => !after.includes(tagId));
    const joined = after.filter((tagId) => !before.includes(tagId));
    for (const id of this.ids) {
      const stored = this.chats.get(id) as StoredChat;
      const linked = (tagId: number): boolean => stored.tagIds.has(tagId);
      if (joined.some(linked)) this.addMembers(id, [userId]);
      else if (left.some(linked) && !after.some(linked) && stored.chat.owner_id !== userId) this.removeMember(id, userId);
    }
  }

  /** guides/permissions.mdx: a deleted person stops being a member of their chats (owner_id stays). */
  forgetUser(userId: number): void {
    for (const stored of this.chats.values()) stored.members.delete(userId);
  }

  forgetTag(tagId: number): void {
    for (const stored of this.chats.values()) stored.tagIds.delete(tagId);
  }

  /** The chats as the --state file keeps them. */
  toJSON(): Chat[] {
    return this.ids.map((id) => render(this.chats.get(id) as StoredChat));
  }
}

function render(stored: StoredChat): Chat {
  return {
    ...stored.chat,
    member_ids: [...stored.members.keys()].sort((a, b) => a - b),
    group_tag_ids: [...stored.tagIds].sort((a, b) => a - b),
  };
}
