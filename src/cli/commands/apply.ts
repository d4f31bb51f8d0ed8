// `apply DIR`: the plan `plan FILE --out DIR` saved, applied exactly (the sheet is not read again).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { applySavedPlan } from '../../app/apply-saved.js';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection, type ConnectionArgv } from '../connection.js';
import { FlagError } from '../flag-values.js';
import { shellQuoted } from '../../sync/run-folder.js';
import { langOf } from '../lang.js';
import { runInTerminal } from '../run-command.js';
import { connectionOptions } from '../options.js';

interface ApplyArgs extends ConnectionArgv {
  dir?: string;
  yes: boolean;
  json: boolean;
  quiet: boolean;
  lang?: string;
}

const applyOptions = {
  yes: { type: 'boolean', alias: 'y', default: false, describe: 'Apply without asking (required when stdin is not a terminal)' },
  json: { type: 'boolean', default: false, describe: 'Print summary.json to stdout (the plan and messages go to stderr)' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary (no plan table, no progress bar)' },
} as const;

/** The command that applies (or finishes applying) the plan in `folder`, quoted for a POSIX shell. */
export function applyCommandLine(folder: string): string {
  return `pachca-roster apply ${shellQuoted(folder)}`;
}

function checkApplyArguments(argv: Partial<ApplyArgs>): true {
  if (!argv.dir || argv.dir === '-') throw new FlagError('name the folder of a saved plan (the --out DIR of plan FILE --out DIR)');
  return true;
}

async function handle(argv: ArgumentsCamelCase<ApplyArgs>): Promise<void> {
  const dir = argv.dir!;
  const lang = langOf(argv);
  await runInTerminal({ json: argv.json, quiet: argv.quiet, lang, resumeHint: applyCommandLine, folder: dir }, (ports) =>
    applySavedPlan({ dir, yes: argv.yes, lang }, {
      connect: () => new PachcaClient({ ...resolveConnection(argv, process.env), stopSignal: ports.interrupt }),
      ...ports,
    }));
}

export const applyCommand: CommandModule<object, ApplyArgs> = {
  command: 'apply [dir]',
  describe: 'Apply the plan saved by "plan FILE --out DIR" exactly, after checking the people and tags it changes are as planned (resumable)',
  builder: (yargs: Argv) =>
    yargs
      .positional('dir', { type: 'string', describe: 'The folder plan --out wrote (plan.json); run it again to finish an interrupted apply' })
      .options(applyOptions)
      .group(Object.keys(applyOptions), 'Apply:')
      .options(connectionOptions)
      .check(checkApplyArguments)
      .example('$0 plan staff.csv --out plans/monday', 'Plan and save the plan; nothing is changed')
      .example('$0 apply plans/monday --yes', 'Apply exactly that plan; refused (exit 2) if a person or tag it changes was changed since') as unknown as Argv<ApplyArgs>,
  handler: (argv) => handle(argv),
};
