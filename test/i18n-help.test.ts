// --help of every command in Russian and in English: the command's line, its option
// descriptions, groups and examples come from the catalog of the chosen language.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../src/i18n/catalog.js';
import { runMain } from './helpers/in-process-cli.js';

/** The commands this catalog describes (commands added later may still be English). */
const COMMANDS = ['import', 'plan', 'apply', 'validate', 'export', 'audit', 'template', 'sandbox', 'demo', 'find', 'show', 'tags', 'members', 'chats'] as const;

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
