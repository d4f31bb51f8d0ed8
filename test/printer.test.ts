// The read commands' printer: tables fitted to a terminal and plain elsewhere, JSON as given,
// CSV by the project's rules. Printed into a stand-in for stdout.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitWidths, Printer, truncate, type Column, type PrintTarget } from '../src/cli/printer.js';

interface Row {
  id: number;
  name: string;
  note: string | null;
  tags: string[];
  away: boolean;
}

const COLUMNS: Column<Row>[] = [
  { header: 'id', cell: (row) => row.id },
  { header: 'name', cell: (row) => row.name },
  { header: 'note', cell: (row) => row.note },
  { header: 'tags', cell: (row) => row.tags },
  { header: 'away', cell: (row) => row.away },
];

const LONG_NOTE = 'Вернусь шестнадцатого августа, по срочным вопросам пишите Алексею Смирнову или в общий чат';
const ROWS: Row[] = [
  { id: 1, name: 'Олег Петров', note: LONG_NOTE, tags: ['Руководители', 'Москва'], away: true },
  { id: 15, name: '=cmd|\' /C calc\'!A0', note: null, tags: ['-Минус'], away: false },
];

function target(options: { isTTY?: boolean; columns?: number } = {}): PrintTarget & { text: string } {
  const out = { text: '', ...options, write: (chunk: string) => (out.text += chunk) };
  return out;
}

describe('table', () => {
  it('on a terminal, cuts the widest cells with … until every line fits the width', () => {
    const out = target({ isTTY: true, columns: 60 });
    new Printer('table', out).list(ROWS, COLUMNS);
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines[1]).toContain('…');
    expect(lines[1]).toMatch(/^1 {3}Олег Петров {2,}Вернусь/);
    expect(lines[1]).toMatch(/yes$/);
  });

  it('not on a terminal, prints every cell whole, aligned, with no trailing spaces', () => {
    const out = target({ isTTY: false, columns: 60 });
    new Printer('table', out).list(ROWS, COLUMNS);
    const lines = out.text.split('\n');
    expect(lines[1]).toContain(LONG_NOTE);
    expect(lines[0]!.indexOf('tags')).toBe(lines[1]!.indexOf('Руководители'));
    expect(lines[2]).toMatch(/-Минус {2,}no$/);
    expect(lines.every((line) => line === line.trimEnd())).toBe(true);
    expect(out.text.endsWith('no\n')).toBe(true);
  });

  it('never passes line breaks or control characters (a terminal escape) through', () => {
    const out = target();
    new Printer('table', out).list([{ ...ROWS[0]!, name: 'Evil\u001b[2J\nName\r', note: 'a\tb' }], COLUMNS);
    expect(out.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(out.text.trimEnd().split('\n')).toHaveLength(2);
    expect(out.text).toContain('Evil [2J Name');
  });

  it('a record: field and value lines without a header', () => {
    const out = target();
    new Printer('table', out).record([['id', 1], ['status_emoji', '🏝️'], ['tags', ['A', 'B']], ['time_zone', null]], {});
    expect(out.text).toBe('id            1\nstatus_emoji  🏝️\ntags          A, B\ntime_zone\n');
  });
});

describe('json and csv', () => {
  it('json prints the data as given (by default the rows), whatever the columns', () => {
    const out = target({ isTTY: true, columns: 20 });
    new Printer('json', out).list(ROWS, COLUMNS);
    expect(JSON.parse(out.text)).toEqual(ROWS);
    const record = target();
    new Printer('json', record).record([['id', 1]], { id: 1, nested: { a: [1] } });
    expect(JSON.parse(record.text)).toEqual({ id: 1, nested: { a: [1] } });
  });

  it('csv: a header row, lists joined, booleans as yes/no words, formula-like cells neutralized, nothing cut', () => {
    const out = target({ isTTY: true, columns: 20 });
    new Printer('csv', out).list(ROWS, COLUMNS);
    expect(out.text.endsWith('\r\n')).toBe(true);
    expect(parse(out.text)).toEqual([
      ['id', 'name', 'note', 'tags', 'away'],
      ['1', 'Олег Петров', LONG_NOTE, 'Руководители, Москва', 'yes'],
      ['15', "'=cmd|' /C calc'!A0", '', "'-Минус", 'no'],
    ]);
  });
});

describe('widths', () => {
  it('counts emoji and wide characters as two columns, combining marks as none', () => {
    expect(displayWidth('Мария')).toBe(5);
    expect(displayWidth('🏝️')).toBe(2);
    expect(displayWidth('👍🏽')).toBe(2);
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth('й')).toBe(1);
  });

  it('truncate cuts to the width, the … included, never splitting an emoji', () => {
    expect(truncate('Санкт-Петербург', 8)).toBe('Санкт-П…');
    expect(truncate('ab🏝️cd', 4)).toBe('ab…');
    expect(displayWidth(truncate('ab🏝️cd', 5))).toBeLessThanOrEqual(5);
    expect(truncate('short', 10)).toBe('short');
  });

  it('fitWidths narrows the widest column first and never below four', () => {
    const widths = [2, 30, 10];
    fitWidths(widths, 30);
    expect(widths).toEqual([2, 18, 10]);
    const tight = [5, 5, 5];
    fitWidths(tight, 3);
    expect(tight).toEqual([4, 4, 4]);
  });
});
