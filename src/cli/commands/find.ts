import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import { findPeople } from '../../app/people.js';
import { connectionOptions } from '../options.js';
import { outputOption, Printer } from '../printer.js';
import { PERSON_COLUMNS, warnIfContactsHidden, withReadClient, type ReadArgs } from '../read-commands.js';

interface FindArgs extends ReadArgs {
  query: string;
  'phone-region': string;
}

export const findCommand: CommandModule<object, FindArgs> = {
  command: 'find <query>',
  describe: 'Find people by name, e-mail, phone or nickname (Pachca\'s own search): id, name, e-mail, department, title, role, tags, suspended, status',
  builder: (yargs: Argv) =>
    yargs
      .positional('query', { type: 'string', demandOption: true, describe: 'Part of a name ("Иван Петров" in quotes), an e-mail, a phone number in any format, or a nickname' })
      .options(outputOption)
      .options({
        'phone-region': { type: 'string', requiresArg: true, default: 'RU', describe: 'Region for a phone number typed without a country code' },
      })
      .group(['output', 'phone-region'], 'Output:')
      .options(connectionOptions)
      .example('$0 find Петров', 'Everyone whose name, e-mail or nickname contains Петров')
      .example('$0 find "8 (916) 123-45-67"', 'By phone, in any format')
      .example('$0 find @example.ru -o json', 'JSON for scripts') as unknown as Argv<FindArgs>,
  handler: async (argv: ArgumentsCamelCase<FindArgs>) => {
    const printer = new Printer(argv.output);
    const { people, contactsHidden } = await withReadClient(argv, (api) => findPeople(api, argv.query, argv['phone-region']));
    if (people.length === 0) throw new InputError(`no user matches ${argv.query}`);
    warnIfContactsHidden(contactsHidden);
    printer.list(people, PERSON_COLUMNS);
  },
};
