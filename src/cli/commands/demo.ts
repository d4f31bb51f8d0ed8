import { join } from 'node:path';
import { packagePath } from '../../package-root.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { PachcaClient } from '../../pachca/client.js';
import { readAndValidate } from '../../records/validate.js';
import { DEFAULT_INACTIVE_DAYS } from '../../reports/audit.js';
import { securityLogSummaryLines } from '../../reports/audit-log.js';
import type { SandboxDirectory } from '../../sandbox/api.js';
import { auditDirectory } from '../../app/audit-directory.js';
import { exitCodeOfRun } from '../../app/errors.js';
import type { EventSink } from '../../app/events.js';
import { exportDirectory } from '../../app/export-directory.js';
import { importSheet } from '../../app/import-sheet.js';
import { DEFAULT_PLAN_OPTIONS } from '../../sync/plan.js';
import { fileFlag } from '../flag-values.js';
import { formatSummary, renderImportEvents } from '../import-text.js';
import { redactSecrets, registerSecret } from '../../redact.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages } from '../../i18n/catalog.js';
import { langOf } from '../lang.js';

interface DemoArgs {
  out?: string;
  lang?: string;
}


export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: en.helpCommands.demo,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .options({
        out: { type: 'string', requiresArg: true, coerce: fileFlag('out'), describe: t.helpDemo.out, defaultDescription: './pachca-roster-runs/<timestamp>' },
      })
      .group(['out'], t.helpGroups.demo);
    return withExamples(parser, t.helpDemo.examples) as unknown as Argv<DemoArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<DemoArgs>) => {
    const lang = langOf(argv);
    const t = messages(lang);
    const print = (text: string): void => {
      process.stdout.write(`${redactSecrets(text)}\n`);
    };
    // Loaded only here: every other command starts without the sandbox.
    const { startSandbox } = await import('../../sandbox/server.js');
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, seed: packagePath('fixtures', 'directory.json') });
    registerSecret(sandbox.adminToken);
    registerSecret(sandbox.botToken);
    try {
      print(t.demoSandbox(sandbox.url));
      const sheet = packagePath('fixtures', 'hires-ru.xlsx');
      print(t.demoImporting(sheet));
      const client = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken });
      const result = await importSheet(
        {
          file: sheet,
          ...(argv.out ? { outDir: argv.out } : {}),
          dryRun: false,
          yes: true,
          readOptions: {},
          planOptions: DEFAULT_PLAN_OPTIONS,
          lang,
        },
        {
          readSheet: (file, options) => readAndValidate(file, { ...options, lang }),
          connect: () => client,
          events: renderImportEvents({ print, warn: (text) => process.stderr.write(`${redactSecrets(text)}\n`), quiet: false, lang }),
        },
      );
      if (result.summary) print(`\n${formatSummary(result.summary, result.runFolder, lang)}`);

      // The same use cases as export and audit, on the sandbox: the directory after the import, then its audit.
      const quiet: EventSink = (event) => {
        if (event.type === 'warning') process.stderr.write(`${redactSecrets(t.runWarning(event.text))}\n`);
      };
      const exportPath = join(result.runFolder, 'directory-export.xlsx');
      const exported = await exportDirectory({ target: { format: 'xlsx', path: exportPath }, filter: {}, lang }, { api: client, events: quiet });
      print(t.demoExported(exported.counts.users, exported.counts.tags, exportPath));

      // The security log since its first seeded event (the sample company's dates are fixed); the run's journal marks the tool's changes.
      const now = new Date();
      const since = firstLoggedAt(sandbox.directory()) ?? now;
      const auditHtml = join(result.runFolder, 'audit.html');
      const audit = await auditDirectory(
        { inactiveDays: DEFAULT_INACTIVE_DAYS, since, runsFolder: result.runFolder, xlsxPath: join(result.runFolder, 'audit.xlsx'), htmlPath: auditHtml, lang },
        { api: client, events: quiet, clock: { now: () => now } },
      );
      print(t.demoAudited(since.toISOString().slice(0, 10), auditHtml));
      if (audit.securityLog) for (const [title, count] of securityLogSummaryLines(audit.securityLog, t)) print(`  ${title}: ${count}`);
      print(t.demoNext);
      process.exitCode = exitCodeOfRun(result.status, result.fatal);
    } finally {
      await sandbox.stop();
    }
  },
};

function firstLoggedAt(directory: SandboxDirectory): Date | undefined {
  const times = (directory.auditEvents ?? []).map((event) => Date.parse(event.created_at)).filter((time) => !Number.isNaN(time));
  return times.length ? new Date(Math.min(...times)) : undefined;
}
