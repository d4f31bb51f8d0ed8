import { existsSync, statSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { PachcaClient } from '../../pachca/client.js';
import { resolveConnection, type ConnectionArgv } from '../connection.js';
import { readAndValidate } from '../../records/validate.js';
import { importSheet, type ImportRequest } from '../../app/import-sheet.js';
import { planFlagsOf, type PlanFlags, type SheetReadOptions } from '../../app/saved-plan.js';
import { DEFAULT_PLAN_OPTIONS, parseMaxSuspend, type PlanOptions, type TagsMode } from '../../sync/plan.js';
import { resumeCommand } from '../../sync/run-folder.js';
import { parseMatchOption, type MatchOption } from '../../sync/match.js';
import { fileFlag, FlagError, NO_STDIN, single } from '../flag-values.js';
import { connectionOptions, sheetOptions } from '../options.js';
import { langOf } from '../lang.js';
import { runInTerminal } from '../run-command.js';
import { checkOnboardingArguments, givenOnboardingFlags, onboardingOptions, onboardingPlanOptions, type OnboardingArgs } from '../onboarding-flags.js';

interface ImportArgs extends ConnectionArgv, OnboardingArgs {
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
  tags?: TagsMode;
  'create-tags'?: boolean;
  'skip-email-notify'?: boolean;
  'blank-clears'?: boolean;
  'allow-delete'?: boolean;
  'prefer-sheet'?: boolean;
  'suspend-missing'?: boolean;
  'max-suspend'?: string;
  match?: MatchOption;
  welcome?: string;
  json: boolean;
  quiet: boolean;
  'report-delimiter'?: string;
  lang?: string;
}

const importOptions = {
  'dry-run': { type: 'boolean', default: false, describe: 'Show the plan and write plan.json, summary.json and failed.csv (invalid rows) to the run folder; change nothing (what the plan command does)' },
  yes: { type: 'boolean', alias: 'y', default: false, describe: 'Apply without asking (required when stdin is not a terminal)' },
  out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: 'Run folder for plan.json, journal.jsonl, report.xlsx/csv, failed.csv, summary.json', defaultDescription: './pachca-roster-runs/<timestamp>' },
  resume: { type: 'string', requiresArg: true, coerce: fileFlag('resume'), describe: 'Finish an interrupted run from its run folder with the flags it was planned with: re-reads the same file (refused if it changed), skips what the journal says is done; give no file' },
  // No yargs defaults for the flags that shape a plan: --resume must see which ones were given.
  tags: { requiresArg: true, choices: ['merge', 'replace'] as const, defaultDescription: 'merge', describe: "merge: add the sheet's tags to each user's; replace: make them exactly the sheet's" },
  'create-tags': { type: 'boolean', defaultDescription: 'true', describe: 'Create tags the sheet names that do not exist yet (--no-create-tags makes such rows invalid)' },
  'skip-email-notify': { type: 'boolean', defaultDescription: 'false', describe: 'Do not send Pachca invitation e-mails to created users' },
  'blank-clears': { type: 'boolean', defaultDescription: 'false', describe: 'An empty cell clears first_name, last_name, phone_number, department, title, custom properties (and tags with --tags replace); default: left alone' },
  'allow-delete': { type: 'boolean', defaultDescription: 'false', describe: 'Carry out action=delete rows, of users and of the Tags sheet (irreversible; without it they are invalid)' },
  'prefer-sheet': { type: 'boolean', defaultDescription: 'false', describe: "An edited export: a cell changed both in the sheet and in Pachca since the export is a conflict, and Pachca's value is kept; this applies the sheet's instead (cells left as exported never change anything)" },
  'suspend-missing': { type: 'boolean', defaultDescription: 'false', describe: "Suspend active people (pending invites included) who are not in the sheet; never bots or the token's own user" },
  'max-suspend': { type: 'string', requiresArg: true, defaultDescription: DEFAULT_PLAN_OPTIONS.maxSuspend, describe: 'Refuse (exit 2) when --suspend-missing would suspend more than N people, or N% of active people; 0 allows none' },
  match: { type: 'string', requiresArg: true, coerce: matchFlag, defaultDescription: 'id for an export (a sheet with ids), else email', describe: 'How rows find their people: email, id (the export\'s id column) or custom:NAME (a custom property, e.g. "custom:Табельный номер"); with id or custom:NAME a changed e-mail is an update' },
  ...onboardingOptions,
  welcome: { type: 'string', requiresArg: true, coerce: fileFlag('welcome'), describe: 'Send this UTF-8 text file as a direct message to each created user ({first_name} is filled in); a failed message is noted in the report' },
  json: { type: 'boolean', default: false, describe: 'Print summary.json to stdout (the plan and messages go to stderr)' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary (no plan table, no progress bar)' },
  'report-delimiter': { requiresArg: true, choices: [',', ';', 'tab', '|'] as const, describe: "Delimiter of report.csv and failed.csv (default: the input CSV's, else \",\")" },
} as const;

function builder(yargs: Argv, dryRunCommand: boolean): Argv<ImportArgs> {
  const withFile = yargs
    .positional('file', { type: 'string', describe: 'CSV or XLSX sheet of employees (one row per person, matched by email); an XLSX export may also carry a Tags sheet (id, name, optional action) that renames and deletes tags' })
    .options(importOptions)
    .group(Object.keys(importOptions), 'Import:')
    .options(sheetOptions)
    .options(connectionOptions)
    .check(checkImportArguments);
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

/** `coerce` for --match: email, id or custom:NAME (and their Russian words). */
export function matchFlag(given: unknown): MatchOption {
  try {
    return parseMatchOption(String(single('match', given)));
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
}

/** Part of the parse: a handler never runs with these wrong. */
function checkImportArguments(argv: Partial<ImportArgs>): true {
  if (argv.file === '' || argv.file === '-') throw new FlagError(NO_STDIN);
  if (!argv.file && !argv.resume) throw new FlagError('name the file to import, or --resume DIR to continue a run');
  if (argv.file && argv.resume) throw new FlagError('give either a file or --resume DIR, not both (the run folder names its file)');
  if (argv.out !== undefined && argv.resume) throw new FlagError('give either --out DIR or --resume DIR, not both (a resume writes to the run\'s own folder)');
  try {
    parseMaxSuspend(single('max-suspend', argv['max-suspend'] ?? DEFAULT_PLAN_OPTIONS.maxSuspend), 100);
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
  checkOnboardingArguments(argv);
  if (argv.out !== undefined && existsSync(argv.out) && !statSync(argv.out).isDirectory()) {
    throw new FlagError(`--out ${argv.out} is a file; --out names the run folder (created when missing)`);
  }
  return true;
}

/** The plan-shaping flags given on the command line, spelled as plan.json's are for a --resume check. */
function givenPlanFlags(argv: ArgumentsCamelCase<ImportArgs>, readOptions: SheetReadOptions, planOptions: PlanOptions): PlanFlags {
  const all = planFlagsOf(readOptions, planOptions, argv.welcome);
  const given: Record<string, boolean> = {
    '--tags': argv.tags !== undefined,
    '--create-tags': argv['create-tags'] !== undefined,
    '--blank-clears': argv['blank-clears'] !== undefined,
    '--allow-delete': argv['allow-delete'] !== undefined,
    '--prefer-sheet': argv['prefer-sheet'] !== undefined,
    '--suspend-missing': argv['suspend-missing'] !== undefined,
    '--max-suspend': argv['max-suspend'] !== undefined,
    '--skip-email-notify': argv['skip-email-notify'] !== undefined,
    '--match': argv.match !== undefined,
    '--welcome': argv.welcome !== undefined,
    ...givenOnboardingFlags(argv),
    '--sheet': argv.sheet !== undefined,
    '--map': Boolean(argv.map?.length),
    '--mapping': argv.mapping !== undefined,
    '--encoding': argv.encoding !== undefined,
    '--delimiter': argv.delimiter !== undefined,
    // Has a yargs default (shared option): only a value other than it counts as given.
    '--phone-region': argv['phone-region'] !== undefined && argv['phone-region'] !== 'RU',
  };
  return Object.fromEntries(Object.entries(all).filter(([flag]) => given[flag]));
}

async function handle(argv: ArgumentsCamelCase<ImportArgs>, dryRun: boolean): Promise<void> {
  const maxSuspend = argv['max-suspend'] ?? DEFAULT_PLAN_OPTIONS.maxSuspend;
  const readOptions: SheetReadOptions = {
    ...(argv.sheet !== undefined ? { sheet: argv.sheet } : {}),
    ...(argv.map?.length ? { map: argv.map.map(String) } : {}),
    ...(argv.mapping !== undefined ? { mapping: argv.mapping } : {}),
    ...(argv.encoding !== undefined ? { encoding: argv.encoding } : {}),
    ...(argv.delimiter !== undefined ? { delimiter: argv.delimiter } : {}),
    ...(argv['phone-region'] !== undefined ? { phoneRegion: argv['phone-region'] } : {}),
  };
  const planOptions: PlanOptions = {
    tags: argv.tags ?? DEFAULT_PLAN_OPTIONS.tags,
    createTags: argv['create-tags'] ?? DEFAULT_PLAN_OPTIONS.createTags,
    blankClears: argv['blank-clears'] ?? DEFAULT_PLAN_OPTIONS.blankClears,
    allowDelete: argv['allow-delete'] ?? DEFAULT_PLAN_OPTIONS.allowDelete,
    suspendMissing: argv['suspend-missing'] ?? DEFAULT_PLAN_OPTIONS.suspendMissing,
    maxSuspend,
    skipEmailNotify: argv['skip-email-notify'] ?? DEFAULT_PLAN_OPTIONS.skipEmailNotify,
    ...(argv['prefer-sheet'] ? { preferSheet: true } : {}),
    ...(argv.match !== undefined ? { match: argv.match } : {}),
    ...onboardingPlanOptions(argv),
  };
  const request: ImportRequest = {
    ...(argv.file ? { file: argv.file } : {}),
    ...(argv.resume ? { resumeDir: argv.resume, resumeFlags: givenPlanFlags(argv, readOptions, planOptions) } : {}),
    ...(argv.out ? { outDir: argv.out } : {}),
    dryRun,
    yes: argv.yes,
    readOptions,
    planOptions,
    ...(argv.welcome !== undefined ? { welcomeFile: argv.welcome } : {}),
    lang: langOf(argv),
    ...(argv['report-delimiter'] !== undefined ? { reportDelimiter: argv['report-delimiter'] } : {}),
  };
  const lang = langOf(argv);
  await runInTerminal({ json: argv.json, quiet: argv.quiet, lang, resumeHint: resumeCommand, ...(argv.resume ? { folder: argv.resume } : {}) }, (ports) =>
    importSheet(request, {
      readSheet: (file, options) => readAndValidate(file, options),
      connect: () => new PachcaClient({ ...resolveConnection(argv, process.env), stopSignal: ports.interrupt }),
      ...ports,
    }));
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
