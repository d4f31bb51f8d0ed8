import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import { tagMembers, UnknownTagError } from '../../app/people.js';
import { connectionOptionsIn } from '../options.js';
import { outputOptionIn, Printer } from '../printer.js';
import { personColumns, warnIfContactsHidden, withReadClient, wordsOf, type ReadArgs } from '../read-commands.js';
import { levenshtein } from '../usage-error.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Say } from '../../i18n/catalog.js';

interface MembersArgs extends ReadArgs {
  tag: string;
}

const MOST_SUGGESTIONS = 5;
/** With this few tags and none close, all of them are named. */
const LIST_ALL_UP_TO = 10;

/** Known names close to the given one: containing it (or contained in it), or a few typos away. */
export function closeTagNames(given: string, known: readonly string[]): string[] {
  const wanted = given.trim().toLowerCase();
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  return known
    .map((name) => {
      const lower = name.toLowerCase();
      const contains = wanted.length >= 2 && (lower.includes(wanted) || wanted.includes(lower));
      return { name, distance: contains ? 0 : levenshtein(wanted, lower) };
    })
    .filter((candidate) => candidate.distance <= allowed)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, MOST_SUGGESTIONS)
    .map((candidate) => candidate.name);
}

/** Names as a list in the reader's quotes: "A", "B" or «А», «Б». */
export function quotedNames(names: readonly string[], t: { htmlLang: string }): string {
  return names.map((name) => (t.htmlLang === 'ru' ? `«${name}»` : `"${name}"`)).join(', ');
}

export function unknownTagMessage(error: UnknownTagError): Say {
  return (t) => {
    const head = t.lookupUnknownTag(error.given);
    const close = closeTagNames(error.given, error.known);
    if (close.length > 0) return head + t.lookupDidYouMean(quotedNames(close, t));
    if (error.known.length === 0) return head + t.lookupNoTags;
    if (error.known.length <= LIST_ALL_UP_TO) return head + t.lookupTheTagsAre(quotedNames(error.known, t));
    return head + t.lookupTagsListsThem;
  };
}

export const membersCommand: CommandModule<object, MembersArgs> = {
  command: 'members <tag>',
  describe: en.helpCommands.members,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .positional('tag', { type: 'string', demandOption: true, describe: t.helpMembers.tag })
      .options(outputOptionIn(t))
      .group(['output'], t.helpGroups.output)
      .options(connectionOptionsIn(t));
    return withExamples(parser, t.helpMembers.examples) as unknown as Argv<MembersArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<MembersArgs>) => {
    const t = wordsOf(argv);
    const printer = new Printer(argv.output, process.stdout, t);
    const { people, tag, contactsHidden } = await withReadClient(argv, (api) => tagMembers(api, argv.tag)).catch((error: unknown) => {
      throw error instanceof UnknownTagError ? new InputError(unknownTagMessage(error)) : error;
    });
    warnIfContactsHidden(contactsHidden, t);
    if (people.length === 0 && argv.output === 'table') process.stderr.write(`${t.lookupTagEmpty(tag.name)}\n`);
    printer.list(people, personColumns(t));
  },
};
