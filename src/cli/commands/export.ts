import { join, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ConnectionArgv } from '../connection.js';
import { exportDirectory } from '../../app/export-directory.js';
import { CSV_FILE_NAMES, defaultExportFileName, type ExportFilter } from '../../reports/export.js';
import { CHAT_CSV_FILE_NAMES } from '../../reports/export-chats.js';
import { fileFlag, FlagError, single } from '../flag-values.js';
import { connectionOptionsIn, forceOptionIn } from '../options.js';
import { checkOutputFile, checkOutputFolder } from '../output-files.js';
import { redactSecrets } from '../../redact.js';
import { connectFromFlags, renderReadEvents } from '../snapshot.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages } from '../../i18n/catalog.js';
import { langOf } from '../lang.js';
import { timeZoneOf, timeZoneOptionIn } from '../time-zone-flag.js';

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', comma: ',', semicolon: ';', tab: '\t', '\\t': '\t' };

/** `coerce` for --delimiter: the character itself, or a parse error. */
function delimiterFlag(given: unknown): string {
  const value = String(single('delimiter', given));
  const delimiter = DELIMITERS[value];
  if (delimiter === undefined) throw new FlagError((t) => t.errExportDelimiter(value));
  return delimiter;
}

interface ExportArgs extends ConnectionArgv {
  lang?: string;
  out?: string;
  format: 'xlsx' | 'csv';
  delimiter: string;
  'include-bots': boolean;
  query?: string;
  tag?: string;
  department?: string;
  'chat-members': boolean;
  json: boolean;
  force: boolean;
  tz?: string;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: en.helpCommands.export,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .options({
        out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: t.helpExport.out },
        format: { requiresArg: true, choices: ['xlsx', 'csv'] as const, default: 'xlsx' as const, describe: t.helpExport.format },
        delimiter: { type: 'string', requiresArg: true, default: ',', coerce: delimiterFlag, describe: t.helpExport.delimiter },
        'include-bots': { type: 'boolean', default: false, describe: t.helpExport.includeBots },
        query: { type: 'string', requiresArg: true, describe: t.helpExport.query },
        tag: { type: 'string', requiresArg: true, describe: t.helpExport.tag },
        department: { type: 'string', requiresArg: true, describe: t.helpExport.department },
        'chat-members': { type: 'boolean', default: false, describe: t.helpOnboarding.chatMembers },
        json: { type: 'boolean', default: false, describe: t.helpExport.json },
      })
      .options(forceOptionIn(t))
      .options(timeZoneOptionIn(t))
      .group(['out', 'force', 'format', 'delimiter', 'tz', 'include-bots', 'query', 'tag', 'department', 'chat-members', 'json'], t.helpGroups.export)
      .options(connectionOptionsIn(t))
      .check((argv) => {
        if (argv.format === 'xlsx' && typeof argv.out === 'string' && !/\.xlsx$/i.test(argv.out)) {
          const out = argv.out;
          throw new FlagError((t) => t.errExportXlsxName(out));
        }
        return true;
      });
    return withExamples(parser, t.helpExport.examples) as unknown as Argv<ExportArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    const exportedAt = new Date();
    const csvFolder = argv.out ?? '.';
    const xlsxPath = argv.out ?? defaultExportFileName(exportedAt);
    if (argv.format === 'csv') {
      if (checkOutputFolder(csvFolder)) {
        for (const name of [...Object.values(CSV_FILE_NAMES), ...Object.values(CHAT_CSV_FILE_NAMES)]) checkOutputFile(join(csvFolder, name), argv.force);
      }
    } else {
      checkOutputFile(xlsxPath, argv.force);
    }

    const filter: ExportFilter = {
      includeBots: argv['include-bots'],
      ...(argv.query !== undefined ? { query: argv.query } : {}),
      ...(argv.tag !== undefined ? { tag: argv.tag } : {}),
      ...(argv.department !== undefined ? { department: argv.department } : {}),
    };
    const result = await exportDirectory(
      {
        target: argv.format === 'xlsx' ? { format: 'xlsx', path: resolve(xlsxPath) } : { format: 'csv', folder: resolve(csvFolder), delimiter: argv.delimiter },
        filter,
        chatMembers: argv['chat-members'],
        lang: langOf(argv),
        timeZone: timeZoneOf(argv),
      },
      { api: connectFromFlags(argv), events: renderReadEvents(messages(langOf(argv))), clock: { now: () => exportedAt } },
    );
    const { requests } = result;
    if (argv.json) {
      process.stdout.write(`${redactSecrets(JSON.stringify({ format: argv.format, files: result.files, counts: result.counts, requests, apiUrl: result.apiUrl, exportedAt: exportedAt.toISOString() }, null, 2))}\n`);
    } else {
      const { counts } = result;
      const t = messages(langOf(argv));
      const lines = [
        t.exportDone(counts.users, counts.usersInDirectory, counts.botsExcluded, counts.tags, counts.memberships),
        ...result.files.map((file) => `  ${file}`),
        t.exportRequests(requests),
      ];
      process.stdout.write(`${redactSecrets(lines.join('\n'))}\n`);
    }
  },
};
