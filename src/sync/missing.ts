// --suspend-missing: the active people the sheet does not name are suspended, within
// --max-suspend (a sheet that lists too few people is refused before anything is planned).
import { InputError } from '../exit-codes.js';
import type { Directory } from './directory.js';
import type { ChangeUserItem, PlanOptions, PlanSelf } from './plan-types.js';
import { displayName, parseMaxSuspend, userPath } from './plan-values.js';

/** `named`: the people the sheet's rows name by the match key or e-mail (Matcher.namedUserIds), rows the reader rejected included. */
export function planMissing(named: ReadonlySet<number>, directory: Directory, options: PlanOptions, self: PlanSelf): ChangeUserItem[] {
  const active = directory.users.filter((user) => !user.bot && !user.suspended && user.email);
  const missing = active.filter((user) => !named.has(user.id) && user.id !== self.selfId && user.id !== self.ownerId);
  const limit = parseMaxSuspend(options.maxSuspend, active.length);
  if (missing.length > limit) {
    throw new InputError(
      `--suspend-missing would suspend ${missing.length} of ${active.length} active users, more than --max-suspend ${options.maxSuspend} (${limit}); ` +
        'check that the sheet lists everyone, or raise --max-suspend if this is intended',
    );
  }
  return missing.map((user) => ({
    key: `missing:${user.id}`,
    kind: 'suspend',
    email: user.email!,
    name: displayName(undefined, user),
    userId: user.id,
    changes: [{ field: 'suspended', before: 'false', after: 'true' }],
    userRequest: { method: 'PUT', path: userPath(user.id), userId: user.id, body: { user: { suspended: true } } },
    message: 'not in the sheet (--suspend-missing)',
  }));
}
