// CSV bytes -> raw rows: encoding and delimiter detection, streaming parse.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type IconvLite from 'iconv-lite';
import { lazyRequire } from '../lazy-require.js';
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { restoreNeutralized } from './cell-text.js';
import { CsvQuoteNotClosedError, CsvRecordReader } from './csv-records.js';
import type { RawRow } from './raw-row.js';

/** iconv-lite, loaded when a CSV file is first read: its code-page tables would otherwise be most of what every command loads at start. */
const iconv = lazyRequire<typeof IconvLite>('iconv-lite');

export const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;
const SAMPLE_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 256 * 1024;
const REPLACEMENT_CHARACTER = '\uFFFD';
/** Half a UTF-16 surrogate pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text with bytes the decoder could not read (a U+FFFD, or half a surrogate pair from UTF-16). */
function isBadlyDecoded(text: string): boolean {
  return text.includes(REPLACEMENT_CHARACTER) || LONE_SURROGATE.test(text);
}

/** Encoding names as SheetDetected reports them -> iconv-lite names. */
const ENCODING_ALIASES: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le', utf16le: 'utf-16le', 'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be', utf16be: 'utf-16be',
  'windows-1251': 'windows-1251', cp1251: 'windows-1251', win1251: 'windows-1251', '1251': 'windows-1251',
};

export interface CsvSniff {
  /** As reported: 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1251' or the override given. */
  encoding: string;
  delimiter: string;
  /**
   * The file starts with Excel's "sep=;" hint line. Excel takes the delimiter from it and does
   * not show the line, so it is not a row (row numbers stay as Excel shows them).
   */
  sepLine?: boolean;
}

/** Excel's delimiter hint, the first line of a CSV: sep=; */
const SEP_LINE = /^\uFEFF?sep=([^\r\n])(?:\r\n|\n|\r|$)/i;

async function readSample(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const sample = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, SAMPLE_BYTES, 0);
    return sample.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isValidUtf8(sample: Buffer, complete: boolean): boolean {
  // A sample cut mid-character is fine: drop up to 3 trailing bytes of an unfinished sequence.
  let end = sample.length;
  if (!complete) {
    for (let back = 1; back <= 3 && end - back >= 0; back++) {
      const byte = sample[end - back]!;
      if ((byte & 0xc0) === 0xc0) {
        end -= back;
        break;
      }
      if ((byte & 0x80) === 0) break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function detectEncoding(sample: Buffer, complete: boolean, label: string, t: Catalog): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample.includes(0)) {
    throw new InputError(t.csvNulBytes(label));
  }
  return isValidUtf8(sample, complete) ? 'utf-8' : 'windows-1251';
}

function isBinaryLooking(text: string): boolean {
  let control = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') control++;
  }
  return text.length > 0 && control / text.length > 0.05;
}

