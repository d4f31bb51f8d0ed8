// Chats named in a sheet cell (issue 15, "chats by name"): each reference is a chat's name or its
// id, split like tags. A name must match exactly one chat the token sees (case, ё/е and spaces
// ignored); an unknown or ambiguous name, or an archived chat, is a reason the row is invalid,
// found before any write. An id the token does not see is kept (closed chats are not listed by
// the API even for the Owner) and reported as unverified, so the caller can warn.
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Chat } from '../pachca/types.js';
import { collapseSpaces, splitTags } from '../records/normalize.js';

export type ChatReference =
  | { ok: true; id: number; name: string | undefined; verified: boolean }
  | { ok: false; reason: string };

export interface ChatReferences {
  /** Distinct ids, in the cell's order. */
  ids: number[];
  /** The chats' names (or ids when not seen), for plans and reports: `Продажи`, `#1234`. */
  labels: string[];
  /** Why the cell cannot be used; empty when every reference resolved. */
  problems: string[];
  /** Ids the token does not see: sent as given, Pachca decides. */
  unverified: number[];
}

/** How names are compared: case, ё/е and runs of spaces do not matter. */
export function chatNameKey(name: string): string {
  return collapseSpaces(name).toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
}

export class ChatIndex {
  private readonly byId = new Map<number, Chat>();
  private readonly byName = new Map<string, Chat[]>();

  /** `chats`: what the token sees (listVisibleChats with archived chats, so they can be named in a refusal). */
  constructor(chats: readonly Chat[]) {
    for (const chat of chats) {
      this.byId.set(chat.id, chat);
      const key = chatNameKey(chat.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), chat]);
    }
  }

  resolve(reference: string, t: Catalog = messages('en')): ChatReference {
    const text = collapseSpaces(reference).replace(/^#(?=\d)/, '');
    const isId = /^\d{1,15}$/.test(text) && Number(text) > 0;
    const named = this.byName.get(chatNameKey(text)) ?? [];
    const byId = isId ? this.byId.get(Number(text)) : undefined;
    const chat = byId ?? (named.length === 1 ? named[0] : undefined);
    if (!chat && named.length > 1) {
      const ids = named.map((candidate) => candidate.id).sort((a, b) => a - b).join(', ');
      return { ok: false, reason: t.chatSameName(named.length, reference.trim(), ids) };
    }
    if (!chat) {
      if (isId) return { ok: true, id: Number(text), name: undefined, verified: false };
      return { ok: false, reason: t.chatNoSuch(reference.trim()) };
    }
    if (chat.archived) return { ok: false, reason: t.chatArchived(chat.name, chat.id) };
    if (chat.personal) return { ok: false, reason: t.chatPersonal(chat.id) };
    return { ok: true, id: chat.id, name: chat.name, verified: true };
  }

  /** Every reference of a cell (split on , ; | and line breaks). */
  resolveCell(cell: string, t: Catalog = messages('en')): ChatReferences {
    const result: ChatReferences = { ids: [], labels: [], problems: [], unverified: [] };
    for (const reference of splitTags(cell)) {
      const resolved = this.resolve(reference, t);
      if (!resolved.ok) {
        result.problems.push(resolved.reason);
        continue;
      }
      if (result.ids.includes(resolved.id)) continue;
      result.ids.push(resolved.id);
      result.labels.push(resolved.name ?? `#${resolved.id}`);
      if (!resolved.verified) result.unverified.push(resolved.id);
    }
    return result;
  }
}
