// yargs' own words (help labels) in the user's language, all given here: the bundled command
// (scripts/bundle.mjs) cannot reach the locale files yargs ships, and a few of those labels read
// better said otherwise anyway. Its failure messages stay English in every language:
// usage-error.ts recognises them and says them again through the catalog, as one line.
import type { Lang } from '../i18n/lang.js';

type YargsStrings = Record<string, string | { one: string; other: string }>;

const RUSSIAN_LABELS: YargsStrings = {
  'Commands:': 'Команды:',
  'Examples:': 'Примеры:',
  'Options:': 'Параметры:',
  'Positionals:': 'Аргументы:',
  boolean: 'флаг',
  string: 'строка',
  array: 'список',
  number: 'число',
  count: 'счётчик',
  command: 'команда',
  required: 'обязательно',
  default: 'по умолчанию',
  'default:': 'по умолчанию:',
  'generated-value': 'вычисляется',
  deprecated: 'устарело',
  'deprecated: %s': 'устарело: %s',
  'choices:': 'варианты:',
  'aliases:': 'другие имена:',
  'Show help': 'Показать справку',
  'Show version number': 'Показать версию',
};

const ENGLISH_FAILURES: YargsStrings = {
  'Not enough non-option arguments: got %s, need at least %s': {
    one: 'Not enough non-option arguments: got %s, need at least %s',
    other: 'Not enough non-option arguments: got %s, need at least %s',
  },
  'Too many non-option arguments: got %s, maximum of %s': {
    one: 'Too many non-option arguments: got %s, maximum of %s',
    other: 'Too many non-option arguments: got %s, maximum of %s',
  },
  'Missing argument value: %s': { one: 'Missing argument value: %s', other: 'Missing argument values: %s' },
  'Missing required argument: %s': { one: 'Missing required argument: %s', other: 'Missing required arguments: %s' },
  'Unknown argument: %s': { one: 'Unknown argument: %s', other: 'Unknown arguments: %s' },
  'Invalid values:': 'Invalid values:',
  'Argument: %s, Given: %s, Choices: %s': 'Argument: %s, Given: %s, Choices: %s',
  'Argument check failed: %s': 'Argument check failed: %s',
  'Not enough arguments following: %s': 'Not enough arguments following: %s',
  'Did you mean %s?': 'Did you mean %s?',
  'Arguments %s and %s are mutually exclusive': 'Arguments %s and %s are mutually exclusive',
  'Unknown command: %s': { one: 'Unknown command: %s', other: 'Unknown commands: %s' },
  'Implications failed:': 'Implications failed:',
};

/** The strings to lay over yargs' locale `lang` (none for English). */
export function yargsStrings(lang: Lang): YargsStrings {
  return lang === 'ru' ? { ...RUSSIAN_LABELS, ...ENGLISH_FAILURES } : {};
}
