import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxDirectory } from '../src/sandbox/api.js';
import { auditSummary, buildAudit, findingTables, writeAuditXlsx, type AuditReport } from '../src/reports/audit.js';
import { escapeHtml, renderAuditHtml } from '../src/reports/audit-html.js';
import { buildDirectory, type Directory } from '../src/sync/directory.js';

// fixtures/audit-directory.json is built around this instant: every user's dates are days before it.
const NOW = new Date('2026-06-01T12:00:00Z');
const seed = JSON.parse(readFileSync(new URL('../fixtures/audit-directory.json', import.meta.url), 'utf8')) as SandboxDirectory;

function directoryOf(data: SandboxDirectory): Directory {
  return buildDirectory(data.users, data.tags, data.customProperties);
}

function emails(users: { email: string | null }[]): (string | null)[] {
  return users.map((user) => user.email).sort();
}

let report: AuditReport;
let dir: string;
beforeAll(async () => {
  report = buildAudit(directoryOf(seed), { now: NOW, inactiveDays: 90 });
  dir = await mkdtemp(join(tmpdir(), 'audit-findings-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildAudit on a directory seeded for each finding', () => {
  it('finds inactive people: old last activity, or never logged in and created long ago (not suspended, not bots)', () => {
    expect(emails(report.inactive.map((finding) => finding.user))).toEqual(['never@example.com', 'old@example.com', 'stale.invite@example.com']);
    const old = report.inactive.find((finding) => finding.user.email === 'old@example.com')!;
    expect(old.daysSinceActivity).toBe(200);
    const never = report.inactive.find((finding) => finding.user.email === 'never@example.com')!;
    expect(never.daysSinceActivity).toBeNull();
    expect(never.reason).toBe('never logged in; created 120 days ago');
  });

  it('moves the threshold with inactiveDays', () => {
    const strict = buildAudit(directoryOf(seed), { now: NOW, inactiveDays: 4 });
    // ivan.petrov (5 days) and fresh.invite (never, created 10 days ago) join at 4 days.
    expect(emails(strict.inactive.map((finding) => finding.user))).toEqual(
      ['fresh.invite@example.com', 'ivan.petrov@example.com', 'never@example.com', 'old@example.com', 'stale.invite@example.com'],
    );
    const lenient = buildAudit(directoryOf(seed), { now: NOW, inactiveDays: 365 });
    expect(lenient.inactive).toEqual([]);
  });

  it('lists pending invites with their age in days, oldest first', () => {
    expect(report.pendingInvites.map((finding) => [finding.user.email, finding.ageDays])).toEqual([
      ['stale.invite@example.com', 150],
      ['fresh.invite@example.com', 10],
    ]);
  });

  it('finds suspended people still in tags', () => {
    expect(report.suspendedInTags.map((finding) => [finding.user.email, finding.tags])).toEqual([['gone@example.com', ['Backend']]]);
  });

  it('finds active people missing department, title or phone (blank strings count as missing)', () => {
    expect(report.missingFields.map((finding) => [finding.user.email, finding.missing])).toEqual([
      ['blank@example.com', ['department', 'title', 'phone_number']],
    ]);
  });

  it('lists admins and guests, not bots', () => {
    expect(report.adminsAndGuests.map((finding) => [finding.user.email, finding.user.role])).toEqual([
      ['owner@example.com', 'admin'],
      ['guest@partner.example', 'guest'],
      ['mguest@partner.example', 'multi_guest'],
    ]);
  });

  it('finds tags nobody belongs to (a bot member still counts as a member)', () => {
    expect(report.emptyTags.map((finding) => finding.tag.name)).toEqual(['Empty']);
  });

  it('groups possible duplicates by first and last name, case-insensitive, with different emails', () => {
    expect(report.duplicates.map((group) => [group.name, emails(group.users)])).toEqual([
      ['иван петров', ['i.petrov@example.com', 'ivan.petrov@example.com']],
    ]);
  });

  it('does not call two accounts with the same email duplicates', () => {
    const twin = { ...seed.users[1]!, id: 999, email: 'IVAN.PETROV@example.com' };
    const data = { ...seed, users: seed.users.filter((user) => user.email !== 'i.petrov@example.com').concat(twin) };
    expect(buildAudit(directoryOf(data), { now: NOW }).duplicates).toEqual([]);
  });

  it('counts each finding in the summary and leaves bots out of everything', () => {
    expect(auditSummary(report)).toEqual({
      inactive: 3, pendingInvites: 2, suspendedInTags: 1, missingFields: 1, adminsAndGuests: 3, emptyTags: 1, duplicates: 2,
    });
    expect(report.people).toBe(seed.users.length - 1);
    const bot = seed.users.find((user) => user.bot)!;
    const cells = findingTables(report).filter((table) => table.key !== 'emptyTags').flatMap((table) => table.rows.flat());
    expect(cells).not.toContain(bot.id);
    expect(cells).not.toContain(bot.nickname);
  });

  it('charts active people by department and by days since last activity', () => {
    const active = seed.users.filter((user) => !user.bot && !user.suspended);
    expect(report.headcountByDepartment.reduce((sum, entry) => sum + entry.count, 0)).toBe(active.length);
    expect(report.headcountByDepartment).toContainEqual({ department: 'Sales', count: 3 });
    expect(report.headcountByDepartment).toContainEqual({ department: '(no department)', count: 1 });
    expect(report.activityHistogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(active.length);
    const bucket = (label: string): number | undefined => report.activityHistogram.find((entry) => entry.label === label)?.count;
    expect(bucket('never')).toBe(3);
    expect(bucket('181–365')).toBe(1);
    expect(bucket('0–7')).toBe(active.length - 4);
  });
});

describe('audit workbook', () => {
  it('has the Summary first (the sheet it opens on), one sheet per finding, landscape pages with the header repeated', async () => {
    const path = join(dir, 'audit.xlsx');
    await writeAuditXlsx(path, report, undefined, 'en', 'UTC');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary', 'Inactive', 'Pending invites', 'Suspended but still in tags', 'Missing fields', 'Admins and guests', 'Empty tags', 'Possible duplicates',
    ]);
    expect(workbook.views[0]).toMatchObject({ activeTab: 0 });
    const pending = workbook.getWorksheet('Pending invites')!;
    expect(pending.getRow(1).values).toEqual([undefined, 'id', 'email', 'name', 'department', 'created_at (UTC)', 'age_days', 'inviter_id', 'inviter', 'suspended']);
    expect(pending.getRow(2).getCell(2).value).toBe('stale.invite@example.com');
    expect(pending.getRow(2).getCell(6).value).toBe(150);
    expect(pending.getRow(2).getCell(5).value).toBeInstanceOf(Date);
    expect(pending.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(pending.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    const summary = workbook.getWorksheet('Summary')!;
    const counts = new Map<string, unknown>();
    summary.eachRow((row, rowNumber) => {
      if (rowNumber > 1) counts.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(counts.get('Inactive')).toBe(3);
    expect(counts.get('Possible duplicates')).toBe(2);
    expect(counts.get('Empty tags')).toBe(1);
  });
});

describe('audit HTML page', () => {
  const hostile = {
    ...seed,
    users: seed.users.map((user) => (user.email === 'blank@example.com' ? { ...user, first_name: '<script>alert(1)</script>', last_name: 'O\'Neil & "Co"' } : user)),
    tags: seed.tags.map((tag) => (tag.name === 'Empty' ? { ...tag, name: '<img src=x onerror=alert(1)>' } : tag)),
  };
  const html = renderAuditHtml(buildAudit(directoryOf(hostile), { now: NOW }), { source: 'http://127.0.0.1:1/api/shared/v1' });

  it('contains both charts as inline SVG with a bar per department and per activity bucket', () => {
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(2);
    const [departments, histogram] = charts as [string, string];
    expect(departments).toContain('Headcount by department');
    expect(departments.match(/<rect class="bar"/g)).toHaveLength(report.headcountByDepartment.length);
    expect(departments).toContain('>Sales<');
    expect(histogram).toContain('Days since last activity');
    expect(histogram.match(/<rect class="bar"/g)).toHaveLength(report.activityHistogram.length);
    expect(histogram).toContain('>never<');
  });

  it('is self-contained: no scripts, no external assets, no links out', () => {
    expect(html).not.toMatch(/<script/i);
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(20);
    expect(tags.filter((tag) => /\s(src|href|xlink:href)\s*=/i.test(tag))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed/i);
    expect(html).toMatch(/<style>/);
  });

  it('shows every finding as a table and escapes directory text', () => {
    for (const title of ['Inactive', 'Pending invites', 'Suspended but still in tags', 'Missing fields', 'Admins and guests', 'Empty tags', 'Possible duplicates']) {
      expect(html).toContain(`<h2>${title} <span class="count">`);
    }
    expect(html).toContain(escapeHtml('<script>alert(1)</script> O\'Neil & "Co"'));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('stale.invite@example.com');
  });
});
