// A snapshot of the workspace directory, taken once per command with the minimum of requests:
// users listed once, tags listed once, custom property definitions once.
import type { PachcaApi } from '../pachca/api.js';
import { emailKey, tagKey } from '../pachca/keys.js';
import type { CustomPropertyDefinition, GroupTag, User } from '../pachca/types.js';

export { emailKey, tagKey };

export interface Directory {
  /** Every user in server order (bots, suspended users and pending invites included). */
  users: User[];
  usersByEmail: Map<string, User>;
  usersById: Map<number, User>;
  tags: GroupTag[];
  /** Keyed by lower-cased name. */
  tagsByName: Map<string, GroupTag>;
  customProperties: CustomPropertyDefinition[];
  /** Keyed by lower-cased name. */
  customPropertiesByName: Map<string, CustomPropertyDefinition>;
}

export function buildDirectory(users: User[], tags: GroupTag[], customProperties: CustomPropertyDefinition[]): Directory {
  const usersByEmail = new Map<string, User>();
  const usersById = new Map<number, User>();
  for (const user of users) {
    usersById.set(user.id, user);
    if (user.email) usersByEmail.set(emailKey(user.email), user);
  }
  return {
    users,
    usersByEmail,
    usersById,
    tags,
    tagsByName: new Map(tags.map((tag) => [tagKey(tag.name), tag])),
    customProperties,
    customPropertiesByName: new Map(customProperties.map((definition) => [tagKey(definition.name), definition])),
  };
}

/**
 * True when the token sees no e-mail of any person (a bot token sees email and phone_number as
 * null): an export or audit made with it would be silently wrong.
 */
export function contactsHidden(directory: Directory): boolean {
  const people = directory.users.filter((user) => !user.bot);
  return people.length > 0 && people.every((user) => !user.email);
}

/** The stderr warning for contactsHidden. */
export const CONTACTS_HIDDEN_WARNING =
  'Warning: this token sees no e-mail addresses or phone numbers (a bot token?), so those columns are empty ' +
  'and an export of it cannot be imported back; use an Owner/Admin personal token';

async function collect<T>(items: AsyncIterable<T>, onCount?: (count: number) => void): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    onCount?.(out.length);
  }
  return out;
}

/** `onUsersRead` hears the running count of users listed (a big directory takes a while). */
export async function takeSnapshot(api: PachcaApi, onUsersRead?: (count: number) => void): Promise<Directory> {
  const [users, tags, customProperties] = await Promise.all([
    collect(api.listUsers(), onUsersRead),
    collect(api.listTags()),
    api.listCustomProperties(),
  ]);
  return buildDirectory(users, tags, customProperties);
}
