// UTF-8 CSV bytes -> records, fed in chunks: CsvRecordReader's reading (csv-records.ts) done on the
// bytes themselves. A UTF-8 file needs no decoding pass first (every byte the reader looks for is
// ASCII, and never part of a longer character), and each field is made once from its bytes: a
// string of its own (not a view of a chunk to copy), one byte per character when it is ASCII.
// test/sheets-csv-records.test.ts holds it to CsvRecordReader on random text and chunking.

import { CsvQuoteNotClosedError } from './csv-records.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const QUOTE_BYTES = Buffer.from('"');
const CR_BYTES = Buffer.from('\r');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

export class CsvUtf8RecordReader {
  private readonly delimiter: number;
  /** Fields of the record being read. */
  private record: string[] = [];
  /** The current field's bytes from earlier chunks (and, in quotes, with "" already made one "). */
  private pieces: Buffer[] = [];
  private quoting = false;
  /** The current field had a quoted part: a record of one empty quoted field still counts. */
  private wasQuoting = false;
  /** A "\r" or a closing-looking quote at a chunk's end, held until the next byte is known. */
  private carry: Buffer = EMPTY;
  /** Byte order marks still to drop at the start: the decoder's one, and one more (what Excel writes once). */
  private boms = 2;

  constructor(delimiter: string) {
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) throw new Error('the CSV delimiter must be one ASCII character');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Reads a chunk; complete records go to `out`. */
  write(chunk: Buffer, out: string[][]): void {
    this.scan(chunk, false, out);
  }

  /** The bytes have ended: the last record (if any) goes to `out`. Throws CsvQuoteNotClosedError. */
  end(out: string[][]): void {
    this.scan(EMPTY, true, out);
    if (this.quoting) throw new CsvQuoteNotClosedError();
    if (this.wasQuoting || this.record.length > 0 || this.pieces.length > 0) this.endRecord(out, EMPTY, 0, 0);
  }

  /** Ends the field whose last bytes are bytes[start, end). */
  private endField(bytes: Buffer, start: number, end: number): void {
    let value: string;
    if (this.pieces.length === 0) {
      value = start === end ? '' : bytes.toString('utf8', start, end);
    } else {
      if (end > start) this.pieces.push(bytes.subarray(start, end));
      value = Buffer.concat(this.pieces).toString('utf8');
      this.pieces = [];
    }
    this.record.push(value);
    this.wasQuoting = false;
  }

  private endRecord(out: string[][], bytes: Buffer, start: number, end: number): void {
    this.endField(bytes, start, end);
    out.push(this.record);
    this.record = [];
  }

  private keep(bytes: Buffer, start: number, end: number): void {
    if (end > start) this.pieces.push(bytes.subarray(start, end));
  }

  private scan(chunk: Buffer, final: boolean, out: string[][]): void {
    let bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = EMPTY;
    while (this.boms > 0 && bytes.length > 0) {
      if (bytes.length < 3 && !final && BOM.subarray(0, bytes.length).equals(bytes)) {
        // Too few bytes yet to tell a BOM.
        this.carry = bytes;
        return;
      }
      if (bytes.subarray(0, 3).equals(BOM)) {
        bytes = bytes.subarray(3);
        this.boms--;
      } else {
        this.boms = 0;
      }
    }
    const length = bytes.length;
    const delimiter = this.delimiter;
    /** Start of the current field's bytes not yet kept. */
    let start = 0;
    let at = 0;
    while (at < length) {
      if (this.quoting) {
        const quote = bytes.indexOf(QUOTE, at);
        if (quote < 0) break;
        if (quote + 1 >= length && !final) {
          // Escaped quote, closing quote or a stray one: the next chunk decides.
          this.keep(bytes, start, quote);
          this.carry = QUOTE_BYTES;
          return;
        }
        const next = quote + 1 < length ? bytes[quote + 1]! : -1;
        if (next === QUOTE) {
          this.keep(bytes, start, quote + 1);
          at = start = quote + 2;
        } else if (next === -1 || next === delimiter || next === CR || next === LF || next === NUL) {
          this.keep(bytes, start, quote);
          this.quoting = false;
          this.wasQuoting = true;
          at = start = quote + 1;
        } else {
          // A quote inside the value that does not end it: the value is read as written, quotes and all.
          this.pieces.unshift(QUOTE_BYTES);
          this.keep(bytes, start, quote + 1);
          this.quoting = false;
          this.wasQuoting = true;
          at = start = quote + 1;
        }
        continue;
      }
      const code = bytes[at]!;
      if (code === delimiter) {
        this.endField(bytes, start, at);
        at = start = at + 1;
      } else if (code === LF) {
        this.endRecord(out, bytes, start, at);
        at = start = at + 1;
      } else if (code === CR) {
        if (at + 1 >= length && !final) {
          this.keep(bytes, start, at);
          this.carry = CR_BYTES;
          return;
        }
        this.endRecord(out, bytes, start, at);
        at = start = at + (bytes[at + 1] === LF ? 2 : 1);
      } else if (code === QUOTE && at === start && this.pieces.length === 0) {
        this.quoting = true;
        at = start = at + 1;
      } else {
        at++;
      }
    }
    this.keep(bytes, start, length);
  }
}
