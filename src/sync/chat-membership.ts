// Lists what the plan needs to know about chats, once per run: the chats the token sees (archived
// ones too, so a name of one is refused with the reason) and the members of the chats that matter:
// the ones the sheet names, or every open chat listed when people leave chats (--chats replace,
// --leave-chats). Requests go through the client's one limiter.
import type { PachcaApi } from '../pachca/api.js';
import type { ValidatedSheet } from '../records/types.js';
import { ChatIndex } from './chat-names.js';
import { listVisibleChats } from './chat-list.js';
import type { ChatContext } from './plan-chats.js';
import type { PlanOptions } from './plan-types.js';

/** Whether the plan for this sheet and these options needs chats listed at all, and all their members. */
export function chatNeeds(sheet: ValidatedSheet, options: PlanOptions): { chats: boolean; allMembers: boolean } {
  const named = sheet.records.some((record) => (record.chats?.length ?? 0) > 0);
  const offboards = options.leaveChats === true
    && ((options.suspendMissing && options.offboard === true) || sheet.records.some((record) => record.action === 'offboard'));
  const allMembers = offboards || (named && options.chats === 'replace');
  return { chats: named || allMembers, allMembers };
}

export async function loadChatContext(api: PachcaApi, sheet: ValidatedSheet, options: PlanOptions): Promise<ChatContext | undefined> {
  const needs = chatNeeds(sheet, options);
  if (!needs.chats) return undefined;
  const chats = await listVisibleChats(api, { archived: true });
  const index = new ChatIndex(chats);
  let wanted: number[];
  if (needs.allMembers) wanted = chats.filter((chat) => !chat.archived).map((chat) => chat.id);
  else {
    const ids = new Set<number>();
    for (const record of sheet.records) {
      if (!record.chats) continue;
      for (const reference of record.chats) {
        const resolved = index.resolve(reference);
        if (resolved.ok && resolved.verified) ids.add(resolved.id);
      }
    }
    wanted = [...ids];
  }
  const names = new Map(chats.map((chat) => [chat.id, chat.name]));
  const members = new Map<number, Set<number>>();
  await Promise.all(wanted.map(async (chatId) => {
    const ids = new Set<number>();
    for await (const user of api.listChatMembers(chatId)) ids.add(user.id);
    members.set(chatId, ids);
  }));
  return { index, members, names };
}
