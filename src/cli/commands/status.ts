// `status EMAIL|ID --emoji --title [--until] [--away [TEXT]]` and `status EMAIL|ID --clear`.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Cell } from '../../app/one-person.js';
import { parseDateTime } from '../../records/normalize.js';
import { FlagError, single } from '../flag-values.js';
import { connectionOptions } from '../options.js';
import { checkPeople, runWrite, WRITE_GROUP, writeOptions, type WriteArgs } from '../write-commands.js';

interface StatusArgs extends WriteArgs {
  person?: string;
  emoji?: string;
  title?: string;
  until?: string;
  away?: string;
  clear: boolean;
}

const statusOptions = {
  emoji: { type: 'string', requiresArg: true, describe: 'The status emoji (with --title)' },
  title: { type: 'string', requiresArg: true, describe: 'The status text (with --emoji)' },
  until: { type: 'string', requiresArg: true, describe: 'When it ends: YYYY-MM-DD or DD.MM.YYYY [HH:MM] (a date alone = end of that day, UTC)' },
  away: { type: 'string', describe: '"Away": the person is shown as away, with this auto-reply text (the text may be left out)' },
  clear: { type: 'boolean', default: false, describe: 'Remove the status' },
} as const;

function checkStatusArguments(argv: Partial<StatusArgs>): true {
  checkPeople(argv.person === undefined ? [] : [argv.person]);
  const given = (['emoji', 'title', 'until', 'away'] as const).filter((flag) => argv[flag] !== undefined);
  for (const flag of given) single(flag, argv[flag]);
  if (argv.clear) {
    if (given.length > 0) throw new FlagError(`--clear removes the status; it takes no ${given.map((flag) => `--${flag}`).join(', ')}`);
    return true;
  }
  if (argv.emoji === undefined || argv.title === undefined) {
    throw new FlagError('a status needs --emoji and --title together (or --clear to remove it): pachca-roster status ivan@example.ru --emoji 🏝️ --title "В отпуске"');
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
  describe: 'Set or clear one person\'s status (the sheet\'s status rules): plan, confirm, apply, report',
  builder: (yargs: Argv) =>
    yargs
      .positional('person', { type: 'string', describe: 'The person\'s id or e-mail' })
      .options(statusOptions)
      .options(writeOptions)
      .group([...Object.keys(statusOptions), ...Object.keys(writeOptions)], WRITE_GROUP)
      .options(connectionOptions)
      .check(checkStatusArguments)
      .example('$0 status ivan@example.ru --emoji 🏝️ --title "В отпуске" --until 2026-08-31 --away "Вернусь 1 сентября"', 'On vacation until the end of August 31 (UTC), away with an auto-reply')
      .example('$0 status ivan@example.ru --clear --yes', 'Remove the status without asking') as unknown as Argv<StatusArgs>,
  handler: (argv: ArgumentsCamelCase<StatusArgs>) => {
    const person = argv.person!;
    return runWrite(argv, ['status', person, ...typedFlags(argv)], [person], statusCells(argv));
  },
};
