// What the read commands (find, show, tags, members) share: connecting with the shared flags,
// the exit code of a client error, the hidden-contacts warning and the columns of a person.
import type { PersonSummary, StatusView } from '../app/people.js';
import type { PachcaApi } from '../pachca/api.js';
import { PachcaClient } from '../pachca/client.js';
import { toCliError, type Doing } from '../app/errors.js';
import { resolveConnection, type ConnectionArgv } from './connection.js';
import type { Column, OutputFormat } from './printer.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { langOf } from './lang.js';

export interface ReadArgs extends ConnectionArgv {
  output: OutputFormat;
  lang?: string;
}

/** Runs `query` with a client made from the flags; a rejected token or missing scope ends with exit 3. */
export async function withReadClient<T>(argv: ConnectionArgv, query: (api: PachcaApi) => Promise<T>, doing?: Doing): Promise<T> {
  const client = new PachcaClient(resolveConnection(argv, process.env));
  try {
    return await query(client);
  } catch (error) {
    throw toCliError(error, doing);
  }
}

export function warnIfContactsHidden(hidden: boolean, t: Catalog): void {
  if (hidden) process.stderr.write(`${t.lookupContactsHidden}\n`);
}

/** The catalog of the language a read command speaks (its --lang, else the environment's). */
export function wordsOf(argv: { lang?: unknown }): Catalog {
  return messages(langOf(argv));
}

/** "2026-08-15T21:00:00.000Z" -> "2026-08-15 21:00 UTC"; text that is not a date stays as it is. */
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One line for a status: emoji, title, until when, away. */
export function statusText(status: StatusView | null, t: Catalog): string {
  if (!status) return '';
  const until = status.expires_at ? t.lookupStatusUntil(shortTime(status.expires_at)) : '';
  return `${status.emoji} ${status.title}${until}${status.is_away ? t.lookupAway : ''}`;
}

/** The columns of find and members (JSON has every PersonSummary key instead). */
export function personColumns(t: Catalog): readonly Column<PersonSummary>[] {
  const header = t.lookupColumns;
  return [
    { header: header.id, cell: (person) => person.id },
    { header: header.name, cell: (person) => person.name },
    { header: header.email, cell: (person) => person.email },
    { header: header.department, cell: (person) => person.department },
    { header: header.title, cell: (person) => person.title },
    { header: header.role, cell: (person) => (person.bot ? t.lookupBot(person.role) : person.role) },
    { header: header.tags, cell: (person) => person.tags },
    { header: header.suspended, cell: (person) => person.suspended },
    { header: header.status, cell: (person) => statusText(person.status, t) },
  ];
}
