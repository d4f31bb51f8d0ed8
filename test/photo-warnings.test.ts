// A photo that will not be uploaded because its file is unusable (a text file named .png) is
// told where the plan is read, in the run's language: the terminal's plan, plan.xlsx's Summary
// and the report's row message; a person the folder merely has no file for is no plan warning.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeCsvFile } from '../src/sheets/write.js';
import { runMain } from './helpers/in-process-cli.js';
import { sandboxForFile } from './helpers/sandbox.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images', import.meta.url));
const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const files = sandboxForFile('photo-warnings', { seed: SEED });
const { workDir } = files;

describe('photo warnings with the plan', () => {
  it('a non-image file is a plan warning in Russian on the terminal and in plan.xlsx', async () => {
    const file = join(workDir, 'people.csv');
    await writeCsvFile(file, ['email'], [['e.popova@example.ru'], ['s.sokolov@example.ru']]);
    const out = join(workDir, 'plan');
    const env = { PACHCA_API_URL: files.sandbox.url, PACHCA_TOKEN: files.sandbox.adminToken, LANG: 'ru_RU.UTF-8' };
    const result = await runMain(['plan', file, '--photos', IMAGES, '--out', out], { env });
    expect(result.code, result.stderr).toBe(0);
    const warning = `строка 2 e.popova@example.ru: фото не будет загружено: файл ${join(IMAGES, 'e.popova@example.ru.png')} — не изображение JPEG или PNG`;
    expect(result.stdout + result.stderr).toContain(warning);
    expect(result.stdout + result.stderr).not.toContain('s.sokolov@example.ru: фото');
    expect(result.stdout + result.stderr).not.toContain('is not a JPEG');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'plan.xlsx'));
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells).toContain(warning);
    expect(cells.some((cell) => cell.includes('is not a JPEG'))).toBe(false);
  });
});
