// --tz and the workbook polish: times are Excel date cells holding the wall-clock time of the
// stated zone (the header names it), booleans are да/нет (yes/no), pending invites name the
// inviter; and an export written in a zone other than the machine's imports back with zero writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMain, useCliWorkspace } from './helpers/in-process-cli.js';
import { columnForHeader } from '../src/records/columns.js';
import { parseDateTime } from '../src/records/normalize.js';
import { machineTimeZone, splitZonedHeader, wallClockDate } from '../src/sheets/time-zone.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const RU = { extraEnv: { LANG: 'ru_RU.UTF-8' } };
/** Not the machine's zone (the suite's machines run in UTC or a European zone): +5 all year. */
const ZONE = machineTimeZone() === 'Asia/Yekaterinburg' ? 'Asia/Tokyo' : 'Asia/Yekaterinburg';
const HOURS = ZONE === 'Asia/Tokyo' ? 9 : 5;

const workspace = useCliWorkspace('workbook-tz-', { seed: SEED });
beforeEach(() => workspace.sandbox.reset());

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The sheet's header row as a list, and a row as { header: cell }. */
function table(sheet: ExcelJS.Worksheet): { headers: string[]; rows: Array<Record<string, ExcelJS.Cell>> } {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((header, index) => [header, row.getCell(index + 1)])));
  });
  return { headers, rows };
}

function shifted(iso: string): Date {
  return new Date(new Date(iso).getTime() + HOURS * 3_600_000);
}

async function importBack(file: string, name: string, extra: string[] = []): Promise<{ changing: unknown[]; writes: number }> {
  const before = workspace.sandbox.stats().writes;
  const out = join(workspace.dir, `run-${name}`);
  const result = await runMain(['import', file, '--yes', '--out', out, ...extra], RU);
  expect(result.code, result.stderr).toBe(0);
  const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { items: Array<{ kind: string }> };
  return { changing: plan.items.filter((item) => item.kind !== 'unchanged'), writes: workspace.sandbox.stats().writes - before };
}

