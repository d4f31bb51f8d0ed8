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
import { connectionOptionsIn, sheetOptionsIn } from '../options.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';
import { langOf } from '../lang.js';
import { timeZoneOf, timeZoneOptionIn } from '../time-zone-flag.js';
import { runInTerminal } from '../run-command.js';
import { checkOnboardingArguments, givenOnboardingFlags, onboardingOptionsIn, onboardingPlanOptions, type OnboardingArgs } from '../onboarding-flags.js';

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
  tz?: string;
}

function importOptionsIn(t: Catalog) {
  const help = t.helpImport;
  return {
    'dry-run': { type: 'boolean', default: false, describe: help.dryRun },
    yes: { type: 'boolean', alias: 'y', default: false, describe: t.helpYes },
    out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: help.out, defaultDescription: './pachca-roster-runs/<timestamp>' },
    resume: { type: 'string', requiresArg: true, coerce: fileFlag('resume'), describe: help.resume },
    // No yargs defaults for the flags that shape a plan: --resume must see which ones were given.
    tags: { requiresArg: true, choices: ['merge', 'replace'] as const, defaultDescription: 'merge', describe: help.tags },
    'create-tags': { type: 'boolean', defaultDescription: 'true', describe: help.createTags },
    'skip-email-notify': { type: 'boolean', defaultDescription: 'false', describe: help.skipEmailNotify },
    'blank-clears': { type: 'boolean', defaultDescription: 'false', describe: help.blankClears },
    'allow-delete': { type: 'boolean', defaultDescription: 'false', describe: help.allowDelete },
    'prefer-sheet': { type: 'boolean', defaultDescription: 'false', describe: help.preferSheet },
    'suspend-missing': { type: 'boolean', defaultDescription: 'false', describe: help.suspendMissing },
    'max-suspend': { type: 'string', requiresArg: true, defaultDescription: DEFAULT_PLAN_OPTIONS.maxSuspend, describe: help.maxSuspend },
    match: { type: 'string', requiresArg: true, coerce: matchFlag, defaultDescription: t.helpOnboarding.matchDefault, describe: t.helpOnboarding.match },
    ...onboardingOptionsIn(t),
    welcome: { type: 'string', requiresArg: true, coerce: fileFlag('welcome'), describe: help.welcome },
    json: { type: 'boolean', default: false, describe: t.helpJsonSummary },
    quiet: { type: 'boolean', alias: 'q', default: false, describe: t.helpQuiet },
    'report-delimiter': { requiresArg: true, choices: [',', ';', 'tab', '|'] as const, describe: help.reportDelimiter },
  } as const;
}

function builder(yargs: Argv, dryRunCommand: boolean): Argv<ImportArgs> {
  const t = catalogOf(yargs);
  const importOptions = importOptionsIn(t);
  const withFile = yargs
    .positional('file', { type: 'string', describe: t.helpImport.file })
    .options(importOptions)
    .group(Object.keys(importOptions), t.helpGroups.import)
    .options(timeZoneOptionIn(t))
    .group(['tz'], t.helpGroups.import)
    .options(sheetOptionsIn(t))
    .options(connectionOptionsIn(t))
    .check(checkImportArguments);
  return withExamples(withFile, dryRunCommand ? t.helpImport.planExamples : t.helpImport.importExamples) as unknown as Argv<ImportArgs>;
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
  if (!argv.file && !argv.resume) throw new FlagError((t) => t.errImportNameFile);
  if (argv.file && argv.resume) throw new FlagError((t) => t.errImportFileAndResume);
  if (argv.out !== undefined && argv.resume) throw new FlagError((t) => t.errImportOutAndResume);
  try {
    parseMaxSuspend(single('max-suspend', argv['max-suspend'] ?? DEFAULT_PLAN_OPTIONS.maxSuspend), 100);
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
  checkOnboardingArguments(argv);
  if (argv.out !== undefined && existsSync(argv.out) && !statSync(argv.out).isDirectory()) {
    const out = argv.out;
    throw new FlagError((t) => t.errRunFolderIsFile(out));
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
    timeZone: timeZoneOf(argv),
    ...(argv['report-delimiter'] !== undefined ? { reportDelimiter: argv['report-delimiter'] } : {}),
  };
  const lang = langOf(argv);
  await runInTerminal({ json: argv.json, quiet: argv.quiet, lang, resumeHint: resumeCommand, ...(argv.resume ? { folder: argv.resume } : {}) }, (ports) =>
    importSheet(request, {
      readSheet: (file, options) => readAndValidate(file, { ...options, lang }),
      connect: () => new PachcaClient({ ...resolveConnection(argv, process.env), stopSignal: ports.interrupt }),
      ...ports,
    }));
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import [file]',
  describe: en.helpCommands.import,
  builder: (yargs) => builder(yargs, false),
  handler: (argv) => handle(argv, argv['dry-run']),
};

export const planCommand: CommandModule<object, ImportArgs> = {
  command: 'plan [file]',
  describe: en.helpCommands.plan,
  builder: (yargs) => builder(yargs, true),
  handler: (argv) => handle(argv, true),
};
