// The export's chat sheets (issue 15): Chats (every chat the token sees: id, name, kind, members,
// the tags linked, open, archived) and, with --chat-members, Chat membership (one row per chat and
// exported person). Import reads neither: an unmodified export still imports as zero changes.
import { join } from 'node:path';
import type { Chat, GroupTag, User } from '../pachca/types.js';
import { writeCsvFile, type CellValue, type XlsxWriter } from '../sheets/write.js';
import { chatKind } from '../sync/chat-list.js';
import type { Catalog } from '../i18n/catalog.js';
import { fittedColumns } from './column-widths.js';
import { yesNo } from './export-cells.js';

export const CHATS_SHEET = 'Chats';
export const CHAT_MEMBERSHIP_SHEET = 'Chat membership';
export const CHATS_COLUMNS = ['id', 'name', 'kind', 'members', 'tags', 'open', 'archived'] as const;
export const CHAT_MEMBERSHIP_COLUMNS = ['chat', 'chat_id', 'user_id', 'email', 'name'] as const;
export const CHAT_CSV_FILE_NAMES = { chats: 'chats.csv', chatMembership: 'chat-membership.csv' } as const;

/** What the export listed of the chats. */
export interface ExportChats {
  chats: Chat[];
  /** Member ids by chat id, with --chat-members. */
  members?: ReadonlyMap<number, readonly number[]>;
}

function chatRows(data: ExportChats, tags: readonly GroupTag[], t: Catalog): CellValue[][] {
  const tagNames = new Map(tags.map((tag) => [tag.id, tag.name]));
  return data.chats.map((chat) => [
    chat.id, chat.name, chatKind(chat), chat.member_ids.length,
    chat.group_tag_ids.map((id) => tagNames.get(id) ?? `#${id}`).join(', '), yesNo(chat.public, t), yesNo(chat.archived, t),
  ]);
}

function membershipRows(data: ExportChats, users: readonly User[]): CellValue[][] {
  if (!data.members) return [];
  const exported = new Map(users.map((user) => [user.id, user]));
  const rows: CellValue[][] = [];
  for (const chat of data.chats) {
    for (const id of data.members.get(chat.id) ?? []) {
      const user = exported.get(id);
      if (!user) continue;
      rows.push([chat.name, chat.id, id, user.email ?? '', [user.first_name, user.last_name].filter((part) => part && part.trim()).join(' ')]);
    }
  }
  return rows;
}

/** Adds the Chats (and Chat membership) sheets to a workbook being written. */
export function addChatSheets(writer: XlsxWriter, data: ExportChats, tags: readonly GroupTag[], users: readonly User[], t: Catalog): number {
  const chatLines = chatRows(data, tags, t);
  const chats = writer.addSheet(CHATS_SHEET, fittedColumns(CHATS_COLUMNS, chatLines));
  for (const row of chatLines) chats.addRow(row);
  if (!data.members) return 0;
  const rows = membershipRows(data, users);
  const membership = writer.addSheet(CHAT_MEMBERSHIP_SHEET, fittedColumns(CHAT_MEMBERSHIP_COLUMNS, rows.slice(0, 500)));
  for (const row of rows) membership.addRow(row);
  return rows.length;
}

/** chats.csv (and chat-membership.csv) in the CSV export's folder; the paths written. */
export async function writeChatCsvs(folder: string, data: ExportChats, tags: readonly GroupTag[], users: readonly User[], delimiter: string, t: Catalog): Promise<string[]> {
  const options = { delimiter, bom: true };
  const chatsPath = join(folder, CHAT_CSV_FILE_NAMES.chats);
  await writeCsvFile(chatsPath, [...CHATS_COLUMNS], chatRows(data, tags, t), options);
  if (!data.members) return [chatsPath];
  const membershipPath = join(folder, CHAT_CSV_FILE_NAMES.chatMembership);
  await writeCsvFile(membershipPath, [...CHAT_MEMBERSHIP_COLUMNS], membershipRows(data, users), options);
  return [chatsPath, membershipPath];
}
