// zod schemas for what the sandbox reads from outside: --seed/--state directory files and the
// settings of POST /__sandbox/configure (and configure()). Each problem is reported as one line
// naming the field, e.g. `users[3].email: expected string, received number`.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SandboxDirectory, SandboxSettings } from './api.js';

const nullableText = z.string().nullable();

const customPropertySchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  data_type: z.enum(['string', 'number', 'date', 'link']),
});

const userSchema = z.looseObject({
  id: z.number().int().positive(),
  first_name: nullableText,
  last_name: nullableText,
  nickname: z.string(),
  email: nullableText,
  phone_number: nullableText,
  department: nullableText,
  title: nullableText,
  role: z.enum(['admin', 'user', 'multi_guest', 'guest']),
  suspended: z.boolean(),
  invite_status: z.enum(['confirmed', 'sent']),
  inviter_id: z.number().int().nullable(),
  list_tags: z.array(z.string()),
  custom_properties: z.array(customPropertySchema.extend({ value: nullableText })),
  user_status: z.looseObject({ emoji: z.string(), title: z.string() }).nullable(),
  bot: z.boolean(),
  sso: z.boolean(),
  created_at: z.string(),
  last_activity_at: nullableText,
  time_zone: nullableText,
  image_url: nullableText,
});

const directorySchema = z.looseObject({
  users: z.array(userSchema),
  tags: z.array(z.looseObject({ id: z.number().int().positive(), name: z.string().min(1) })),
  customProperties: z.array(customPropertySchema),
  chats: z.array(z.looseObject({
    id: z.number().int().positive(),
    name: z.string(),
    archived: z.boolean().optional(),
    created_at: z.string().optional(),
    owner_id: z.number().int().positive().optional(),
    member_ids: z.array(z.number().int().positive()).optional(),
    group_tag_ids: z.array(z.number().int().positive()).optional(),
    channel: z.boolean().optional(),
    personal: z.boolean().optional(),
    public: z.boolean().optional(),
    last_message_at: z.string().optional(),
    meet_room_url: z.string().optional(),
  })),
  messages: z.array(z.looseObject({ id: z.number().int() })).optional(),
  ownerId: z.number().int().positive().optional(),
  botId: z.number().int().positive().optional(),
});

const faultRate = z.number().min(0).max(1);

/** Bounds keep an operator's typo from stalling the sandbox (a latency of hours) or breaking it. */
export const settingsSchema = z.strictObject({
  faults: z.union([
    z.string().max(200),
    z.strictObject({ '5xx': faultRate.optional(), reset: faultRate.optional(), lost: faultRate.optional(), slow: faultRate.optional() }),
  ]).optional(),
  rps: z.number().positive().max(1_000_000).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  slowMs: z.number().int().min(0).max(600_000).optional(),
  legacyPagination: z.boolean().optional(),
  faultSeed: z.number().int().min(0).max(0xffff_ffff).optional(),
  owner403: z.enum(['oauth', 'api']).optional(),
  shortPages: z.boolean().optional(),
  putDefaults: z.boolean().optional(),
  seats: z.number().int().min(0).max(10_000_000).nullable().optional(),
  unpaid: z.boolean().optional(),
});

export const acceptInvitesSchema = z.strictObject({ emails: z.array(z.string().max(255)).max(100_000).optional() });

function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
      '',
    );
    return `${path || '(top level)'}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return `${lines.join('; ')}${more}`;
}

/** Throws an Error naming the field when `value` is not valid settings. */
export function parseSettings(value: unknown): SandboxSettings {
  const result = settingsSchema.safeParse(value);
  if (!result.success) throw new Error(describeIssues(result.error));
  return result.data as SandboxSettings;
}

export function parseAcceptInvites(value: unknown): string[] | undefined {
  const result = acceptInvitesSchema.safeParse(value);
  if (!result.success) throw new Error(describeIssues(result.error));
  return result.data.emails;
}

/** Reads a --seed/--state JSON directory; throws an Error whose message names the file and the field. */
export async function readDirectoryFile(path: string): Promise<SandboxDirectory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = directorySchema.safeParse(parsed);
  if (!result.success) throw new Error(`${path} is not a sandbox directory: ${describeIssues(result.error)}`);
  return result.data as unknown as SandboxDirectory;
}
