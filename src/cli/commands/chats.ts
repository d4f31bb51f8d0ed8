// `pachca-roster chats`: the chats the token can see (read-only), as a table, JSON or CSV.
import { stringify } from 'csv-stringify/sync';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection, toCliError, type ConnectionArgv } from '../../pachca/config.js';
import type { Chat } from '../../pachca/types.js';
import { redactSecrets } from '../../redact.js';
import { neutralizeFormula } from '../../sheets/write.js';
import { chatKind, listVisibleChats } from '../../sync/chat-list.js';
import { connectionOptions } from '../options.js';

type ChatsOutput = 'table' | 'json' | 'csv';

interface ChatsArgs extends ConnectionArgv {
  output: ChatsOutput;
  archived: boolean;
}

const COLUMNS = ['id', 'name', 'kind', 'members', 'open', 'archived'] as const;

function rowOf(chat: Chat): Record<(typeof COLUMNS)[number], string | number | boolean> {
  return { id: chat.id, name: chat.name, kind: chatKind(chat), members: chat.member_ids.length, open: chat.public, archived: chat.archived };
}

/** Columns padded to their widest cell; yes/no for the flags. */
export function chatsTable(chats: readonly Chat[]): string {
  const cells = [
    [...COLUMNS],
    ...chats.map((chat) => COLUMNS.map((column) => {
      const value = rowOf(chat)[column];
      return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    })),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((row) => [...(row[index] as string)].length)));
  return cells.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] as number))).join('  ').trimEnd()).join('\n');
}

export function chatsCsv(chats: readonly Chat[]): string {
  const rows = chats.map((chat) => COLUMNS.map((column) => {
    const value = rowOf(chat)[column];
    return typeof value === 'string' ? neutralizeFormula(value) : String(value);
  }));
  return stringify([[...COLUMNS], ...rows]);
}

export const chatsCommand: CommandModule<object, ChatsArgs> = {
  command: 'chats',
  describe: 'List the chats the token can see (the ones its person is in and every open one): id, name, kind, members, open, archived',
  builder: (yargs: Argv) =>
    yargs
      .option('output', { alias: 'o', requiresArg: true, choices: ['table', 'json', 'csv'] as const, default: 'table' as const, describe: 'Output format' })
      .option('archived', { type: 'boolean', default: false, describe: 'Include archived chats' })
      .group(['output', 'archived'], 'Chats:')
      .options(connectionOptions)
      .example('$0 chats', 'A table of the chats, by id')
      .example('$0 chats -o csv --archived > chats.csv', 'Every chat the token sees, archived ones too, as CSV') as unknown as Argv<ChatsArgs>,
  handler: async (argv: ArgumentsCamelCase<ChatsArgs>) => {
    const client = new PachcaClient(resolveConnection(argv, process.env));
    const chats = await listVisibleChats(client, { archived: argv.archived }).catch((error: unknown) => {
      throw toCliError(error, 'listing chats');
    });
    let text: string;
    if (argv.output === 'json') text = `${JSON.stringify(chats.map(rowOf), null, 2)}\n`;
    else if (argv.output === 'csv') text = chatsCsv(chats);
    else text = chats.length === 0 ? 'No chats visible to this token.\n' : `${chatsTable(chats)}\n`;
    process.stdout.write(redactSecrets(text));
  },
};
