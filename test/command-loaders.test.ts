import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/all.js';
import { COMMAND_LOADERS, commandsFor } from '../src/cli/command-loaders.js';
import { commandName } from '../src/cli/usage-error.js';

describe('command loaders', () => {
  it('load, by each command name, that very command (the list matches commands/all.ts)', async () => {
    expect(Object.keys(COMMAND_LOADERS).sort()).toEqual(COMMANDS.map(commandName).sort());
    for (const command of COMMANDS) {
      const name = commandName(command);
      expect(await COMMAND_LOADERS[name]!()).toBe(command);
    }
  });

  it('register only the command typed first (after --lang), and every command otherwise', async () => {
    expect((await commandsFor(['export', '--out', 'x.xlsx'])).map(commandName)).toEqual(['export']);
    expect((await commandsFor(['--lang', 'en', 'plan', 'hires.csv'])).map(commandName)).toEqual(['plan']);
    expect((await commandsFor(['--lang=ru', 'tag', 'add'])).map(commandName)).toEqual(['tag']);
    // A command typed after another flag is not the first word: the parser then needs them all.
    for (const argv of [[], ['--help'], ['exprot'], ['constructor'], ['--version'], ['-q', 'export'], ['--yes', 'import', 'x.csv']]) {
      expect((await commandsFor(argv)).map(commandName)).toEqual(COMMANDS.map(commandName));
    }
  });
});
