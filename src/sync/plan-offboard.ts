// Offboarding (issue 15): an `offboard` row, or a person --suspend-missing --offboard finds gone,
// is suspended, taken out of every tag (one PUT carries both), has the status cleared and, with
// --leave-chats, leaves every chat the token lists. `restore` later brings back only the suspension.
import type { User } from '../pachca/types.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { withCurrentSuspended } from './field-compare.js';
import { leaveChange, leaveRequests, type ChatContext } from './plan-chats.js';
import type { ChangeUserItem, FieldChange, PlanItem, StatusRequest } from './plan-types.js';
import { statusChanges, statusView, tagsText, userPath } from './plan-values.js';

export interface OffboardSubject {
  key: string;
  row?: number;
  email?: string;
  name: string;
  /** The person's tags as they will be named once this plan's tag renames went through. */
  currentTags: string[];
  /** Why (e.g. "not in the sheet (--suspend-missing --offboard)"). */
  message?: string;
}

/** The item that offboards `user`; unchanged when there is nothing left to take away. */
export function planOffboard(user: User, subject: OffboardSubject, chats: ChatContext | undefined, leaveChats: boolean, t: Catalog = messages('en')): PlanItem {
  const { currentTags, ...person } = subject;
  const base = { ...person, ...(subject.email === undefined ? {} : { email: subject.email }), userId: user.id };
  const changes: FieldChange[] = [];
  if (!user.suspended) changes.push({ field: 'suspended', before: 'false', after: 'true' });
  if (currentTags.length > 0) changes.push({ field: 'tags', before: tagsText(currentTags), after: null });
  let statusRequest: StatusRequest | undefined;
  if (user.user_status) {
    changes.push(...statusChanges(statusView(user.user_status), null));
    statusRequest = { method: 'DELETE' as const, path: `${userPath(user.id)}/status` };
  }
  const chatRequests = leaveChats && chats ? leaveRequests(user, chats) : [];
  const chatChange = leaveChange(chatRequests);
  if (chatChange) changes.push(chatChange);
  const side = {
    ...(statusRequest ? { statusRequest } : {}),
    ...(chatRequests.length > 0 ? { chatRequests } : {}),
  };
  if (!user.suspended || currentTags.length > 0) {
    const update = withCurrentSuspended({ suspended: true, ...(currentTags.length > 0 ? { list_tags: [] } : {}) }, user);
    const item: ChangeUserItem = {
      ...base, kind: user.suspended ? 'update' : 'suspend', offboard: true, changes, ...side,
      userRequest: { method: 'PUT', path: userPath(user.id), userId: user.id, body: { user: update } },
    };
    return item;
  }
  if (chatRequests.length > 0) return { ...base, kind: 'update', changes, ...side };
  if (statusRequest) return { ...base, kind: 'clear-status', changes, statusRequest };
  return { ...base, kind: 'unchanged', changes: [], message: [subject.message, t.offboardAlready].filter(Boolean).join('; ') };
}
