import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import { findPeople } from '../../app/people.js';
import { connectionOptionsIn } from '../options.js';
import { outputOptionIn, Printer } from '../printer.js';
import { personColumns, warnIfContactsHidden, withReadClient, wordsOf, type ReadArgs } from '../read-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en } from '../../i18n/catalog.js';

interface FindArgs extends ReadArgs {
  query: string;
  'phone-region': string;
}

export const findCommand: CommandModule<object, FindArgs> = {
  command: 'find <query>',
  describe: en.helpCommands.find,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .positional('query', { type: 'string', demandOption: true, describe: t.helpFind.query })
      .options(outputOptionIn(t))
      .options({
        'phone-region': { type: 'string', requiresArg: true, default: 'RU', describe: t.helpFind.phoneRegion },
      })
      .group(['output', 'phone-region'], t.helpGroups.output)
      .options(connectionOptionsIn(t));
    return withExamples(parser, t.helpFind.examples) as unknown as Argv<FindArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<FindArgs>) => {
    const t = wordsOf(argv);
    const printer = new Printer(argv.output, process.stdout, t);
    const { people, contactsHidden } = await withReadClient(argv, (api) => findPeople(api, argv.query, argv['phone-region']));
    if (people.length === 0) throw new InputError((say) => say.lookupNoMatch(argv.query));
    warnIfContactsHidden(contactsHidden, t);
    printer.list(people, personColumns(t));
  },
};
