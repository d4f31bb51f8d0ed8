// `set EMAIL|ID column=value ...`: one person's fields by the sheet's column names and rules.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { notSettableReason } from '../../app/one-person-rows.js';
import type { Cell } from '../../app/one-person.js';
import { columnForHeader } from '../../records/columns.js';
import { FlagError } from '../flag-values.js';
import { connectionOptionsIn } from '../options.js';
import { checkPeople, runWrite, writeOptionsIn, type WriteArgs } from '../write-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en } from '../../i18n/catalog.js';

interface SetArgs extends WriteArgs {
  person?: string;
  fields?: string[];
  'phone-region'?: string;
}

/** `Отдел=Продажи` -> ['Отдел', 'Продажи'] (split at the first "="; the value may hold more). */
export function parseAssignment(text: string): Cell {
  const at = text.indexOf('=');
  const column = at > 0 ? text.slice(0, at).trim() : '';
  if (!column) throw new FlagError((t) => t.helpSet.notAssignment(text));
  return [column, text.slice(at + 1)];
}

function checkSetArguments(argv: Partial<SetArgs>): true {
  if (argv.person === undefined) throw new FlagError((t) => t.helpSet.needsPerson);
  checkPeople([argv.person]);
  const fields = (argv.fields ?? []).map(String);
  if (fields.length === 0) throw new FlagError((t) => t.helpSet.needsField);
  for (const field of fields) {
    const [column] = parseAssignment(field);
    const reason = notSettableReason(columnForHeader(column));
    if (reason) throw new FlagError((t) => t.helpSet.cannotChange(column, reason(t)));
  }
  return true;
}


export const setCommand: CommandModule<object, SetArgs> = {
  command: 'set [person] [fields..]',
  describe: en.helpCommands.set,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const writeOptions = writeOptionsIn(t);
    const setOptions = { 'phone-region': { type: 'string', requiresArg: true, describe: t.helpWrite.phoneRegion, default: 'RU' } } as const;
    const parser = yargs
      .positional('person', { type: 'string', describe: t.helpWrite.person })
      .positional('fields', { type: 'string', array: true, describe: t.helpSet.fields })
      .options(writeOptions)
      .options(setOptions)
      .group([...Object.keys(writeOptions), ...Object.keys(setOptions)], t.helpWrite.groupChange)
      .options(connectionOptionsIn(t))
      .check(checkSetArguments);
    return withExamples(parser, t.helpSet.examples) as unknown as Argv<SetArgs>;
  },
  handler: (argv: ArgumentsCamelCase<SetArgs>) => {
    const person = argv.person!;
    const fields = (argv.fields ?? []).map(String);
    return runWrite(argv, ['set', person, ...fields], [person], fields.map(parseAssignment), argv['phone-region']);
  },
};
