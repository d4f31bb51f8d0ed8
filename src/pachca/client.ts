// The Pachca client: typed calls over one request path
//   transport (one HTTP exchange) <- limiter (rate, pauses on 429) <- retries (p-retry)
import type { ClientStats, ConnectionOptions, PachcaApi, SendGuard } from './api.js';
import { ApiError, AuthError, InterruptedError, PachcaError, RateLimitError, UnknownOutcomeError } from './errors.js';
import { AUTO_CONCURRENCY_CAP } from './concurrency.js';
import { RateLimiter } from './limiter.js';
import { paginate, type PaginateOptions } from './paginate.js';
import { withRetries } from './retry.js';
import { request, type ApiRequest, type FileUpload, type HttpMethod, type QueryParams, type TransportConfig } from './transport.js';
import { emailKey, tagKey } from './keys.js';
import { avatarExtension } from './avatar.js';
import type {
  AccessTokenInfo, AddMembersRequest, AddTagsRequest, AuditEvent, AuditEventFilter, AvatarData, AvatarImageType, Chat, ChatListFilter,
  ChatMemberRoleFilter, CustomPropertyDefinition, DataResponse, GroupTag, GroupTagRequest, ListResponse, Message,
  MessageCreateRequest, StatusInput, StatusUpdateRequest, User, UserCreateRequest, UserStatus, UserUpdateInput,
} from './types.js';

export const DEFAULT_API_URL = 'https://api.pachca.com/api/shared/v1';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RPS = 50;
export const DEFAULT_CONCURRENCY = 'auto';
export const DEFAULT_RETRIES = 5;

/** Test and benchmark hooks; not part of the CLI surface. */
export interface ClientHooks {
  /** Called right before each request goes on the wire (after the limiter let it through). */
  onSend?: (info: { method: HttpMethod; path: string; at: number }) => void;
  /** Called with each answer or failure. */
  onResult?: (info: { method: HttpMethod; path: string; at: number; status: number | undefined; retryAfterMs?: number }) => void;
  /** First retry backoff in ms (default 500). */
  retryMinDelayMs?: number;
}

export class PachcaClient implements PachcaApi {
  readonly apiUrl: string;
  readonly concurrency: number;
  private readonly transport: TransportConfig;
  private readonly limiter: RateLimiter;
  private readonly attempts: number;
  private readonly log: ((line: string) => void) | undefined;
  private readonly counters: ClientStats = { requests: 0, rateLimited: 0, retries: 0 };
  private sendGuard: SendGuard | undefined;
  private readonly stopSignal: AbortSignal | undefined;
  /** Rejecters of the requests waiting in the limiter, called when the stop signal fires. */
  private readonly waiting = new Set<() => void>();

  constructor(options: ConnectionOptions, private readonly hooks: ClientHooks = {}) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.transport = { apiUrl: this.apiUrl, token: options.token, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    this.attempts = options.retries ?? DEFAULT_RETRIES;
    this.log = options.log;
    this.stopSignal = options.stopSignal;
    // One listener for all requests (one each would trip Node's listener-leak warning).
    this.stopSignal?.addEventListener('abort', () => {
      for (const stop of this.waiting) stop();
      this.waiting.clear();
    }, { once: true });
    // The most requests this client may have in flight (auto: the controller's cap).
    const setting = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.concurrency = setting === 'auto' ? AUTO_CONCURRENCY_CAP : setting;
    this.limiter = options.limiter ?? new RateLimiter({
      rps: options.rps ?? DEFAULT_RPS,
      concurrency: setting,
      log: options.log,
    });
  }

  stats(): ClientStats {
    return { ...this.counters };
  }

  setSendGuard(guard: SendGuard | undefined): void {
    this.sendGuard = guard;
  }

  /** One API call through the limiter, with the retry rules of retry.ts. */
  async call<T>(req: ApiRequest, urgent = false): Promise<T | null> {
    return withRetries(req.method, req.path, () => this.attempt<T>(req, urgent), {
      attempts: this.attempts,
      minDelayMs: this.hooks.retryMinDelayMs,
      onRetry: (error, attemptNumber) => {
        this.counters.retries++;
        this.log?.(`retrying ${req.method} ${req.path} (attempt ${attemptNumber}): ${error.message}`);
      },
    });
  }

