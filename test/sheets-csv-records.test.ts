// The CSV record reader reads exactly as csv-parse does with the options the tool used before it.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvQuoteNotClosedError, CsvRecordReader } from '../src/sheets/csv-records.js';

type Outcome = { records: string[][] } | { error: 'quote not closed' };

function byCsvParse(text: string, delimiter: string): Outcome {
  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
    return { records };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED') return { error: 'quote not closed' };
    throw error;
  }
}

function byReader(chunks: string[], delimiter: string): Outcome {
  const reader = new CsvRecordReader(delimiter);
  const records: string[][] = [];
  try {
    for (const chunk of chunks) reader.write(chunk, records);
    reader.end(records);
    return { records };
  } catch (error) {
    if (error instanceof CsvQuoteNotClosedError) return { error: 'quote not closed' };
    throw error;
  }
}

/** Cuts the text at the given positions (sorted, deduplicated), as a stream would. */
function cut(text: string, positions: number[]): string[] {
  const points = [...new Set(positions.map((position) => position % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const PIECES = ['a', 'б', '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', ' ', '\uFEFF', '\0', 'x y'];

describe('CsvRecordReader', () => {
  it('gives the records and errors csv-parse gives, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join('')),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, delimiter, positions) => {
          expect(byReader(cut(text, positions), delimiter)).toEqual(byCsvParse(text, delimiter));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads the cases people write by hand', () => {
    const cases = [
      'Email;Имя\r\na@x.ru;Анна\r\n',
      'a,"b, c",d\n"say ""hi""",e\n',
      'a,"multi\nline",b\r\nc\rd\n\n',
      'a,b "quoted" inside,c\n',
      '"closed"then text,x\n',
      '\uFEFFsep=;\na;b',
      '"open',
      '""',
    ];
    for (const text of cases) {
      for (const delimiter of [',', ';']) expect(byReader([text], delimiter)).toEqual(byCsvParse(text, delimiter));
    }
  });
});
