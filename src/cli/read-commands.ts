// What the read commands (find, show, tags, members) share: connecting with the shared flags,
// the exit code of a client error, the hidden-contacts warning and the columns of a person.
import type { PersonSummary, StatusView } from '../app/people.js';
import type { PachcaApi } from '../pachca/api.js';
import { PachcaClient } from '../pachca/client.js';
import { toCliError } from '../app/errors.js';
import { resolveConnection, type ConnectionArgv } from './connection.js';
import type { Column, OutputFormat } from './printer.js';

export interface ReadArgs extends ConnectionArgv {
  output: OutputFormat;
}

/** Runs `query` with a client made from the flags; a rejected token or missing scope ends with exit 3. */
export async function withReadClient<T>(argv: ConnectionArgv, query: (api: PachcaApi) => Promise<T>, doing?: string): Promise<T> {
  const client = new PachcaClient(resolveConnection(argv, process.env));
  try {
    return await query(client);
  } catch (error) {
    throw toCliError(error, doing);
  }
}

export const CONTACTS_HIDDEN_WARNING =
  'Warning: this token sees no e-mail addresses or phone numbers (a bot token?), so those are empty; ' +
  'use an Owner/Admin personal token to see them';

export function warnIfContactsHidden(hidden: boolean): void {
  if (hidden) process.stderr.write(`${CONTACTS_HIDDEN_WARNING}\n`);
}

/** "2026-08-15T21:00:00.000Z" -> "2026-08-15 21:00 UTC"; text that is not a date stays as it is. */
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One line for a status: emoji, title, until when, away. */
export function statusText(status: StatusView | null): string {
  if (!status) return '';
  const until = status.expires_at ? ` until ${shortTime(status.expires_at)}` : '';
  return `${status.emoji} ${status.title}${until}${status.is_away ? ', away' : ''}`;
}

/** The columns of find and members (JSON has every PersonSummary key instead). */
export const PERSON_COLUMNS: readonly Column<PersonSummary>[] = [
  { header: 'id', cell: (person) => person.id },
  { header: 'name', cell: (person) => person.name },
  { header: 'email', cell: (person) => person.email },
  { header: 'department', cell: (person) => person.department },
  { header: 'title', cell: (person) => person.title },
  { header: 'role', cell: (person) => (person.bot ? `${person.role} (bot)` : person.role) },
  { header: 'tags', cell: (person) => person.tags },
  { header: 'suspended', cell: (person) => person.suspended },
  { header: 'status', cell: (person) => statusText(person.status) },
];
