// The audit use case: findings about the directory (and, for a window, its security log matched
// against this tool's run journals), written as a workbook and/or a web page when asked.
import type { PachcaApi } from '../pachca/api.js';
import { buildAudit, writeAuditXlsx, type AuditReport } from '../reports/audit.js';
import { writeAuditHtml } from '../reports/audit-html.js';
import { buildSecurityLogReport, lastSignInById, securityLogAppendix, type SecurityLogReport } from '../reports/audit-log.js';
import { renderSecurityLogHtml } from '../reports/audit-log-html.js';
import { readRunJournals } from '../sync/run-journals.js';
import { readSecurityLog } from '../sync/security-log.js';
import { toCliError } from './errors.js';
import { systemClock, type Clock, type EventSink } from './events.js';
import { readDirectory } from './read-directory.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/catalog.js';
import { machineTimeZone } from '../sheets/time-zone.js';

export interface AuditRequest {
  inactiveDays: number;
  /** The start of the security log window; none: the log is not read. */
  since?: Date;
  /** A folder of run folders whose journals tell this tool's changes from others'. */
  runsFolder?: string;
  /** Absolute paths to write, when asked. */
  xlsxPath?: string;
  htmlPath?: string;
  /** The language of the workbook and the page (default English). */
  lang?: Lang;
  /** The IANA zone of the workbook's and the page's times (default the machine's), named in their headers. */
  timeZone?: string;
}

export interface AuditPorts {
  api: PachcaApi;
  events: EventSink;
  clock?: Clock;
}

export interface AuditOutcome {
  report: AuditReport;
  securityLog?: SecurityLogReport;
  files: string[];
}

export async function auditDirectory(request: AuditRequest, ports: AuditPorts): Promise<AuditOutcome> {
  const now = (ports.clock ?? systemClock).now();
  const { api } = ports;
  const directory = await readDirectory(api, ports.events, {}, request.lang);
  const t = messages(request.lang ?? 'en');
  let securityLog: SecurityLogReport | undefined;
  /** The same rows in the run's language, for the workbook and the page (securityLog stays English for the JSON). */
  let securityLogSaid: SecurityLogReport | undefined;
  if (request.since !== undefined) {
    const log = await readSecurityLog(api, request.since).catch((error: unknown) => {
      throw toCliError(error);
    });
    const runs = request.runsFolder === undefined ? undefined : readRunJournals(request.runsFolder);
    securityLog = buildSecurityLogReport(log, directory, { now, ...(runs ? { runs } : {}) });
    securityLogSaid = request.lang && request.lang !== 'en' ? buildSecurityLogReport(log, directory, { now, ...(runs ? { runs } : {}), t }) : securityLog;
  }
  const report = buildAudit(directory, { now, inactiveDays: request.inactiveDays, ...(securityLog ? { lastSignInById: lastSignInById(securityLog) } : {}) });

  const files: string[] = [];
  const timeZone = request.timeZone ?? machineTimeZone();
  if (request.xlsxPath !== undefined) {
    await writeAuditXlsx(request.xlsxPath, report, securityLogSaid ? securityLogAppendix(securityLogSaid, t) : undefined, request.lang, timeZone);
    files.push(request.xlsxPath);
  }
  if (request.htmlPath !== undefined) {
    await writeAuditHtml(request.htmlPath, report, {
      source: api.apiUrl, timeZone, ...(request.lang ? { lang: request.lang } : {}),
      ...(securityLogSaid ? { appendixHtml: renderSecurityLogHtml(securityLogSaid, t, timeZone) } : {}),
    });
    files.push(request.htmlPath);
  }
  return { report, ...(securityLog ? { securityLog } : {}), files };
}
