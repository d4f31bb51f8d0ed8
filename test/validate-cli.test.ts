import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { runCliInProcess } from './helpers/in-process-cli.js';

const badDir = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
const temporaryDirs: string[] = [];
afterAll(async () => {
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
});

describe('pachca-roster validate', () => {
  it('prints what it detected, the mapping and the counts; exit 0 when every row is valid', async () => {
    const result = await runCliInProcess(['validate', 'fixtures/hires-ru.xlsx']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fixtures/hires-ru.xlsx: XLSX, sheet "Апрель", header at row 4');
    expect(result.stdout).toContain('Моб. телефон -> phone_number');
    expect(result.stdout).toMatch(/Город -> \? \(unknown; possible custom property\)/);
    expect(result.stdout).toContain('Rows: 20, valid: 20, invalid: 0, warnings: 2');
  });

  it('shows encoding and delimiter for CSV and takes the override flags', async () => {
    const detected = await runCliInProcess(['validate', 'fixtures/hires-1251.csv']);
    expect(detected.code).toBe(0);
    expect(detected.stdout).toContain('CSV, encoding windows-1251, delimiter ";", header at row 1');
    const forced = await runCliInProcess(['validate', 'fixtures/hires-utf16le-tab.csv', '--encoding', 'utf-16le', '--delimiter', 'tab']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('encoding utf-16le, delimiter tab');
  });

  it('exit 5 with each issue by row and column when some rows are invalid', async () => {
    const result = await runCliInProcess(['validate', 'fixtures/messy.csv']);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain('Rows: 19, valid: 5, invalid: 14, warnings: 5');
    expect(result.stdout).toContain('error   row 12, column "Email": duplicate of row 2 (value "good.person@example.ru")');
    expect(result.stdout).toContain('Warning: columns not imported (not Pachca fields): "Город", "Примечание"; a column named as a custom property in Pachca is imported into it');
    expect(result.stdout).toContain('Warning: row 11, column "Статус": status not set: a status needs both status_emoji and status_title');
    expect(result.stdout).toMatch(/warning row 7, column "Роль": a new guest needs exactly one chat/);
  });

  it('500 issues: grouped by kind with counts and rows, then the first 50 and "and N more"; --json has them all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'validate-many-'));
    temporaryDirs.push(dir);
    const path = join(dir, 'many.csv');
    const lines = ['Email;ФИО;Телефон;Роль'];
    for (let row = 2; row <= 501; row++) {
      const kind = row % 4;
      if (kind === 0) lines.push(`u${row}@example.ru;Иванов Иван;12345;`); // bad phone
      else if (kind === 1) lines.push(`u${row}example.ru;Иванов Иван;;`); // bad email
      else if (kind === 2) lines.push('u2@example.ru;Иванов Иван;;'); // row 2 itself, then duplicates of it
      else lines.push(`u${row}@example.ru;Иванов Иван;;начальник`); // unknown role
    }
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    const result = await runCliInProcess(['validate', path]);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain('Issues by kind (499 in all):');
    expect(result.stdout).toContain('error     125 × column "Телефон": not a valid phone number (region RU assumed without a country code) (rows 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, … 115 more)');
    expect(result.stdout).toContain('error     124 × column "Email": duplicate of row 2 (rows 6, 10,');
    expect(result.stdout).toMatch(/error {5}125 × column "Email": not a valid email/);
    expect(result.stdout).toMatch(/error {5}125 × column "Роль": unknown role/);
    expect(result.stdout).toContain('First 50 issues:');
    expect(result.stdout).toContain('  … and 449 more (--json lists every issue)');
    expect(result.stdout.split('\n').filter((line) => /^ {2}(error|warning) +row /.test(line))).toHaveLength(50);
    const json = JSON.parse((await runCliInProcess(['validate', path, '--json'])).stdout) as { issues: unknown[]; invalid: number };
    expect(json.issues).toHaveLength(499);
    expect(json.invalid).toBe(499);
  });

  it('--json prints one object with rows, valid, invalid, warnings, issues and detected', async () => {
    const result = await runCliInProcess(['validate', 'fixtures/messy.csv', '--json']);
    expect(result.code).toBe(5);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ rows: 19, valid: 5, invalid: 14, warnings: 5 });
    expect(output.detected).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerRow: 1, mapping: { Email: 'email', ФИО: 'full_name' }, unknownColumns: ['Город', 'Примечание'] });
    expect(output.issues).toContainEqual({ row: 6, column: 'Роль', value: 'начальник', message: expect.stringMatching(/unknown role/), severity: 'error' });
  });

  it('--map and --sheet reach the reader', async () => {
    const result = await runCliInProcess(['validate', 'fixtures/hires-ru.xlsx', '--sheet', 'Апрель', '--map', 'Город=custom:Город', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).detected.mapping['Город']).toBe('custom:Город');
    const wrongSheet = await runCliInProcess(['validate', 'fixtures/hires-ru.xlsx', '--sheet', 'Май']);
    expect(wrongSheet.code).toBe(2);
    expect(wrongSheet.stderr).toBe('Error: hires-ru.xlsx: no sheet named "Май" (sheets: Инструкция, Апрель)\n');
  });

  it('--match id or custom:NAME makes the e-mail column optional, as import reads the sheet', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'validate-match-'));
    temporaryDirs.push(dir);
    const byNumber = join(dir, 'zup.csv');
    await writeFile(byNumber, 'Табельный номер,Имя,Фамилия,Отдел\n1001,Иван,Петров,Продажи\n1002,Анна,Смирнова,\n');
    const withoutMatch = await runCliInProcess(['validate', byNumber]);
    expect(withoutMatch.code).toBe(2);
    expect(withoutMatch.stderr).toMatch(/e-?mail/i);
    const custom = await runCliInProcess(['validate', byNumber, '--match', 'custom:Табельный номер']);
    expect(custom.stderr).toBe('');
    expect(custom.code).toBe(0);
    expect(custom.stdout).toContain('Rows: 2, valid: 2, invalid: 0');

    const byId = join(dir, 'ids.csv');
    await writeFile(byId, 'id,E-mail,First name,Last name\n12,,Ivan,Petrov\n13,not-an-email,Anna,Smirnova\n');
    const withId = await runCliInProcess(['validate', byId, '--match', 'ид', '--json']);
    expect(withId.code).toBe(5);
    const json = JSON.parse(withId.stdout) as { rows: number; valid: number; invalid: number; issues: { row: number; column: string }[] };
    expect(json).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect(json.issues.filter((issue) => issue.column === 'E-mail').map((issue) => issue.row)).toEqual([3]);
    expect((await runCliInProcess(['validate', byId, '--match', 'email'])).code).toBe(5);
    const empty = await runCliInProcess(['validate', byId, '--match', 'custom:']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--match custom:');
  });

  it('every file of the bad-input corpus exits 2 with one line naming the file', async () => {
    const names = (await readdir(badDir)).sort();
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const name of names) {
      const result = await runCliInProcess(['validate', `fixtures/bad/${name}`]);
      expect(result.code, name).toBe(2);
      expect(result.stdout, name).toBe('');
      expect(result.stderr, name).toMatch(new RegExp(`^Error: ${name.replace(/[.]/g, '\\.')}: [^\\n]+\\n$`));
    }
  });

  it('a missing file exits 2', async () => {
    const result = await runCliInProcess(['validate', 'fixtures/nope.xlsx']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: fixtures/nope.xlsx: file not found\n');
  });

  it('--help teaches the flags with examples', async () => {
    // A subprocess: yargs ends the process after printing help.
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--sheet', '--map', '--mapping', '--encoding', '--delimiter', '--phone-region', '--json', 'Examples:']) {
      expect(result.stdout).toContain(flag);
    }
  });
});
