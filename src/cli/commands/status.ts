// `status EMAIL|ID --emoji --title [--until] [--away [TEXT]]` and `status EMAIL|ID --clear`.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Cell } from '../../app/one-person.js';
import { parseDateTime } from '../../records/normalize.js';
import { FlagError, single } from '../flag-values.js';
import { connectionOptionsIn } from '../options.js';
import { checkPeople, runWrite, writeOptionsIn, type WriteArgs } from '../write-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';

interface StatusArgs extends WriteArgs {
  person?: string;
  emoji?: string;
  title?: string;
  until?: string;
  away?: string;
  clear: boolean;
}

function statusOptionsIn(t: Catalog) {
  const help = t.helpStatus;
  return {
    emoji: { type: 'string', requiresArg: true, describe: help.emoji },
    title: { type: 'string', requiresArg: true, describe: help.title },
    until: { type: 'string', requiresArg: true, describe: help.until },
    away: { type: 'string', describe: help.away },
    clear: { type: 'boolean', default: false, describe: help.clear },
  } as const;
}

function checkStatusArguments(argv: Partial<StatusArgs>): true {
  checkPeople(argv.person === undefined ? [] : [argv.person]);
  const given = (['emoji', 'title', 'until', 'away'] as const).filter((flag) => argv[flag] !== undefined);
  for (const flag of given) single(flag, argv[flag]);
  if (argv.clear) {
    if (given.length > 0) throw new FlagError((t) => t.helpStatus.clearTakesNo(given.map((flag) => `--${flag}`).join(', ')));
    return true;
  }
  if (argv.emoji === undefined || argv.title === undefined) {
    throw new FlagError((t) => t.helpStatus.needsEmojiAndTitle);
  }
  if (argv.until !== undefined) {
    const until = argv.until;
    // A status that has already ended would be set and gone at once (a bad date is the plan's to name).
    const parsed = parseDateTime(until);
    if (parsed.ok && Date.parse(parsed.value) <= Date.now()) throw new FlagError((t) => t.errUntilPast(until));
  }
  return true;
}

/** The flags as the sheet's status cells. */
function statusCells(argv: StatusArgs): Cell[] {
  if (argv.clear) return [['status_title', '-']];
  const cells: Cell[] = [['status_emoji', argv.emoji!], ['status_title', argv.title!]];
  if (argv.until !== undefined) cells.push(['status_expires_at', argv.until]);
  if (argv.away !== undefined) {
    cells.push(['status_is_away', 'true']);
    if (argv.away.trim() !== '') cells.push(['status_away_message', argv.away]);
  }
  return cells;
}

function typedFlags(argv: StatusArgs): string[] {
  if (argv.clear) return ['--clear'];
  const words = ['--emoji', argv.emoji!, '--title', argv.title!];
  if (argv.until !== undefined) words.push('--until', argv.until);
  if (argv.away !== undefined) words.push('--away', ...(argv.away ? [argv.away] : []));
  return words;
}

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status <person>',
  describe: en.helpCommands.status,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const statusOptions = statusOptionsIn(t);
    const writeOptions = writeOptionsIn(t);
    const parser = yargs
      .positional('person', { type: 'string', describe: t.helpWrite.person })
      .options(statusOptions)
      .options(writeOptions)
      .group([...Object.keys(statusOptions), ...Object.keys(writeOptions)], t.helpWrite.groupChange)
      .options(connectionOptionsIn(t))
      .check(checkStatusArguments);
    return withExamples(parser, t.helpStatus.examples) as unknown as Argv<StatusArgs>;
  },
  handler: (argv: ArgumentsCamelCase<StatusArgs>) => {
    const person = argv.person!;
    return runWrite(argv, ['status', person, ...typedFlags(argv)], [person], statusCells(argv));
  },
};
