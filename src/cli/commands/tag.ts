// `tag add|remove TAG EMAIL|ID...`: the sheet's tags cell, one tag added to or removed from each person.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { FlagError } from '../flag-values.js';
import { connectionOptions } from '../options.js';
import { checkPeople, runWrite, WRITE_GROUP, writeOptions, type WriteArgs } from '../write-commands.js';

interface TagArgs extends WriteArgs {
  op?: string;
  tag?: string;
  people?: string[];
}

export const tagCommand: CommandModule<object, TagArgs> = {
  command: 'tag [op] [tag] [people..]',
  describe: 'Add a tag to people or remove it from them: plan, confirm, apply, report',
  builder: (yargs: Argv) =>
    yargs
      .positional('op', { type: 'string', describe: 'add (a tag that does not exist is created, as a sheet would) or remove' })
      .positional('tag', { type: 'string', describe: 'The tag\'s name (case does not matter)' })
      .positional('people', { type: 'string', array: true, describe: 'Each person\'s id or e-mail' })
      .options(writeOptions)
      .group(Object.keys(writeOptions), WRITE_GROUP)
      .options(connectionOptions)
      .check((argv: Partial<TagArgs>) => {
        if (argv.op !== 'add' && argv.op !== 'remove') {
          throw new FlagError(`tag ${argv.op === undefined ? 'needs' : `"${argv.op}": give`} add or remove, then the tag and the people: pachca-roster tag add Backend ivan@example.ru`);
        }
        if (!argv.tag?.trim()) throw new FlagError('name the tag: pachca-roster tag add Backend ivan@example.ru');
        if (/^[+-]/.test(argv.tag.trim())) throw new FlagError(`tag "${argv.tag}": give the name without + or - (add and remove say which)`);
        if (!argv.people?.length) throw new FlagError('name at least one person after the tag: pachca-roster tag add Backend ivan@example.ru');
        checkPeople(argv.people);
        return true;
      })
      .example('$0 tag add Москва ivan@example.ru 14', 'Two people join tag Москва')
      .example('$0 tag remove Backend ivan@example.ru --yes', 'Without asking') as unknown as Argv<TagArgs>,
  handler: (argv: ArgumentsCamelCase<TagArgs>) => {
    const people = (argv.people ?? []).map(String);
    const tag = argv.tag!;
    return runWrite(argv, ['tag', argv.op!, tag, ...people], people, [['tags', `${argv.op === 'add' ? '+' : '-'}${tag}`]]);
  },
};
