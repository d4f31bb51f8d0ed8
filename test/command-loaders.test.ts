import { readdirSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { describe, expect, it } from 'vitest';
import { allCommands, COMMAND_LOADERS, commandsFor } from '../src/cli/command-loaders.js';
import { commandName } from '../src/cli/usage-error.js';

/** Every command module the commands folder exports (an `xCommand` export), loaded directly. */
async function commandsInFolder(): Promise<CommandModule[]> {
  const folder = new URL('../src/cli/commands/', import.meta.url);
  const modules = await Promise.all(readdirSync(folder).filter((file) => file.endsWith('.ts')).map((file) => import(new URL(file, folder).href) as Promise<Record<string, unknown>>));
  return modules.flatMap((module) => Object.entries(module).filter(([key]) => key.endsWith('Command')).map(([, value]) => value as CommandModule));
}

describe('command loaders', () => {
  it('load, by each command name, that very command, and every command the commands folder has', async () => {
    for (const [name, load] of Object.entries(COMMAND_LOADERS)) expect(commandName(await load())).toBe(name);
    const loaded = await allCommands();
    const inFolder = await commandsInFolder();
    expect(new Set(loaded)).toEqual(new Set(inFolder));
    expect(loaded).toHaveLength(inFolder.length);
  });

  it('register only the command typed first (after --lang), and every command otherwise', async () => {
    expect((await commandsFor(['export', '--out', 'x.xlsx'])).map(commandName)).toEqual(['export']);
    expect((await commandsFor(['--lang', 'en', 'plan', 'hires.csv'])).map(commandName)).toEqual(['plan']);
    expect((await commandsFor(['--lang=ru', 'tag', 'add'])).map(commandName)).toEqual(['tag']);
    // A command typed after another flag is not the first word: the parser then needs them all.
    for (const argv of [[], ['--help'], ['exprot'], ['constructor'], ['--version'], ['-q', 'export'], ['--yes', 'import', 'x.csv']]) {
      expect((await commandsFor(argv)).map(commandName)).toEqual((await allCommands()).map(commandName));
    }
  });
});
