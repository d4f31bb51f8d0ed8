import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection, type ConnectionArgv } from '../../pachca/config.js';
import { readAndValidate } from '../../records/validate.js';
import { formatSummary, runImport, type ImportRequest } from '../../sync/import-run.js';
import { DEFAULT_PLAN_OPTIONS, parseMaxSuspend, type TagsMode } from '../../sync/plan.js';
import { askYesNo, stdinIsTerminal } from '../confirm.js';
import { connectionOptions, sheetOptions } from '../options.js';
import { readingDirectory, startCountLine, startProgress } from '../progress.js';
import { redactSecrets } from '../../redact.js';

interface ImportArgs extends ConnectionArgv {
  file?: string;
  'dry-run': boolean;
  yes: boolean;
  out?: string;
  resume?: string;
  sheet?: string;
  map?: string[];
  mapping?: string;
  encoding?: string;
  delimiter?: string;
  'phone-region'?: string;
  tags: TagsMode;
  'create-tags': boolean;
  'skip-email-notify': boolean;
  'blank-clears': boolean;
  'allow-delete': boolean;
  'prefer-sheet': boolean;
  'suspend-missing': boolean;
  'max-suspend': string;
  welcome?: string;
  json: boolean;
  quiet: boolean;
}

const importOptions = {
  'dry-run': { type: 'boolean', default: false, describe: 'Show the plan and write plan.json, summary.json and failed.csv (invalid rows) to the run folder; change nothing (what the plan command does)' },
  yes: { type: 'boolean', alias: 'y', default: false, describe: 'Apply without asking (required when stdin is not a terminal)' },
  out: { type: 'string', describe: 'Run folder for plan.json, journal.jsonl, report.xlsx/csv, failed.csv, summary.json', defaultDescription: './pachca-roster-runs/<timestamp>' },
  resume: { type: 'string', describe: 'Finish an interrupted run from its run folder: re-reads the same file (refused if it changed), skips what the journal says is done; give no file' },
  tags: { choices: ['merge', 'replace'] as const, default: 'merge' as const, describe: "merge: add the sheet's tags to each user's; replace: make them exactly the sheet's" },
  'create-tags': { type: 'boolean', default: true, describe: 'Create tags the sheet names that do not exist yet (--no-create-tags makes such rows invalid)' },
  'skip-email-notify': { type: 'boolean', default: false, describe: 'Do not send Pachca invitation e-mails to created users' },
  'blank-clears': { type: 'boolean', default: false, describe: 'An empty cell clears first_name, last_name, phone_number, department, title, custom properties (and tags with --tags replace); default: left alone' },
  'allow-delete': { type: 'boolean', default: false, describe: 'Carry out action=delete rows, of users and of the Tags sheet (irreversible; without it they are invalid)' },
  'prefer-sheet': { type: 'boolean', default: false, describe: "An edited export: a cell changed both in the sheet and in Pachca since the export is a conflict, and Pachca's value is kept; this applies the sheet's instead (cells left as exported never change anything)" },
  'suspend-missing': { type: 'boolean', default: false, describe: "Suspend active people (pending invites included) who are not in the sheet; never bots or the token's own user" },
  'max-suspend': { type: 'string', default: DEFAULT_PLAN_OPTIONS.maxSuspend, describe: 'Refuse (exit 2) when --suspend-missing would suspend more than N people, or N% of active people; 0 allows none' },
  welcome: { type: 'string', describe: 'Send this UTF-8 text file as a direct message to each created user ({first_name} is filled in); a failed message is noted in the report' },
  json: { type: 'boolean', default: false, describe: 'Print summary.json to stdout (the plan and messages go to stderr)' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary (no plan table, no progress bar)' },
} as const;

function builder(yargs: Argv, dryRunCommand: boolean): Argv<ImportArgs> {
  const withFile = yargs
    .positional('file', { type: 'string', describe: 'CSV or XLSX sheet of employees (one row per person, matched by email); an XLSX export may also carry a Tags sheet (id, name, optional action) that renames and deletes tags' })
    .options(importOptions)
    .group(Object.keys(importOptions), 'Import:')
    .options(sheetOptions)
    .options(connectionOptions);
  const examples = dryRunCommand
    ? withFile
      .example('$0 plan hires.xlsx', 'Show what importing hires.xlsx would change, without changing anything')
      .example('$0 plan staff.csv --suspend-missing --tags replace', 'Preview a full sync: exact tags, offboard people missing from the sheet')
    : withFile
      .example('$0 import hires.xlsx', 'Show the plan, ask, apply, write the report to ./pachca-roster-runs/<timestamp>/')
      .example('$0 import staff.csv --yes --suspend-missing --max-suspend 5', 'Non-interactive full sync; suspends at most 5 people missing from the sheet')
      .example('$0 import hires.csv --yes --welcome welcome.txt --skip-email-notify', 'Create people and greet them in Pachca instead of by e-mail')
      .example('$0 import --resume pachca-roster-runs/2026-08-14_10-00-00 --yes', 'Finish an interrupted run without duplicates')
      .example('$0 import pachca-directory.xlsx --allow-delete', "An edited export: its Tags sheet renames tags (edit a name cell) and deletes them (action = delete); users follow the renames")
      .example('$0 import pachca-directory-2026-08-01.xlsx --prefer-sheet', "An edited old export: cells left as exported change nothing; cells also changed in Pachca since take the sheet's value")
      .example('PACHCA_TOKEN=$(cat token) $0 import hires.csv --dry-run --json', 'Dry run; summary.json (the counts it would make) on stdout, the plan in the run folder');
  return examples as unknown as Argv<ImportArgs>;
}

async function handle(argv: ArgumentsCamelCase<ImportArgs>, dryRun: boolean): Promise<void> {
  if (!argv.file && !argv.resume) throw new InputError('name the file to import, or --resume DIR to continue a run');
  if (argv.file && argv.resume) throw new InputError('give either a file or --resume DIR, not both (the run folder names its file)');
  parseMaxSuspend(argv['max-suspend'], 100);
  const toHuman = argv.json ? process.stderr : process.stdout;
  const print = (text: string): void => {
    toHuman.write(`${redactSecrets(text)}\n`);
  };
  const request: ImportRequest = {
    ...(argv.file ? { file: argv.file } : {}),
    ...(argv.resume ? { resumeDir: argv.resume } : {}),
    ...(argv.out ? { outDir: argv.out } : {}),
    dryRun,
    yes: argv.yes,
    quiet: argv.quiet,
    readOptions: {
      ...(argv.sheet !== undefined ? { sheet: argv.sheet } : {}),
      ...(argv.map?.length ? { map: argv.map.map(String) } : {}),
      ...(argv.mapping !== undefined ? { mapping: argv.mapping } : {}),
      ...(argv.encoding !== undefined ? { encoding: argv.encoding } : {}),
      ...(argv.delimiter !== undefined ? { delimiter: argv.delimiter } : {}),
      ...(argv['phone-region'] !== undefined ? { phoneRegion: argv['phone-region'] } : {}),
    },
    planOptions: {
      tags: argv.tags,
      createTags: argv['create-tags'],
      blankClears: argv['blank-clears'],
      allowDelete: argv['allow-delete'],
      suspendMissing: argv['suspend-missing'],
      maxSuspend: argv['max-suspend'],
      skipEmailNotify: argv['skip-email-notify'],
      ...(argv['prefer-sheet'] ? { preferSheet: true } : {}),
    },
    ...(argv.welcome !== undefined ? { welcomeFile: argv.welcome } : {}),
  };
  const result = await runImport(request, {
    readSheet: (file, options) => readAndValidate(file, options),
    connect: () => new PachcaClient(resolveConnection(argv, process.env)),
    stdinIsTerminal: stdinIsTerminal(),
    confirm: askYesNo,
    print,
    startProgress: (total, requests) => startProgress({ total, requests, quiet: argv.quiet || argv.json }),
    startSnapshotProgress: () => startCountLine(readingDirectory, { quiet: argv.quiet || argv.json }),
  });
  if (result.summary) {
    if (argv.json) process.stdout.write(`${redactSecrets(JSON.stringify(result.summary, null, 2))}\n`);
    else print(formatSummary(result.summary, result.runFolder));
  }
  process.exitCode = result.exitCode;
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import [file]',
  describe: 'Bring the Pachca directory in line with a sheet: plan, confirm, apply, report (resumable)',
  builder: (yargs) => builder(yargs, false),
  handler: (argv) => handle(argv, argv['dry-run']),
};

export const planCommand: CommandModule<object, ImportArgs> = {
  command: 'plan [file]',
  describe: 'Show what importing a sheet would change (import --dry-run): nothing is changed',
  builder: (yargs) => builder(yargs, true),
  handler: (argv) => handle(argv, true),
};
