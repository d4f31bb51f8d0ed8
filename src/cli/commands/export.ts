import { join, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ConnectionArgv } from '../connection.js';
import { exportDirectory } from '../../app/export-directory.js';
import { CSV_FILE_NAMES, defaultExportFileName, type ExportFilter } from '../../reports/export.js';
import { CHAT_CSV_FILE_NAMES } from '../../reports/export-chats.js';
import { fileFlag, FlagError, single } from '../flag-values.js';
import { connectionOptions, forceOption } from '../options.js';
import { checkOutputFile, checkOutputFolder } from '../output-files.js';
import { redactSecrets } from '../../redact.js';
import { connectFromFlags, renderReadEvents } from '../snapshot.js';

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', comma: ',', semicolon: ';', tab: '\t', '\\t': '\t' };

/** `coerce` for --delimiter: the character itself, or a parse error. */
function delimiterFlag(given: unknown): string {
  const value = String(single('delimiter', given));
  const delimiter = DELIMITERS[value];
  if (delimiter === undefined) throw new FlagError(`--delimiter must be "," ";" or "tab", not "${value}"`);
  return delimiter;
}

interface ExportArgs extends ConnectionArgv {
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
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'Export the directory (users, tags, membership) to an XLSX workbook or CSV files that import reads back',
  builder: (yargs: Argv) =>
    yargs
      .options({
        out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: 'XLSX: the workbook file, ending in .xlsx (default pachca-directory-<date>.xlsx); CSV: the folder for users.csv, tags.csv, membership.csv (default: the current folder)' },
        format: { requiresArg: true, choices: ['xlsx', 'csv'] as const, default: 'xlsx' as const, describe: 'xlsx: one workbook with Users, Tags, Membership, Chats (Chat membership with --chat-members) and Summary sheets (and the values as exported in a hidden sheet); csv: users.csv, tags.csv, membership.csv, chats.csv (UTF-8 with BOM) and users.base.json (the values as exported: keep it beside users.csv)' },
        delimiter: { type: 'string', requiresArg: true, default: ',', coerce: delimiterFlag, describe: 'CSV delimiter: "," ";" or "tab" (";" suits Excel with a Russian locale)' },
        'include-bots': { type: 'boolean', default: false, describe: 'Include bot accounts (left out by default)' },
        query: { type: 'string', requiresArg: true, describe: 'Only users whose name, email, phone or nickname contains this text (case-insensitive); the Tags sheet still lists every tag' },
        tag: { type: 'string', requiresArg: true, describe: 'Only members of this tag (exit 2 if there is no such tag); the Tags sheet still lists every tag' },
        department: { type: 'string', requiresArg: true, describe: 'Only this department (whole name, case-insensitive)' },
        'chat-members': { type: 'boolean', default: false, describe: 'Add a Chat membership sheet (chat-membership.csv): who is in each chat the token sees (one request per chat)' },
        json: { type: 'boolean', default: false, describe: 'Print a JSON summary (counts and file paths) instead of text' },
      })
      .options(forceOption)
      .group(['out', 'force', 'format', 'delimiter', 'include-bots', 'query', 'tag', 'department', 'chat-members', 'json'], 'Export:')
      .options(connectionOptions)
      .check((argv) => {
        if (argv.format === 'xlsx' && typeof argv.out === 'string' && !/\.xlsx$/i.test(argv.out)) {
          throw new FlagError(`--out ${argv.out}: an XLSX export needs a file name ending in .xlsx (or use --format csv with a folder)`);
        }
        return true;
      })
      .example('$0 export', 'Workbook pachca-directory-<date>.xlsx in the current folder')
      .example('$0 export --tag Backend --out backend.xlsx', 'Everyone in tag Backend')
      .example('$0 export --format csv --out ./export --delimiter ";"', 'users.csv, tags.csv, membership.csv for Excel with a Russian locale, and users.base.json')
      .example('$0 export --department Продажи --include-bots --json', 'One department, bots included, JSON summary on stdout') as unknown as Argv<ExportArgs>,
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
      },
      { api: connectFromFlags(argv), events: renderReadEvents(), clock: { now: () => exportedAt } },
    );
    const { requests } = result;
    if (argv.json) {
      process.stdout.write(`${redactSecrets(JSON.stringify({ format: argv.format, files: result.files, counts: result.counts, requests, apiUrl: result.apiUrl, exportedAt: exportedAt.toISOString() }, null, 2))}\n`);
    } else {
      const { counts } = result;
      const lines = [
        `Exported ${counts.users} users (of ${counts.usersInDirectory} in the directory${counts.botsExcluded ? `, ${counts.botsExcluded} bot${counts.botsExcluded === 1 ? "" : "s"} left out` : ''}), ${counts.tags} tags, ${counts.memberships} membership rows.`,
        ...result.files.map((file) => `  ${file}`),
        `${requests} API requests.`,
      ];
      process.stdout.write(`${redactSecrets(lines.join('\n'))}\n`);
    }
  },
};
