// The web page in a real browser (Chromium via playwright-core), against the sandbox with the
// sample company: what an HR person does, found by the accessible names the page promises.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { launchChromium } from './helpers/browser.js';
import { FIXTURES, startTestWeb, type TestWeb } from './helpers/web.js';

let web: TestWeb;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sheetWithBadRow: Buffer;

/** The Russian fixture with one e-mail spoiled, so the check has an invalid row to show. */
async function spoiledFixture(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(FIXTURES, 'hires-ru.xlsx'));
  const sheet = workbook.getWorksheet('Апрель')!;
  const header = sheet.getRow(4);
  let emailColumn = 0;
  header.eachCell((cell, column) => {
    if (String(cell.value) === 'Эл. почта') emailColumn = column;
  });
  sheet.getRow(5).getCell(emailColumn).value = 'not-an-email';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

beforeAll(async () => {
  [web, browser, sheetWithBadRow] = await Promise.all([startTestWeb({ maxUploadBytes: 64 * 1024 }), launchChromium(), spoiledFixture()]);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

async function openPage(): Promise<Page> {
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  await page.goto(web.server.entryUrl);
  await page.getByRole('heading', { name: 'Импорт таблицы' }).waitFor();
  return page;
}

afterEach(async () => {
  await context?.close();
});

async function uploadAndPlan(file: { name: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('Таблица (CSV или XLSX)').setInputFiles({ ...file, mimeType: 'application/octet-stream' });
  await page.getByRole('button', { name: 'Показать план' }).click();
  await page.getByRole('heading', { name: 'План' }).waitFor();
}

async function downloaded(linkName: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

describe('the web page', () => {
  it('without the key the server answers 403', async () => {
    context = await browser.newContext();
    page = await context.newPage();
    const response = await page.goto(`${web.server.url}/`);
    expect(response?.status()).toBe(403);
  });

  it('import: invalid rows, the plan, apply, Done, report.xlsx with every row', async () => {
    await openPage();
    await page.getByLabel('Таблица (CSV или XLSX)').setInputFiles({ name: 'hires-ru.xlsx', mimeType: 'application/octet-stream', buffer: sheetWithBadRow });
    await page.getByText('Строк с ошибками: 1 из 20; они не будут импортированы:').waitFor();
    expect(await page.getByRole('cell', { name: 'not-an-email' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Показать план' }).click();
    await page.getByRole('heading', { name: 'План' }).waitFor();
    expect(await page.getByRole('heading', { name: /^создать \(\d+\)$/ }).count()).toBe(1);
    // The plan names the fields by the Russian export's headers (the server's label), not first_name.
    expect(await page.getByRole('listitem').filter({ hasText: /^Имя: / }).count()).toBeGreaterThan(0);

    const apply = page.getByRole('button', { name: /^Применить/ });
    const work = Number((await apply.textContent())!.match(/\d+/)![0]);
    await apply.click();
    const dialog = page.getByRole('dialog', { name: 'Применить план?' });
    expect(await dialog.textContent()).toContain(`Будет изменено ${work} в ${web.sandbox.url}`);
    await dialog.getByRole('button', { name: 'Да, выполнить' }).click();
    await page.getByRole('heading', { name: 'Готово' }).waitFor({ timeout: 60_000 });

    const report = await downloaded('report.xlsx');
    expect(report.name).toBe('report.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((candidate) => candidate.name === 'Отчёт' || candidate.name === 'Report');
    expect(sheet, 'report.xlsx has its report sheet').toBeDefined();
    const rows = sheet!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(21);
    const results = rows.slice(1).map((row) => String(row[5]));
    expect(results.filter((result) => result === 'ошибка в строке' || result === 'invalid')).toHaveLength(1);
    expect(results.filter((result) => result === 'создан' || result === 'created').length).toBeGreaterThan(0);
  });

  it('a stale plan is refused, and "plan again" makes a fresh one', async () => {
    await openPage();
    await uploadAndPlan({ name: 'hires-ru.xlsx', buffer: await readFile(join(FIXTURES, 'hires-ru.xlsx')) });
    await page.getByLabel('Фильтр плана').selectOption('create');
    const person = await page.locator('section.plan tbody tr td:nth-child(2)').first().textContent();
    const email = person!.match(/<([^>]+)>/)![1]!;
    const client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
    await client.createUser({ user: { email, first_name: 'Someone', last_name: 'Else' } });

    await page.getByRole('button', { name: /^Применить/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Да, выполнить' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Справочник изменился после составления плана' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(email);
    expect(await page.getByRole('button', { name: /^Применить/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Составить план заново' }).click();
    await page.getByRole('button', { name: /^Применить/ }).waitFor();
    expect(await refusal.count()).toBe(0);
  });

  it('undo: a finished run offers "Undo this run"; its plan applied from Runs shows Done', async () => {
    await openPage();
    const sheet = Buffer.from('E-mail,First name,Last name,Department\nundo.browser@example.com,Undo,Browser,Отмена\n');
    await uploadAndPlan({ name: 'undo-me.csv', buffer: sheet });
    await page.getByRole('button', { name: /^Применить/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Да, выполнить' }).click();
    await page.getByRole('heading', { name: 'Готово' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Отменить этот запуск' }).waitFor();

    await page.getByRole('link', { name: 'Запуски' }).click();
    await page.getByRole('row', { name: /undo-me\.csv/ }).getByRole('button', { name: 'Отменить этот запуск' }).click();
    await page.getByRole('heading', { name: /^План отмены / }).waitFor();
    expect(await page.getByRole('heading', { name: /^заблокировать \(1\)$/ }).count()).toBe(1);
    await page.getByRole('button', { name: /^Применить/ }).click();
    await page.getByRole('dialog', { name: 'Применить план?' }).getByRole('button', { name: 'Да, выполнить' }).click();
    await page.getByRole('heading', { name: 'Готово' }).waitFor({ timeout: 60_000 });
    const client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
    const users = [];
    for await (const user of client.listUsers()) if (user.email === 'undo.browser@example.com') users.push(user);
    expect(users.map((user) => user.suspended)).toEqual([true]);
  });

  it('directory: the card suspends a person through a plan, confirmed and applied on the page', async () => {
    const client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
    let person: { id: number; email: string; name: string } | undefined;
    for await (const user of client.listUsers()) {
      if (!person && !user.bot && !user.suspended && user.role === 'user' && user.email && user.first_name && user.last_name) person = { id: user.id, email: user.email, name: `${user.first_name} ${user.last_name}` };
    }
    await openPage();
    await page.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByLabel('Имя, почта или телефон').fill(person!.email);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('button', { name: `Открыть: ${person!.name}` }).click();
    await page.getByRole('button', { name: 'Заблокировать' }).click();
    await page.getByRole('heading', { name: `План для ${person!.name}` }).waitFor();
    await page.getByRole('button', { name: 'Применить изменения: 1' }).click();
    await page.getByRole('dialog', { name: 'Применить план?' }).getByRole('button', { name: 'Да, выполнить' }).click();
    await page.getByRole('heading', { name: 'Готово' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Восстановить' }).waitFor();
    expect((await client.getUser(person!.id)).suspended).toBe(true);
  });

  it('a name with markup is shown as text', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
    await client.createUser({ user: { email: 'markup.name@example.com', first_name: 'Xss', last_name: name } });
    // A pending invite has no first name yet (as in Pachca): accepted, the whole name shows.
    await fetch(`${web.sandbox.origin}/__sandbox/accept-invites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ emails: ['markup.name@example.com'] }) });
    await openPage();
    let alerted = false;
    page.on('dialog', (dialog) => {
      alerted = true;
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByLabel('Имя, почта или телефон').fill('markup.name@example.com');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('cell', { name: `Xss ${name}`, exact: true }).waitFor();
    await page.getByRole('button', { name: `Открыть: Xss ${name}` }).click();
    await page.getByRole('heading', { name: `Сотрудник: Xss ${name}` }).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(alerted).toBe(false);
  });

  it('an oversized upload is refused with a clear message', async () => {
    await openPage();
    await page.getByLabel('Таблица (CSV или XLSX)').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(100 * 1024, 'a') });
    await page.getByRole('alert').filter({ hasText: 'Файл больше 0.1 МБ' }).waitFor();
  });

  it('the language switch changes the page, and it stays switched', async () => {
    await openPage();
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { name: 'Import a sheet' }).waitFor();
    expect(await page.getByRole('link', { name: 'Export' }).count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'Import a sheet' }).waitFor();
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { name: 'Импорт таблицы' }).waitFor();
  });

  it('export and audit files download', async () => {
    await openPage();
    await page.getByRole('link', { name: 'Выгрузка' }).click();
    await page.getByRole('button', { name: 'Выгрузить' }).click();
    const workbook = await downloaded(/^pachca-directory-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(workbook.bytes.subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('link', { name: 'Аудит' }).click();
    await page.getByRole('button', { name: 'Провести аудит' }).click();
    const xlsx = await downloaded('audit.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const html = await downloaded('audit.html');
    expect(html.bytes.toString('utf8')).toContain('<html');

    await page.getByRole('link', { name: 'Шаблон' }).click();
    const template = await downloaded('hire-template-ru.xlsx');
    expect(template.name).toBe('hire-template-ru.xlsx');
  });
});
