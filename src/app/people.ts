// The read-only everyday queries (find, show, tags, members) as plain functions over the API
// client: they answer plain data and throw InputError for an unknown person or tag. Printing is
// the CLI's (src/cli/commands/{find,show,tags,members}.ts through src/cli/printer.ts).
import { InputError } from '../exit-codes.js';
import type { PachcaApi } from '../pachca/api.js';
import { NotFoundError } from '../pachca/errors.js';
import { emailKey, tagKey } from '../pachca/keys.js';
import type { CustomPropertyDataType, User } from '../pachca/types.js';
import { parsePhone } from '../records/normalize.js';
import { listVisibleChats } from '../sync/chat-list.js';

export interface StatusView {
  emoji: string;
  title: string;
  expires_at: string | null;
  is_away: boolean;
  away_message: string | null;
}

/** One person as find and members list them (JSON keys are these names). */
export interface PersonSummary extends Pick<User,
  'id' | 'first_name' | 'last_name' | 'nickname' | 'email' | 'phone_number' | 'department' | 'title' | 'role' | 'bot' |
  'suspended' | 'invite_status'> {
  /** First and last name ("" for a pending invite that has none yet). */
  name: string;
  tags: string[];
  status: StatusView | null;
}

export interface CustomPropertyView {
  id: number;
  name: string;
  data_type: CustomPropertyDataType;
  value: string | null;
}

/** One person in full, as show prints it. */
export interface PersonDetail extends PersonSummary {
  sso: boolean;
  inviter_id: number | null;
  created_at: string;
  last_activity_at: string | null;
  time_zone: string | null;
  /** Every property the workspace defines, in its order, with this person's value or null. */
  custom_properties: CustomPropertyView[];
}

export interface TagSummary {
  id: number;
  name: string;
  /** Pachca's own count of the people holding the tag (GroupTag.users_count). */
  users_count: number;
}

/** People found, and whether the token hides their contacts (a bot token sees e-mails as null). */
export interface PeopleAnswer {
  people: PersonSummary[];
  contactsHidden: boolean;
}

export function fullName(user: Pick<User, 'first_name' | 'last_name'>): string {
  return [user.first_name, user.last_name].filter((part) => part && part.trim()).join(' ');
}

function statusView(user: User): StatusView | null {
  const status = user.user_status;
  if (!status) return null;
  return {
    emoji: status.emoji,
    title: status.title,
    expires_at: status.expires_at,
    is_away: status.is_away,
    away_message: status.away_message?.text ?? null,
  };
}

export function personSummary(user: User): PersonSummary {
  return {
    id: user.id,
    name: fullName(user),
    first_name: user.first_name,
    last_name: user.last_name,
    nickname: user.nickname,
    email: user.email,
    phone_number: user.phone_number,
    department: user.department,
    title: user.title,
    role: user.role,
    bot: user.bot,
    tags: [...user.list_tags],
    suspended: user.suspended,
    invite_status: user.invite_status,
    status: statusView(user),
  };
}

/** True when none of the people (bots aside) shows an e-mail: what a bot token sees. */
export function contactsHidden(users: readonly Pick<User, 'bot' | 'email'>[]): boolean {
  const people = users.filter((user) => !user.bot);
  return people.length > 0 && people.every((user) => !user.email);
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/** By name (a pending invite without one by its e-mail or nickname), then id. */
function byName(a: PersonSummary, b: PersonSummary): number {
  const key = (person: PersonSummary): string => person.name || person.email || person.nickname;
  return collator.compare(key(a), key(b)) || a.id - b.id;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function answer(users: readonly User[]): PeopleAnswer {
  return { people: users.map(personSummary).sort(byName), contactsHidden: contactsHidden(users) };
}

const PHONE_LIKE = /^[\d\s()+\-.]+$/;

/**
 * The text sent as GET /users?query=. Pachca keeps phones as +79161234567, and its search is a
 * partial match, so a phone typed as "8 (916) 123-45-67" is sent as +79161234567 and a part of
 * one ("916 123") as its digits. Anything else goes as typed.
 */
export function searchText(query: string, phoneRegion = 'RU'): string {
  const trimmed = query.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (!PHONE_LIKE.test(trimmed) || digits.length < 3) return trimmed;
  const phone = parsePhone(trimmed, phoneRegion);
  return phone.ok ? phone.value : digits;
}

/** GET /users?query= (names, e-mail, phone, nickname: the API's partial match); bots included. */
export async function findPeople(api: PachcaApi, query: string, phoneRegion = 'RU'): Promise<PeopleAnswer & { sent: string }> {
  const sent = searchText(query, phoneRegion);
  if (sent === '') throw new InputError((t) => t.lookupFindNeedsQuery);
  const found = await collect(api.searchUsers(sent));
  return { ...answer(found), sent };
}

export type PersonKey = { id: number } | { email: string };

/** An id (digits) or an e-mail; anything else is refused before any request. */
export function parsePersonKey(given: string): PersonKey {
  const text = given.trim();
  if (/^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text))) return { id: Number(text) };
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { email: emailKey(text) };
  throw new InputError((t) => t.lookupNotPersonKey(given));
}

