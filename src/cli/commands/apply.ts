// `apply DIR`: the plan `plan FILE --out DIR` saved, applied exactly (the sheet is not read again).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { applySavedPlan } from '../../app/apply-saved.js';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection, type ConnectionArgv } from '../connection.js';
import { FlagError } from '../flag-values.js';
import { shellQuoted } from '../../sync/run-folder.js';
import { langOf } from '../lang.js';
import { runInTerminal } from '../run-command.js';
import { connectionOptionsIn } from '../options.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';

interface ApplyArgs extends ConnectionArgv {
  dir?: string;
  yes: boolean;
  json: boolean;
  quiet: boolean;
  lang?: string;
}

function applyOptionsIn(t: Catalog) {
  return {
    yes: { type: 'boolean', alias: 'y', default: false, describe: t.helpYes },
    json: { type: 'boolean', default: false, describe: t.helpJsonSummary },
    quiet: { type: 'boolean', alias: 'q', default: false, describe: t.helpQuiet },
  } as const;
}

/** The command that applies (or finishes applying) the plan in `folder`, quoted for a POSIX shell. */
export function applyCommandLine(folder: string): string {
  return `pachca-roster apply ${shellQuoted(folder)}`;
}

function checkApplyArguments(argv: Partial<ApplyArgs>): true {
  if (!argv.dir || argv.dir === '-') throw new FlagError((t) => t.errApplyNameFolder);
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
  describe: en.helpCommands.apply,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const applyOptions = applyOptionsIn(t);
    const parser = yargs
      .positional('dir', { type: 'string', describe: t.helpApply.dir })
      .options(applyOptions)
      .group(Object.keys(applyOptions), t.helpGroups.apply)
      .options(connectionOptionsIn(t))
      .check(checkApplyArguments);
    return withExamples(parser, t.helpApply.examples) as unknown as Argv<ApplyArgs>;
  },
  handler: (argv) => handle(argv),
};