  /** One attempt through the limiter; the result hook runs after the limiter has seen a 429. */
  private async attempt<T>(req: ApiRequest, urgent: boolean): Promise<T | null> {
    try {
      const body = await this.throughLimiter(() => this.send<T>(req), urgent);
      this.hooks.onResult?.({ method: req.method, path: req.path, at: Date.now(), status: 200 });
      return body;
    } catch (error) {
      this.hooks.onResult?.({
        method: req.method,
        path: req.path,
        at: Date.now(),
        status: error instanceof PachcaError ? error.status : undefined,
        retryAfterMs: error instanceof RateLimitError ? error.retryAfterMs : undefined,
      });
      throw error;
    }
  }

  /**
   * The limiter's queue, left at once when the stop signal fires: a request still waiting is
   * never sent; one already on the wire is awaited.
   */
  private throughLimiter<T>(send: () => Promise<T>, urgent: boolean): Promise<T> {
    const signal = this.stopSignal;
    if (signal?.aborted) return Promise.reject(new InterruptedError());
    let started = false;
    const job = this.limiter.schedule(() => {
      if (signal?.aborted) throw new InterruptedError();
      started = true;
      return send();
    }, urgent);
    if (!signal) return job;
    return new Promise<T>((resolvePromise, reject) => {
      const onStop = (): void => {
        if (!started) reject(new InterruptedError());
      };
      this.waiting.add(onStop);
      job.then(resolvePromise, reject).finally(() => this.waiting.delete(onStop));
    });
  }

  private send<T>(req: ApiRequest): Promise<T | null> {
    const refusal = this.sendGuard?.(req);
    if (refusal) return Promise.reject(refusal);
    this.counters.requests++;
    this.hooks.onSend?.({ method: req.method, path: req.path, at: Date.now() });
    return request<T>(this.transport, req).catch((error: unknown) => {
      if (error instanceof RateLimitError) this.counters.rateLimited++;
      throw error;
    });
  }

  private async data<T>(method: HttpMethod, path: string, body?: unknown, urgent = false, upload?: FileUpload): Promise<T> {
    const answer = await this.call<DataResponse<T>>({ method, path, body, upload }, urgent);
    if (!answer || typeof answer !== 'object' || !('data' in answer)) {
      throw new PachcaError((t) => t.apiNoData(method, path), undefined);
    }
    return answer.data;
  }

  private list<T>(path: string, query: QueryParams = {}, options: PaginateOptions = {}): AsyncIterable<T> {
    return paginate<T>((pageQuery) => this.call<ListResponse<T>>({ method: 'GET', path, query: pageQuery }), query, options);
  }

  getProfile(): Promise<User> {
    return this.data<User>('GET', '/profile');
  }

  getTokenInfo(): Promise<AccessTokenInfo> {
    return this.data<AccessTokenInfo>('GET', '/oauth/token/info');
  }

  listUsers(options: PaginateOptions = {}): AsyncIterable<User> {
    return this.list<User>('/users', {}, options);
  }

  searchUsers(query: string): AsyncIterable<User> {
    return this.list<User>('/users', { query });
  }

  getUser(id: number): Promise<User> {
    return this.data<User>('GET', `/users/${id}`);
  }

  /**
   * Searches by `query`, then compares emails exactly (ignoring case). If the search misses,
   * walks the full list once, in case the server's partial match does not cover the email.
   */
  async findUserByEmail(email: string): Promise<User | undefined> {
    return (await this.searchUserByEmail(email)) ?? this.scanUsersForEmail(email);
  }

  /** The `query` search (a few requests), compared exactly. */
  private async searchUserByEmail(email: string): Promise<User | undefined> {
    const key = emailKey(email);
    if (!key) return undefined;
    for await (const user of this.searchUsers(email.trim())) {
      if (user.email && emailKey(user.email) === key) return user;
    }
    return undefined;
  }

