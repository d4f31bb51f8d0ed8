// What the everyday write commands (set, status, suspend, restore, tag) share: their flags, the
// check of the people named, and the run: the one-person use case through the same terminal
// rendering, confirmation, Ctrl+C handling, summary and exit code as import and apply.
import type { Options } from 'yargs';
import { changePeople, UnknownColumnError, type Cell } from '../app/one-person.js';
import { parsePersonKey, UnknownTagError } from '../app/people.js';
import { CliError, InputError } from '../exit-codes.js';
import { PachcaClient } from '../pachca/client.js';
import { applyCommandLine } from './commands/apply.js';
import { closeTagNames, quotedNames, unknownTagMessage } from './commands/members.js';
import { resolveConnection, type ConnectionArgv } from './connection.js';
import { fileFlag, FlagError } from './flag-values.js';
import { langOf } from './lang.js';
import { runInTerminal } from './run-command.js';
import { timeZoneOf, timeZoneOptionIn } from './time-zone-flag.js';
import type { Catalog, Say } from '../i18n/catalog.js';

export interface WriteArgs extends ConnectionArgv {
  'dry-run': boolean;
  yes: boolean;
  out?: string;
  json: boolean;
  quiet: boolean;
  lang?: string;
  tz?: string;
}

/** The flags every write command shares, described in the catalog's language (a builder passes `catalogOf(yargs)`). */
export function writeOptionsIn(t: Catalog) {
  return {
    'dry-run': { type: 'boolean', default: false, describe: t.helpWrite.dryRun },
    yes: { type: 'boolean', alias: 'y', default: false, describe: t.helpYes },
    out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: t.helpWrite.out, defaultDescription: './pachca-roster-runs/<timestamp>' },
    json: { type: 'boolean', default: false, describe: t.helpJsonSummary },
    quiet: { type: 'boolean', alias: 'q', default: false, describe: t.helpWrite.quiet },
    ...timeZoneOptionIn(t),
  } as const satisfies Record<string, Options>;
}

/** A parse check: every person is an id or an e-mail (a search by name would be a guess). */
export function checkPeople(people: readonly unknown[] | undefined): void {
  for (const person of people ?? []) {
    try {
      parsePersonKey(String(person));
    } catch (error) {
      throw new FlagError(error instanceof CliError ? error.say : (error as Error).message);
    }
  }
}

/** An argument as a POSIX shell reads it back (for the run's label: the command as typed). */
function quoted(argument: string): string {
  return /^[^\s'"\\$`!*?;&|<>(){}[\]#~]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** "unknown column "Отдл"; did you mean "отдел"?" */
function unknownColumnMessage(error: UnknownColumnError): Say {
  return (t) => {
    const close = closeTagNames(error.given, error.known);
    const head = t.lookupUnknownColumn(error.given);
    return close.length > 0 ? head + t.lookupDidYouMean(quotedNames(close, t)) : head + t.lookupGiveAColumn;
  };
}

/** Runs a one-person change from the command line: `words` is the command as typed (its label). */
export async function runWrite(argv: WriteArgs, words: readonly string[], people: readonly string[], cells: readonly Cell[], phoneRegion?: string): Promise<void> {
  const lang = langOf(argv);
  try {
    await runInTerminal({ json: argv.json, quiet: argv.quiet, lang, resumeHint: applyCommandLine, rowNumbers: false }, (ports) =>
      changePeople({
        label: words.map(quoted).join(' '),
        people,
        cells,
        dryRun: argv['dry-run'],
        yes: argv.yes,
        ...(argv.out !== undefined ? { outDir: argv.out } : {}),
        lang,
        timeZone: timeZoneOf(argv),
        ...(phoneRegion !== undefined ? { phoneRegion } : {}),
      }, {
        connect: () => new PachcaClient({ ...resolveConnection(argv, process.env), stopSignal: ports.interrupt }),
        ...ports,
      }));
  } catch (error) {
    if (error instanceof UnknownColumnError) throw new InputError(unknownColumnMessage(error));
    if (error instanceof UnknownTagError) throw new InputError(unknownTagMessage(error));
    throw error;
  }
}
