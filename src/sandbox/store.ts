// The sandbox's in-memory directory: users, tags, custom property definitions, chats and messages,
// with the indexes (id, email, nickname, tag name, tag members) that keep every request O(page).
import type { CustomPropertyDefinition, GroupTag, Message, User, UserStatus } from '../pachca/types.js';
import type { SandboxDirectory, SandboxEmail } from './api.js';
import { AuditLog } from './audit-log.js';
import { ChatBook } from './chats.js';
import { apiError, notFound } from './errors.js';
import { insertSorted, removeSorted } from './sorted-ids.js';

const lower = (text: string): string => text.toLocaleLowerCase('en-US');

export class DirectoryStore {
  private readonly users = new Map<number, User>();
  private readonly userIds: number[] = [];
  private readonly emailIndex = new Map<string, number>();
  private readonly nicknameIndex = new Map<string, number>();
  private readonly tags = new Map<number, { id: number; name: string }>();
  private readonly tagIds: number[] = [];
  private readonly tagNameIndex = new Map<string, number>();
  private readonly tagMembers = new Map<number, Set<number>>();
  readonly customProperties: CustomPropertyDefinition[];
  readonly chats: ChatBook;
  readonly messages: Message[];
  /** Invitation e-mails sent since this store was built (not saved in --state). */
  readonly outbox: SandboxEmail[] = [];
  readonly ownerId: number;
  readonly botId: number;
  readonly audit: AuditLog;
  private nextUserId = 1;
  private nextTagId = 1;
  private nextMessageId = 1;

  /** Builds the indexes from a directory (a copy: the argument is not kept). */
  constructor(directory: SandboxDirectory, { corporationPlan = true }: { corporationPlan?: boolean } = {}) {
    const copy = structuredClone(directory);
    this.audit = new AuditLog(copy.auditEvents, corporationPlan);
    this.customProperties = copy.customProperties;
    this.messages = copy.messages ?? [];
    for (const tag of copy.tags) this.addTag(tag.id, tag.name);
    for (const user of [...copy.users].sort((a, b) => a.id - b.id)) {
      const tagNames: string[] = [];
      for (const name of user.list_tags) {
        const tag = this.findTagByName(name) ?? this.addTag(this.nextTagId, name);
        tagNames.push(tag.name);
      }
      user.list_tags = tagNames;
      this.indexUser(user);
    }
    this.nextMessageId = Math.max(0, ...this.messages.map((m) => m.id)) + 1;
    const owner = copy.ownerId ?? this.findFirst((u) => u.role === 'admin' && !u.bot)?.id;
    const bot = copy.botId ?? this.findFirst((u) => u.bot)?.id;
    if (owner === undefined || !this.users.has(owner)) throw new Error('the directory has no Owner (an admin user that is not a bot)');
    if (bot === undefined || !this.users.has(bot)) throw new Error('the directory has no bot user');
    this.ownerId = owner;
    this.botId = bot;
    this.chats = new ChatBook(copy.chats, {
      ownerId: owner,
      getUser: (id) => this.users.get(id),
      tagMemberIds: (tagId) => [...(this.tagMembers.get(tagId) ?? [])],
      audit: this.audit,
    });
  }

  private findFirst(predicate: (user: User) => boolean): User | undefined {
    for (const id of this.userIds) {
      const user = this.users.get(id) as User;
      if (predicate(user)) return user;
    }
    return undefined;
  }

  private addTag(id: number, name: string): { id: number; name: string } {
    const tag = { id, name };
    this.tags.set(id, tag);
    insertSorted(this.tagIds, id);
    this.tagNameIndex.set(lower(name), id);
    this.tagMembers.set(id, new Set());
    this.nextTagId = Math.max(this.nextTagId, id + 1);
    return tag;
  }

  private indexUser(user: User): void {
    this.users.set(user.id, user);
    insertSorted(this.userIds, user.id);
    if (user.email) this.emailIndex.set(lower(user.email), user.id);
    this.nicknameIndex.set(lower(user.nickname), user.id);
    for (const name of user.list_tags) {
      const tagId = this.tagNameIndex.get(lower(name));
      if (tagId !== undefined) this.tagMembers.get(tagId)?.add(user.id);
    }
    this.nextUserId = Math.max(this.nextUserId, user.id + 1);
  }

