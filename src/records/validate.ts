// Rows -> validated employee records + issues; readAndValidate is the entry point for validate and import.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { InputError } from '../exit-codes.js';
import { excelColumnLetter } from '../sheets/cell-text.js';
import { openSheet } from '../sheets/read.js';
import { StringPool } from '../sheets/string-pool.js';
import {
  isKnownHeader, mapHeaders, parseMapFlags, resolveOverrides, type ColumnTarget, type HeaderOverrides,
} from './columns.js';
import {
  MAX_LENGTH, collapseSpaces, parseAction, parseBoolean, parseChatIds, parseDateTime, parseEmail, parsePhone,
  parseRole, splitFullName, splitTags, fail, type Parsed, type Say,
} from './normalize.js';
import { en, messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import type { CanonicalColumn, ColumnMapping, EmployeeRecord, Issue, Row, RowStray, StatusFields, ValidatedSheet } from './types.js';

export interface RecordOptions {
  /** Region for phones written without a country code (default RU). */
  phoneRegion?: string;
  /** The language of the issues' messages (default English). */
  lang?: Lang;
}

export interface ReadAndValidateOptions extends RecordOptions {
  sheet?: string;
  /** Repeatable `--map "Header=column"` values. */
  map?: readonly string[];
  /** Path of a JSON file `{"Header": "column"}`. */
  mapping?: string;
  encoding?: string;
  delimiter?: string;
}

type TextField = 'first_name' | 'last_name' | 'middle_name' | 'nickname' | 'department' | 'title';
const TEXT_FIELDS: readonly TextField[] = ['first_name', 'last_name', 'middle_name', 'nickname', 'department', 'title'];

const unknownSets = new WeakMap<ColumnMapping, ReadonlySet<string>>();

/** The mapping's unknown headers as a set, made once per mapping: a per-cell list search is quadratic on wide sheets. */
function unknownHeaders(mapping: ColumnMapping): ReadonlySet<string> {
  let set = unknownSets.get(mapping);
  if (!set) {
    set = new Set(mapping.unknown);
    unknownSets.set(mapping, set);
  }
  return set;
}

/** A status needs an emoji and a title together; a row with one of them is imported without its status. */
export const STATUS_SKIPPED = en.recordStatusSkipped;

/** Validates one row; pushes issues; returns the record when the row has no errors. */
export function validateRow(
  row: Row,
  mapping: ColumnMapping,
  options: RecordOptions,
  issues: Issue[],
  pool: StringPool = new StringPool(),
): EmployeeRecord | undefined {
  const region = options.phoneRegion ?? 'RU';
  const cellsByColumn = new Map<CanonicalColumn, { header: string; text: string }>();
  const record: EmployeeRecord = {
    email: '', action: 'upsert', customByName: {}, blankFields: [],
    source: { rowNumber: row.rowNumber, cells: row.cells },
  };
  let hasError = false;
  const t = messages(options.lang ?? 'en');
  const report = (column: string, value: string, say: Say, severity: Issue['severity'] = 'error') => {
    issues.push({ row: row.rowNumber, column, value, message: say(t), severity });
    if (severity === 'error') hasError = true;
  };

  const unknown = unknownHeaders(mapping);
  for (const [header, text] of row.cells) {
    const target: ColumnTarget | undefined = mapping.byHeader.get(header);
    const isUnknown = target === undefined && unknown.has(header);
    if (target === undefined && !isUnknown) continue;
    if (target === undefined || target.startsWith('custom:')) {
      // custom:NAME columns and unknown headers alike: the import decides which are real custom properties.
      const name = target === undefined ? header : target.slice('custom:'.length);
      const value = collapseSpaces(text);
      if (value === '') record.blankFields.push(`custom:${name}`);
      else if (value.length > MAX_LENGTH.customProperty) report(header, text, (m) => m.recordTooLong(MAX_LENGTH.customProperty));
      else record.customByName[name] = value;
      continue;
    }
    const column = target as CanonicalColumn;
    if (collapseSpaces(text) === '') record.blankFields.push(column);
    else cellsByColumn.set(column, { header, text });
  }

  if (row.stray) reportStray(row.stray, report);

  const take = <T>(column: CanonicalColumn, parse: (text: string) => Parsed<T>): T | undefined => {
    const cell = cellsByColumn.get(column);
    if (!cell) return undefined;
    const parsed = parse(cell.text);
    if (!parsed.ok) {
      report(cell.header, cell.text, parsed.say);
      return undefined;
    }
    if (parsed.warning) report(cell.header, cell.text, parsed.warning, 'warning');
    return parsed.value;
  };
  const limited = (limit: number) => (text: string): Parsed<string> => {
    const value = collapseSpaces(text);
    return value.length > limit ? fail((m) => m.recordTooLongBy(limit, value.length)) : { ok: true, value };
  };

  const emailCell = cellsByColumn.get('email');
  if (!emailCell) {
    report(mapping.byHeader.size > 0 ? headerOf(mapping, 'email') : '', '', (m) => m.recordNoEmail);
  } else {
    record.email = take('email', parseEmail) ?? '';
  }

  for (const field of TEXT_FIELDS) {
    const value = take(field, limited(MAX_LENGTH.text));
    if (value !== undefined) record[field] = value;
  }
  const fullName = take('full_name', limited(MAX_LENGTH.text * 3));
  if (fullName !== undefined) {
    const parts = splitFullName(fullName);
    for (const [field, value] of Object.entries(parts) as Array<[keyof typeof parts, string]>) {
      if (record[field] !== undefined) continue; // explicit first/last/middle columns win
      if (value.length > MAX_LENGTH.text) report(cellsByColumn.get('full_name')!.header, fullName, (m) => m.recordFieldTooLong(field, MAX_LENGTH.text));
      else record[field] = value;
    }
  }
  assignDefined(record, 'phone_number', take('phone_number', (text) => parsePhone(text, region)));
  assignDefined(record, 'role', take('role', parseRole));
  const tags = take('tags', (text): Parsed<string[]> => {
    const list = splitTags(text).map((tag) => pool.intern('tags', tag));
    const tooLong = list.find((tag) => tag.length > MAX_LENGTH.text);
    return tooLong ? fail((m) => m.recordTagTooLong(tooLong.slice(0, 40), MAX_LENGTH.text)) : { ok: true, value: list };
  });
  if (tags !== undefined) record.tags = tags;
  assignDefined(record, 'suspended', take('suspended', (text) => parseBoolean(text, { suspendedWords: true })));
  assignDefined(record, 'chat_ids', take('chat_ids', parseChatIds));
  record.action = take('action', parseAction) ?? 'upsert';

  if (record.role === 'guest' && (record.chat_ids?.length ?? 0) !== 1) {
    const roleCell = cellsByColumn.get('role')!;
    // Only creating a guest needs the chat; an existing guest (say, in an exported sheet) is fine,
    // and only the import knows which it is, so here it is a warning and the plan enforces it.
    issues.push({
      row: row.rowNumber, column: roleCell.header, value: roleCell.text, severity: 'warning', onlyWhenCreating: true,
      message: t.recordGuestChats(record.chat_ids?.length ?? 0),
    });
  }

  const status: StatusFields = {};
  const titleCell = cellsByColumn.get('status_title');
  if (titleCell && collapseSpaces(titleCell.text) === '-') status.clear = true;
  else {
    const title = take('status_title', limited(MAX_LENGTH.statusTitle));
    if (title !== undefined) status.title = title;
  }
  const emoji = take('status_emoji', limited(MAX_LENGTH.text));
  if (emoji !== undefined) status.emoji = emoji;
  const expiresAt = take('status_expires_at', parseDateTime);
  if (expiresAt !== undefined) status.expires_at = expiresAt;
  const isAway = take('status_is_away', (text) => parseBoolean(text));
  if (isAway !== undefined) status.is_away = isAway;
  const awayMessage = take('status_away_message', limited(MAX_LENGTH.awayMessage));
  if (awayMessage !== undefined) status.away_message = awayMessage;
  if (!status.clear) {
    // Not an error: the person is imported and only the status is skipped (the plan says so too).
    if (status.title !== undefined && !cellsByColumn.has('status_emoji')) report(titleCell!.header, titleCell!.text, (m) => m.recordStatusSkipped, 'warning');
    const emojiCell = cellsByColumn.get('status_emoji');
    if (status.emoji !== undefined && !titleCell && emojiCell) report(emojiCell.header, emojiCell.text, (m) => m.recordStatusSkipped, 'warning');
  }
  if (Object.keys(status).length > 0) record.status = status;

  return hasError ? undefined : record;
}

function reportStray(stray: RowStray, report: (column: string, value: string, say: Say, severity?: Issue['severity']) => void): void {
  const first = stray.cells[0]!;
  const where = stray.cells.map((cell) => excelColumnLetter(cell.column)).join(', ');
  if (stray.fieldCount !== undefined) {
    // More fields than the header: a value with an unquoted delimiter has shifted every cell after it.
    report('', first.value, (m) => m.recordShiftedFields(stray.fieldCount!, stray.headerFieldCount!));
    return;
  }
  report('', first.value, (m) => m.recordStrayText(stray.cells.length, where), 'warning');
}

/**
 * Sets a field only when it has a value. Records leave absent fields out entirely, and
 * never `delete` them: a deleted property turns a V8 object into a slow dictionary several
 * times its size, which for a 100,000-row sheet costs over 100 MB.
 */
function assignDefined<K extends keyof EmployeeRecord>(record: EmployeeRecord, key: K, value: EmployeeRecord[K] | undefined): void {
  if (value !== undefined) record[key] = value;
}

function headerOf(mapping: ColumnMapping, column: CanonicalColumn): string {
  for (const [header, target] of mapping.byHeader) if (target === column) return header;
  return '';
}

/**
 * Validates rows in order: the first row with an email stands, later rows with the same
 * email are invalid ("duplicate of row N"). Rows with no cell text at all never get here: the reader leaves them out.
 */
export class RecordValidator {
  readonly records: EmployeeRecord[] = [];
  readonly invalidRows = new Set<number>();
  readonly issues: Issue[] = [];
  private readonly firstRowByEmail = new Map<string, number>();
  private readonly pool = new StringPool();

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly options: RecordOptions = {},
  ) {}

  /** Rows come from the sheet reader, which never yields a row whose cells are all blank. */
  add(row: Row): void {
    const record = validateRow(row, this.mapping, this.options, this.issues, this.pool);
    if (!record) {
      this.invalidRows.add(row.rowNumber);
      // An invalid row still holds its email: a later row with it is a duplicate, not the one that stands.
      const email = parseEmail(row.cells.get(headerOf(this.mapping, 'email')) ?? '');
      if (email.ok && !this.firstRowByEmail.has(email.value)) this.firstRowByEmail.set(email.value, row.rowNumber);
      return;
    }
    const first = this.firstRowByEmail.get(record.email);
    if (first !== undefined) {
      this.issues.push({ row: row.rowNumber, column: headerOf(this.mapping, 'email'), value: record.email, message: messages(this.options.lang ?? 'en').recordDuplicate(first), severity: 'error' });
      this.invalidRows.add(row.rowNumber);
      return;
    }
    this.firstRowByEmail.set(record.email, row.rowNumber);
    this.records.push(record);
  }
}

