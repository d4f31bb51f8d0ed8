// Wire types of the Pachca API, from ../shared/pachca-api/openapi.yaml (August 2026).
// One definition for both the client (src/pachca) and the sandbox (src/sandbox).

export type UserRole = 'admin' | 'user' | 'multi_guest' | 'guest';
/** Roles accepted by POST /users. */
export type UserCreateRole = UserRole;
/** Roles accepted by PUT /users/{id} (no `guest`). */
export type UserUpdateRole = 'admin' | 'user' | 'multi_guest';
export type InviteStatus = 'confirmed' | 'sent';
export type CustomPropertyDataType = 'string' | 'number' | 'date' | 'link';

export const USER_CREATE_ROLES: readonly UserCreateRole[] = ['admin', 'user', 'multi_guest', 'guest'];
export const USER_UPDATE_ROLES: readonly UserUpdateRole[] = ['admin', 'user', 'multi_guest'];

export interface CustomProperty {
  id: number;
  name: string;
  data_type: CustomPropertyDataType;
  /** Always a string on the wire (numbers as strings, dates ISO 8601); null when empty. */
  value: string | null;
}

export interface CustomPropertyDefinition {
  id: number;
  name: string;
  data_type: CustomPropertyDataType;
}

export interface UserStatus {
  emoji: string;
  title: string;
  expires_at: string | null;
  is_away: boolean;
  away_message: { text: string } | null;
}

export interface User {
  id: number;
  first_name: string | null;
  last_name: string | null;
  nickname: string;
  email: string | null;
  phone_number: string | null;
  department: string | null;
  title: string | null;
  role: UserRole;
  suspended: boolean;
  invite_status: InviteStatus;
  inviter_id: number | null;
  list_tags: string[];
  custom_properties: CustomProperty[];
  user_status: UserStatus | null;
  bot: boolean;
  sso: boolean;
  created_at: string;
  last_activity_at: string | null;
  time_zone: string | null;
  image_url: string | null;
}

export interface GroupTag {
  id: number;
  name: string;
  users_count: number;
}

export interface PaginationMeta {
  paginate: {
    next_page: string;
    prev_page?: string;
    has_next?: boolean;
    has_prev?: boolean;
  };
}

export interface ListResponse<T> {
  data: T[];
  meta?: PaginationMeta;
}

export interface DataResponse<T> {
  data: T;
}

export interface CustomPropertyValueInput {
  id: number;
  value: string;
}

export interface UserWriteFields {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone_number?: string;
  nickname?: string;
  department?: string;
  title?: string;
  suspended?: boolean;
  /** Tag NAMES. On PUT the list replaces the whole set; omitting the key leaves tags alone. */
  list_tags?: string[];
  custom_properties?: CustomPropertyValueInput[];
}

export interface UserCreateInput extends UserWriteFields {
  email: string;
  role?: UserCreateRole;
  chat_ids?: number[];
}

export interface UserUpdateInput extends UserWriteFields {
  role?: UserUpdateRole;
}

export interface UserCreateRequest {
  user: UserCreateInput;
  skip_email_notify?: boolean;
}

export interface UserUpdateRequest {
  user: UserUpdateInput;
}

export interface GroupTagRequest {
  group_tag: { name: string };
}

export interface StatusInput {
  emoji: string;
  title: string;
  expires_at?: string | null;
  is_away?: boolean;
  away_message?: string | null;
}

export interface StatusUpdateRequest {
  status: StatusInput;
}

export interface MessageCreateRequest {
  message: {
    entity_type: 'discussion' | 'user' | 'thread';
    entity_id: number;
    content: string;
  };
}

export interface Message {
  id: number;
  entity_type: string;
  entity_id: number;
  chat_id: number;
  root_chat_id: number;
  content: string;
  user_id: number;
  created_at: string;
  url: string;
  files: unknown[];
  voice_content: Record<string, unknown> | null;
  buttons: unknown[][] | null;
  thread: { id: number; chat_id: number } | null;
  forwarding: Record<string, unknown> | null;
  parent_message_id: number | null;
  changed_at: string | null;
  deleted_at: string | null;
}

export interface AccessTokenInfo {
  id: number;
  token: string;
  name: string | null;
  user_id: number;
  scopes: string[];
  created_at: string;
  revoked_at: string | null;
  expires_in: number | null;
  last_used_at: string | null;
}

export type ValidationErrorCode =
  | 'blank' | 'too_long' | 'invalid' | 'inclusion' | 'exclusion' | 'taken' | 'not_found'
  | 'already_exists' | 'licenses_limit' | 'owner_protected' | 'self_update' | 'access_denied'
  | 'rate_limit' | (string & {});

