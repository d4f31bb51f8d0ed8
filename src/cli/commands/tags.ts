import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { listTagSummaries, type TagSummary } from '../../app/people.js';
import { connectionOptions } from '../options.js';
import { outputOption, Printer, type Column } from '../printer.js';
import { withReadClient, type ReadArgs } from '../read-commands.js';

const TAG_COLUMNS: readonly Column<TagSummary>[] = [
  { header: 'id', cell: (tag) => tag.id },
  { header: 'name', cell: (tag) => tag.name },
  { header: 'members', cell: (tag) => tag.users_count },
];

export const tagsCommand: CommandModule<object, ReadArgs> = {
  command: 'tags',
  describe: 'List every tag with its member count (Pachca\'s own count)',
  builder: (yargs: Argv) =>
    yargs
      .options(outputOption)
      .group(['output'], 'Output:')
      .options(connectionOptions)
      .example('$0 tags', 'A table of tags by name')
      .example('$0 tags -o csv > tags.csv', 'The same as CSV') as unknown as Argv<ReadArgs>,
  handler: async (argv: ArgumentsCamelCase<ReadArgs>) => {
    const printer = new Printer(argv.output);
    const tags = await withReadClient(argv, (api) => listTagSummaries(api));
    printer.list(tags, TAG_COLUMNS);
  },
};
