// The audit's security-log sections over the sandbox: each finding from events seeded for it and
// from changes made through the API (by this tool, by a journaled run, by hand), the request
// count of the filtered read, and the notes when the token or the plan cannot read the log.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import type { AuditEvent, AuditEventKey, User } from '../src/pachca/types.js';
import { buildAudit } from '../src/reports/audit.js';
import { buildSecurityLogReport, lastSignInById, securityLogCounts, type SecurityLogReport } from '../src/reports/audit-log.js';
import { renderSecurityLogHtml } from '../src/reports/audit-log-html.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { blankUser, defaultDirectory } from '../src/sandbox/workspace.js';
import { takeSnapshot } from '../src/sync/directory.js';
import { readRunJournals } from '../src/sync/run-journals.js';
import { NO_PLAN_NOTE, NO_SCOPE_NOTE, SECURITY_LOG_KEYS, readSecurityLog } from '../src/sync/security-log.js';
import { api, fetchStats, startTestSandbox } from './helpers/sandbox.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.now();
const SINCE = new Date(NOW - 60 * DAY);
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
const NOISE_EVENTS = 120;

function event(daysAgo: number, key: AuditEventKey, actor: number, entity: [string, number], details: Record<string, unknown> = {}): AuditEvent {
  return {
    id: `00000000-0000-4000-a000-${String(Math.round(daysAgo * 1000) + key.length * 7 + actor).padStart(12, '0')}`,
    created_at: new Date(NOW - daysAgo * DAY).toISOString(),
    event_key: key, entity_id: String(entity[1]), entity_type: entity[0], actor_id: String(actor), actor_type: 'User',
    details, ip_address: '10.0.0.7', user_agent: BROWSER,
  };
}

function person(id: number, email: string, lastActivityDaysAgo: number | null): User {
  return blankUser(id, {
    first_name: email.split('@')[0]!, last_name: 'Тестов', nickname: email.split('@')[0]!, email, invite_status: 'confirmed',
    created_at: new Date(NOW - 400 * DAY).toISOString(),
    last_activity_at: lastActivityDaysAgo === null ? null : new Date(NOW - lastActivityDaysAgo * DAY).toISOString(),
  });
}

function seed(): SandboxDirectory {
  const directory = defaultDirectory(new Date(NOW));
  directory.users.push(
    { ...person(10, 'ann@example.ru', 1), role: 'admin' }, person(11, 'bob@example.ru', 1), person(12, 'cat@example.ru', 1),
    person(13, 'dan@example.ru', 1), person(14, 'eve@example.ru', 2),
  );
  directory.auditEvents = [
    event(70, 'user_role_changed', 1, ['User', 12], { new_company_role: 'admin', previous_company_role: 'user', initiator_id: 1 }),
    event(5, 'user_role_changed', 1, ['User', 10], { new_company_role: 'admin', previous_company_role: 'user', initiator_id: 1 }),
    event(4, 'access_token_created', 10, ['AccessToken', 77], { scopes: ['users:read', 'users:update'] }),
    event(3, 'access_token_destroy', 10, ['AccessToken', 77], { scopes: ['users:read', 'users:update'] }),
    event(6, 'user_2fa_fail', 11, ['User', 11]), event(5.9, 'user_2fa_fail', 11, ['User', 11]), event(1, 'user_2fa_fail', 11, ['User', 11]),
    event(8, 'user_2fa_fail', 12, ['User', 12]),
    event(40, 'user_login', 13, ['User', 13]),
    event(10, 'user_login', 14, ['User', 14]), event(2, 'user_login', 14, ['User', 14]),
    event(20, 'user_created', 10, ['User', 14]),
    event(15, 'user_deleted', 1, ['User', 99]),
    ...Array.from({ length: NOISE_EVENTS }, (_, index) => event(1 + index / 100, 'message_created', 11, ['Message', 5000 + index])),
  ];
  return directory;
}

let sandbox: RunningSandbox;
let runsDir: string;
let report: SecurityLogReport;
let auditRequests: number;
let reportedAt: Date;
const createdIds: Record<string, number> = {};

async function createByHand(email: string): Promise<number> {
  const response = await api(sandbox, 'POST', '/users', { body: { user: { email } }, headers: { 'user-agent': BROWSER } });
  return (response.body as { data: User }).data.id;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: seed() });
  runsDir = mkdtempSync(join(tmpdir(), 'audit-log-runs-'));
  const client = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken });
  // Made by this tool (its user agent), by a run whose journal says so, and by hand.
  createdIds.tool = (await client.createUser({ user: { email: 'tool@example.ru' } })).id;
  createdIds.journal = await createByHand('journal@example.ru');
  createdIds.hand = await createByHand('hand@example.ru');
  mkdirSync(join(runsDir, 'run-1'));
  writeFileSync(join(runsDir, 'run-1', 'journal.jsonl'), [
    JSON.stringify({ at: new Date().toISOString(), key: 'row:2', step: 'user', kind: 'create', ok: true, email: 'journal@example.ru', userId: createdIds.journal }),
    'not json at all',
    JSON.stringify({ at: new Date().toISOString(), key: 'row:3', step: 'user', kind: 'create', ok: false, userId: createdIds.hand }),
    '{"at": "2026-08-01T10:0',
  ].join('\n'));
  mkdirSync(join(runsDir, 'empty-run'));

  const directory = await takeSnapshot(client);
  const before = (await fetchStats(sandbox)).requests['GET /audit_events']?.['200'] ?? 0;
  const log = await readSecurityLog(client, SINCE);
  auditRequests = ((await fetchStats(sandbox)).requests['GET /audit_events']?.['200'] ?? 0) - before;
  reportedAt = new Date();
  report = buildSecurityLogReport(log, directory, { now: reportedAt, runs: readRunJournals(runsDir) });
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(runsDir, { recursive: true, force: true });
});

