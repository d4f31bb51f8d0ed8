import { extname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { defaultTemplateName, writeTemplate, type TemplateFormat, type TemplateLanguage } from '../../records/template.js';

interface TemplateArgs {
  lang: TemplateLanguage;
  format?: TemplateFormat;
  out?: string;
}

export const templateCommand: CommandModule<object, TemplateArgs> = {
  command: 'template',
  describe: 'Write a hire template (XLSX with notes and drop-downs, or CSV) to fill in and import',
  builder: (yargs: Argv) =>
    yargs
      .option('lang', { choices: ['ru', 'en'] as const, default: 'ru' as const, describe: 'Header language' })
      .option('format', { choices: ['xlsx', 'csv'] as const, describe: 'File format (default: from --out, else xlsx)' })
      .option('out', { type: 'string', describe: 'Where to write it (default: hire-template-<lang>.<format> in the current folder)' })
      .group(['lang', 'format', 'out'], 'Template:')
      .example('$0 template', 'hire-template-ru.xlsx: Russian headers, notes on each column, drop-downs for role and suspended, one example row to replace')
      .example('$0 template --lang en --format csv --out hires.csv', 'An English CSV template (UTF-8 with BOM, comma-separated)') as unknown as Argv<TemplateArgs>,
  handler: async (args: ArgumentsCamelCase<TemplateArgs>) => {
    const fromName = args.out ? extname(args.out).toLowerCase().slice(1) : '';
    const format: TemplateFormat = args.format ?? (fromName === 'csv' ? 'csv' : 'xlsx');
    const out = args.out ?? defaultTemplateName(args.lang, format);
    await writeTemplate(out, args.lang, format);
    process.stdout.write(`Wrote ${out}\n`);
  },
};
