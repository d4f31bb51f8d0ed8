// Russian run output reads right for any number: counts as «подпись: число», decimal commas,
// Russian units in the progress bar, the dry-run note once; the help points to README.ru.md;
// --until in the past is refused; apply writes failed.csv only when some row failed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatPlan, formatSummary } from '../src/cli/import-text.js';
import { startProgress } from '../src/cli/progress.js';
import { messages } from '../src/i18n/catalog.js';
import type { RunSummary } from '../src/reports/report.js';
import { writeCsvFile } from '../src/sheets/write.js';
import type { Plan } from '../src/sync/plan.js';
import { runMain } from './helpers/in-process-cli.js';
import { sandboxForFile } from './helpers/sandbox.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const files = sandboxForFile('ru-wording', { seed: SEED });
const { workDir } = files;
const env = () => ({ PACHCA_API_URL: files.sandbox.url, PACHCA_TOKEN: files.sandbox.adminToken, LANG: 'ru_RU.UTF-8' });

function summary(counts: Partial<RunSummary['counts']>): RunSummary {
  const zero = { created: 0, updated: 0, renamed: 0, unchanged: 0, suspended: 0, restored: 0, deleted: 0, 'status set': 0, 'status cleared': 0, skipped: 0, invalid: 0, failed: 0 };
  return { counts: { ...zero, ...counts }, dryRun: false, exitCode: 0, tagsCreated: 0, requestsSent: 21, rateLimited: 0, elapsedSeconds: 4.5 } as unknown as RunSummary;
}

describe('Russian run output', () => {
  it('counts read «label: number» in the summary and the plan; seconds with a decimal comma', () => {
    const text = formatSummary(summary({ created: 20, updated: 2 }), '/tmp/run', 'ru');
    expect(text).toContain('Готово: создано: 20, изменено: 2');
    expect(text).toContain('Запросов: 21 (ограничено частотой: 0), 4,5 с');
    const plan = { warnings: [], counts: { 'create-tag': 1, create: 21 }, items: [] } as unknown as Plan;
    expect(formatPlan(plan, false, 'ru')).toContain('План: создание тегов: 1, создание: 21');
    // English stays as it was.
    expect(formatSummary(summary({ created: 20 }), '/tmp/run', 'en')).toContain('Done: created 20');
  });

  it('the progress bar tells the time left in Russian units and the rate with a comma', () => {
    // A terminal as far as cli-progress asks.
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let text = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const progress = startProgress({ total: 2, requests: () => 0, stream: stream as unknown as NodeJS.WriteStream, interactive: true, t: messages('ru') });
    progress.tick(false);
    progress.tick(false);
    progress.stop();
    expect(text).toContain('осталось 0 с');
    expect(text).toContain('0,0 запр/с');
    expect(text).not.toMatch(/осталось \d+s/);
    expect(messages('ru').timeLeft(125)).toBe('2 мин 5 с');
  });

  it('a dry run says «ничего не изменено» once; apply writes no failed.csv when no row failed', async () => {
    const file = join(workDir, 'hires.csv');
    await writeCsvFile(file, ['email', 'first_name', 'last_name'], [['w.one@example.ru', 'Анна', 'Новая']]);
    const out = join(workDir, 'plan');
    const planned = await runMain(['plan', file, '--out', out], { env: env() });
    expect(planned.code, planned.stderr).toBe(0);
    expect((planned.stdout + planned.stderr).match(/ничего не изменено/g)).toHaveLength(1);
    expect(planned.stdout).toContain('Было бы: создано: 1');
    const applied = await runMain(['apply', out, '--yes'], { env: env() });
    expect(applied.code, applied.stderr).toBe(0);
    expect(existsSync(join(out, 'report.csv'))).toBe(true);
    expect(existsSync(join(out, 'failed.csv'))).toBe(false);
  });

  it('status --until in the past is refused with exit 2 naming the flag, before any request', async () => {
    const before = files.sandbox.requestLog().length;
    const result = await runMain(['status', 'a.andreeva@example.ru', '--emoji', '🏝️', '--title', 'Отпуск', '--until', '2020-01-15', '--yes'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--until 2020-01-15: это время уже прошло');
    expect(files.sandbox.requestLog().length).toBe(before);
  });

  it('an offboarded person\'s plan action reads «увольнение» on the terminal and in plan.xlsx', async () => {
    const out = join(workDir, 'offboard');
    const result = await runMain(['offboard', 'a.andreeva@example.ru', '--dry-run', '--out', out], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/a\.andreeva@example\.ru {2}увольнение {2}/);
    expect(result.stdout).not.toContain('заблокировать');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'plan.xlsx'));
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells).toContain('увольнение');
  });

  it('the Russian --help\'s last line points to README.ru.md', () => {
    expect(messages('ru').cliEpilogue.split('\n').at(-1)).toBe('Документация: README.ru.md');
    expect(messages('en').cliEpilogue.split('\n').at(-1)).toBe('Docs: README.md');
  });
});
