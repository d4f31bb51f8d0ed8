import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import type { ConnectionArgv } from '../connection.js';
import { auditDirectory } from '../../app/audit-directory.js';
import { DEFAULT_INACTIVE_DAYS, auditSummary, summaryLines } from '../../reports/audit.js';
import { securityLogCounts, securityLogHeading, securityLogSummaryLines, type SecurityLogReport } from '../../reports/audit-log.js';
import { fileFlag, FlagError, numberFlag } from '../flag-values.js';
import { connectionOptionsIn, forceOptionIn } from '../options.js';
import { checkOutputFile } from '../output-files.js';
import { redactSecrets } from '../../redact.js';
import { connectFromFlags, renderReadEvents } from '../snapshot.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages } from '../../i18n/catalog.js';
import { langOf } from '../lang.js';
import { timeZoneOf, timeZoneOptionIn } from '../time-zone-flag.js';

interface AuditArgs extends ConnectionArgv {
  lang?: string;
  'inactive-days': number;
  out?: string;
  html?: string;
  json: boolean;
  force: boolean;
  since?: string;
  days?: number;
  runs?: string;
  tz?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the security log window from --since/--days, or undefined when neither is given. */
export function securityLogSince(argv: Pick<AuditArgs, 'since' | 'days' | 'runs'>, now: Date): Date | undefined {
  if (argv.since !== undefined && argv.days !== undefined) throw new InputError('give --since or --days, not both');
  if (argv.runs !== undefined && argv.since === undefined && argv.days === undefined) {
    throw new InputError('--runs matches the security log against run journals: give --since DATE or --days N too');
  }
  if (argv.days !== undefined) {
    if (!Number.isInteger(argv.days) || argv.days < 1) {
      throw new InputError(`--days must be a whole number of days (1 or more)${Number.isNaN(argv.days) ? '' : `, not "${argv.days}"`}`);
    }
    return new Date(now.getTime() - argv.days * DAY_MS);
  }
  if (argv.since === undefined) return undefined;
  const text = String(argv.since).trim();
  const since = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(since.getTime())) throw new InputError(`--since must be a date such as 2026-08-01 (or an ISO date-time), not "${text}"`);
  if (since > now) throw new InputError(`--since ${text} is in the future`);
  return since;
}

function checkRunsFolder(runs: string | undefined): void {
  if (runs === undefined) return;
  if (!existsSync(runs) || !statSync(runs).isDirectory()) throw new InputError(`--runs ${runs}: no such folder`);
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: 'audit',
  describe: en.helpCommands.audit,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .options({
        'inactive-days': { type: 'string', requiresArg: true, default: DEFAULT_INACTIVE_DAYS, coerce: numberFlag('inactive-days', { min: 0, max: 36500, integer: true, unit: 'days' }), describe: t.helpAudit.inactiveDays },
        out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: t.helpAudit.out },
        html: { type: 'string', requiresArg: true, coerce: fileFlag('html'), describe: t.helpAudit.html },
        json: { type: 'boolean', default: false, describe: t.helpAudit.json },
        since: { type: 'string', requiresArg: true, describe: t.helpAudit.since },
        days: { type: 'string', requiresArg: true, coerce: numberFlag('days', { min: 1, max: 36500, integer: true, unit: 'days' }), describe: t.helpAudit.days },
        runs: { type: 'string', requiresArg: true, describe: t.helpAudit.runs },
      })
      .options(forceOptionIn(t))
      .options(timeZoneOptionIn(t))
      .group(['inactive-days', 'out', 'html', 'force', 'tz', 'json'], t.helpGroups.audit)
      .group(['since', 'days', 'runs'], t.helpGroups.securityLog)
      .options(connectionOptionsIn(t))
      .check((argv) => {
        const out = argv.out;
        if (typeof out === 'string' && !/\.xlsx$/i.test(out)) throw new FlagError((t) => t.errAuditXlsxName(out));
        if (argv.out !== undefined && argv.html !== undefined && resolve(argv.out) === resolve(argv.html)) throw new FlagError((t) => t.errAuditSameFile);
        try {
          securityLogSince(argv, new Date());
          checkRunsFolder(argv.runs);
        } catch (error) {
          if (error instanceof InputError) throw new FlagError(error.say);
          throw error;
        }
        return true;
      });
    return withExamples(parser, t.helpAudit.examples) as unknown as Argv<AuditArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<AuditArgs>) => {
    const inactiveDays = argv['inactive-days'];
    if (argv.out !== undefined) checkOutputFile(argv.out, argv.force);
    if (argv.html !== undefined) checkOutputFile(argv.html, argv.force, '--html');

    const now = new Date();
    const since = securityLogSince(argv, now);
    checkRunsFolder(argv.runs);

    const lang = langOf(argv);
    const t = messages(lang);
    const { report, securityLog, files } = await auditDirectory(
      {
        inactiveDays,
        ...(since !== undefined ? { since } : {}),
        ...(argv.runs !== undefined ? { runsFolder: resolve(argv.runs) } : {}),
        ...(argv.out !== undefined ? { xlsxPath: resolve(argv.out) } : {}),
        ...(argv.html !== undefined ? { htmlPath: resolve(argv.html) } : {}),
        lang,
        timeZone: timeZoneOf(argv),
      },
      { api: connectFromFlags(argv), events: renderReadEvents(t), clock: { now: () => now } },
    );

    if (argv.json) {
      const output = {
        auditedAt: report.now.toISOString(), inactiveDays, people: report.people, counts: auditSummary(report),
        ...(securityLog ? { securityLog: securityLogJson(securityLog) } : {}),
        files,
      };
      process.stdout.write(`${redactSecrets(JSON.stringify(output, null, 2))}\n`);
      return;
    }
    const lines = summaryLines(report, t);
    const logLines = securityLog ? securityLogSummaryLines(securityLog, t) : [];
    const width = Math.max(...[...lines, ...logLines].map(([title]) => title.length));
    const text = [
      t.auditPrintedHead(report.people, inactiveDays),
      ...lines.map(([title, count]) => `  ${title.padEnd(width)}  ${count}`),
      ...(report.suspendedInTags.length > 0 ? [t.auditSuspendedInTagsFix] : []),
      ...(securityLog ? [securityLogHeading(securityLog, t)] : []),
      ...logLines.map(([title, count]) => `  ${title.padEnd(width)}  ${count}`),
      ...files.map((file) => t.auditWrote(file)),
    ];
    process.stdout.write(`${redactSecrets(text.join('\n'))}\n`);
  },
};

function securityLogJson(report: SecurityLogReport): Record<string, unknown> {
  return {
    since: report.since.toISOString(),
    ...(report.note ? { note: report.note } : { counts: securityLogCounts(report) }),
    journalsRead: report.journalsRead,
  };
}
