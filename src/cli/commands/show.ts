import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { parsePersonKey, personChats, showPerson, type ChatView, type PersonDetail } from '../../app/people.js';
import { connectionOptionsIn } from '../options.js';
import { outputOptionIn, Printer, type Cell } from '../printer.js';
import { warnIfContactsHidden, withReadClient, wordsOf, type ReadArgs } from '../read-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';

interface ShowArgs extends ReadArgs {
  person: string;
  chats: boolean;
}

function showOptionsIn(t: Catalog) {
  return { chats: { type: 'boolean', default: false, describe: t.helpOnboarding.showChats } } as const;
}

/**
 * The lines of `show` (table and CSV): the sheet's column names where a field has one (as the
 * export writes them, custom properties by their names), then what only Pachca keeps.
 */
export function personFields(person: PersonDetail, chats?: readonly ChatView[], t: Catalog = en): [string, Cell][] {
  const status = person.status;
  const chatLine: [string, Cell][] = chats ? [['chats', chats.map((chat) => `${chat.name} (${chat.id})`)]] : [];
  const label = (key: string): string => t.exportColumns[key] ?? (t.lookupColumns as Record<string, string>)[key] ?? key;
  const fields: [string, Cell][] = [
    ['id', person.id],
    ['name', person.name],
    ['email', person.email],
    ['first_name', person.first_name],
    ['last_name', person.last_name],
    ['nickname', person.nickname],
    ['phone_number', person.phone_number],
    ['department', person.department],
    ['title', person.title],
    ['role', person.role],
    ['tags', person.tags],
    ...chatLine,
    ['suspended', person.suspended],
    ...person.custom_properties.map((property): [string, Cell] => [property.name, property.value]),
    ['status_emoji', status?.emoji],
    ['status_title', status?.title],
    ['status_expires_at', status?.expires_at],
    ['status_is_away', status?.is_away],
    ['status_away_message', status?.away_message],
    ['invite_status', person.invite_status],
    ['bot', person.bot],
    ['sso', person.sso],
    ['created_at', person.created_at],
    ['last_activity_at', person.last_activity_at],
    ['time_zone', person.time_zone],
    ['inviter_id', person.inviter_id],
  ];
  const custom = new Set(person.custom_properties.map((property) => property.name));
  return fields.map(([key, value]) => [custom.has(key) ? key : label(key), value]);
}

export const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show <person>',
  describe: en.helpCommands.show,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .positional('person', { type: 'string', demandOption: true, describe: t.helpShow.person })
      .options(outputOptionIn(t))
      .options(showOptionsIn(t))
      .group(['output', 'chats'], t.helpGroups.output)
      .options(connectionOptionsIn(t));
    return withExamples(parser, [...t.helpShow.examples, ['$0 show 11 --chats', t.helpOnboarding.showChatsExample] as const]) as unknown as Argv<ShowArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<ShowArgs>) => {
    const t = wordsOf(argv);
    const printer = new Printer(argv.output, process.stdout, t);
    const key = parsePersonKey(argv.person);
    const { person, contactsHidden, chats } = await withReadClient(argv, async (api) => {
      const shown = await showPerson(api, key);
      return { ...shown, chats: argv.chats ? await personChats(api, shown.person.id) : undefined };
    });
    warnIfContactsHidden(contactsHidden, t);
    printer.record(personFields(person, chats, t), chats ? { ...person, chats } : person);
  },
};