/** A --mapping file: {"Header as written": "column or custom:NAME"}. */
const MAPPING_FILE = z.record(z.string(), z.string());

async function loadOverrides(options: ReadAndValidateOptions): Promise<HeaderOverrides> {
  const combined: Record<string, string> = {};
  if (options.mapping) {
    const label = basename(options.mapping);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(options.mapping, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
      throw new InputError(`--mapping ${label}: ${reason}`);
    }
    const checked = MAPPING_FILE.safeParse(parsed);
    if (!checked.success) {
      const header = checked.error.issues[0]?.path[0];
      throw new InputError(header === undefined
        ? `--mapping ${label}: expected a JSON object {"Header": "column"}`
        : `--mapping ${label}: the value for "${String(header)}" must be a column name string`);
    }
    Object.assign(combined, checked.data);
  }
  Object.assign(combined, parseMapFlags(options.map ?? [])); // --map wins over --mapping
  return resolveOverrides(combined, options.mapping && !options.map?.length ? '--mapping' : '--map');
}

/** Reads a CSV/XLSX file and validates every row. InputError (exit 2) when unreadable or without an email column. */
export async function readAndValidate(file: string, options: ReadAndValidateOptions = {}): Promise<ValidatedSheet> {
  const overrides = await loadOverrides(options);
  const { detected, rows } = await openSheet(file, {
    sheet: options.sheet,
    encoding: options.encoding,
    delimiter: options.delimiter,
    isKnownHeader: (header) => isKnownHeader(header, overrides),
  });
  const { mapping, issues: headerIssues } = mapHeaders(detected.headers, overrides);
  if (![...mapping.byHeader.values()].includes('email')) {
    await rows.return(undefined);
    // Headers in another encoding read as garbage and match nothing: say which encoding was assumed.
    const t = messages(options.lang ?? 'en');
    const encodingHint = detected.format === 'csv' && !options.encoding ? t.recordGarbledHeaders(detected.encoding ?? '') : '';
    throw new InputError(`${t.recordNoEmailColumn(basename(file), detected.headerRow, detected.headers.join(', '))}${encodingHint}`);
  }
  const validator = new RecordValidator(mapping, { phoneRegion: options.phoneRegion, ...(options.lang ? { lang: options.lang } : {}) });
  const allRows: Row[] = [];
  for await (const row of rows) {
    allRows.push(row);
    validator.add(row);
  }
  return {
    detected,
    mapping,
    rows: allRows,
    records: validator.records,
    invalidRows: validator.invalidRows,
    issues: [...headerIssues, ...validator.issues],
    ...(options.lang ? { lang: options.lang } : {}),
  };
}
