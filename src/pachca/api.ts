// The surface of the Pachca client that the rest of the tool codes against.
// Implemented by PachcaClient in ./client.ts.
import type {
  AccessTokenInfo, AuditEvent, AuditEventFilter, AvatarData, AvatarImageType, Chat, ChatListFilter, ChatMemberRoleFilter,
  CustomPropertyDefinition, GroupTag, Message, StatusInput, User, UserCreateRequest, UserStatus, UserUpdateInput,
} from './types.js';
import type { RateLimiter } from './limiter.js';
import type { PaginateOptions } from './paginate.js';

export interface ConnectionOptions {
  /** Base URL including /api/shared/v1. */
  apiUrl: string;
  token: string;
  /** Per-request timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Requests per second (default 50). */
  rps?: number;
  /** The most requests in flight, or 'auto' (default): about rps x round trip (see concurrency.ts). */
  concurrency?: number | 'auto';
  /** Attempts per request for retryable failures (default 5). */
  retries?: number;
  /** Optional logger for one-line diagnostics (never receives the token). */
  log?: (line: string) => void;
  /**
   * The run's one rate limiter, made by the command and shared by every client it makes for the
   * token (its rps and concurrency are the limiter's own). Default: a limiter of the client's own.
   */
  limiter?: RateLimiter;
  /**
   * Ctrl+C: once aborted, requests not yet on the wire fail with InterruptedError (none is sent);
   * requests in flight finish or time out.
   */
  stopSignal?: AbortSignal;
}

export interface ClientStats {
  requests: number;
  rateLimited: number;
  retries: number;
}

/** Asked as each request is about to leave (its turn in the limiter came): an error keeps it unsent. */
export type SendGuard = (request: { method: string; path: string }) => Error | undefined;

export interface PachcaApi {
  readonly apiUrl: string;
  /** Requests in flight at once (--concurrency). */
  readonly concurrency: number;
  stats(): ClientStats;
  /** Installs (or with undefined removes) the send guard; requests already on the wire are not affected. */
  setSendGuard?(guard: SendGuard | undefined): void;

  getProfile(): Promise<User>;
  getTokenInfo(): Promise<AccessTokenInfo>;

  /** Every user (all pages), in server order; `readAhead` asks for each next page before handing on the current one. */
  listUsers(options?: PaginateOptions): AsyncIterable<User>;
  searchUsers(query: string): AsyncIterable<User>;
  getUser(id: number): Promise<User>;
  /** Case-insensitive exact match on email, via the list (there is no exact filter). */
  findUserByEmail(email: string): Promise<User | undefined>;
  /** Plain POST; an unknown outcome throws UnknownOutcomeError. */
  createUser(body: UserCreateRequest): Promise<User>;
  /** POST, and on an unknown outcome looks the email up before trying again: never duplicates. */
  createUserSafely(body: UserCreateRequest): Promise<{ user: User; recovered: boolean }>;
  updateUser(id: number, user: UserUpdateInput): Promise<User>;
  deleteUser(id: number): Promise<void>;

  getStatus(userId: number): Promise<UserStatus | null>;
  setStatus(userId: number, status: StatusInput): Promise<UserStatus>;
  clearStatus(userId: number): Promise<void>;

  listTags(): AsyncIterable<GroupTag>;
  listTagsByNames(names: string[]): AsyncIterable<GroupTag>;
  createTag(name: string): Promise<GroupTag>;
  /** POST, and on an unknown outcome looks the name up before trying again. */
  createTagSafely(name: string): Promise<{ tag: GroupTag; recovered: boolean }>;
  updateTag(id: number, name: string): Promise<GroupTag>;
  deleteTag(id: number): Promise<void>;
  listTagMembers(tagId: number): AsyncIterable<User>;

  listCustomProperties(): Promise<CustomPropertyDefinition[]>;

  sendDirectMessage(userId: number, content: string): Promise<Message>;

  /** The security log (scope audit_events:read, Corporation plan), newest first, every page; filters go to the server. */
  listAuditEvents(filter?: AuditEventFilter): AsyncIterable<AuditEvent>;

  /** Chats, every page (scope chats:read): by default the active chats the token's user is in; `availability: 'public'` lists every open one. */
  listChats(filter?: ChatListFilter): AsyncIterable<Chat>;
  getChat(id: number): Promise<Chat>;
  /** Members of a chat as users, every page (scope chat_members:read); the Owner may list any chat's. */
  listChatMembers(chatId: number, role?: ChatMemberRoleFilter): AsyncIterable<User>;
  /** Adds people to a chat (scope chat_members:write); people already in it are left as they are. */
  addChatMembers(chatId: number, userIds: number[], options?: { silent?: boolean }): Promise<void>;
  removeChatMember(chatId: number, userId: number): Promise<void>;
  /** Links tags to a chat: their members join it and follow the tag from then on. */
  addChatGroupTags(chatId: number, tagIds: number[]): Promise<void>;
  removeChatGroupTag(chatId: number, tagId: number): Promise<void>;
  /** Uploads a user's avatar (scope user_avatar:write, multipart/form-data); answers its URL. */
  setAvatar(userId: number, image: Uint8Array, type: AvatarImageType): Promise<AvatarData>;
  deleteAvatar(userId: number): Promise<void>;
}
