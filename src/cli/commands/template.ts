import { extname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { fileFlag, FlagError } from '../flag-values.js';
import { forceOptionIn } from '../options.js';
import { checkOutputFile } from '../output-files.js';
import { defaultTemplateName, writeTemplate, type TemplateFormat, type TemplateLanguage } from '../../records/template.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages } from '../../i18n/catalog.js';

interface TemplateArgs {
  lang: TemplateLanguage;
  format?: TemplateFormat;
  out?: string;
  force: boolean;
}

export const templateCommand: CommandModule<object, TemplateArgs> = {
  command: 'template',
  describe: en.helpCommands.template,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      // The global --lang (main.ts) gives the choices; here it also picks the headers, Russian by default.
      .option('lang', { requiresArg: true, default: 'ru' as const, describe: t.helpTemplate.lang })
      .option('format', { requiresArg: true, choices: ['xlsx', 'csv'] as const, describe: t.helpTemplate.format })
      .option('out', { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: t.helpTemplate.out })
      .options(forceOptionIn(t))
      .group(['lang', 'format', 'out', 'force'], t.helpGroups.template)
      .check((argv) => {
        if (typeof argv.out !== 'string') return true;
        const fromName = extname(argv.out).toLowerCase().slice(1);
        const out = argv.out;
        if (fromName !== 'xlsx' && fromName !== 'csv') throw new FlagError((t) => t.errTemplateName(out));
        const format = String(argv.format);
        if (argv.format !== undefined && argv.format !== fromName) throw new FlagError((t) => t.errTemplateFormat(out, format));
        return true;
      });
    return withExamples(parser, t.helpTemplate.examples) as unknown as Argv<TemplateArgs>;
  },
  handler: async (args: ArgumentsCamelCase<TemplateArgs>) => {
    const fromName = args.out ? extname(args.out).toLowerCase().slice(1) : '';
    const format: TemplateFormat = args.format ?? (fromName === 'csv' ? 'csv' : 'xlsx');
    const out = args.out ?? defaultTemplateName(args.lang, format);
    checkOutputFile(out, args.force);
    await writeTemplate(out, args.lang, format);
    // Said in the language the template was written in (its --lang, Russian by default).
    process.stdout.write(`${messages(args.lang).templateWrote(out)}\n`);
  },
};
