import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { listTagSummaries, type TagSummary } from '../../app/people.js';
import { connectionOptionsIn } from '../options.js';
import { outputOptionIn, Printer, type Column } from '../printer.js';
import { withReadClient, type ReadArgs } from '../read-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en } from '../../i18n/catalog.js';

const TAG_COLUMNS: readonly Column<TagSummary>[] = [
  { header: 'id', cell: (tag) => tag.id },
  { header: 'name', cell: (tag) => tag.name },
  { header: 'members', cell: (tag) => tag.users_count },
];

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
    const printer = new Printer(argv.output);
    const tags = await withReadClient(argv, (api) => listTagSummaries(api));
    printer.list(tags, TAG_COLUMNS);
  },
};