/** Counts delimiter candidates outside quotes per line and picks the most consistent one. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 30);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CSV_DELIMITERS) {
    const counts = lines.map((line) => {
      let inQuotes = false;
      let count = 0;
      for (const char of line) {
        if (char === '"') inQuotes = !inQuotes;
        else if (char === delimiter && !inQuotes) count++;
      }
      return count;
    });
    const frequency = new Map<number, number>();
    for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    // Lines agreeing on the most common non-zero count; ties go to the earlier candidate.
    const score = Math.max(0, ...frequency.values());
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function delimiterOverride(value: string, label: string, t: Catalog): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new InputError(t.csvDelimiterBad(label, value));
  }
  return delimiter;
}

export async function sniffCsv(path: string, overrides: { encoding?: string; delimiter?: string; lang?: Lang }): Promise<CsvSniff> {
  const label = basename(path);
  const t = messages(overrides.lang ?? 'en');
  const sample = await readSample(path);
  const complete = sample.length < SAMPLE_BYTES;
  let encoding: string;
  if (overrides.encoding) {
    const known = ENCODING_ALIASES[overrides.encoding.toLowerCase()];
    if (!known && !iconv().encodingExists(overrides.encoding)) {
      throw new InputError(t.csvEncodingUnknown(label, overrides.encoding));
    }
    encoding = known ?? overrides.encoding.toLowerCase();
  } else {
    encoding = detectEncoding(sample, complete, label, t);
  }
  const text = iconv().decode(sample, ENCODING_ALIASES[encoding] ?? encoding);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(t.sheetEmpty(label));
  if (isBinaryLooking(text)) {
    throw new InputError(t.csvBinary(label));
  }
  if (overrides.encoding && (text.match(/\uFFFD/g)?.length ?? 0) > text.length / 100) {
    throw new InputError(t.csvNotInEncoding(label, encoding));
  }
  const hint = SEP_LINE.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const delimiter = overrides.delimiter
    ? delimiterOverride(overrides.delimiter, label, t)
    : hint && !/["\r\n]/.test(hint[1]!) ? hint[1]! : detectDelimiter(body);
  return hint ? { encoding, delimiter, sepLine: true } : { encoding, delimiter };
}

/** Streams the records in batches (one per chunk of the file); rowNumber is the 1-based record number (what Excel shows when it opens the CSV). */
export async function* readCsvRows(path: string, sniff: CsvSniff, lang: Lang = 'en'): AsyncGenerator<RawRow[]> {
  const label = basename(path);
  const t = messages(lang);
  const reader = new CsvRecordReader(sniff.delimiter);
  // Drops the encoding's byte order mark, as the reader drops one more (what Excel writes once).
  const decoder = iconv().getDecoder(ENCODING_ALIASES[sniff.encoding] ?? sniff.encoding);
  const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  let rowNumber = 0;
  let skipSepLine = sniff.sepLine === true;
  // Single-byte encodings decode every byte; the Unicode ones mark undecodable bytes with U+FFFD
  // (and UTF-16 may leave half a surrogate pair). Records are checked once the text shows either.
  const checkDecoding = /^utf/i.test(sniff.encoding);
  let suspect = false;
  const records: string[][] = [];
  /** The records read so far as one batch of rows; a row that did not decode ends the read after the rows before it. */
  function* batch(): Generator<RawRow[]> {
    const rows: RawRow[] = [];
    for (const record of records) {
      if (skipSepLine) {
        skipSepLine = false;
        continue;
      }
      rowNumber++;
      if (suspect && record.some(isBadlyDecoded)) {
        records.length = 0;
        if (rows.length > 0) yield rows;
        // The encoding was judged from the file's start; bytes that do not decode must not
        // become silent question marks in someone's name.
        throw new InputError(t.csvMixedEncoding(label, rowNumber, sniff.encoding));
      }
      for (let index = 0; index < record.length; index++) record[index] = restoreNeutralized(record[index]!);
      rows.push({ rowNumber, values: record });
    }
    records.length = 0;
    if (rows.length > 0) yield rows;
  }
  // UTF-8 decoding never leaves half a surrogate pair: only a U+FFFD needs looking for.
  const utf8 = /^utf-?8/i.test(sniff.encoding);
  const decoded = (text: string): string => {
    if (checkDecoding && !suspect && (utf8 ? text.includes(REPLACEMENT_CHARACTER) : isBadlyDecoded(text))) suspect = true;
    return text;
  };
  try {
    for await (const bytes of file as AsyncIterable<Buffer>) {
      reader.write(decoded(decoder.write(bytes)), records);
      yield* batch();
    }
    reader.write(decoded(decoder.end() ?? ''), records);
    yield* batch();
    reader.end(records);
    yield* batch();
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof CsvQuoteNotClosedError) {
      throw new InputError(t.csvQuoteNotClosed(label, rowNumber + 1));
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(t.csvParse(label, rowNumber + 1, message));
  } finally {
    file.destroy();
  }
}
