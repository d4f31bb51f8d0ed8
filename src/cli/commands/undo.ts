// `undo RUN_DIR`: a plan that takes back what a run's journal says it did, shown, confirmed,
// applied and reported like any run, in a run folder of its own.
import { existsSync, statSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { undoRun } from '../../app/undo-run.js';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection } from '../connection.js';
import { fileFlag, FlagError } from '../flag-values.js';
import { langOf } from '../lang.js';
import { connectionOptionsIn } from '../options.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';
import { runInTerminal } from '../run-command.js';
import type { WriteArgs } from '../write-commands.js';
import { applyCommandLine } from './apply.js';
import { timeZoneOf, timeZoneOptionIn } from '../time-zone-flag.js';

/** An undo is a write run: the write commands' flags (its own help for them below), plus what to undo. */
interface UndoArgs extends WriteArgs {
  dir?: string;
  'allow-delete': boolean;
}

function undoOptionsIn(t: Catalog) {
  const help = t.helpUndo;
  return {
    'allow-delete': { type: 'boolean', default: false, describe: help.allowDelete },
    'dry-run': { type: 'boolean', default: false, describe: help.dryRun },
    yes: { type: 'boolean', alias: 'y', default: false, describe: t.helpYes },
    out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: help.out, defaultDescription: './pachca-roster-runs/<timestamp>' },
    json: { type: 'boolean', default: false, describe: t.helpJsonSummary },
    quiet: { type: 'boolean', alias: 'q', default: false, describe: t.helpQuiet },
    ...timeZoneOptionIn(t),
  } as const;
}

function checkUndoArguments(argv: Partial<UndoArgs>): true {
  if (!argv.dir || argv.dir === '-') throw new FlagError((t) => t.helpUndo.nameRunFolder);
  const out = argv.out;
  if (out !== undefined && existsSync(out) && !statSync(out).isDirectory()) throw new FlagError((t) => t.helpUndo.outIsFile(out));
  return true;
}

async function handle(argv: ArgumentsCamelCase<UndoArgs>): Promise<void> {
  const lang = langOf(argv);
  await runInTerminal({ json: argv.json, quiet: argv.quiet, lang, resumeHint: applyCommandLine }, (ports) =>
    undoRun({ runDir: argv.dir!, ...(argv.out ? { outDir: argv.out } : {}), allowDelete: argv['allow-delete'], dryRun: argv['dry-run'], yes: argv.yes, lang, timeZone: timeZoneOf(argv) }, {
      connect: () => new PachcaClient({ ...resolveConnection(argv, process.env), stopSignal: ports.interrupt }),
      ...ports,
    }));
}

export const undoCommand: CommandModule<object, UndoArgs> = {
  command: 'undo [dir]',
  describe: en.helpCommands.undo,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const undoOptions = undoOptionsIn(t);
    const parser = yargs
      .positional('dir', { type: 'string', describe: t.helpUndo.dir })
      .options(undoOptions)
      .group(Object.keys(undoOptions), t.helpWrite.groupUndo)
      .options(connectionOptionsIn(t))
      .check(checkUndoArguments);
    return withExamples(parser, t.helpUndo.examples) as unknown as Argv<UndoArgs>;
  },
  handler: (argv) => handle(argv),
};