/**
 * The person with this e-mail: the search first, compared exactly, then (as findUserByEmail
 * does) every page of the directory. A token that hides e-mails cannot confirm a match: then
 * it stops after the search, naming the ids the search found.
 */
async function userByEmail(api: PachcaApi, email: string): Promise<User> {
  const found: User[] = [];
  for await (const user of api.searchUsers(email)) {
    if (user.email && emailKey(user.email) === email) return user;
    found.push(user);
  }
  if (contactsHidden(found)) {
    const ids = found.filter((user) => !user.bot).map((user) => user.id);
    throw new InputError((t) => t.lookupCannotConfirm(email, ids));
  }
  let people = 0;
  let withEmail = 0;
  for await (const user of api.listUsers()) {
    if (user.email && emailKey(user.email) === email) return user;
    if (!user.bot) people += 1;
    if (!user.bot && user.email) withEmail += 1;
  }
  const hidden = people > 0 && withEmail === 0;
  throw new InputError((t) => t.lookupNoSuchPerson(email, hidden));
}

async function userById(api: PachcaApi, id: number): Promise<User> {
  try {
    return await api.getUser(id);
  } catch (error) {
    if (error instanceof NotFoundError) throw new InputError((t) => t.lookupNoSuchPerson(id, false));
    throw error;
  }
}

/** The person by id or e-mail; an unknown one is an InputError "no such person: ..." (only reads were sent). */
export function lookupPerson(api: PachcaApi, key: PersonKey): Promise<User> {
  return 'id' in key ? userById(api, key.id) : userByEmail(api, key.email);
}

/** One person in full: the lookup, then (only when found) the workspace's custom property definitions. */
export async function showPerson(api: PachcaApi, key: PersonKey): Promise<{ person: PersonDetail; contactsHidden: boolean }> {
  const user = await lookupPerson(api, key);
  const definitions = await api.listCustomProperties();
  const values = new Map(user.custom_properties.map((property) => [property.id, property]));
  const custom: CustomPropertyView[] = definitions.map((definition) => ({
    id: definition.id,
    name: definition.name,
    data_type: definition.data_type,
    value: values.get(definition.id)?.value ?? null,
  }));
  // A value whose definition the list lacks (deleted meanwhile) is still shown.
  for (const property of user.custom_properties) {
    if (!definitions.some((definition) => definition.id === property.id)) {
      custom.push({ id: property.id, name: property.name, data_type: property.data_type, value: property.value });
    }
  }
  const person: PersonDetail = {
    ...personSummary(user),
    sso: user.sso,
    inviter_id: user.inviter_id,
    created_at: user.created_at,
    last_activity_at: user.last_activity_at,
    time_zone: user.time_zone,
    custom_properties: custom,
  };
  return { person, contactsHidden: contactsHidden([user]) };
}

/** A chat a person is in: its id and name. */
export interface ChatView {
  id: number;
  name: string;
}

/**
 * The group chats the token sees that have this person among their members (the same two walks
 * of GET /chats as the chats command). Closed chats the token's person is not in are not listed
 * by the API, so these are the person's chats "where known".
 */
export async function personChats(api: Pick<PachcaApi, 'listChats'>, userId: number): Promise<ChatView[]> {
  const chats = await listVisibleChats(api);
  return chats.filter((chat) => chat.member_ids.includes(userId)).map((chat) => ({ id: chat.id, name: chat.name }));
}

/** Every tag with Pachca's member count (one listing of the tags), by name. */
export async function listTagSummaries(api: PachcaApi): Promise<TagSummary[]> {
  const tags = await collect(api.listTags());
  return tags
    .map((tag) => ({ id: tag.id, name: tag.name, users_count: tag.users_count }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
}

/** A tag named (or numbered) `given` that the directory lacks; `known` lists every tag name. */
export class UnknownTagError extends InputError {
  constructor(readonly given: string, readonly known: readonly string[]) {
    super((t) => t.lookupUnknownTag(given));
    this.name = 'UnknownTagError';
  }
}

/** The tag by exact name, then ignoring case, then by id. */
export function resolveTag(tags: readonly TagSummary[], given: string): TagSummary | undefined {
  const text = given.trim();
  return tags.find((tag) => tag.name === text)
    ?? tags.find((tag) => tagKey(tag.name) === tagKey(text))
    ?? (/^\d+$/.test(text) ? tags.find((tag) => tag.id === Number(text)) : undefined);
}

/**
 * The people in a tag: one listing of the tags to resolve the name, then its members' pages.
 * An unknown tag throws UnknownTagError after the listing: nothing else is sent.
 */
export async function tagMembers(api: PachcaApi, given: string): Promise<PeopleAnswer & { tag: TagSummary }> {
  const tags = await listTagSummaries(api);
  const tag = resolveTag(tags, given);
  if (!tag) throw new UnknownTagError(given, tags.map((candidate) => candidate.name));
  const members = await collect(api.listTagMembers(tag.id));
  return { ...answer(members), tag };
}