  // ---- users ----

  get userCount(): number {
    return this.users.size;
  }

  sortedUserIds(): readonly number[] {
    return this.userIds;
  }

  getUser(id: number): User | undefined {
    return this.users.get(id);
  }

  requireUser(id: number): User {
    const user = this.users.get(id);
    if (!user) throw notFound('id', id);
    return user;
  }

  userIdByEmail(email: string): number | undefined {
    return this.emailIndex.get(lower(email));
  }

  assertEmailFree(email: string, exceptUserId?: number): void {
    const holder = this.emailIndex.get(lower(email));
    if (holder !== undefined && holder !== exceptUserId) {
      throw apiError(422, 'email', 'taken', 'Такой email уже используется', email);
    }
  }

  assertNicknameFree(nickname: string, exceptUserId?: number): void {
    const holder = this.nicknameIndex.get(lower(nickname));
    if (holder !== undefined && holder !== exceptUserId) {
      throw apiError(422, 'nickname', 'taken', 'Такое имя пользователя уже занято', nickname);
    }
  }

  /** A free nickname derived from the email's local part. */
  freeNickname(email: string): string {
    // Room for a numeric suffix within the 255-character limit.
    const base = lower(email.split('@')[0] ?? '').replace(/[^a-z0-9_.]/g, '').slice(0, 240) || 'user';
    let candidate = base;
    for (let n = 2; this.nicknameIndex.has(candidate); n += 1) candidate = `${base}${n}`;
    return candidate;
  }

  allocateUserId(): number {
    return this.nextUserId++;
  }

  insertUser(user: User): User {
    this.indexUser(user);
    this.audit.userCreated(user, this.tagIdOf);
    this.chats.tagMembershipChanged(user.id, [], this.tagIdsOf(user.list_tags));
    return user;
  }

  /** Applies field changes to a user; `list_tags` (canonical names) replaces the tag set. */
  updateUser(user: User, changes: Partial<User>): User {
    this.audit.userUpdated(user, changes, this.tagIdOf);
    if (changes.email !== undefined && changes.email !== user.email) {
      if (user.email) this.emailIndex.delete(lower(user.email));
      if (changes.email) this.emailIndex.set(lower(changes.email), user.id);
    }
    if (changes.nickname !== undefined && changes.nickname !== user.nickname) {
      this.nicknameIndex.delete(lower(user.nickname));
      this.nicknameIndex.set(lower(changes.nickname), user.id);
    }
    const tagsBefore = this.tagIdsOf(user.list_tags);
    if (changes.list_tags !== undefined) {
      for (const name of user.list_tags) this.membersOf(name)?.delete(user.id);
      for (const name of changes.list_tags) this.membersOf(name)?.add(user.id);
    }
    Object.assign(user, changes);
    if (changes.list_tags !== undefined) this.chats.tagMembershipChanged(user.id, tagsBefore, this.tagIdsOf(user.list_tags));
    return user;
  }

  deleteUser(id: number): void {
    const user = this.requireUser(id);
    for (const name of user.list_tags) this.membersOf(name)?.delete(id);
    if (user.email) this.emailIndex.delete(lower(user.email));
    this.nicknameIndex.delete(lower(user.nickname));
    this.users.delete(id);
    removeSorted(this.userIds, id);
    this.chats.forgetUser(id);
    // The spec: inviter_id is null "if the inviting employee was deleted".
    for (const other of this.users.values()) if (other.inviter_id === id) other.inviter_id = null;
    this.audit.userDeleted(id);
  }

  setStatus(user: User, status: UserStatus | null): void {
    user.user_status = status;
  }

  setImageUrl(user: User, imageUrl: string | null): void {
    user.image_url = imageUrl;
  }

  // ---- tags ----

  private readonly tagIdOf = (name: string): number | undefined => this.tagNameIndex.get(lower(name));

