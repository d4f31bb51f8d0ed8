// The export use case: the directory (or a filtered part of it) as a workbook, written while it
// is listed, or as CSV files. The caller checks the output paths and renders the result.
import { InputError } from '../exit-codes.js';
import type { PachcaApi } from '../pachca/api.js';
import { UnknownTagError, XlsxExportStream, selectForExport, writeExportCsv, type ExportFilter, type ExportResult } from '../reports/export.js';
import { readDirectory } from './read-directory.js';
import { AuthError } from '../pachca/errors.js';
import type { ExportChats } from '../reports/export-chats.js';
import { listVisibleChats } from '../sync/chat-list.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/catalog.js';
import { systemClock, type Clock, type EventSink } from './events.js';

export type ExportTarget =
  | { format: 'xlsx'; path: string }
  | { format: 'csv'; folder: string; delimiter: string };

export interface ExportRequest {
  target: ExportTarget;
  filter: ExportFilter;
  /** --chat-members: a Chat membership sheet (one more request per chat). */
  chatMembers?: boolean;
  /** The language of the sheet names and headers (default English); import reads either. */
  lang?: Lang;
  /** The IANA zone of the times written (default the machine's), named in their headers. */
  timeZone?: string;
}

export interface ExportPorts {
  api: PachcaApi;
  events: EventSink;
  clock?: Clock;
}

export interface ExportOutcome extends ExportResult {
  apiUrl: string;
  exportedAt: Date;
  requests: number;
}

/** The filters as typed, e.g. `--department "Нет"`, `--query "x"`. */
function filterParts(filter: ExportFilter): string[] {
  return [
    filter.tag !== undefined ? `--tag "${filter.tag}"` : '',
    filter.department !== undefined ? `--department "${filter.department}"` : '',
    filter.query !== undefined ? `--query "${filter.query}"` : '',
  ].filter(Boolean);
}

const asInputError = (error: unknown): unknown => (error instanceof UnknownTagError ? new InputError((t) => t.exportNoTag(error.tagName)) : error);

export async function exportDirectory(request: ExportRequest, ports: ExportPorts): Promise<ExportOutcome> {
  const exportedAt = (ports.clock ?? systemClock).now();
  const { api, events } = ports;
  const { target, filter } = request;
  // The workbook is written while the directory is listed: each page's rows as it arrives.
  const stream = target.format === 'xlsx' ? new XlsxExportStream(target.path, filter, request.lang, request.timeZone) : undefined;
  // Listed beside the directory, not after it.
  const chatsListed = listExportChats(api, request.chatMembers === true).then(
    (chats) => ({ chats }),
    (error: unknown) => ({ error }),
  );
  let directory;
  try {
    directory = await readDirectory(api, events, stream ? {
      onLists: (tags, customProperties) => {
        try {
          stream.start(tags, customProperties);
        } catch (error) {
          throw asInputError(error);
        }
      },
      onUser: (user) => stream.user(user),
    } : {}, request.lang);
  } catch (error) {
    await stream?.abort();
    throw error;
  }

  let selection;
  try {
    selection = stream ? stream.selection(directory) : selectForExport(directory, filter);
  } catch (error) {
    await stream?.abort();
    throw asInputError(error);
  }
  if (selection.users.length === 0 && (filter.tag !== undefined || filter.department !== undefined || filter.query !== undefined)) {
    await stream?.abort();
    const parts = filterParts(filter);
    const botsLeftOut = !filter.includeBots;
    throw new InputError((t) => t.exportNoMatch(parts, botsLeftOut));
  }

  const listed = await chatsListed;
  let chats: ExportChats | undefined;
  if ('chats' in listed) chats = listed.chats;
  else if (listed.error instanceof AuthError && listed.error.status === 403) {
    // A token without chats:read still exports the directory.
    events({ type: 'warning', text: messages(request.lang ?? 'en').exportChatsLeftOut(listed.error.message) });
  } else {
    await stream?.abort();
    throw listed.error;
  }
  const meta = { apiUrl: api.apiUrl, exportedAt, filter, ...(chats ? { chats } : {}) };
  const result: ExportResult = stream
    ? await stream.finish(directory, meta, selection)
    : await writeExportCsv(target.format === 'csv' ? target.folder : '.', directory, selection, { delimiter: target.format === 'csv' ? target.delimiter : ',', exportedAt, lang: request.lang ?? 'en', ...(request.timeZone ? { timeZone: request.timeZone } : {}), ...(chats ? { chats } : {}) });
  return { ...result, apiUrl: api.apiUrl, exportedAt, requests: api.stats().requests };
}

/** Every chat the token sees (archived ones too), and with `members` who is in each. */
async function listExportChats(api: PachcaApi, members: boolean): Promise<ExportChats> {
  const chats = await listVisibleChats(api, { archived: true });
  if (!members) return { chats };
  const byChat = new Map<number, number[]>();
  await Promise.all(chats.map(async (chat) => {
    const ids: number[] = [];
    for await (const user of api.listChatMembers(chat.id)) ids.push(user.id);
    byChat.set(chat.id, ids.sort((a, b) => a - b));
  }));
  return { chats, members: byChat };
}
