import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/exit-codes.js';
import { mapHeaders } from '../src/records/columns.js';
import { RecordValidator } from '../src/records/validate.js';
import type { Row } from '../src/records/types.js';
import { readSheet } from '../src/sheets/read.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheets-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The reader's contract: rows, or an InputError with a one-line message naming the file. */
async function readsOrRefusesClearly(path: string, fileName: string): Promise<void> {
  try {
    const { rows } = await readSheet(path);
    for (const row of rows) expect(row.rowNumber).toBeGreaterThan(0);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain(fileName);
    expect(message).not.toContain('\n    at ');
  }
}

describe('the sheet reader never crashes', () => {
  it('on arbitrary bytes named .csv', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const name = `bytes-${n++}.csv`;
        const path = join(dir, name);
        await writeFile(path, bytes);
        await readsOrRefusesClearly(path, name);
      }),
      { numRuns: 150 },
    );
  });

  it('on arbitrary bytes named .xlsx, and on a real workbook with bytes flipped', async () => {
    const workbook = await readFile(new URL('../fixtures/hires-ru.xlsx', import.meta.url));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
          // Whole workbook with a few bytes flipped (inside the compressed sheets, the directory...).
          fc.array(fc.tuple(fc.nat(workbook.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
            const damaged = Buffer.from(workbook);
            for (const [at, xor] of flips) damaged[at] = damaged[at]! ^ xor;
            return damaged;
          }),
        ),
        async (bytes) => {
          const name = `bytes-${n++}.xlsx`;
          const path = join(dir, name);
          await writeFile(path, bytes);
          await readsOrRefusesClearly(path, name);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on arbitrary CSV-like text (quotes, delimiters, line breaks, Cyrillic)', async () => {
    const pieces = fc.constantFrom('"', ',', ';', '\t', '|', '\n', '\r\n', '\r', 'Email', 'Имя', 'a@b.ru', ' ', "'=", 'ё', '');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 60 }), async (parts) => {
        const name = `text-${n++}.csv`;
        const path = join(dir, name);
        await writeFile(path, parts.join(''), 'utf8');
        await readsOrRefusesClearly(path, name);
      }),
      { numRuns: 150 },
    );
  });
});

describe('validation never throws', () => {
  it('on random rows under every canonical and an unknown header', () => {
    const headers = ['Email', 'ФИО', 'Имя', 'Телефон', 'Роль', 'Теги', 'Заблокирован', 'Чаты', 'Действие', 'Эмодзи статуса', 'Статус', 'Статус до', 'Нет на месте', 'Сообщение об отсутствии', 'Город'];
    const { mapping } = mapHeaders(headers);
    const cellText = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '-', 'да', 'guest', '1', '31.02.2026', '2026-05-01', '8 916 123 45 67', 'x@y.ru'));
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: headers.length, maxLength: headers.length }), { maxLength: 20 }), (table) => {
        const validator = new RecordValidator(mapping, { phoneRegion: 'RU' });
        table.forEach((cells, index) => {
          const row: Row = { rowNumber: index + 2, cells: new Map(headers.map((header, column) => [header, cells[column]!])) };
          validator.add(row);
        });
        expect(validator.records.length + validator.invalidRows.size).toBeLessThanOrEqual(table.length);
        for (const record of validator.records) expect(record.email).toMatch(/@/);
        for (const issue of validator.issues) expect(issue.row).toBeGreaterThan(1);
      }),
      { numRuns: 300 },
    );
  });
});
