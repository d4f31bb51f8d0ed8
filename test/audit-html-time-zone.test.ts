// The audit page's times follow --tz as the workbook's do: wall-clock times in the zone, the zone
// named in the time columns' headers and in a sentence in the run's language (default the
// machine's zone). Fixed data and a fixed clock: the audit instant and a pending invite's
// created_at are known instants.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDirectory } from '../src/app/audit-directory.js';
import { PachcaClient } from '../src/pachca/client.js';
import { buildAudit } from '../src/reports/audit.js';
import { renderAuditHtml } from '../src/reports/audit-html.js';
import type { SecurityLogReport } from '../src/reports/audit-log.js';
import { renderSecurityLogHtml } from '../src/reports/audit-log-html.js';
import { messages } from '../src/i18n/catalog.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { machineTimeZone } from '../src/sheets/time-zone.js';
import { buildDirectory } from '../src/sync/directory.js';
import { startTestSandbox } from './helpers/sandbox.js';

const NOW = new Date('2026-06-01T12:00:00Z');
/** stale.invite@example.com's created_at in the fixture: 2026-01-02T12:00:00Z. */
const STALE_INVITE_ROW = /<td>stale\.invite@example\.com<\/td>.*?<td>(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})<\/td>/;
const seed = JSON.parse(readFileSync(new URL('../fixtures/audit-directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const report = buildAudit(buildDirectory(seed.users, seed.tags, seed.customProperties), { now: NOW, inactiveDays: 90 });

/** The pending invites section of the page. */
function pendingInvites(html: string): string {
  return /<section id="pendingInvites">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}

describe('audit page times in the --tz zone', () => {
  it('shows each time as the wall clock of the zone (its own offset at that instant), the zone named in the header', () => {
    const berlin = renderAuditHtml(report, { timeZone: 'Europe/Berlin' });
    expect(berlin).toContain('Audited at 2026-06-01 14:00:00;');
    expect(berlin).toContain('Times are in the Europe/Berlin time zone.');
    expect(STALE_INVITE_ROW.exec(pendingInvites(berlin))?.[1]).toBe('2026-01-02 13:00:00');
    expect(pendingInvites(berlin)).toContain('<th>created_at (Europe/Berlin)</th>');
    expect(berlin).not.toMatch(/\d{2}:\d{2}:\d{2} UTC/);

    const utc = renderAuditHtml(report, { timeZone: 'UTC' });
    expect(utc).toContain('Audited at 2026-06-01 12:00:00;');
    expect(STALE_INVITE_ROW.exec(pendingInvites(utc))?.[1]).toBe('2026-01-02 12:00:00');
    expect(pendingInvites(utc)).toContain('<th>created_at (UTC)</th>');
  });

  it('shows the security log tables\' times in the zone too', () => {
    const person = { id: 7, email: 'anna@example.ru', name: 'Анна' };
    const log: SecurityLogReport = {
      since: new Date('2026-05-01T00:00:00Z'), journalsRead: null, roleChanges: [], accounts: [], tokens: [], twoFactorFailures: [], outsideChanges: [], eventsPerDay: [],
      lastSignIns: [{ person, at: new Date('2026-05-20T12:00:00Z'), signIns: 3, ipAddress: '10.0.0.1', userAgent: 'Firefox' }],
    };
    const signIns = (html: string): string => /<section id="lastSignIns">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(signIns(renderSecurityLogHtml(log, messages('en'), 'Europe/Berlin'))).toContain('2026-05-20 14:00:00');
    expect(signIns(renderSecurityLogHtml(log, messages('en'), 'Asia/Yekaterinburg'))).toContain('2026-05-20 17:00:00');
    expect(signIns(renderSecurityLogHtml(log, messages('en'), 'UTC'))).toContain('2026-05-20 12:00:00');
  });

  it('says the zone in the run\'s language; without --tz the zone is the machine\'s', () => {
    const russian = renderAuditHtml(report, { timeZone: 'Asia/Yekaterinburg', lang: 'ru' });
    expect(russian).toContain('Проверено 2026-06-01 17:00:00');
    expect(russian).toContain('Время указано в часовом поясе Asia/Yekaterinburg.');
    expect(renderAuditHtml(report)).toContain(`Times are in the ${machineTimeZone()} time zone.`);
  });
});

describe('audit use case: the page follows the request\'s zone', () => {
  let sandbox: RunningSandbox;
  let workDir: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed });
    workDir = await mkdtemp(join(tmpdir(), 'audit-html-tz-'));
  });
  afterAll(async () => {
    await sandbox?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('writes the page in Asia/Yekaterinburg (UTC+5) when asked', async () => {
    const htmlPath = join(workDir, 'audit.html');
    await auditDirectory({ inactiveDays: 90, htmlPath, lang: 'ru', timeZone: 'Asia/Yekaterinburg' }, {
      api: new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken }), events: () => undefined, clock: { now: () => NOW },
    });
    const page = await readFile(htmlPath, 'utf8');
    expect(page).toContain('Проверено 2026-06-01 17:00:00');
    expect(STALE_INVITE_ROW.exec(pendingInvites(page))?.[1]).toBe('2026-01-02 17:00:00');
    expect(page).toContain('Время указано в часовом поясе Asia/Yekaterinburg.');
  });
});