  /** Every page of the directory (the last resort: one request per 50 users). */
  private async scanUsersForEmail(email: string): Promise<User | undefined> {
    const key = emailKey(email);
    if (!key) return undefined;
    for await (const user of this.listUsers()) {
      if (user.email && emailKey(user.email) === key) return user;
    }
    return undefined;
  }

  createUser(body: UserCreateRequest): Promise<User> {
    return this.data<User>('POST', '/users', body);
  }

  async createUserSafely(body: UserCreateRequest): Promise<{ user: User; recovered: boolean }> {
    // After an unknown outcome the search is enough: if it misses a user who was in fact
    // created, the next POST gets 422 taken (emails are unique), and only then is the whole
    // directory scanned. Scanning after every 5xx would cost a big directory hundreds of requests.
    const { value, recovered } = await this.createOnce(
      () => this.createUser(body),
      (afterTaken) => (afterTaken ? this.findUserByEmail(body.user.email) : this.searchUserByEmail(body.user.email)),
      (error) => error.item('taken')?.key === 'email',
    );
    return { user: value, recovered };
  }

  updateUser(id: number, user: UserUpdateInput): Promise<User> {
    return this.data<User>('PUT', `/users/${id}`, { user });
  }

  async deleteUser(id: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `/users/${id}` });
  }

  async getStatus(userId: number): Promise<UserStatus | null> {
    const answer = await this.call<DataResponse<UserStatus | null>>({ method: 'GET', path: `/users/${userId}/status` });
    return answer?.data ?? null;
  }

  setStatus(userId: number, status: StatusInput): Promise<UserStatus> {
    const body: StatusUpdateRequest = { status };
    return this.data<UserStatus>('PUT', `/users/${userId}/status`, body);
  }

  async clearStatus(userId: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `/users/${userId}/status` });
  }

  listTags(): AsyncIterable<GroupTag> {
    return this.list<GroupTag>('/group_tags');
  }

  listTagsByNames(names: string[]): AsyncIterable<GroupTag> {
    return this.list<GroupTag>('/group_tags', { names });
  }

  createTag(name: string): Promise<GroupTag> {
    const body: GroupTagRequest = { group_tag: { name } };
    return this.data<GroupTag>('POST', '/group_tags', body);
  }

  async createTagSafely(name: string): Promise<{ tag: GroupTag; recovered: boolean }> {
    const { value, recovered } = await this.createOnce(
      () => this.createTag(name),
      () => this.findTagByName(name),
      (error) => error.item('taken')?.key === 'name',
    );
    return { tag: value, recovered };
  }

  /** Exact name first, then ignoring case (names are unique in the company). */
  async findTagByName(name: string): Promise<GroupTag | undefined> {
    const found: GroupTag[] = [];
    for await (const tag of this.listTagsByNames([name])) found.push(tag);
    return found.find((tag) => tag.name === name)
      ?? found.find((tag) => tagKey(tag.name) === tagKey(name));
  }

  updateTag(id: number, name: string): Promise<GroupTag> {
    const body: GroupTagRequest = { group_tag: { name } };
    return this.data<GroupTag>('PUT', `/group_tags/${id}`, body);
  }

  async deleteTag(id: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `/group_tags/${id}` });
  }

  listTagMembers(tagId: number): AsyncIterable<User> {
    return this.list<User>(`/group_tags/${tagId}/users`);
  }

  async listCustomProperties(): Promise<CustomPropertyDefinition[]> {
    const answer = await this.call<ListResponse<CustomPropertyDefinition>>({
      method: 'GET', path: '/custom_properties', query: { entity_type: 'User' },
    });
    return Array.isArray(answer?.data) ? answer.data : [];
  }

  sendDirectMessage(userId: number, content: string): Promise<Message> {
    const body: MessageCreateRequest = { message: { entity_type: 'user', entity_id: userId, content } };
    // A welcome follows its person's create at once, not after every other queued create.
    return this.data<Message>('POST', '/messages', body, true);
  }

  listAuditEvents(filter: AuditEventFilter = {}): AsyncIterable<AuditEvent> {
    return this.list<AuditEvent>('/audit_events', { ...filter });
  }

  listChats(filter: ChatListFilter = {}): AsyncIterable<Chat> {
    return this.list<Chat>('/chats', { ...filter });
  }

  getChat(id: number): Promise<Chat> {
    return this.data<Chat>('GET', `/chats/${id}`);
  }

  listChatMembers(chatId: number, role?: ChatMemberRoleFilter): AsyncIterable<User> {
    return this.list<User>(`/chats/${chatId}/members`, { role });
  }

  async addChatMembers(chatId: number, userIds: number[], options: { silent?: boolean } = {}): Promise<void> {
    const body: AddMembersRequest = { member_ids: userIds, ...(options.silent === undefined ? {} : { silent: options.silent }) };
    await this.repeatablePost({ method: 'POST', path: `/chats/${chatId}/members`, body });
  }

  async removeChatMember(chatId: number, userId: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `/chats/${chatId}/members/${userId}` });
  }

  async addChatGroupTags(chatId: number, tagIds: number[]): Promise<void> {
    const body: AddTagsRequest = { group_tag_ids: tagIds };
    await this.repeatablePost({ method: 'POST', path: `/chats/${chatId}/group_tags`, body });
  }

  /**
   * A POST that adds to a set (chat members, chat tags): sending it twice leaves the same result,
   * so an unknown outcome is sent again; "already there" after a lost answer means it was done.
   */
  private async repeatablePost(req: ApiRequest): Promise<void> {
    let uncertain = false;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.call(req);
        return;
      } catch (error) {
        if (uncertain && error instanceof ApiError && error.item('already_exists')) return;
        if (!(error instanceof UnknownOutcomeError) || attempt >= this.attempts) throw error;
        uncertain = true;
        this.counters.retries++;
        this.log?.(`${error.message}; sending it again (adding members twice changes nothing)`);
      }
    }
  }

  async removeChatGroupTag(chatId: number, tagId: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `/chats/${chatId}/group_tags/${tagId}` });
  }

  setAvatar(userId: number, image: Uint8Array, type: AvatarImageType): Promise<AvatarData> {
    const upload: FileUpload = { field: 'image', filename: `avatar.${avatarExtension(type)}`, contentType: type, bytes: image };
    return this.data<AvatarData>('PUT', `/users/${userId}/avatar`, undefined, false, upload);
  }

  async deleteAvatar(userId: number): Promise<void> {
    await this.call({ method: 'DELETE', path: `/users/${userId}/avatar` });
  }

  /**
   * POST; when the outcome is unknown, look the object up and POST again only if it is not
   * there. A "taken" answer after a lost one means the first POST did it: look up again. Before
   * giving up, one more look: a create is never called failed while the object is there.
   */
  private async createOnce<T>(
    create: () => Promise<T>,
    /** `afterTaken`: the server said the object exists, so look as hard as it takes. */
    lookUp: (afterTaken: boolean) => Promise<T | undefined>,
    isDuplicate: (error: ApiError) => boolean,
  ): Promise<{ value: T; recovered: boolean }> {
    let uncertain = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return { value: await create(), recovered: uncertain };
      } catch (error) {
        const lostBefore = uncertain && error instanceof ApiError && isDuplicate(error);
        if (!(error instanceof UnknownOutcomeError) && !lostBefore) throw error;
        uncertain = true;
        const lastAttempt = attempt >= this.attempts;
        if (!lastAttempt) {
          this.counters.retries++;
          this.log?.(`${error.message}; looking it up before trying again`);
        }
        const existing = await this.lookUpQuietly(() => lookUp(lostBefore || lastAttempt));
        if (existing) return { value: existing, recovered: true };
        if (lastAttempt) throw error;
      }
    }
  }

  /** A lookup whose own retries ran out counts as "not found yet": the next POST or lookup decides. */
  private async lookUpQuietly<T>(lookUp: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      return await lookUp();
    } catch (error) {
      if (error instanceof InterruptedError || error instanceof AuthError) throw error;
      this.log?.(`the lookup failed too (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  }
}
