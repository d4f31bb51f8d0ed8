import { extname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { fileFlag, FlagError } from '../flag-values.js';
import { forceOption } from '../options.js';
import { checkOutputFile } from '../output-files.js';
import { defaultTemplateName, writeTemplate, type TemplateFormat, type TemplateLanguage } from '../../records/template.js';

interface TemplateArgs {
  lang: TemplateLanguage;
  format?: TemplateFormat;
  out?: string;
  force: boolean;
}

export const templateCommand: CommandModule<object, TemplateArgs> = {
  command: 'template',
  describe: 'Write a hire template (XLSX with notes and drop-downs, or CSV) to fill in and import',
  builder: (yargs: Argv) =>
    yargs
      // The global --lang (main.ts) gives the choices; here it also picks the headers, Russian by default.
      .option('lang', { requiresArg: true, default: 'ru' as const, describe: 'Header language (and the language of messages)' })
      .option('format', { requiresArg: true, choices: ['xlsx', 'csv'] as const, describe: 'File format (default: from --out, else xlsx)' })
      .option('out', { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: 'Where to write it, a name ending in .xlsx or .csv (default: hire-template-<lang>.<format> in the current folder)' })
      .options(forceOption)
      .group(['lang', 'format', 'out', 'force'], 'Template:')
      .check((argv) => {
        if (typeof argv.out !== 'string') return true;
        const fromName = extname(argv.out).toLowerCase().slice(1);
        if (fromName !== 'xlsx' && fromName !== 'csv') throw new FlagError(`--out ${argv.out}: the template file name must end in .xlsx or .csv`);
        if (argv.format !== undefined && argv.format !== fromName) throw new FlagError(`--out ${argv.out} does not end in .${String(argv.format)} as --format ${String(argv.format)} says`);
        return true;
      })
      .example('$0 template', 'hire-template-ru.xlsx: Russian headers, notes on each column, drop-downs for role and suspended, one example row to replace')
      .example('$0 template --lang en --format csv --out hires.csv', 'An English CSV template (UTF-8 with BOM, comma-separated)') as unknown as Argv<TemplateArgs>,
  handler: async (args: ArgumentsCamelCase<TemplateArgs>) => {
    const fromName = args.out ? extname(args.out).toLowerCase().slice(1) : '';
    const format: TemplateFormat = args.format ?? (fromName === 'csv' ? 'csv' : 'xlsx');
    const out = args.out ?? defaultTemplateName(args.lang, format);
    checkOutputFile(out, args.force);
    await writeTemplate(out, args.lang, format);
    process.stdout.write(`Wrote ${out}\n`);
  },
};
