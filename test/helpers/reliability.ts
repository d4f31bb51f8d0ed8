// Shared by the reliability tests (test/reliability-*.test.ts): a directory with people to
// update, a 300-row sheet of updates and new hires with tags, and the end-state check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { RunningSandbox, SandboxDirectory } from '../../src/sandbox/api.js';
import { blankUser, defaultDirectory } from '../../src/sandbox/workspace.js';

export const SHEET_HEADER = ['email', 'first_name', 'last_name', 'department', 'title', 'tags'];
const TAG_SETS = [['Москва'], ['Backend', 'Новички'], ['Продажи'], ['Удалённо', 'Москва'], []];
/** Every tag the sheet names; only Москва exists in the seed. */
export const SHEET_TAGS = ['Backend', 'Москва', 'Новички', 'Продажи', 'Удалённо'];

/** The Owner, the bot, tag Москва and `existing` people without tags (their department and title will change). */
export function reliabilitySeed(existing: number): SandboxDirectory {
  const directory = defaultDirectory(new Date(Date.UTC(2026, 0, 1)));
  directory.tags = [{ id: 700, name: 'Москва', users_count: 0 }];
  for (let index = 0; index < existing; index++) {
    directory.users.push(blankUser(100 + index, {
      first_name: `Имя${index}`,
      last_name: `Старожил${index}`,
      nickname: `old${index}`,
      email: `old${index}@example.ru`,
      department: 'Старый отдел',
      title: 'Старая должность',
      invite_status: 'confirmed',
      created_at: '2025-01-01T00:00:00.000Z',
    }));
  }
  return directory;
}

/** Updates of the `existing` seeded people, then `newHires` new people; five tag sets, four tags new. */
export function reliabilityRows(existing: number, newHires: number): string[][] {
  const rows: string[][] = [];
  for (let index = 0; index < existing; index++) {
    rows.push([`old${index}@example.ru`, `Имя${index}`, `Старожил${index}`, `Отдел ${index % 4}`, 'Инженер', TAG_SETS[index % 5]!.join(', ')]);
  }
  for (let index = 0; index < newHires; index++) {
    rows.push([`new${index}@example.ru`, `Имя${index}`, `Новичок${index}`, `Отдел ${index % 4}`, 'Стажёр', TAG_SETS[index % 5]!.join(', ')]);
  }
  return rows;
}

export interface ReportLine {
  row: string;
  email: string;
  result: string;
  pachca_user_id: string;
}

export function readReport(runFolder: string): ReportLine[] {
  return parse(readFileSync(join(runFolder, 'report.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as ReportLine[];
}

/**
 * The directory holds exactly what the sheet says, each person and tag once, and report.csv
 * agrees with it row by row. `allowedResults(email)` lists the results a row may show.
 */
export function expectDirectoryAsSheet(
  box: RunningSandbox,
  rows: string[][],
  runFolder: string,
  allowedResults: (email: string) => string[],
): void {
  const { users, tags } = box.directory();
  const emails = users.map((user) => user.email?.toLowerCase()).filter((email): email is string => Boolean(email));
  expect(emails.length - new Set(emails).size, 'duplicate emails').toBe(0);
  expect(tags.map((tag) => tag.name).sort(), 'each tag exactly once').toEqual([...SHEET_TAGS].sort());
  expect(users).toHaveLength(2 + rows.length);

  const report = readReport(runFolder);
  expect(report.map((line) => line.email)).toEqual(rows.map(([email]) => email));
  rows.forEach(([email, first, last, department, title, tagCell], index) => {
    const user = users.find((candidate) => candidate.email === email);
    expect(user, email).toBeDefined();
    expect({
      first_name: user!.first_name, last_name: user!.last_name, department: user!.department, title: user!.title,
      tags: [...user!.list_tags].sort(),
    }, email).toEqual({ first_name: first, last_name: last, department, title, tags: tagCell!.split(', ').filter(Boolean).sort() });
    const line = report[index]!;
    expect(line.row).toBe(String(index + 2));
    expect(line.pachca_user_id, email).toBe(String(user!.id));
    expect(allowedResults(email!), `${email}: ${line.result}`).toContain(line.result);
  });
}
