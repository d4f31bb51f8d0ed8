// Every chat a token can see, listed once: the chats its person is in (closed ones included)
// and every open chat of the workspace (guides/permissions.mdx, "Инвентаризация чатов"). Closed
// chats the person is not in are not listed by the API, even for the Owner.
import type { PachcaApi } from '../pachca/api.js';
import type { Chat } from '../pachca/types.js';

export type ChatKind = 'discussion' | 'channel' | 'personal';

export function chatKind(chat: Pick<Chat, 'channel' | 'personal'>): ChatKind {
  if (chat.personal) return 'personal';
  return chat.channel ? 'channel' : 'discussion';
}

/** Group chats (no personal ones) by ascending id; `archived` adds archived chats. */
export async function listVisibleChats(api: Pick<PachcaApi, 'listChats'>, { archived = false }: { archived?: boolean } = {}): Promise<Chat[]> {
  const byId = new Map<number, Chat>();
  for (const availability of ['is_member', 'public'] as const) {
    for await (const chat of api.listChats({ availability, archived, personal: false })) byId.set(chat.id, chat);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
