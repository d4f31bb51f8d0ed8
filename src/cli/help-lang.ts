// The language of --help: main.ts knows it before yargs builds a command, and a command's
// builder only receives the parser, so the parser carries its catalog (the builder runs on the
// same instance main.ts made). A parser main.ts did not make (usage-error.ts reads flag names
// off a bare one) speaks English.
import type { Argv } from 'yargs';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { HelpExample } from '../i18n/areas/helpCli.en.js';

const catalogs = new WeakMap<object, Catalog>();

export function speakIn<T>(parser: Argv<T>, t: Catalog): Argv<T> {
  catalogs.set(parser, t);
  return parser;
}

/** The catalog of the parser a builder was given. */
export function catalogOf(parser: Argv<unknown>): Catalog {
  return catalogs.get(parser) ?? messages('en');
}

export function withExamples<T>(parser: Argv<T>, examples: readonly HelpExample[]): Argv<T> {
  return examples.reduce((chained, [command, description]) => chained.example(command, description), parser);
}

/** A command's line in the command list, in the catalog's language when the catalog has it. */
export function commandDescription(t: Catalog, name: string, fallback: string): string {
  return (t.helpCommands as Record<string, string | undefined>)[name] ?? fallback;
}