describe('export --tz', () => {
  it('Russian XLSX: date cells with the wall-clock time in the zone, the zone in the header, да/нет, the inviter by name; imports back with zero writes', async () => {
    const file = join(workspace.dir, 'tz.xlsx');
    const exported = await runMain(['export', '--out', file, '--tz', ZONE], RU);
    expect(exported.code, exported.stderr).toBe(0);
    const { headers, rows } = table((await readWorkbook(file)).getWorksheet('Сотрудники')!);
    expect(headers).toEqual(expect.arrayContaining([`Статус до (${ZONE})`, `Создан (${ZONE})`, `Последняя активность (${ZONE})`, 'ID пригласившего', 'Пригласил']));
    expect(headers.indexOf('Пригласил')).toBe(headers.indexOf('ID пригласившего') + 1);

    const oleg = rows.find((row) => row['Почта']!.value === 'oleg.petrov@example.ru')!;
    // Pachca: expires 2026-08-15T21:00:00Z, created 2019-03-01T07:00:00Z.
    expect(oleg[`Статус до (${ZONE})`]!.value).toEqual(shifted('2026-08-15T21:00:00Z'));
    expect(oleg[`Статус до (${ZONE})`]!.numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(oleg[`Создан (${ZONE})`]!.value).toEqual(shifted('2019-03-01T07:00:00Z'));
    expect(oleg['Заблокирован']!.value).toBe('нет');
    expect(oleg['Нет на месте']!.value).toBe('да');
    expect(oleg['Бот']!.value).toBe('нет');
    // The invite's state in words (a read-only column import skips).
    expect(oleg['Приглашение']!.value).toBe('принято');
    expect(rows.map((row) => row['Приглашение']!.value)).toContain('отправлено');

    const invited = rows.find((row) => row['ID']!.value === 41)!;
    expect(invited['ID пригласившего']!.value).toBe(1);
    expect(invited['Пригласил']!.value).toBe('Олег Петров');

    // Wide enough for the date format (a narrower column shows ###).
    const users = (await readWorkbook(file)).getWorksheet('Сотрудники')!;
    for (const header of [`Статус до (${ZONE})`, `Создан (${ZONE})`, `Последняя активность (${ZONE})`]) {
      expect(users.getColumn(headers.indexOf(header) + 1).width).toBeGreaterThanOrEqual(19);
    }

    const back = await importBack(file, 'xlsx');
    expect(back.changing).toEqual([]);
    expect(back.writes).toBe(0);
  });

  it('English CSV: times as wall-clock text in the zone under a header naming it, yes/no; imports back with zero writes', async () => {
    const out = join(workspace.dir, 'tz-csv');
    expect((await runMain(['export', '--format', 'csv', '--out', out, '--tz', ZONE, '--lang', 'en'], RU)).code).toBe(0);
    const [header, ...lines] = parse(readFileSync(join(out, 'users.csv'), 'utf8'), { bom: true }) as string[][];
    if (!header) throw new Error('users.csv is empty');
    expect(header).toEqual(expect.arrayContaining([`status_expires_at (${ZONE})`, `created_at (${ZONE})`, 'inviter']));
    const oleg = lines.find((line) => line[0] === 'oleg.petrov@example.ru')!;
    const expiry = shifted('2026-08-15T21:00:00Z').toISOString().replace('T', ' ').slice(0, 19);
    expect(oleg[header.indexOf(`status_expires_at (${ZONE})`)]).toBe(expiry);
    expect(oleg[header.indexOf('suspended')]).toBe('no');
    expect(oleg[header.indexOf('status_is_away')]).toBe('yes');
    const invited = lines.find((line) => line[header.indexOf('id')] === '43')!;
    expect([invited[header.indexOf('inviter_id')], invited[header.indexOf('inviter')]]).toEqual(['27', 'Светлана Козлова']);

    const back = await importBack(join(out, 'users.csv'), 'csv');
    expect(back.changing).toEqual([]);
    expect(back.writes).toBe(0);
  });

  it('a time changed in the zoned column is read in that zone; plan.xlsx shows it as a date cell in --tz, and да/нет', async () => {
    const file = join(workspace.dir, 'edit.xlsx');
    expect((await runMain(['export', '--out', file, '--tz', ZONE], RU)).code).toBe(0);
    const workbook = await readWorkbook(file);
    const sheet = workbook.getWorksheet('Сотрудники')!;
    const { headers } = table(sheet);
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== 'oleg.petrov@example.ru') return;
      row.getCell(headers.indexOf(`Статус до (${ZONE})`) + 1).value = new Date(Date.UTC(2026, 8, 1, 18, 0, 0));
      row.getCell(headers.indexOf('Нет на месте') + 1).value = 'нет';
    });
    await workbook.xlsx.writeFile(file);
    const out = join(workspace.dir, 'run-edit');
    expect((await runMain(['plan', file, '--out', out, '--tz', ZONE], RU)).code).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { items: Array<{ kind: string; email?: string; statusRequest?: { body: { status: { expires_at?: string } } } }> };
    const item = plan.items.find((candidate) => candidate.email === 'oleg.petrov@example.ru')!;
    expect(item.statusRequest?.body.status.expires_at).toBe(`2026-09-01T${String(18 - HOURS).padStart(2, '0')}:00:00Z`);

    const changes = table((await readWorkbook(join(out, 'plan.xlsx'))).getWorksheet('Изменения')!);
    expect(changes.headers.slice(-2)).toEqual([`Было (${ZONE})`, `Станет (${ZONE})`]);
    const values = changes.rows.map((row) => [row[`Было (${ZONE})`]!.value, row[`Станет (${ZONE})`]!.value]);
    expect(values).toContainEqual([shifted('2026-08-15T21:00:00Z'), new Date(Date.UTC(2026, 8, 1, 18, 0, 0))]);
    expect(values).toContainEqual(['да', 'нет']);
  });

  it('a one-person command and an undo take --tz too: plan.xlsx\'s times in that zone, the header naming it', async () => {
    const out = join(workspace.dir, 'run-status');
    const result = await runMain(['status', 'oleg.petrov@example.ru', '--emoji', '🏝️', '--title', 'В отпуске', '--until', '2099-09-01T18:00:00Z', '--dry-run', '--out', out, '--tz', ZONE], RU);
    expect(result.code, result.stderr).toBe(0);
    const changes = table((await readWorkbook(join(out, 'plan.xlsx'))).getWorksheet('Изменения')!);
    expect(changes.headers.slice(-2)).toEqual([`Было (${ZONE})`, `Станет (${ZONE})`]);
    expect(changes.rows.map((row) => row[`Станет (${ZONE})`]!.value)).toContainEqual(shifted('2099-09-01T18:00:00Z'));
    expect((await runMain(['undo', out, '--dry-run', '--tz', 'Mars/Olympus'], RU)).code).toBe(2);
  });

  it('an unknown zone is a usage error naming the flag, before anything is sent', async () => {
    const before = workspace.sandbox.stats().total;
    const result = await runMain(['export', '--out', join(workspace.dir, 'x.xlsx'), '--tz', 'Mars/Olympus'], RU);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--tz');
    expect(result.stderr).toContain('Mars/Olympus');
    expect(workspace.sandbox.stats().total).toBe(before);
  });
});