describe('the audit\'s security log sections', () => {
  it('reads the log with one filtered request per event key, not the whole log', () => {
    // 120 message events would take 3 more pages if the filters were applied locally.
    expect(auditRequests).toBe(SECURITY_LOG_KEYS.length);
  });

  it('role changes: whose, from and to, by whom, only since the start', () => {
    expect(report.roleChanges.map((entry) => [entry.person.email, entry.from, entry.to, entry.by.email])).toEqual([
      ['ann@example.ru', 'user', 'admin', 'owner@example.ru'],
    ]);
  });

  it('accounts created and deleted, by whom, and which this tool made (user agent or a run journal)', () => {
    expect(report.accounts.map((entry) => [entry.change, entry.account.email || entry.account.id, entry.by.email, entry.madeBy])).toEqual([
      ['created', 'eve@example.ru', 'ann@example.ru', ''],
      ['deleted', 99, 'owner@example.ru', ''],
      ['created', 'tool@example.ru', 'owner@example.ru', 'pachca-roster'],
      ['created', 'journal@example.ru', 'owner@example.ru', 'pachca-roster (run run-1)'],
      ['created', 'hand@example.ru', 'owner@example.ru', ''],
    ]);
    expect(report.journalsRead).toBe(1);
    expect(securityLogCounts(report)).toMatchObject({ accountsCreated: 4, accountsCreatedByTool: 2, accountsDeleted: 1 });
  });

  it('API tokens created and destroyed, with their owner and scopes', () => {
    expect(report.tokens.map((entry) => [entry.change, entry.tokenId, entry.owner.email, entry.scopes.join(' ')])).toEqual([
      ['created', '77', 'ann@example.ru', 'users:read users:update'],
      ['destroyed', '77', 'ann@example.ru', 'users:read users:update'],
    ]);
  });

  it('repeated 2FA failures per person (one failure is not repeated)', () => {
    expect(report.twoFactorFailures.map((entry) => [entry.person.email, entry.failures])).toEqual([['bob@example.ru', 3]]);
  });

  it('last sign-in per person, used for Inactive where present', async () => {
    expect(report.lastSignIns.map((entry) => [entry.person.email, Math.round((NOW - entry.at.getTime()) / DAY), entry.signIns])).toEqual([
      ['dan@example.ru', 40, 1],
      ['eve@example.ru', 2, 2],
    ]);
    const directory = await takeSnapshot(new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken }));
    const withoutLog = buildAudit(directory, { now: new Date(NOW), inactiveDays: 30 });
    expect(withoutLog.inactive.map((finding) => finding.user.email)).not.toContain('dan@example.ru');
    const withLog = buildAudit(directory, { now: new Date(NOW), inactiveDays: 30, lastSignInById: lastSignInById(report) });
    const dan = withLog.inactive.find((finding) => finding.user.email === 'dan@example.ru');
    expect(dan?.reason).toBe('no sign-in for 40 days (security log)');
  });

  it('changes made outside the tool: everything in the directory the tool did not do', () => {
    expect(report.outsideChanges.map((entry) => [entry.event, entry.target])).toEqual([
      ['user_created', 'eve Тестов eve@example.ru'],
      ['user_deleted', '(not in the directory: 99)'],
      ['user_role_changed', 'ann Тестов ann@example.ru'],
      ['user_created', 'hand@example.ru'],
    ]);
  });

  it('counts events per day from the start to today, drawn as an escaped inline chart', () => {
    const day = (date: Date): number => Date.parse(date.toISOString().slice(0, 10));
    expect(report.eventsPerDay.length).toBe((day(reportedAt) - day(SINCE)) / DAY + 1);
    expect(report.eventsPerDay[0]!.day).toBe(SINCE.toISOString().slice(0, 10));
    const total = report.eventsPerDay.reduce((sum, day) => sum + day.count, 0);
    expect(total).toBe(15);
    const html = renderSecurityLogHtml(report);
    expect(html).toContain('aria-label="Security events per day"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!app\.pachca)/);
    for (const id of ['roleChanges', 'accounts', 'tokens', 'twoFactorFailures', 'lastSignIns', 'outsideChanges']) expect(html).toContain(`<section id="${id}">`);
  });
});

describe('when the log cannot be read', () => {
  it('a token without audit_events:read gets a note after one request', async () => {
    const bot = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.botToken });
    const log = await readSecurityLog(bot, SINCE);
    expect(log).toMatchObject({ available: false, note: NO_SCOPE_NOTE });
    expect(bot.stats().requests).toBe(1);
  });

  it('a workspace off the Corporation plan gets a note after one request', async () => {
    const unpaid = await startTestSandbox({ seed: seed(), corporationPlan: false });
    try {
      const client = new PachcaClient({ apiUrl: unpaid.url, token: unpaid.adminToken });
      const log = await readSecurityLog(client, SINCE);
      expect(log).toMatchObject({ available: false, note: NO_PLAN_NOTE });
      expect(client.stats().requests).toBe(1);
      const html = renderSecurityLogHtml(buildSecurityLogReport(log, await takeSnapshot(client), { now: new Date() }));
      expect(html).toContain('not on the Corporation plan');
    } finally {
      await unpaid.stop();
    }
  });
});
