import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { listTagSummaries, type TagSummary } from '../../app/people.js';
import { connectionOptionsIn } from '../options.js';
import { outputOptionIn, Printer, type Column } from '../printer.js';
import { withReadClient, wordsOf, type ReadArgs } from '../read-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, type Catalog } from '../../i18n/catalog.js';

function tagColumns(t: Catalog): readonly Column<TagSummary>[] {
  return [
    { header: t.lookupColumns.id, cell: (tag) => tag.id },
    { header: t.lookupColumns.label, cell: (tag) => tag.name },
    { header: t.lookupColumns.members, cell: (tag) => tag.users_count },
  ];
}

export const tagsCommand: CommandModule<object, ReadArgs> = {
  command: 'tags',
  describe: en.helpCommands.tags,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .options(outputOptionIn(t))
      .group(['output'], t.helpGroups.output)
      .options(connectionOptionsIn(t));
    return withExamples(parser, t.helpTags.examples) as unknown as Argv<ReadArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<ReadArgs>) => {
    const t = wordsOf(argv);
    const printer = new Printer(argv.output, process.stdout, t);
    const tags = await withReadClient(argv, (api) => listTagSummaries(api));
    printer.list(tags, tagColumns(t));
  },
};
