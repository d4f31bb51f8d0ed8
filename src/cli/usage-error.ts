// Turns a failed parse (unknown flag or command, bad value, missing file, repeated flag) into
// one clear line, with a "did you mean" where a known name is close.
import yargs, { type Argv, type CommandModule } from 'yargs';
import { CliError, ExitCode } from '../exit-codes.js';
import { FlagError, sayOfFlagError } from './flag-values.js';
import { messages, type Catalog } from '../i18n/catalog.js';

/** A parse failure: exit 2, one line, then a pointer to the command's --help. */
export class UsageError extends CliError {
  constructor(message: string, readonly command: string | undefined, private readonly t: Catalog = messages('en')) {
    super(message, ExitCode.Usage);
    this.name = 'UsageError';
  }

  helpLine(): string {
    return this.command ? this.t.usageHelpCommand(this.command) : this.t.usageHelpCommands;
  }
}

/** Whether an error reaching yargs' fail() comes from parsing (not from a command handler). */
export function isParseFailure(error: Error | undefined): boolean {
  return error === undefined || error instanceof FlagError || error.name === 'YError';
}

/** Edit distance (insert, delete, substitute one character). */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest known name, if close enough to be a typo (dashes and case aside). */
export function closestName(given: string, known: readonly string[]): string | undefined {
  const plain = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = plain(given) === plain(name) ? 0 : levenshtein(given.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  const allowed = given.length < 3 ? 0 : Math.max(1, Math.floor(given.length / 3));
  return best && best.distance <= allowed ? best.name : undefined;
}

const dashes = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);

export function commandName(command: CommandModule): string {
  const spec = Array.isArray(command.command) ? command.command[0] : command.command;
  return String(spec ?? '').split(' ')[0]!;
}

interface ParsedOptionNames {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
}

/** The flags a command knows (names and aliases), read from its builder. */
function flagsOf(command: CommandModule | undefined): string[] {
  const parser = yargs([]);
  if (command && typeof command.builder === 'function') command.builder(parser as unknown as Argv);
  // getOptions() is yargs API that its type definitions leave out.
  const options = (parser as unknown as { getOptions(): ParsedOptionNames }).getOptions();
  return [...Object.keys(options.key), ...Object.values(options.alias).flat()];
}

/** `given` was typed as a flag (-x, --name, --name=value) rather than a positional. */
function typedAsFlag(name: string, argv: readonly string[]): boolean {
  return argv.some((arg) => arg === dashes(name) || arg.startsWith(`${dashes(name)}=`) || arg === `--no-${name}`);
}

function unknownArguments(names: string[], argv: readonly string[], command: CommandModule | undefined, commands: readonly CommandModule[], t: Catalog): string {
  const name = names[0]!;
  if (!command && typedAsFlag(name, argv)) return t.usageUnknownFlagNoCommand(dashes(name), commands.map(commandName).join(', '));
  if (!command) return t.usageUnknownCommand(name, closestName(name, commands.map(commandName)));
  const more = names.length > 1 ? t.usageAndMore(names.slice(1).map((other) => (typedAsFlag(other, argv) ? dashes(other) : `"${other}"`)).join(', ')) : '';
  if (!typedAsFlag(name, argv)) return t.usageDoesNotTake(commandName(command), name, more, positionalUse(command, t));
  const suggestion = closestName(name, flagsOf(command).filter((flag) => flag.length > 1 || name.length === 1));
  return `${t.usageUnknownFlag(dashes(name), commandName(command), suggestion === undefined ? undefined : dashes(suggestion))}${more}`;
}

function positionalUse(command: CommandModule, t: Catalog): string {
  const spec = String(Array.isArray(command.command) ? command.command[0] : command.command);
  const positionals = spec.split(' ').slice(1);
  return positionals.length === 0 ? t.usageTakesNothing : t.usageTakesOne(positionals.map((spec) => positionalName(spec, t)).join(' '));
}

/** `<file>` -> FILE (ФАЙЛ in Russian), `[people..]` -> PEOPLE.. */
function positionalName(spec: string, t: Catalog): string {
  const name = spec.replace(/[<>[\]]/g, '');
  const bare = name.replace(/\.\.$/, '');
  return `${t.usagePositional(bare)}${name.slice(bare.length)}`;
}

const INVALID_CHOICE = /Argument: (\S+), Given: (.+?), Choices: (.+)$/m;

/**
 * One line for yargs' failure message, in the catalog's language. yargs' failure messages stay
 * English whatever the locale (main.ts keeps them so), so they can be recognised here.
 */
export function usageErrorFor(
  message: string | null | undefined,
  error: Error | undefined,
  argv: readonly string[],
  commands: readonly CommandModule[],
  t: Catalog = messages('en'),
): UsageError {
  // The command comes first (the only flags before it are --help and --version).
  const commandWord = argv[0]?.startsWith('-') ? undefined : argv[0];
  const command = commands.find((candidate) => commandName(candidate) === commandWord);
  const name = command ? commandName(command) : undefined;
  const say = sayOfFlagError(error);
  if (say) return new UsageError(say(t).replace(/\s*\n\s*/g, ' '), command ? commandName(command) : undefined, t);
  const text = (message ?? error?.message ?? t.usageInvalidArguments).trim();
  const line = (summary: string): UsageError => new UsageError(summary.replace(/\s*\n\s*/g, ' '), name, t);

  const unknown = /^Unknown arguments?: (.+)$/.exec(text);
  if (unknown) return line(unknownArguments(unknown[1]!.split(', '), argv, command, commands, t));
  const recommended = /^Did you mean (.+)\?$/.exec(text);
  if (recommended) return new UsageError(t.usageUnknownCommand(commandWord ?? '', recommended[1]), undefined, t);
  const choice = INVALID_CHOICE.exec(text);
  if (choice) {
    const choices = choice[3]!.split(', ').map((value) => value.replace(/^"|"$/g, ''));
    const given = choice[2]!.replace(/^"|"$/g, '');
    const suggestion = closestName(given, choices);
    return line(t.usageNotOneOf(`--${choice[1]}`, given, choices.join(', '), suggestion));
  }
  const missingValue = /^Not enough arguments following: (\S+)$/.exec(text);
  if (missingValue) return line(t.usageNeedsValue(dashes(missingValue[1]!)));
  if (/^Not enough non-option arguments/.test(text) && command) {
    const [, ...positionals] = String(command.command).split(' ');
    const example = ['pachca-roster', name ?? '', ...positionals.map((spec) => (spec.startsWith('<') ? positionalName(spec, t) : spec.replace(/[a-z.]+/, (bare) => positionalName(bare, t))))].join(' ');
    return line(t.usageNeedsPositional(name ?? '', positionalUse(command, t), example));
  }
  return line(text);
}
