// `suspend`, `restore` and `offboard EMAIL|ID...`: the sheet's action = suspend / restore / offboard, per person.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { FlagError } from '../flag-values.js';
import { connectionOptions } from '../options.js';
import { checkPeople, runWrite, WRITE_GROUP, writeOptions, type WriteArgs } from '../write-commands.js';

interface PeopleArgs extends WriteArgs {
  people?: string[];
}

function peopleCommand(action: 'suspend' | 'restore' | 'offboard', describe: string, example: [string, string]): CommandModule<object, PeopleArgs> {
  return {
    command: `${action} [people..]`,
    describe,
    builder: (yargs: Argv) =>
      yargs
        .positional('people', { type: 'string', array: true, describe: 'Each person\'s id or e-mail' })
        .options(writeOptions)
        .group(Object.keys(writeOptions), WRITE_GROUP)
        .options(connectionOptions)
        .check((argv: Partial<PeopleArgs>) => {
          if (!argv.people?.length) throw new FlagError(`${action} needs at least one person: pachca-roster ${action} ivan@example.ru`);
          checkPeople(argv.people);
          return true;
        })
        .example(...example) as unknown as Argv<PeopleArgs>,
    handler: (argv: ArgumentsCamelCase<PeopleArgs>) => {
      const people = (argv.people ?? []).map(String);
      return runWrite(argv, [action, ...people], people, [['action', action]]);
    },
  };
}

export const suspendCommand = peopleCommand(
  'suspend',
  'Suspend people (they can no longer sign in; their data stays): plan, confirm, apply, report',
  ['$0 suspend ivan@example.ru 14 --yes', 'Suspend two people without asking'],
);

export const restoreCommand = peopleCommand(
  'restore',
  'Restore suspended people (each takes a seat again): plan, confirm, apply, report',
  ['$0 restore ivan@example.ru', 'Show the plan, ask, restore'],
);

export const offboardCommand = peopleCommand(
  'offboard',
  'Offboard people: suspend, take them out of every tag and clear their status in one plan (restore brings back only the suspension)',
  ['$0 offboard ivan@example.ru --yes', 'Offboard one leaver without asking'],
);
