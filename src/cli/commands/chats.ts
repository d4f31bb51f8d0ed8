// `pachca-roster chats`: the chats the token can see (read-only), as a table, JSON or CSV.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Chat } from '../../pachca/types.js';
import { chatKind, listVisibleChats } from '../../sync/chat-list.js';
import { connectionOptionsIn } from '../options.js';
import { outputOptionIn, Printer, type Column } from '../printer.js';
import { withReadClient, wordsOf, type ReadArgs } from '../read-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';

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

function chatColumns(t: Catalog): readonly Column<ChatRow>[] {
  return (['id', 'name', 'kind', 'members', 'open', 'archived'] as const)
    .map((key) => ({ header: t.lookupColumns[key === 'name' ? 'label' : key], cell: (row: ChatRow) => (key === 'kind' ? t.chatKinds[row.kind] ?? row.kind : row[key]) }));
}

export const chatsCommand: CommandModule<object, ChatsArgs> = {
  command: 'chats',
  describe: en.helpCommands.chats,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .options(outputOptionIn(t))
      .option('archived', { type: 'boolean', default: false, describe: t.helpChats.archived })
      .group(['output', 'archived'], t.helpGroups.chats)
      .options(connectionOptionsIn(t));
    return withExamples(parser, t.helpChats.examples) as unknown as Argv<ChatsArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<ChatsArgs>) => {
    const t = wordsOf(argv);
    const printer = new Printer(argv.output, process.stdout, t);
    const chats = await withReadClient(argv, (api) => listVisibleChats(api, { archived: argv.archived }), 'listChats');
    if (chats.length === 0 && argv.output === 'table') process.stderr.write(`${t.lookupNoChats}\n`);
    const rows = chats.map(rowOf);
    printer.list(rows, chatColumns(t));
  },
};
