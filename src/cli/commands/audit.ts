import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ConnectionArgv } from '../../pachca/config.js';
import { DEFAULT_INACTIVE_DAYS, auditSummary, buildAudit, summaryLines, writeAuditXlsx } from '../../reports/audit.js';
import { writeAuditHtml } from '../../reports/audit-html.js';
import { fileFlag, FlagError, numberFlag } from '../flag-values.js';
import { connectionOptions, forceOption } from '../options.js';
import { checkOutputFile } from '../output-files.js';
import { redactSecrets } from '../../redact.js';
import { snapshotFromFlags } from '../snapshot.js';

interface AuditArgs extends ConnectionArgv {
  'inactive-days': number;
  out?: string;
  html?: string;
  json: boolean;
  force: boolean;
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: 'audit',
  describe: 'Audit the directory: inactive people, pending invites, suspended people still in tags, missing fields, admins and guests, empty tags, possible duplicates',
  builder: (yargs: Argv) =>
    yargs
      .options({
        'inactive-days': { type: 'string', requiresArg: true, default: DEFAULT_INACTIVE_DAYS, coerce: numberFlag('inactive-days', { min: 0, max: 36500, integer: true, unit: 'days' }), describe: 'Inactive: an active person with no activity for more than this many days (or never logged in and created that long ago)' },
        out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: 'Write the findings as an XLSX workbook (file name ending in .xlsx; one sheet per finding and a Summary)' },
        html: { type: 'string', requiresArg: true, coerce: fileFlag('html'), describe: 'Write a self-contained HTML page (tables, charts of headcount by department and of last activity; opens offline)' },
        json: { type: 'boolean', default: false, describe: 'Print the summary counts (and file paths) as JSON' },
      })
      .options(forceOption)
      .group(['inactive-days', 'out', 'html', 'force', 'json'], 'Audit:')
      .options(connectionOptions)
      .check((argv) => {
        if (typeof argv.out === 'string' && !/\.xlsx$/i.test(argv.out)) throw new FlagError(`--out ${argv.out}: the audit workbook needs a file name ending in .xlsx`);
        if (argv.out !== undefined && argv.html !== undefined && resolve(argv.out) === resolve(argv.html)) throw new FlagError('--out and --html name the same file');
        return true;
      })
      .example('$0 audit', 'Print a count per finding (nothing is written, nothing changes)')
      .example('$0 audit --inactive-days 30 --out audit.xlsx --html audit.html', 'Workbook and web page, 30-day threshold')
      .example('$0 audit --json', 'Counts as JSON for monitoring') as unknown as Argv<AuditArgs>,
  handler: async (argv: ArgumentsCamelCase<AuditArgs>) => {
    const inactiveDays = argv['inactive-days'];
    if (argv.out !== undefined) checkOutputFile(argv.out, argv.force);
    if (argv.html !== undefined) checkOutputFile(argv.html, argv.force, '--html');

    const { client, directory } = await snapshotFromFlags(argv);
    const report = buildAudit(directory, { now: new Date(), inactiveDays });

    const files: string[] = [];
    if (argv.out !== undefined) {
      const path = resolve(argv.out);
      await writeAuditXlsx(path, report);
      files.push(path);
    }
    if (argv.html !== undefined) {
      const path = resolve(argv.html);
      await writeAuditHtml(path, report, { source: client.apiUrl });
      files.push(path);
    }

    if (argv.json) {
      const output = { auditedAt: report.now.toISOString(), inactiveDays, people: report.people, counts: auditSummary(report), files };
      process.stdout.write(`${redactSecrets(JSON.stringify(output, null, 2))}\n`);
      return;
    }
    const lines = summaryLines(report);
    const width = Math.max(...lines.map(([title]) => title.length));
    const text = [
      `Audit of ${report.people} people (bots excluded), inactive = more than ${inactiveDays} days:`,
      ...lines.map(([title, count]) => `  ${title.padEnd(width)}  ${count}`),
      ...files.map((file) => `Wrote ${file}`),
    ];
    process.stdout.write(`${redactSecrets(text.join('\n'))}\n`);
  },
};
