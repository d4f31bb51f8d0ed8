// --suspend-missing: the active people the sheet does not name are suspended, within
// --max-suspend (a sheet that lists too few people is refused before anything is planned).
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Directory } from './directory.js';
import type { ChatContext } from './plan-chats.js';
import { planOffboard } from './plan-offboard.js';
import type { ChangeUserItem, PlanItem, PlanOptions, PlanSelf } from './plan-types.js';
import { displayName, parseMaxSuspend, userPath } from './plan-values.js';

/** `named`: the people the sheet's rows name by the match key or e-mail (Matcher.namedUserIds), rows the reader rejected included. */
export function planMissing(named: ReadonlySet<number>, directory: Directory, options: PlanOptions, self: PlanSelf, chats?: ChatContext, t: Catalog = messages('en')): PlanItem[] {
  const active = directory.users.filter((user) => !user.bot && !user.suspended && user.email);
  const missing = active.filter((user) => !named.has(user.id) && user.id !== self.selfId && user.id !== self.ownerId);
  const limit = parseMaxSuspend(options.maxSuspend, active.length);
  if (missing.length > limit) {
    const maxSuspend = String(options.maxSuspend);
    throw new InputError((said) => said.suspendTooMany(missing.length, active.length, maxSuspend, limit));
  }
  if (options.offboard === true) return offboardMissing(directory, named, self, chats, options.leaveChats === true, t);
  return missing.map((user): ChangeUserItem => ({
    key: `missing:${user.id}`,
    kind: 'suspend',
    email: user.email!,
    name: displayName(undefined, user),
    userId: user.id,
    changes: [{ field: 'suspended', before: 'false', after: 'true' }],
    userRequest: { method: 'PUT', path: userPath(user.id), userId: user.id, body: { user: { suspended: true } } },
    message: t.missingNotInSheet,
  }));
}

/**
 * --offboard: every person the sheet does not name is offboarded, the suspended ones too when
 * something is left to take away (tags, a status, chats): the audit's "suspended but still in tags".
 */
function offboardMissing(directory: Directory, named: ReadonlySet<number>, self: PlanSelf, chats: ChatContext | undefined, leaveChats: boolean, t: Catalog): PlanItem[] {
  const items: PlanItem[] = [];
  for (const user of directory.users) {
    if (user.bot || !user.email || named.has(user.id) || user.id === self.selfId || user.id === self.ownerId) continue;
    const item = planOffboard(user, {
      key: `missing:${user.id}`, email: user.email, name: displayName(undefined, user), currentTags: user.list_tags,
      message: t.missingNotInSheetOffboard,
    }, chats, leaveChats, t);
    if (item.kind !== 'unchanged') items.push(item);
  }
  return items;
}
