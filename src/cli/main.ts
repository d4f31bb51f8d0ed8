import yargs from 'yargs';
import { CliError, ExitCode } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { redactSecrets } from '../redact.js';
import { toCliError } from '../app/errors.js';
import { PachcaError } from '../pachca/errors.js';
import { quietOnBrokenPipe } from './broken-pipe.js';
import { FlagError, single } from './flag-values.js';
import { commandName, isParseFailure, UsageError, usageErrorFor } from './usage-error.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { langFlagOf, LANGS, resolveLang, withoutLangFlag } from '../i18n/lang.js';
import { yargsStrings } from './yargs-locale.js';
import { commandDescription, speakIn } from './help-lang.js';
import { skipHelpPrerender } from './yargs-help-cache.js';
import { commandsFor } from './command-loaders.js';

/**
 * Flags yargs collects into an array when given twice; any other flag given twice is an error.
 * A switch (boolean) is checked on the command line as typed, since yargs folds "--yes=maybe"
 * and a repeated switch into one boolean.
 */
function checkFlagsGivenOnce(typed: readonly string[]) {
  return (argv: Record<string, unknown>, options: object): true => {
    // yargs passes its getOptions() here (its type definitions call it aliases).
    const { array, boolean } = options as { array: string[]; boolean: string[] };
    const repeatable = new Set(array);
    for (const [key, value] of Object.entries(argv)) {
      if (key !== '_' && !repeatable.has(key) && Array.isArray(value)) single(key, value);
    }
    const end = typed.indexOf('--');
    const flags = end === -1 ? typed : typed.slice(0, end);
    for (const name of boolean) {
      if (name.length < 2 || name === 'help' || name === 'version') continue;
      const uses = flags.filter((arg) => arg === `--${name}` || arg === `--no-${name}` || arg.startsWith(`--${name}=`));
      if (uses.length > 1) single(name, uses);
      const value = uses[0]?.split('=')[1];
      if (value !== undefined && value !== 'true' && value !== 'false') {
        throw new FlagError((t) => t.errSwitchValue(name, value));
      }
    }
    return true;
  };
}

/**
 * Runs the CLI and resolves to the exit code; never throws. Any parse failure (unknown flag or
 * command, bad value, missing or extra argument, repeated flag) throws out of yargs' fail()
 * before a command handler runs: exit 2 and nothing else happens.
 */
export async function main(argv: string[]): Promise<number> {
  quietOnBrokenPipe();
  let exitCode: number = ExitCode.Ok;
  // The parser itself speaks the language, so it is known before parsing; an invalid --lang
  // value is then refused by the parse like any other bad choice.
  const lang = resolveLang(langFlagOf(argv), process.env);
  const t = messages(lang);
  const commands = await commandsFor(argv);
  let parser = speakIn(yargs(argv), t)
    .locale(lang)
    .updateLocale(yargsStrings(lang) as Record<string, string>)
    .scriptName('pachca-roster')
    .usage(t.cliUsage)
    .option('lang', { choices: LANGS, requiresArg: true, describe: t.cliLangOption });
  for (const command of commands) parser = parser.command({ ...command, describe: commandDescription(t, commandName(command), String(command.describe)) });
  parser = parser
    .demandCommand(1, t.cliNameACommand)
    .strict()
    .recommendCommands()
    .check(checkFlagsGivenOnce(argv), true)
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue(t.cliEpilogue)
    .fail((message, error) => {
      if (!isParseFailure(error)) throw error;
      throw usageErrorFor(message, error, withoutLangFlag(argv), commands, t);
    });
  try {
    await skipHelpPrerender(parser).parseAsync();
    if (typeof process.exitCode === 'number' && exitCode === ExitCode.Ok) exitCode = process.exitCode;
  } catch (error) {
    exitCode = reportError(error, t);
  }
  return exitCode;
}

function reportError(error: unknown, t: Catalog): number {
  if (error instanceof UsageError) {
    process.stderr.write(`${t.errorPrefix}: ${redactSecrets(error.message)}\n${error.helpLine()}\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    process.stderr.write(`${t.errorPrefix}: ${redactSecrets(error.say(t))}\n`);
    return error.exitCode;
  }
  if (error instanceof PachcaError) return reportError(toCliError(error), t);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${t.errorPrefix}: ${redactSecrets(message)}\n`);
  if (process.env.PACHCA_ROSTER_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${redactSecrets(error.stack)}\n`);
  }
  return ExitCode.Fatal;
}
