// `undo RUN_DIR`: a plan that takes back what a run's journal says it did, shown, confirmed,
// applied and reported like any run, in a run folder of its own.
import { existsSync, statSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { undoRun } from '../../app/undo-run.js';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection } from '../connection.js';
import { fileFlag, FlagError } from '../flag-values.js';
import { langOf } from '../lang.js';
import { connectionOptions } from '../options.js';
import { runInTerminal } from '../run-command.js';
import type { WriteArgs } from '../write-commands.js';
import { applyCommandLine } from './apply.js';

/** An undo is a write run: the write commands' flags (its own help for them below), plus what to undo. */
interface UndoArgs extends WriteArgs {
  dir?: string;
  'allow-delete': boolean;
}

const undoOptions = {
  'allow-delete': { type: 'boolean', default: false, describe: 'Delete the people the run created (irreversible) instead of suspending them' },
  'dry-run': { type: 'boolean', default: false, describe: 'Show the undo plan and save it in the run folder (apply it later with apply DIR); change nothing' },
  yes: { type: 'boolean', alias: 'y', default: false, describe: 'Apply without asking (required when stdin is not a terminal)' },
  out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: "The undo's own run folder (plan.json, journal.jsonl, report)", defaultDescription: './pachca-roster-runs/<timestamp>' },
  json: { type: 'boolean', default: false, describe: 'Print summary.json to stdout (the plan and messages go to stderr)' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary (no plan table, no progress bar)' },
} as const;

function checkUndoArguments(argv: Partial<UndoArgs>): true {
  if (!argv.dir || argv.dir === '-') throw new FlagError('name the run folder to undo (the folder of an import, apply or undo run)');
  if (argv.out !== undefined && existsSync(argv.out) && !statSync(argv.out).isDirectory()) {
    throw new FlagError(`--out ${argv.out} is a file; --out names the undo's run folder (created when missing)`);
  }
  return true;
}

async function handle(argv: ArgumentsCamelCase<UndoArgs>): Promise<void> {
  const lang = langOf(argv);
  await runInTerminal({ json: argv.json, quiet: argv.quiet, lang, resumeHint: applyCommandLine }, (ports) =>
    undoRun({ runDir: argv.dir!, ...(argv.out ? { outDir: argv.out } : {}), allowDelete: argv['allow-delete'], dryRun: argv['dry-run'], yes: argv.yes, lang }, {
      connect: () => new PachcaClient({ ...resolveConnection(argv, process.env), stopSignal: ports.interrupt }),
      ...ports,
    }));
}

export const undoCommand: CommandModule<object, UndoArgs> = {
  command: 'undo [dir]',
  describe: "Take back what a run did, from its journal: fields back where Pachca still has the run's values, created people suspended, tags renamed back",
  builder: (yargs: Argv) =>
    yargs
      .positional('dir', { type: 'string', describe: 'The run folder to undo (its journal.jsonl says what was done)' })
      .options(undoOptions)
      .group(Object.keys(undoOptions), 'Undo:')
      .options(connectionOptions)
      .check(checkUndoArguments)
      .example('$0 undo pachca-roster-runs/2026-08-14_10-00-00-123', 'Show what undoing that run would do, ask, apply, report')
      .example('$0 undo pachca-roster-runs/2026-08-14_10-00-00-123 --allow-delete --yes', 'Also delete the people the run created')
      .example('$0 undo pachca-roster-runs/2026-08-14_11-30-00-456', 'Undo an undo: its run folder is a run like any other') as unknown as Argv<UndoArgs>,
  handler: (argv) => handle(argv),
};
