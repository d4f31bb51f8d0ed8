// Chats in the plan (issue 15): a row's `chats` cell (names or ids) and `chat_ids` resolved against
// the chats the token sees; a new person gets them in the create's chat_ids, an existing one joins
// those it is not in yet (and with --chats replace leaves the listed chats the cell does not name).
import type { User } from '../pachca/types.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { EmployeeRecord } from '../records/types.js';
import type { ChatIndex } from './chat-names.js';
import type { ChatMembershipRequest, FieldChange, TagsMode } from './plan-types.js';

/** What the planner knows about chats: the token's chats by name, and who is in the ones listed. */
export interface ChatContext {
  index: ChatIndex;
  /** Member ids of each chat whose members were listed, by chat id. */
  members: ReadonlyMap<number, ReadonlySet<number>>;
  /** Names of the chats whose members were listed, by id. */
  names: ReadonlyMap<number, string>;
}

/** Why chat_ids does nothing for a person who exists already. */
export const CHAT_IDS_ON_EXISTING = messages('en').chatIdsOnExisting;

export interface RowChats {
  /** chat_ids and the chats cell together, distinct, in order. */
  ids: number[];
  /** Label per id: the chat's name, or `#id` for one the token does not see. */
  labels: Map<number, string>;
  /** Ids the chats cell names (chat_ids left out). */
  cellIds: number[];
  /** Ids of the chats cell the token does not see. */
  unverified: number[];
  /** The chats cell named something that cannot be used: the row is invalid. */
  error?: string;
}

/** The row's chats; an unknown, ambiguous or archived name is an error. */
export function rowChats(record: EmployeeRecord, context: ChatContext | undefined, t: Catalog = messages('en')): RowChats {
  const result: RowChats = { ids: [...(record.chat_ids ?? [])], labels: new Map(), cellIds: [], unverified: [] };
  for (const id of result.ids) result.labels.set(id, context?.names.get(id) ?? `#${id}`);
  if (!record.chats || record.chats.length === 0) return result;
  if (!context) return { ...result, error: t.chatsNotListed };
  const references = context.index.resolveCell(record.chats.join('\n'), t);
  if (references.problems.length > 0) return { ...result, error: t.chatsProblems(references.problems.join('; ')) };
  result.cellIds = references.ids;
  references.ids.forEach((id, position) => {
    result.labels.set(id, references.labels[position]!);
    if (result.ids.includes(id)) return;
    result.ids.push(id);
  });
  result.unverified.push(...references.unverified);
  return result;
}

/** The create's change line: `chats: Продажи, Общий` (`chat_ids` when only that column names them). */
export function createChatsChange(record: EmployeeRecord, chats: RowChats): FieldChange | undefined {
  if (chats.ids.length === 0) return undefined;
  const field = record.chats ? 'chats' : 'chat_ids';
  const after = record.chats ? chats.ids.map((id) => chats.labels.get(id)!).join(', ') : chats.ids.join(', ');
  return { field, before: null, after };
}

export interface ChatPlan {
  requests: ChatMembershipRequest[];
  change?: FieldChange;
  notes: string[];
}

/** `+ Продажи, - Архив 2024` */
function changeOf(requests: readonly ChatMembershipRequest[]): FieldChange | undefined {
  if (requests.length === 0) return undefined;
  return { field: 'chats', before: null, after: requests.map((request) => `${request.method === 'POST' ? '+' : '-'} ${request.chatName}`).join(', ') };
}

/** An existing person's joins (and, under replace, leaves) for the row's chats cell. */
export function chatsForExisting(user: User, chats: RowChats, context: ChatContext | undefined, mode: TagsMode, t: Catalog = messages('en')): ChatPlan {
  const plan: ChatPlan = { requests: [], notes: [] };
  if (chats.cellIds.length === 0 || !context) return plan;
  const named = new Set(chats.cellIds);
  const unseen: string[] = [];
  for (const id of chats.cellIds) {
    const members = context.members.get(id);
    if (!members) {
      unseen.push(chats.labels.get(id)!);
      continue;
    }
    if (!members.has(user.id)) plan.requests.push({ method: 'POST', chatId: id, chatName: chats.labels.get(id)! });
  }
  if (unseen.length > 0) plan.notes.push(t.chatsUnseen(unseen.join(', ')));
  if (mode === 'replace') plan.requests.push(...leaveRequests(user, context, named));
  const change = changeOf(plan.requests);
  if (change) plan.change = change;
  return plan;
}

/** Leaves every listed chat the person is in, except `keep`. */
export function leaveRequests(user: User, context: ChatContext, keep: ReadonlySet<number> = new Set()): ChatMembershipRequest[] {
  const requests: ChatMembershipRequest[] = [];
  for (const [chatId, members] of [...context.members].sort(([a], [b]) => a - b)) {
    if (keep.has(chatId) || !members.has(user.id)) continue;
    requests.push({ method: 'DELETE', chatId, chatName: context.names.get(chatId) ?? `#${chatId}` });
  }
  return requests;
}

export function leaveChange(requests: readonly ChatMembershipRequest[]): FieldChange | undefined {
  return changeOf(requests);
}
