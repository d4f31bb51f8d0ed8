// JSON Schemas of the API parts pachca-roster uses, written from the facts (keys, types, required
// keys, enums, maxLength, nullability) of ../shared/pachca-api/openapi.yaml components/schemas
// (official Pachca spec, August 2026): User, CustomProperty, UserStatus, GroupTag, PaginationMeta,
// CustomPropertyDefinition, ApiError/ApiErrorItem, OAuthError, AccessTokenInfo, Message, AuditEvent, Chat, AvatarData.
// additionalProperties is false where the spec lists every key of the object.
import { Ajv, type ValidateFunction } from 'ajv';
import { AUDIT_EVENT_KEYS } from '../../src/pachca/types.js';

const nullable = (schema: Record<string, unknown>): Record<string, unknown> => ({ anyOf: [schema, { type: 'null' }] });
const dateTime = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' };

export const CUSTOM_PROPERTY_DATA_TYPES = ['string', 'number', 'date', 'link'];

export const schemas = {
  CustomPropertyDefinition: {
    $id: 'CustomPropertyDefinition',
    type: 'object',
    required: ['id', 'name', 'data_type'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      name: { type: 'string', maxLength: 32 },
      data_type: { enum: CUSTOM_PROPERTY_DATA_TYPES },
    },
  },
  CustomProperty: {
    $id: 'CustomProperty',
    type: 'object',
    required: ['id', 'name', 'data_type', 'value'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      name: { type: 'string', maxLength: 32 },
      data_type: { enum: CUSTOM_PROPERTY_DATA_TYPES },
      value: nullable({ type: 'string', maxLength: 768 }),
    },
  },
  UserStatus: {
    $id: 'UserStatus',
    type: 'object',
    required: ['emoji', 'title', 'expires_at', 'is_away', 'away_message'],
    additionalProperties: false,
    properties: {
      emoji: { type: 'string' },
      title: { type: 'string', maxLength: 50 },
      expires_at: nullable(dateTime),
      is_away: { type: 'boolean' },
      away_message: nullable({
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string', maxLength: 1024 } },
      }),
    },
  },
  User: {
    $id: 'User',
    type: 'object',
    required: [
      'id', 'first_name', 'last_name', 'nickname', 'email', 'phone_number', 'department', 'title', 'role',
      'suspended', 'invite_status', 'inviter_id', 'list_tags', 'custom_properties', 'user_status', 'bot', 'sso',
      'created_at', 'last_activity_at', 'time_zone', 'image_url',
    ],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      first_name: nullable({ type: 'string', maxLength: 255 }),
      last_name: nullable({ type: 'string', maxLength: 255 }),
      nickname: { type: 'string', maxLength: 255 },
      email: nullable({ type: 'string', maxLength: 255 }),
      phone_number: nullable({ type: 'string', maxLength: 255 }),
      department: nullable({ type: 'string', maxLength: 255 }),
      title: nullable({ type: 'string' }),
      role: { enum: ['admin', 'user', 'multi_guest', 'guest'] },
      suspended: { type: 'boolean' },
      invite_status: { enum: ['confirmed', 'sent'] },
      inviter_id: nullable({ type: 'integer' }),
      list_tags: { type: 'array', items: { type: 'string' } },
      custom_properties: { type: 'array', items: { $ref: 'CustomProperty' } },
      user_status: nullable({ $ref: 'UserStatus' }),
      bot: { type: 'boolean' },
      sso: { type: 'boolean' },
      created_at: dateTime,
      last_activity_at: nullable(dateTime),
      time_zone: nullable({ type: 'string', maxLength: 32 }),
      image_url: nullable({ type: 'string' }),
    },
  },
  GroupTag: {
    $id: 'GroupTag',
    type: 'object',
    required: ['id', 'name', 'users_count'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      name: { type: 'string', maxLength: 255 },
      users_count: { type: 'integer', minimum: 0 },
    },
  },
  PaginationMeta: {
    $id: 'PaginationMeta',
    type: 'object',
    required: ['paginate'],
    additionalProperties: false,
    properties: {
      paginate: {
        type: 'object',
        required: ['next_page'],
        additionalProperties: false,
        properties: {
          next_page: { type: 'string' },
          prev_page: { type: 'string' },
          has_next: { type: 'boolean' },
          has_prev: { type: 'boolean' },
        },
      },
    },
  },
  ApiError: {
    $id: 'ApiError',
    type: 'object',
    required: ['errors'],
    additionalProperties: false,
    properties: {
      errors: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['key', 'value', 'message', 'code', 'payload'],
          additionalProperties: false,
          properties: {
            key: { type: 'string' },
            value: nullable({ type: 'string' }),
            message: { type: 'string' },
            code: {
              enum: [
                'blank', 'too_long', 'invalid', 'inclusion', 'exclusion', 'taken', 'wrong_emoji', 'not_found',
                'already_exists', 'personal_chat', 'displayed_error', 'not_authorized', 'invalid_date_range',
                'invalid_webhook_url', 'rate_limit', 'licenses_limit', 'user_limit', 'unique_limit', 'general_limit',
                'unhandled', 'trigger_not_found', 'trigger_expired', 'required', 'in', 'not_applicable', 'self_update',
                'owner_protected', 'already_assigned', 'forbidden', 'permission_denied', 'access_denied',
                'wrong_params', 'payment_required', 'min_length', 'max_length', 'use_of_system_words',
                'export_file_not_found', 'cannot_kick_owner', 'pin_failed', 'message_deleted', 'thread_message',
              ],
            },
            payload: nullable({ type: 'object' }),
          },
        },
      },
    },
  },
  OAuthError: {
    $id: 'OAuthError',
    type: 'object',
    required: ['error', 'error_description'],
    additionalProperties: false,
    properties: { error: { type: 'string' }, error_description: { type: 'string' } },
  },
  AccessTokenInfo: {
    $id: 'AccessTokenInfo',
    type: 'object',
    required: ['id', 'token', 'name', 'user_id', 'scopes', 'created_at', 'revoked_at', 'expires_in', 'last_used_at'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      token: { type: 'string' },
      name: nullable({ type: 'string' }),
      user_id: { type: 'integer' },
      scopes: { type: 'array', items: { type: 'string', pattern: '^[a-z_]+(:[a-z_]+)*$' } },
      created_at: dateTime,
      revoked_at: nullable(dateTime),
      expires_in: nullable({ type: 'integer' }),
      last_used_at: nullable(dateTime),
    },
  },
  Message: {
    $id: 'Message',
    type: 'object',
    required: [
      'id', 'entity_type', 'entity_id', 'chat_id', 'root_chat_id', 'content', 'user_id', 'created_at', 'url', 'files',
      'voice_content', 'buttons', 'thread', 'forwarding', 'parent_message_id', 'changed_at', 'deleted_at',
    ],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      entity_type: { enum: ['discussion', 'thread', 'user'] },
      entity_id: { type: 'integer' },
      chat_id: { type: 'integer' },
      root_chat_id: { type: 'integer' },
      content: { type: 'string' },
      user_id: { type: 'integer' },
      created_at: dateTime,
      url: { type: 'string' },
      files: { type: 'array', items: { type: 'object' } },
      voice_content: nullable({ type: 'object' }),
      buttons: nullable({ type: 'array', items: { type: 'array', items: { type: 'object' } } }),
      thread: nullable({
        type: 'object',
        required: ['id', 'chat_id'],
        properties: { id: { type: 'integer' }, chat_id: { type: 'integer' } },
      }),
      forwarding: nullable({ type: 'object' }),
      parent_message_id: nullable({ type: 'integer' }),
      // Present only on messages sent by bots.
      display_avatar_url: nullable({ type: 'string' }),
      display_name: nullable({ type: 'string' }),
      changed_at: nullable(dateTime),
      deleted_at: nullable(dateTime),
    },
  },
  AuditEvent: {
    $id: 'AuditEvent',
    type: 'object',
    required: ['id', 'created_at', 'event_key', 'entity_id', 'entity_type', 'actor_id', 'actor_type', 'details', 'ip_address', 'user_agent'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', minLength: 1 },
      created_at: dateTime,
      event_key: { enum: [...AUDIT_EVENT_KEYS] },
      entity_id: { type: 'string' },
      entity_type: { type: 'string' },
      actor_id: { type: 'string' },
      actor_type: { type: 'string' },
      // AuditEventDetailsUnion: an object whose keys depend on event_key (the spec's example shows null).
      details: nullable({ type: 'object' }),
      ip_address: nullable({ type: 'string' }),
      user_agent: nullable({ type: 'string', maxLength: 255 }),
    },
  },
  Chat: {
    $id: 'Chat',
    type: 'object',
    required: [
      'id', 'name', 'created_at', 'owner_id', 'member_ids', 'group_tag_ids', 'channel', 'archived', 'personal', 'public',
      'last_message_at', 'meet_room_url',
    ],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      name: { type: 'string', maxLength: 255 },
      created_at: dateTime,
      owner_id: { type: 'integer' },
      member_ids: { type: 'array', items: { type: 'integer' } },
      group_tag_ids: { type: 'array', items: { type: 'integer' } },
      channel: { type: 'boolean' },
      archived: { type: 'boolean' },
      personal: { type: 'boolean' },
      public: { type: 'boolean' },
      last_message_at: dateTime,
      meet_room_url: { type: 'string' },
    },
  },
  AvatarData: {
    $id: 'AvatarData',
    type: 'object',
    required: ['image_url'],
    additionalProperties: false,
    properties: { image_url: { type: 'string' } },
  },
} as const;

