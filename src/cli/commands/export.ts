import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import type { ConnectionArgv } from '../../pachca/config.js';
import {
  UnknownTagError, defaultExportFileName, selectForExport, writeExportCsv, writeExportXlsx,
  type ExportFilter, type ExportResult,
} from '../../reports/export.js';
import { connectionOptions } from '../options.js';
import { redactSecrets } from '../../redact.js';
import { snapshotFromFlags } from '../snapshot.js';

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', comma: ',', semicolon: ';', tab: '\t', '\\t': '\t' };

interface ExportArgs extends ConnectionArgv {
  out?: string;
  format: 'xlsx' | 'csv';
  delimiter: string;
  'include-bots': boolean;
  query?: string;
  tag?: string;
  department?: string;
  json: boolean;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'Export the directory (users, tags, membership) to an XLSX workbook or CSV files that import reads back',
  builder: (yargs: Argv) =>
    yargs
      .options({
        out: { type: 'string', describe: 'XLSX: the workbook file, ending in .xlsx (default pachca-directory-<date>.xlsx); CSV: the folder for users.csv, tags.csv, membership.csv (default: the current folder)' },
        format: { choices: ['xlsx', 'csv'] as const, default: 'xlsx' as const, describe: 'xlsx: one workbook with Users, Tags, Membership and Summary sheets (and the values as exported in a hidden sheet); csv: users.csv, tags.csv, membership.csv (UTF-8 with BOM) and users.base.json (the values as exported: keep it beside users.csv)' },
        delimiter: { type: 'string', default: ',', describe: 'CSV delimiter: "," ";" or "tab" (";" suits Excel with a Russian locale)' },
        'include-bots': { type: 'boolean', default: false, describe: 'Include bot accounts (left out by default)' },
        query: { type: 'string', describe: 'Only users whose name, email, phone or nickname contains this text (case-insensitive); the Tags sheet still lists every tag' },
        tag: { type: 'string', describe: 'Only members of this tag (exit 2 if there is no such tag); the Tags sheet still lists every tag' },
        department: { type: 'string', describe: 'Only this department (whole name, case-insensitive)' },
        json: { type: 'boolean', default: false, describe: 'Print a JSON summary (counts and file paths) instead of text' },
      })
      .group(['out', 'format', 'delimiter', 'include-bots', 'query', 'tag', 'department', 'json'], 'Export:')
      .options(connectionOptions)
      .example('$0 export', 'Workbook pachca-directory-<date>.xlsx in the current folder')
      .example('$0 export --tag Backend --out backend.xlsx', 'Everyone in tag Backend')
      .example('$0 export --format csv --out ./export --delimiter ";"', 'users.csv, tags.csv, membership.csv for Excel with a Russian locale, and users.base.json')
      .example('$0 export --department Продажи --include-bots --json', 'One department, bots included, JSON summary on stdout') as unknown as Argv<ExportArgs>,
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    const delimiter = DELIMITERS[argv.delimiter];
    if (delimiter === undefined) throw new InputError(`--delimiter must be "," ";" or "tab", not "${argv.delimiter}"`);
    if (argv.format === 'xlsx' && argv.out && !/\.xlsx$/i.test(argv.out)) {
      throw new InputError(`--out ${argv.out}: an XLSX export needs a file name ending in .xlsx (or use --format csv with a directory)`);
    }

    const { client, directory } = await snapshotFromFlags(argv);

    const filter: ExportFilter = {
      includeBots: argv['include-bots'],
      ...(argv.query !== undefined ? { query: argv.query } : {}),
      ...(argv.tag !== undefined ? { tag: argv.tag } : {}),
      ...(argv.department !== undefined ? { department: argv.department } : {}),
    };
    let selection;
    try {
      selection = selectForExport(directory, filter);
    } catch (error) {
      if (error instanceof UnknownTagError) throw new InputError(`--tag: ${error.message}`);
      throw error;
    }

    const exportedAt = new Date();
    let result: ExportResult;
    if (argv.format === 'csv') {
      result = await writeExportCsv(resolve(argv.out ?? '.'), directory, selection, { delimiter });
    } else {
      const path = resolve(argv.out ?? defaultExportFileName(exportedAt));
      result = await writeExportXlsx(path, directory, selection, { apiUrl: client.apiUrl, exportedAt, filter });
    }

    const requests = client.stats().requests;
    if (argv.json) {
      process.stdout.write(`${redactSecrets(JSON.stringify({ format: argv.format, files: result.files, counts: result.counts, requests, apiUrl: client.apiUrl, exportedAt: exportedAt.toISOString() }, null, 2))}\n`);
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
