// `set EMAIL|ID column=value ...`: one person's fields by the sheet's column names and rules.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { NOT_SETTABLE } from '../../app/one-person-rows.js';
import type { Cell } from '../../app/one-person.js';
import { columnForHeader } from '../../records/columns.js';
import type { CanonicalColumn } from '../../records/types.js';
import { FlagError } from '../flag-values.js';
import { connectionOptions } from '../options.js';
import { checkPeople, runWrite, WRITE_GROUP, writeOptions, type WriteArgs } from '../write-commands.js';

interface SetArgs extends WriteArgs {
  person?: string;
  fields?: string[];
  'phone-region'?: string;
}

/** `Отдел=Продажи` -> ['Отдел', 'Продажи'] (split at the first "="; the value may hold more). */
export function parseAssignment(text: string): Cell {
  const at = text.indexOf('=');
  const column = at > 0 ? text.slice(0, at).trim() : '';
  if (!column) throw new FlagError(`"${text}" is not column=value (e.g. Отдел=Продажи, title="Product manager")`);
  return [column, text.slice(at + 1)];
}

function checkSetArguments(argv: Partial<SetArgs>): true {
  if (argv.person === undefined) throw new FlagError('set needs a person and column=value: pachca-roster set ivan@example.ru Отдел=Продажи');
  checkPeople([argv.person]);
  const fields = (argv.fields ?? []).map(String);
  if (fields.length === 0) throw new FlagError('set needs at least one column=value after the person: pachca-roster set ivan@example.ru Отдел=Продажи');
  for (const field of fields) {
    const [column] = parseAssignment(field);
    const reason = NOT_SETTABLE[columnForHeader(column) as CanonicalColumn];
    if (reason) throw new FlagError(`set cannot change column "${column}": ${reason}`);
  }
  return true;
}

const setOptions = {
  'phone-region': { type: 'string', requiresArg: true, describe: 'Region for phones without a country code', default: 'RU' },
} as const;

export const setCommand: CommandModule<object, SetArgs> = {
  command: 'set [person] [fields..]',
  describe: 'Change one person\'s fields by the sheet\'s column names (ru or en) and rules: plan, confirm, apply, report',
  builder: (yargs: Argv) =>
    yargs
      .positional('person', { type: 'string', describe: 'The person\'s id or e-mail' })
      .positional('fields', {
        type: 'string', array: true,
        describe: 'column=value, columns as in a sheet (Отдел, Должность, Телефон, Роль, Заблокирован, a custom property\'s name, ...). ' +
          'Теги=+X adds tag X, Теги=-X removes it, Теги=X,Y makes the tags exactly X, Y (repeat Теги= to combine); ' +
          'an empty value (Отдел=) clears the field where a sheet with --blank-clears would',
      })
      .options(writeOptions)
      .options(setOptions)
      .group([...Object.keys(writeOptions), ...Object.keys(setOptions)], WRITE_GROUP)
      .options(connectionOptions)
      .check(checkSetArguments)
      .example('$0 set ivan@example.ru Отдел=Продажи Теги=+Москва', 'New department, one more tag')
      .example('$0 set 11 title="Ведущий инженер" Город=Казань --yes', 'A title and a custom property, without asking')
      .example('$0 set ivan@example.ru Теги=-Москва --dry-run', 'Show the plan only') as unknown as Argv<SetArgs>,
  handler: (argv: ArgumentsCamelCase<SetArgs>) => {
    const person = argv.person!;
    const fields = (argv.fields ?? []).map(String);
    return runWrite(argv, ['set', person, ...fields], [person], fields.map(parseAssignment), argv['phone-region']);
  },
};
