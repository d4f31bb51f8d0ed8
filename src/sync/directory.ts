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

/** What a snapshot's listener hears while the directory is listed. */
export interface SnapshotListener {
  /** The running count of users listed (a big directory takes a while). */
  onCount?(count: number): void;
  /** Tags and custom property definitions, as soon as both are listed (users are still coming). */
  onLists?(tags: GroupTag[], customProperties: CustomPropertyDefinition[]): void;
  /** Each user as its page arrives, in server order (after onLists when it is given). */
  onUser?(user: User): void;
}

/** Users handed to onUser per turn of the event loop (the next page's request needs a few turns to leave). */
const DELIVERY_CHUNK = 10;

/**
 * Lists users, tags and custom properties at once. Users reach `onUser` a few at a time on later
 * turns of the event loop, so the listener's work overlaps the next page's round trip instead of
 * lengthening the cursor chain. A listener that throws stops the listing (no further page is
 * asked for) and the snapshot fails with its error.
 */
export async function takeSnapshot(api: PachcaApi, listener: SnapshotListener | ((count: number) => void) = {}): Promise<Directory> {
  const { onCount, onLists, onUser } = typeof listener === 'function' ? { onCount: listener } as SnapshotListener : listener;
  let refusal: { error: unknown } | undefined;
  const queue: User[] = [];
  let listsHeard = onLists === undefined;
  let deliveryScheduled = false;
  const deliver = (limit = DELIVERY_CHUNK): void => {
    deliveryScheduled = false;
    if (!listsHeard || refusal) return;
    try {
      for (const user of queue.splice(0, limit)) onUser?.(user);
    } catch (error) {
      refusal = { error };
      return;
    }
    if (queue.length > 0 && !deliveryScheduled) {
      deliveryScheduled = true;
      setImmediate(deliver);
    }
  };

  const tagsPromise = collectAll(api.listTags());
  const propertiesPromise = api.listCustomProperties();
  const lists = Promise.all([tagsPromise, propertiesPromise]).then(([tags, properties]) => {
    try {
      onLists?.(tags, properties);
    } catch (error) {
      refusal = { error };
      throw error;
    }
    listsHeard = true;
    deliver();
  });
  const listUsers = async (): Promise<User[]> => {
    const users: User[] = [];
    // Each next page is asked for before this one's users are handed on: the chain never waits for the listener.
    for await (const user of api.listUsers({ readAhead: true })) {
      if (refusal) throw refusal.error;
      users.push(user);
      onCount?.(users.length);
      if (onUser) {
        queue.push(user);
        if (!deliveryScheduled) {
          deliveryScheduled = true;
          setImmediate(deliver);
        }
      }
    }
    await lists;
    deliver(Number.POSITIVE_INFINITY);
    if (refusal) throw refusal.error;
    return users;
  };
  const [users, tags, customProperties] = await Promise.all([listUsers(), tagsPromise, propertiesPromise, lists]);
  return buildDirectory(users, tags, customProperties);
}

async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
