// `tag add|remove TAG EMAIL|ID...`: the sheet's tags cell, one tag added to or removed from each person.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { FlagError } from '../flag-values.js';
import { connectionOptionsIn } from '../options.js';
import { checkPeople, runWrite, writeOptionsIn, type WriteArgs } from '../write-commands.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en } from '../../i18n/catalog.js';

interface TagArgs extends WriteArgs {
  op?: string;
  tag?: string;
  people?: string[];
}

export const tagCommand: CommandModule<object, TagArgs> = {
  command: 'tag [op] [tag] [people..]',
  describe: en.helpCommands.tag,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const writeOptions = writeOptionsIn(t);
    const parser = yargs
      .positional('op', { type: 'string', describe: t.helpTag.op })
      .positional('tag', { type: 'string', describe: t.helpTag.tag })
      .positional('people', { type: 'string', array: true, describe: t.helpWrite.people })
      .options(writeOptions)
      .group(Object.keys(writeOptions), t.helpWrite.groupChange)
      .options(connectionOptionsIn(t))
      .check((argv: Partial<TagArgs>) => {
        const op = argv.op;
        if (op !== 'add' && op !== 'remove') throw new FlagError((say) => (op === undefined ? say.helpTag.needsOp : say.helpTag.badOp(op)));
        const tag = argv.tag;
        if (!tag?.trim()) throw new FlagError((say) => say.helpTag.nameTheTag);
        if (/^[+-]/.test(tag.trim())) throw new FlagError((say) => say.helpTag.noSign(tag));
        if (!argv.people?.length) throw new FlagError((say) => say.helpTag.namePerson);
        checkPeople(argv.people);
        return true;
      });
    return withExamples(parser, t.helpTag.examples) as unknown as Argv<TagArgs>;
  },
  handler: (argv: ArgumentsCamelCase<TagArgs>) => {
    const people = (argv.people ?? []).map(String);
    const tag = argv.tag!;
    return runWrite(argv, ['tag', argv.op!, tag, ...people], people, [['tags', `${argv.op === 'add' ? '+' : '-'}${tag}`]]);
  },
};