describe('audit --tz', () => {
  it('pending invites name the inviter; times are date cells in the zone named in the header; да/нет', async () => {
    const file = join(workspace.dir, 'audit.xlsx');
    const result = await runMain(['audit', '--out', file, '--tz', ZONE], RU);
    expect(result.code, result.stderr).toBe(0);
    const workbook = await readWorkbook(file);
    const { headers, rows } = table(workbook.getWorksheet('Неприглашённые до конца')!);
    expect(headers).toEqual(expect.arrayContaining([`Создан (${ZONE})`, 'ID пригласившего', 'Пригласил', 'Заблокирован']));
    const invited = rows.find((row) => row['ID']!.value === 43)!;
    expect(invited['Пригласил']!.value).toBe('Светлана Козлова');
    expect(invited['Заблокирован']!.value).toBe('нет');
    expect(invited[`Создан (${ZONE})`]!.value).toBeInstanceOf(Date);
    expect(invited[`Создан (${ZONE})`]!.numFmt).toBe('dd.mm.yyyy hh:mm');
    // The Summary's audit time: a date cell in the zone, its label naming the zone.
    const summary = table(workbook.getWorksheet('Итоги')!).rows.find((row) => String(row[Object.keys(row)[0]!]!.value).includes(`(${ZONE})`))!;
    expect(Object.values(summary)[1]!.value).toBeInstanceOf(Date);
  });
});

describe('reading a zone back', () => {
  it('a header naming a zone maps like the plain one; its times are read in that zone', () => {
    expect(columnForHeader('Статус до (Europe/Moscow)')).toBe('status_expires_at');
    expect(columnForHeader('status_expires_at (UTC)')).toBe('status_expires_at');
    expect(splitZonedHeader('Отдел (Продажи)')).toEqual({ name: 'Отдел (Продажи)' });
    expect(parseDateTime('2026-12-01 15:00:00', 'Europe/Moscow')).toEqual({ ok: true, value: '2026-12-01T12:00:00Z' });
    expect(parseDateTime('01.12.2026', 'Europe/Moscow')).toEqual({ ok: true, value: '2026-12-01T20:59:59Z' });
    // An explicit zone wins over the column's.
    expect(parseDateTime('2026-12-01T15:00:00Z', 'Europe/Moscow')).toEqual({ ok: true, value: '2026-12-01T15:00:00Z' });
    expect(wallClockDate(new Date('2026-12-01T12:00:00Z'), 'Europe/Moscow')).toEqual(new Date('2026-12-01T15:00:00Z'));
  });
});
