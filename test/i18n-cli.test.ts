// The CLI in Russian: from the locale, from PACHCA_ROSTER_LANG and from --lang, which wins.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';

const RU = { LANG: 'ru_RU.UTF-8' };

describe('the CLI language', () => {
  it('LANG=ru_RU gives Russian help: yargs words, usage, the exit-code note and the --lang option', async () => {
    // A subprocess: yargs ends the process after printing help.
    const help = await runCli(['--help'], { env: RU });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Команды:');
    expect(help.stdout).toContain('Параметры:');
    expect(help.stdout).toContain('Коды выхода: 0 успешно');
    expect(help.stdout).toContain('--lang');
  });

  it('a bad flag value is one Russian line and the help pointer, exit 2', async () => {
    const result = await runCliInProcess(['export', '--format', 'xml'], { env: { PACHCA_ROSTER_LANG: 'ru' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Ошибка: --format «xml» — не из списка: xlsx, csv\nСправка: pachca-roster export --help\n');
  });

  it('an unknown flag after a leading --lang ru still names the command and suggests the flag', async () => {
    const result = await runCliInProcess(['--lang', 'ru', 'import', 'x.csv', '--dryrun']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('Ошибка: неизвестный параметр --dryrun у команды import (может быть, --dry-run?)');
  });

  it('--lang en wins over the locale; --lang is strict like the other flags', async () => {
    const english = await runCliInProcess(['exprt', '--lang', 'en'], { env: RU });
    expect(english.code).toBe(2);
    expect(english.stderr).toBe('Error: unknown command "exprt"; did you mean export?\nRun "pachca-roster --help" for the commands.\n');
    const bad = await runCliInProcess(['export', '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('Error: --lang "fr" is not one of: ru, en');
    const twice = await runCliInProcess(['export', '--lang', 'ru', '--lang', 'en']);
    expect(twice.code).toBe(2);
    expect(twice.stderr.split('\n')[0]).toBe('Ошибка: --lang указан 2 раза; укажите один раз');
  });
});