  private tagIdsOf(names: readonly string[]): number[] {
    return names.map(this.tagIdOf).filter((id): id is number => id !== undefined);
  }

  private membersOf(name: string): Set<number> | undefined {
    const tagId = this.tagNameIndex.get(lower(name));
    return tagId === undefined ? undefined : this.tagMembers.get(tagId);
  }

  sortedTagIds(): readonly number[] {
    return this.tagIds;
  }

  getTag(id: number): GroupTag | undefined {
    const tag = this.tags.get(id);
    return tag && { id: tag.id, name: tag.name, users_count: this.tagMembers.get(id)?.size ?? 0 };
  }

  requireTag(id: number): GroupTag {
    const tag = this.getTag(id);
    if (!tag) throw notFound('id', id);
    return tag;
  }

  findTagByName(name: string): GroupTag | undefined {
    const id = this.tagNameIndex.get(lower(name));
    return id === undefined ? undefined : this.getTag(id);
  }

  sortedTagMemberIds(tagId: number): number[] {
    return [...(this.tagMembers.get(tagId) ?? [])].sort((a, b) => a - b);
  }

  private assertTagNameFree(name: string, exceptTagId?: number): void {
    const holder = this.tagNameIndex.get(lower(name));
    if (holder !== undefined && holder !== exceptTagId) {
      throw apiError(422, 'name', 'taken', 'Тег с таким названием уже существует', name);
    }
  }

  createTag(name: string): GroupTag {
    this.assertTagNameFree(name);
    const tag = this.addTag(this.nextTagId, name);
    this.audit.tagCreated(tag);
    return this.getTag(tag.id) as GroupTag;
  }

  renameTag(id: number, name: string): GroupTag {
    const tag = this.tags.get(id);
    if (!tag) throw notFound('id', id);
    this.assertTagNameFree(name, id);
    const oldName = tag.name;
    this.tagNameIndex.delete(lower(oldName));
    tag.name = name;
    this.tagNameIndex.set(lower(name), id);
    for (const userId of this.tagMembers.get(id) ?? []) {
      const user = this.users.get(userId);
      if (user) user.list_tags = user.list_tags.map((n) => (n === oldName ? name : n));
    }
    return this.getTag(id) as GroupTag;
  }

  deleteTag(id: number): void {
    const tag = this.tags.get(id);
    if (!tag) throw notFound('id', id);
    for (const userId of this.tagMembers.get(id) ?? []) {
      const user = this.users.get(userId);
      if (user) user.list_tags = user.list_tags.filter((n) => n !== tag.name);
    }
    this.tags.delete(id);
    this.tagMembers.delete(id);
    this.tagNameIndex.delete(lower(tag.name));
    removeSorted(this.tagIds, id);
    this.chats.forgetTag(id);
    this.audit.tagDeleted(tag);
  }

  // ---- messages ----

  addMessage(message: Omit<Message, 'id' | 'url'>): Message {
    const id = this.nextMessageId++;
    const stored: Message = { id, ...message, url: `https://app.pachca.com/chats/${message.chat_id}?message=${id}` };
    this.messages.push(stored);
    return stored;
  }

  /** A plain-data copy in the --seed/--state file shape. */
  toDirectory(): SandboxDirectory {
    return structuredClone({
      users: this.userIds.map((id) => this.users.get(id) as User),
      tags: this.tagIds.map((id) => this.getTag(id) as GroupTag),
      customProperties: this.customProperties,
      chats: this.chats.toJSON(),
      messages: this.messages,
      ownerId: this.ownerId,
      botId: this.botId,
      auditEvents: [...this.audit.toJSON()],
    });
  }

  /** JSON text of the directory without an intermediate deep copy (state files of 20k users). */
  toJson(): string {
    return JSON.stringify({
      users: this.userIds.map((id) => this.users.get(id)),
      tags: this.tagIds.map((id) => this.getTag(id)),
      customProperties: this.customProperties,
      chats: this.chats.toJSON(),
      messages: this.messages,
      ownerId: this.ownerId,
      botId: this.botId,
      auditEvents: this.audit,
    });
  }
}
