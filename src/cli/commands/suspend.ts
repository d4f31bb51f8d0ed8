// `suspend`, `restore` and `offboard EMAIL|ID...`: the sheet's action = suspend / restore / offboard, per person.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { FlagError } from '../flag-values.js';
import { connectionOptionsIn } from '../options.js';
import { checkPeople, runWrite, writeOptionsIn, type WriteArgs } from '../write-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';

interface PeopleArgs extends WriteArgs {
  people?: string[];
}

type PeopleAction = 'suspend' | 'restore' | 'offboard';

function peopleCommand(action: PeopleAction, example: string, exampleText: (t: Catalog) => string): CommandModule<object, PeopleArgs> {
  return {
    command: `${action} [people..]`,
    describe: en.helpCommands[action],
    builder: (yargs: Argv) => {
      const t = catalogOf(yargs);
      const writeOptions = writeOptionsIn(t);
      const parser = yargs
        .positional('people', { type: 'string', array: true, describe: t.helpWrite.people })
        .options(writeOptions)
        .group(Object.keys(writeOptions), t.helpWrite.groupChange)
        .options(connectionOptionsIn(t))
        .check((argv: Partial<PeopleArgs>) => {
          if (!argv.people?.length) throw new FlagError((say) => say.helpPeopleCommands.needsPerson(action));
          checkPeople(argv.people);
          return true;
        });
      return withExamples(parser, [[example, exampleText(t)]]) as unknown as Argv<PeopleArgs>;
    },
    handler: (argv: ArgumentsCamelCase<PeopleArgs>) => {
      const people = (argv.people ?? []).map(String);
      return runWrite(argv, [action, ...people], people, [['action', action]]);
    },
  };
}

export const suspendCommand = peopleCommand('suspend', '$0 suspend ivan@example.ru 14 --yes', (t) => t.helpPeopleCommands.suspendExample);

export const restoreCommand = peopleCommand('restore', '$0 restore ivan@example.ru', (t) => t.helpPeopleCommands.restoreExample);

export const offboardCommand = peopleCommand('offboard', '$0 offboard ivan@example.ru --yes', (t) => t.helpPeopleCommands.offboardExample);
