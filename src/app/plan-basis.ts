// The before values a saved plan depends on: for each user and tag its requests touch, what the
// directory held when it was planned. `apply DIR` compares them with the directory as it is now
// and refuses when any differs (the plan would no longer do what was shown).
import { z } from 'zod';
import { emailKey, tagKey, type Directory } from '../sync/directory.js';
import { actionableItems, type Plan, type PlanItem } from '../sync/plan.js';
import type { User } from '../pachca/types.js';
import { messages, type Catalog } from '../i18n/catalog.js';

/** The fields of a user a plan reads; activity times and avatars change on their own. */
function userBasisOf(user: User): Record<string, unknown> {
  return {
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    phone_number: user.phone_number,
    department: user.department,
    title: user.title,
    role: user.role,
    suspended: user.suspended,
    invite_status: user.invite_status,
    list_tags: [...user.list_tags].sort(),
    custom_properties: [...user.custom_properties].sort((a, b) => a.id - b.id).map((property) => ({ id: property.id, value: property.value })),
    user_status: user.user_status ? { emoji: user.user_status.emoji, title: user.user_status.title, expires_at: user.user_status.expires_at ?? null } : null,
  };
}

/** What one plan item depends on. */
export const itemBasisSchema = z.object({
  /** A user the item changes: its planned-against fields. */
  user: z.object({ id: z.number().int(), fields: z.record(z.string(), z.unknown()) }).optional(),
  /** A person the item creates: nobody had this e-mail. */
  absentEmail: z.string().optional(),
  /** A tag the item renames or deletes: its name then. */
  tag: z.object({ id: z.number().int(), name: z.string() }).optional(),
  /** A tag the item creates: no tag had this name. */
  absentTag: z.string().optional(),
});

/** By plan item key. */
export const planBasisSchema = z.record(z.string(), itemBasisSchema);

export type ItemBasis = z.infer<typeof itemBasisSchema>;
export type PlanBasis = z.infer<typeof planBasisSchema>;

function touchedUserId(item: PlanItem): number | undefined {
  const request = item.userRequest;
  if (request && request.method !== 'POST') return request.userId;
  return item.userId;
}

function itemBasis(item: PlanItem, directory: Directory): ItemBasis | undefined {
  if (item.kind === 'create-tag') return item.tagName !== undefined ? { absentTag: tagKey(item.tagName) } : undefined;
  if (item.kind === 'rename-tag' || item.kind === 'delete-tag') {
    const tag = directory.tags.find((candidate) => candidate.id === item.tagId);
    return tag ? { tag: { id: tag.id, name: tag.name } } : undefined;
  }
  if (item.userRequest?.method === 'POST') return item.email !== undefined ? { absentEmail: emailKey(item.email) } : undefined;
  const id = touchedUserId(item);
  const user = id !== undefined ? directory.usersById.get(id) : undefined;
  return user ? { user: { id: user.id, fields: userBasisOf(user) } } : undefined;
}

/** The basis of the plan's actionable items, read from the directory it was planned against. */
export function planBasis(plan: Plan, directory: Directory): PlanBasis {
  const basis: PlanBasis = {};
  for (const item of actionableItems(plan)) {
    const one = itemBasis(item, directory);
    if (one) basis[item.key] = one;
  }
  return basis;
}

/**
 * What differs now from the basis, one phrase each ("user 12 (a@b.ru) was changed"), leaving
 * out the items in `done` (an earlier attempt of the run changed them itself).
 */
export function changedSinceBasis(basis: PlanBasis, directory: Directory, done: ReadonlySet<string> = new Set(), t: Catalog = messages('en')): string[] {
  const changed: string[] = [];
  for (const [key, one] of Object.entries(basis)) {
    if (done.has(key)) continue;
    if (one.user) {
      const user = directory.usersById.get(one.user.id);
      const email = one.user.fields.email;
      const label = t.basisUser(one.user.id, typeof email === 'string' ? email : undefined);
      if (!user) changed.push(t.basisUserGone(label));
      else if (JSON.stringify(userBasisOf(user)) !== JSON.stringify(one.user.fields)) changed.push(t.basisUserChanged(label));
    }
    if (one.absentEmail !== undefined && directory.usersByEmail.has(one.absentEmail)) changed.push(t.basisEmailNowExists(one.absentEmail));
    if (one.tag) {
      const tag = directory.tags.find((candidate) => candidate.id === one.tag!.id);
      if (!tag) changed.push(t.basisTagGone(one.tag.id, one.tag.name));
      else if (tag.name !== one.tag.name) changed.push(t.basisTagRenamed(one.tag.id, one.tag.name, tag.name));
    }
    if (one.absentTag !== undefined && directory.tagsByName.has(one.absentTag)) changed.push(t.basisTagNowExists(one.absentTag));
  }
  return changed;
}
