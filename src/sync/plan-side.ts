// Requests that follow a person's own (joining or leaving chats, a photo upload) added to the
// row's item: a row whose user record is unchanged but that joins a chat becomes an update
// without a PUT.
import type { ChatMembershipRequest, FieldChange, PhotoRequest, PlanItem } from './plan-types.js';

export interface SideRequests {
  chatRequests: ChatMembershipRequest[];
  photoRequest?: PhotoRequest;
  changes: FieldChange[];
  /** Row notes ("warning: ...") kept in the item's message. */
  notes: string[];
}

export function noSideRequests(): SideRequests {
  return { chatRequests: [], changes: [], notes: [] };
}

/** A row's chat requests and its photo together. */
export function bothSides(chats: { requests: ChatMembershipRequest[]; change?: FieldChange; notes: string[] }, photo: SideRequests): SideRequests {
  return {
    chatRequests: chats.requests,
    ...(photo.photoRequest ? { photoRequest: photo.photoRequest } : {}),
    changes: [...(chats.change ? [chats.change] : []), ...photo.changes],
    notes: [...chats.notes, ...photo.notes],
  };
}

function withNotes(item: PlanItem, notes: readonly string[]): PlanItem {
  const fresh = notes.filter((note) => !item.message?.includes(note));
  if (fresh.length === 0) return item;
  return { ...item, message: [item.message, ...fresh].filter(Boolean).join('; ') };
}

/** The item with the side requests added (an invalid, skipped or deleted row keeps only the notes). */
export function withSideRequests(item: PlanItem, side: SideRequests): PlanItem {
  const sends = side.chatRequests.length > 0 || side.photoRequest !== undefined;
  if (!sends || item.kind === 'invalid' || item.kind === 'skip' || item.kind === 'delete' || item.kind === 'create-tag'
    || item.kind === 'rename-tag' || item.kind === 'delete-tag') {
    return item.kind === 'invalid' || item.kind === 'skip' ? item : withNotes(item, side.notes);
  }
  const photo = side.photoRequest ? { photoRequest: side.photoRequest } : {};
  const changes = [...item.changes, ...side.changes];
  if (item.kind === 'create') return withNotes({ ...item, changes, ...photo }, side.notes);
  if (item.userId === undefined) return withNotes(item, side.notes);
  const chatRequests = [...(item.kind === 'update' || item.kind === 'suspend' || item.kind === 'restore' ? item.chatRequests ?? [] : []), ...side.chatRequests];
  const chats = chatRequests.length > 0 ? { chatRequests } : {};
  if (item.kind === 'update' || item.kind === 'suspend' || item.kind === 'restore') {
    return withNotes({ ...item, changes, ...chats, ...photo }, side.notes);
  }
  // unchanged, set-status, clear-status: no PUT of the user, the status request kept.
  const status = item.kind === 'set-status' || item.kind === 'clear-status' ? { statusRequest: item.statusRequest } : {};
  const { key, row, email, name, userId, message, conflicts } = item;
  return withNotes({
    key, ...(row !== undefined ? { row } : {}), ...(email !== undefined ? { email } : {}), ...(name !== undefined ? { name } : {}),
    userId, kind: 'update', changes, ...status, ...chats, ...photo,
    ...(message !== undefined ? { message } : {}), ...(conflicts ? { conflicts } : {}),
  }, side.notes);
}
