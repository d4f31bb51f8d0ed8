// --help of every command in Russian and in English: the command's line, its option
// descriptions, groups and examples come from the catalog of the chosen language.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allCommands } from '../src/cli/command-loaders.js';
import { commandName } from '../src/cli/usage-error.js';
import { messages } from '../src/i18n/catalog.js';
import { runMain } from './helpers/in-process-cli.js';

type CommandName = keyof ReturnType<typeof messages>['helpCommands'];
/** Every command main.ts registers (a new one without a catalog line fails here). */
const COMMANDS = (await allCommands()).map((command) => commandName(command) as CommandName);

/**
 * --help run in process: yargs prints it with console.log and ends with process.exit(0), a no-op
 * here (the command does not run after help either way).
 */
async function help(argv: string[], env: Record<string, string> = {}) {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  let printed = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    printed += `${parts.join(' ')}\n`;
  });
  try {
    const result = await runMain(argv, { extraEnv: env });
    return { ...result, stdout: result.stdout + printed };
  } finally {
    exit.mockRestore();
    log.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

/** Quoted text (a printed line, a header) is said as the tool or Pachca says it. */
const unquoted = (text: string): string => text.replace(/"[^"\n]*"/g, '""');
/** validate --json's keys, named in its option's description. */
const JSON_KEYS = 'rows, valid, invalid, warnings, issues, detected';

/** Runs of four or more English words in a row, outside the example command lines. */
function englishPhrases(text: string): string[] {
  return unquoted(text).split('\n')
    .filter((line) => !line.trimStart().startsWith('pachca-roster '))
    .flatMap((line) => line.match(/\b[A-Za-z]{2,}(?:[ ,;:]+[a-z]{2,}){3,}/g) ?? [])
    .filter((phrase) => phrase !== JSON_KEYS);
}

describe('--help in both languages', () => {
  for (const command of COMMANDS) {
    it(`${command}: Russian with LANG=ru_RU.UTF-8, English with --lang en`, async () => {
      const russian = await help([command, '--help'], { LANG: 'ru_RU.UTF-8' });
      const english = await help([command, '--help', '--lang', 'en'], { LANG: 'ru_RU.UTF-8' });
      const ru = messages('ru');
      const en = messages('en');
      expect(russian.stdout).toContain(ru.helpCommands[command].slice(0, 30));
      expect(russian.stdout).toContain('Параметры:');
      expect(russian.stdout).toContain('Примеры:');
      expect(englishPhrases(russian.stdout)).toEqual([]);
      expect(english.stdout).toContain(en.helpCommands[command].slice(0, 30));
      expect(english.stdout).toContain('Options:');
      expect(english.stdout).toContain('Examples:');
      expect(unquoted(english.stdout)).not.toMatch(/[а-яё]{3,} [а-яё]{3,} [а-яё]{3,}/i);
    });
  }

  it('the command list and the shared groups are in the chosen language', async () => {
    const russian = await help(['--help'], { PACHCA_ROSTER_LANG: 'ru' });
    for (const command of COMMANDS) expect(russian.stdout).toContain(messages('ru').helpCommands[command].slice(0, 20));
    const connection = await help(['tags', '--help'], { PACHCA_ROSTER_LANG: 'ru' });
    expect(connection.stdout).toContain('Подключение:');
    expect(connection.stdout).toContain(messages('ru').helpConnection.tokenFile);
    const english = await help(['tags', '--help']);
    expect(english.stdout).toContain('Connection:');
    expect(english.stdout).toContain(messages('en').helpConnection.tokenFile);
  });
});

const CYRILLIC = /[а-яё]/i;
/** Quoted text ("...", «...») is a value the person types or the tool prints as it is. */
const withoutQuoted = (text: string): string => text.replace(/"[^"]*"|«[^»]*»/g, '""');

/**
 * Each option and positional of a --help with its whole description (wrapped lines joined), up
 * to the examples: an entry starts two spaces in ("  -y, --yes", "  person") or at a flag
 * without an alias ("      --out"); deeper lines continue it.
 */
function optionEntries(help: string): string[] {
  const entries: string[] = [];
  for (const line of help.split('\n')) {
    if (/^(Примеры|Examples):/.test(line)) break;
    if (/^ {2}\S/.test(line) || /^ {6}--/.test(line)) entries.push(line.trim());
    else if (/^ {7,}\S/.test(line) && entries.length > 0) entries[entries.length - 1] += ` ${line.trim()}`;
    else if (!/^\S|^$/.test(line)) entries.push(line.trim());
  }
  // The usage line of the command itself ("pachca-roster set [person] ...") is not an option.
  return entries.filter((entry) => !entry.startsWith('pachca-roster '));
}

/** An option's description: the entry without its flags or name and without the [type] [default] hints. */
const descriptionOf = (entry: string): string => entry.replace(/^(-\w, )?(--?[\w-]+|\w+)\s+/, '').replace(/\[[^\]]*\]/g, '');