export type SchemaName = keyof typeof schemas;

const dataOf = (ref: string): Record<string, unknown> => ({
  type: 'object', required: ['data'], additionalProperties: false, properties: { data: { $ref: ref } },
});
const listOf = (ref: string, paginated: boolean): Record<string, unknown> => ({
  type: 'object',
  required: paginated ? ['data', 'meta'] : ['data'],
  additionalProperties: false,
  properties: { data: { type: 'array', items: { $ref: ref } }, ...(paginated ? { meta: { $ref: 'PaginationMeta' } } : {}) },
});

/** Response envelopes: `{data: X}` and lists. */
export const envelopes = {
  UserResponse: dataOf('User'),
  UserList: listOf('User', true),
  GroupTagResponse: dataOf('GroupTag'),
  GroupTagList: listOf('GroupTag', true),
  UserStatusResponse: dataOf('UserStatus'),
  CustomPropertyList: listOf('CustomPropertyDefinition', false),
  AccessTokenInfoResponse: dataOf('AccessTokenInfo'),
  MessageResponse: dataOf('Message'),
  AuditEventList: listOf('AuditEvent', true),
  ChatList: listOf('Chat', true),
  ChatResponse: dataOf('Chat'),
  AvatarResponse: dataOf('AvatarData'),
  ApiError: { $ref: 'ApiError' },
  OAuthError: { $ref: 'OAuthError' },
} as const;

export type EnvelopeName = keyof typeof envelopes;

const ajv = new Ajv({ allErrors: true, strict: true });
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const validators = new Map<EnvelopeName, ValidateFunction>();
for (const [name, schema] of Object.entries(envelopes)) validators.set(name as EnvelopeName, ajv.compile(schema));

/** Answers the ajv error text, or '' when the value matches. */
export function schemaErrors(name: EnvelopeName, value: unknown): string {
  const validate = validators.get(name) as ValidateFunction;
  return validate(value) ? '' : ajv.errorsText(validate.errors, { dataVar: name });
}