export interface ApiErrorItem {
  key: string;
  value: string | null;
  message: string;
  code: ValidationErrorCode;
  payload: Record<string, unknown> | null;
}

export interface ApiErrorBody {
  errors: ApiErrorItem[];
}

export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/** Scopes the tool's write paths need (admin personal tokens only). */
export type WriteScope =
  | 'users:create' | 'users:update' | 'users:delete' | 'group_tags:write' | 'user_status:write' | 'chat_members:write' | 'user_avatar:write';

/** Event keys of GET /audit_events (the spec's AuditEventKey enum). */
export const AUDIT_EVENT_KEYS = [
  'user_login', 'user_logout', 'user_2fa_fail', 'user_2fa_success', 'user_created', 'user_deleted',
  'user_role_changed', 'user_updated', 'tag_created', 'tag_deleted', 'user_added_to_tag', 'user_removed_from_tag',
  'chat_created', 'chat_renamed', 'chat_permission_changed', 'user_chat_join', 'user_chat_leave', 'tag_added_to_chat',
  'tag_removed_from_chat', 'message_updated', 'message_deleted', 'message_created', 'reaction_created',
  'reaction_deleted', 'thread_created', 'access_token_created', 'access_token_updated', 'access_token_destroy',
  'kms_encrypt', 'kms_decrypt', 'audit_events_accessed', 'dlp_violation_detected', 'search_users_api',
  'search_chats_api', 'search_messages_api', 'bot_scopes_updated', 'bot_webhook_settings_updated',
  'bot_token_recreated', 'bot_deleted', 'bot_oauth_client_updated', 'oauth_authorization_granted',
  'oauth_authorization_revoked', 'video_call_started', 'video_call_finished', 'video_call_recording_ready',
] as const;
export type AuditEventKey = (typeof AUDIT_EVENT_KEYS)[number];

/**
 * One record of the workspace's security log. Top-level ids are strings; ids inside `details`
 * are numbers (the guide says so: compare them after converting).
 */
export interface AuditEvent {
  /** UUID. */
  id: string;
  created_at: string;
  /** A key of AUDIT_EVENT_KEYS; a newer server may send keys this list does not have yet. */
  event_key: AuditEventKey | (string & {});
  entity_id: string;
  entity_type: string;
  actor_id: string;
  actor_type: string;
  /** Depends on event_key (e.g. user_role_changed: new_company_role, previous_company_role, initiator_id); `{}` or null when none. */
  details: Record<string, unknown> | null;
  ip_address: string | null;
  user_agent: string | null;
}

/** Query filters of GET /audit_events; every one optional, all combined. */
export interface AuditEventFilter {
  /** Inclusive, ISO 8601. */
  start_time?: string;
  /** Inclusive, ISO 8601. */
  end_time?: string;
  /** One key per request. */
  event_key?: AuditEventKey;
  actor_id?: string;
  actor_type?: string;
  entity_id?: string;
  entity_type?: string;
}

/** A chat (the spec's Chat): a discussion, a channel, or a personal chat. */
export interface Chat {
  id: number;
  name: string;
  created_at: string;
  owner_id: number;
  member_ids: number[];
  group_tag_ids: number[];
  channel: boolean;
  archived: boolean;
  personal: boolean;
  public: boolean;
  last_message_at: string;
  meet_room_url: string;
}

/** Query filters of GET /chats (the spec's defaults: sort id, order desc, availability is_member, archived false). */
export interface ChatListFilter {
  sort?: 'id' | 'last_message_at';
  order?: 'asc' | 'desc';
  /** is_member: chats the token's user is in; public: every open chat of the workspace. */
  availability?: 'is_member' | 'public';
  /** true adds archived chats to the active ones. */
  archived?: boolean;
  last_message_at_after?: string;
  last_message_at_before?: string;
  personal?: boolean;
}

/** The `role` filter of GET /chats/{id}/members (roles in the chat, not in the workspace). */
export type ChatMemberRoleFilter = 'all' | 'owner' | 'admin' | 'editor' | 'member';

export interface AddMembersRequest {
  member_ids: number[];
  /** No system message about the addition in the chat. */
  silent?: boolean;
}

export interface AddTagsRequest {
  group_tag_ids: number[];
}

/** PUT /users/{user_id}/avatar answers it. */
export interface AvatarData {
  image_url: string;
}

/** Image types the tool uploads as avatars. */
export type AvatarImageType = 'image/jpeg' | 'image/png';
