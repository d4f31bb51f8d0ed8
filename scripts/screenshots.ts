// `npm run screenshots`: each page of `pachca-roster ui` in Chromium (/usr/bin/chromium, or
// CHROMIUM_PATH), against an in-process sandbox with the sample company, saved as
// docs/screenshots/<page>.png. Russian by default; `-- --lang en` for English.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { PachcaClient } from '../src/pachca/client.js';
import { startSandbox } from '../src/sandbox/server.js';
import { startWebServer } from '../src/web/server.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { lang: { type: 'string', default: 'ru' }, out: { type: 'string', default: join(ROOT, 'docs/screenshots') } } });
const lang = values.lang === 'en' ? 'en' : 'ru';
const words = lang === 'ru'
  ? { file: 'Таблица (CSV или XLSX)', plan: 'Показать план', planHeading: 'План', apply: /^Применить/, yes: 'Да, выполнить', done: 'Готово', export: 'Выгрузка', exportButton: 'Выгрузить', audit: 'Аудит', auditButton: 'Провести аудит', directory: 'Сотрудники', search: 'Имя, почта или телефон', find: 'Найти', open: /^Открыть/, template: 'Шаблон', runs: 'Запуски' }
  : { file: 'Sheet (CSV or XLSX)', plan: 'Show the plan', planHeading: 'Plan', apply: /^Apply/, yes: 'Yes, go ahead', done: 'Done', export: 'Export', exportButton: 'Export', audit: 'Audit', auditButton: 'Run the audit', directory: 'Directory', search: 'Name, e-mail or phone', find: 'Search', open: /^Open/, template: 'Template', runs: 'Runs' };

const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, seed: join(ROOT, 'fixtures/directory.json') });
const runsDir = mkdtempSync(join(tmpdir(), 'screenshots-runs-'));
const server = await startWebServer({
  host: '127.0.0.1', port: 0, key: 'screenshots-key-0123456789', runsDir, maxUploadBytes: 50 * 1024 * 1024,
  connect: () => new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken }), apiUrl: sandbox.url, defaultLang: lang, demo: true,
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
mkdirSync(values.out!, { recursive: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  /** The window as a person sees it, scrolled to `at` when given. */
  const shot = async (name: string, at?: string): Promise<void> => {
    if (at) await page.locator(at).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(values.out!, `${name}.png`) });
    process.stdout.write(`${join(values.out!, `${name}.png`)}\n`);
  };
  await page.goto(server.entryUrl);
  await page.getByLabel(words.file).setInputFiles({ name: 'hires.csv', mimeType: 'text/csv', buffer: readFileSync(join(ROOT, 'fixtures/messy.csv')) });
  await page.getByRole('button', { name: words.plan }).waitFor();
  await shot('import-check', '#validation-heading');
  await page.getByLabel(words.file).setInputFiles(join(ROOT, 'fixtures/hires-ru.xlsx'));
  await page.getByRole('button', { name: words.plan }).click();
  await page.getByRole('heading', { name: words.planHeading }).waitFor();
  await shot('import-plan', 'section.plan');
  await page.getByRole('button', { name: words.apply }).click();
  await shot('import-confirm');
  await page.getByRole('button', { name: words.yes }).click();
  await page.getByRole('heading', { name: words.done }).waitFor({ timeout: 120_000 });
  await shot('import-done', '#apply-progress');

  await page.getByRole('link', { name: words.export }).click();
  await page.getByRole('button', { name: words.exportButton }).click();
  await page.getByRole('link', { name: /\.xlsx$/ }).waitFor();
  await shot('export');

  await page.getByRole('link', { name: words.audit, exact: true }).click();
  await page.getByRole('button', { name: words.auditButton }).click();
  await page.getByRole('link', { name: 'audit.xlsx' }).waitFor();
  await shot('audit');
  await shot('audit-charts', '.charts');

  await page.getByRole('link', { name: words.directory }).click();
  await page.getByLabel(words.search).fill(lang === 'ru' ? 'Иван' : 'a');
  await page.getByRole('button', { name: words.find }).click();
  await page.getByRole('button', { name: words.open }).first().click();
  await page.locator('#person-heading').waitFor();
  await shot('directory', 'section.person');

  await page.getByRole('link', { name: words.template }).click();
  await shot('template');

  await page.getByRole('link', { name: words.runs }).click();
  await page.locator('main table').waitFor();
  await shot('runs');
} finally {
  await browser.close();
  await server.stop();
  await sandbox.stop();
  rmSync(runsDir, { recursive: true, force: true });
}
