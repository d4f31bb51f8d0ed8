// `pachca-roster chats`: the chats the token can see (read-only), as a table, JSON or CSV.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Chat } from '../../pachca/types.js';
import { chatKind, listVisibleChats } from '../../sync/chat-list.js';
import { connectionOptions } from '../options.js';
import { outputOption, Printer, type Column } from '../printer.js';
import { withReadClient, type ReadArgs } from '../read-commands.js';

interface ChatsArgs extends ReadArgs {
  archived: boolean;
}

interface ChatRow {
  id: number;
  name: string;
  kind: string;
  members: number;
  open: boolean;
  archived: boolean;
}

function rowOf(chat: Chat): ChatRow {
  return { id: chat.id, name: chat.name, kind: chatKind(chat), members: chat.member_ids.length, open: chat.public, archived: chat.archived };
}

const CHAT_COLUMNS: readonly Column<ChatRow>[] = (['id', 'name', 'kind', 'members', 'open', 'archived'] as const)
  .map((key) => ({ header: key, cell: (row: ChatRow) => row[key] }));

export const chatsCommand: CommandModule<object, ChatsArgs> = {
  command: 'chats',
  describe: 'List the chats the token can see (the ones its person is in and every open one): id, name, kind, members, open, archived',
  builder: (yargs: Argv) =>
    yargs
      .options(outputOption)
      .option('archived', { type: 'boolean', default: false, describe: 'Include archived chats' })
      .group(['output', 'archived'], 'Chats:')
      .options(connectionOptions)
      .example('$0 chats', 'A table of the chats, by id')
      .example('$0 chats -o csv --archived > chats.csv', 'Every chat the token sees, archived ones too, as CSV') as unknown as Argv<ChatsArgs>,
  handler: async (argv: ArgumentsCamelCase<ChatsArgs>) => {
    const printer = new Printer(argv.output);
    const chats = await withReadClient(argv, (api) => listVisibleChats(api, { archived: argv.archived }), 'listing chats');
    if (chats.length === 0 && argv.output === 'table') process.stderr.write('No chats visible to this token.\n');
    const rows = chats.map(rowOf);
    printer.list(rows, CHAT_COLUMNS);
  },
};
