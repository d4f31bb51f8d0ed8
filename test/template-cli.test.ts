import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectZip, openZipEntry } from '../src/sheets/zip-guard.js';
import { runCliInProcess } from './helpers/in-process-cli.js';

async function zipPartText(path: string, part: string): Promise<string> {
  const zip = await inspectZip(path);
  const entry = zip.kind === 'zip' ? zip.entries.find((candidate) => candidate.name === part) : undefined;
  if (!entry) throw new Error(`${part} not in ${path}`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await openZipEntry(path, entry))!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const templatePath = (name: string) => fileURLToPath(new URL(`../templates/${name}`, import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'template-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface WorkbookContent {
  sheet: string;
  frozen: unknown;
  cells: Array<{ address: string; value: unknown; note: unknown; validation: unknown; bold: unknown }>;
}

async function workbookContent(path: string): Promise<WorkbookContent> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const cells: WorkbookContent['cells'] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      cells.push({ address: cell.address, value: cell.value, note: cell.note, validation: cell.dataValidation, bold: cell.font?.bold });
    });
  });
  return { sheet: sheet.name, frozen: sheet.views[0], cells };
}

describe('pachca-roster template', () => {
  it.each(['ru', 'en'])('CSV (%s) matches templates/ byte for byte: UTF-8 BOM, the right delimiter', async (lang) => {
    const out = join(dir, `t-${lang}.csv`);
    const result = await runCliInProcess(['template', '--lang', lang, '--format', 'csv', '--out', out]);
    expect(result.code).toBe(0);
    const written = await readFile(out);
    expect(written.equals(await readFile(templatePath(`hire-template-${lang}.csv`)))).toBe(true);
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const headerLine = written.subarray(3).toString('utf8').split('\r\n')[0]!;
    expect(headerLine).toBe(lang === 'ru'
      ? 'Email;Фамилия;Имя;Отчество;Телефон;Отдел;Должность;Роль;Теги;Заблокирован;Чаты;Действие'
      : 'Email,Last name,First name,Middle name,Phone,Department,Title,Role,Tags,Suspended,Chats,Action');
  });

  it.each(['ru', 'en'])('XLSX (%s) matches templates/: styled frozen header, notes, drop-downs, example row', async (lang) => {
    const out = join(dir, `t-${lang}.xlsx`);
    const result = await runCliInProcess(['template', '--lang', lang, '--out', out]);
    expect(result.code).toBe(0);
    const content = await workbookContent(out);
    expect(content).toEqual(await workbookContent(templatePath(`hire-template-${lang}.xlsx`)));
    expect(content.frozen).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = content.cells.filter((cell) => /^[A-Z]+1$/.test(cell.address));
    expect(header).toHaveLength(12);
    for (const cell of header) {
      expect(cell.bold).toBe(true);
      expect(typeof cell.note === 'string' && cell.note.length > 5).toBe(true);
    }
    const roleColumn = header.find((cell) => cell.value === (lang === 'ru' ? 'Роль' : 'Role'))!.address.replace('1', '');
    const role = content.cells.find((cell) => cell.address === `${roleColumn}2`)!;
    expect(role.validation).toMatchObject({ type: 'list', formulae: [lang === 'ru' ? '"сотрудник,администратор,мульти-гость,гость"' : '"user,admin,multi_guest,guest"'] });
    const suspendedColumn = header.find((cell) => cell.value === (lang === 'ru' ? 'Заблокирован' : 'Suspended'))!.address.replace('1', '');
    expect(content.cells.find((cell) => cell.address === `${suspendedColumn}2`)!.validation).toMatchObject({ type: 'list', formulae: [lang === 'ru' ? '"да,нет"' : '"yes,no"'] });
    // The example row is marked skip, so importing the template as it is never creates the sample person.
    const actionColumn = header.find((cell) => cell.value === (lang === 'ru' ? 'Действие' : 'Action'))!.address.replace('1', '');
    expect(content.cells.find((cell) => cell.address === `${actionColumn}2`)!.value).toBe(lang === 'ru' ? 'пропустить' : 'skip');
  });

  it.each(['ru', 'en'])('XLSX (%s) opens in Excel without repairs: one drop-down range per column, no overlaps', async (lang) => {
    const xml = await zipPartText(templatePath(`hire-template-${lang}.xlsx`), 'xl/worksheets/sheet1.xml');
    // exceljs's per-cell validations came out as H10:H1000 plus H2:H1000, which Excel reports as damaged.
    expect([...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((match) => match[1])).toEqual(['H2:H1000', 'J2:J1000', 'L2:L1000']);
    expect(xml.match(/<row /g)).toHaveLength(2); // header and example, no 998 empty rows
  });

  it.each(['ru', 'en'])('CSV (%s) example row shows no formula-guard apostrophe in Excel', async (lang) => {
    const text = (await readFile(templatePath(`hire-template-${lang}.csv`))).toString('utf8');
    expect(text.split('\r\n')[1]).not.toContain("'");
  });

  it.each(['hire-template-ru.xlsx', 'hire-template-en.xlsx', 'hire-template-ru.csv', 'hire-template-en.csv'])('templates/%s validates cleanly', async (name) => {
    const result = await runCliInProcess(['validate', `templates/${name}`, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 1, valid: 1, invalid: 0, warnings: 0 });
  });

  it('defaults to a Russian XLSX named after the language in the current folder', async () => {
    const result = await runCliInProcess(['template'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hire-template-ru.xlsx');
    expect((await workbookContent(join(dir, 'hire-template-ru.xlsx'))).sheet).toBe('Сотрудники');
  });
});