describe('every option of every command in both languages', () => {
  for (const command of COMMANDS) {
    it(`${command}: each option's description is Russian with LANG=ru_RU.UTF-8 and has no Russian with --lang en`, async () => {
      const russian = await help([command, '--help'], { LANG: 'ru_RU.UTF-8' });
      const english = await help([command, '--help', '--lang', 'en'], { LANG: 'ru_RU.UTF-8' });
      const ruEntries = optionEntries(russian.stdout);
      const enEntries = optionEntries(english.stdout);
      expect(ruEntries.length).toBeGreaterThan(2);
      expect(ruEntries.length).toBe(enEntries.length);
      expect(ruEntries.filter((entry) => !CYRILLIC.test(withoutQuoted(descriptionOf(entry))))).toEqual([]);
      expect(enEntries.filter((entry) => CYRILLIC.test(withoutQuoted(descriptionOf(entry))))).toEqual([]);
      expect(russian.stdout).toContain(messages('ru').helpCommands[command].slice(0, 30));
    });
  }
});

/** One usage error per command: each is refused by the parse or before any request (no token is set). */
const USAGE_ERRORS: Record<CommandName, string[]> = {
  import: ['import'],
  plan: ['plan', 'staff.csv', '--match', 'phone'],
  apply: ['apply'],
  undo: ['undo'],
  validate: ['validate', 'staff.csv'],
  export: ['export', '--format', 'xml'],
  audit: ['audit', '--inactive-days', 'many'],
  template: ['template', '--format', 'pdf'],
  sandbox: ['sandbox', '--port', 'high'],
  demo: ['demo', '--out', '-'],
  ui: ['ui', '--key', 'short'],
  find: ['find', 'Петров', '--phone-region'],
  show: ['show', 'Иван Петров'],
  tags: ['tags', 'extra'],
  members: ['members'],
  chats: ['chats', '-o', 'xml'],
  set: ['set', 'ivan@example.ru'],
  status: ['status', 'ivan@example.ru'],
  suspend: ['suspend'],
  restore: ['restore', 'Иван'],
  offboard: ['offboard'],
  tag: ['tag', 'move', 'HR', 'ivan@example.ru'],
};

describe('a usage error of every command in both languages', () => {
  it('covers every command', () => {
    expect(Object.keys(USAGE_ERRORS).sort()).toEqual([...COMMANDS].sort());
  });

  for (const command of COMMANDS) {
    it(`${command}: one Russian line with LANG=ru_RU.UTF-8, one English line with --lang en; exit 2`, async () => {
      const argv = USAGE_ERRORS[command];
      const russian = await runMain(argv, { env: { LANG: 'ru_RU.UTF-8' } });
      const english = await runMain([...argv, '--lang', 'en'], { env: { LANG: 'ru_RU.UTF-8' } });
      expect([russian.code, english.code]).toEqual([2, 2]);
      // The error line, then (for a parse failure) the pointer to the command's --help.
      const ruLines = russian.stderr.trimEnd().split('\n');
      const enLines = english.stderr.trimEnd().split('\n');
      expect(ruLines[0]).toMatch(/^Ошибка: /);
      expect(withoutQuoted(ruLines[0]!.slice('Ошибка: '.length))).toMatch(CYRILLIC);
      expect(ruLines.slice(1).filter((line) => !line.startsWith('Справка: pachca-roster'))).toEqual([]);
      expect(enLines[0]).toMatch(/^Error: /);
      expect(withoutQuoted(enLines[0]!)).not.toMatch(CYRILLIC);
      expect(enLines.slice(1).filter((line) => !line.startsWith('Run "pachca-roster'))).toEqual([]);
      expect(enLines.length).toBe(ruLines.length);
    });
  }
});
