// Rows -> validated employee records + issues; readAndValidate is the entry point for validate and import.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../exit-codes.js';
import { excelColumnLetter, isBlank } from '../sheets/cell-text.js';
import { RowCells } from '../sheets/row-cells.js';
import { openSheet } from '../sheets/read.js';
import { StringPool } from '../sheets/string-pool.js';
import { splitZonedHeader } from '../sheets/time-zone.js';
import {
  isKnownHeader, mapHeaders, parseMapFlags, resolveOverrides, type ColumnTarget, type HeaderOverrides,
} from './columns.js';
import {
  MAX_LENGTH, collapseSpaces, parseAction, parseBoolean, parseChatIds, parseDateTime, parseEmail, parsePhone,
  parseRole, splitFullName, splitTags, fail, type Parsed, type Say,
} from './normalize.js';
import { en, messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import type { CanonicalColumn, ColumnMapping, EmployeeRecord, Issue, Row, RowStray, StatusFields, ValidatedSheet } from './types.js';

export interface RecordOptions {
  /** Region for phones written without a country code (default RU). */
  phoneRegion?: string;
  /** People are matched by another key (`--match id` or `custom:NAME`): a row or sheet without an e-mail is not an error here. */
  emailOptional?: boolean;
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
  /** XLSX: other sheets to read in the same pass (ValidatedSheet.companions). */
  companionSheets?: readonly string[];
}

type TextField = 'first_name' | 'last_name' | 'middle_name' | 'nickname' | 'department' | 'title';
const TEXT_FIELDS: readonly TextField[] = ['first_name', 'last_name', 'middle_name', 'nickname', 'department', 'title'];

/** What validating one cell means, for one header of the sheet. */
interface CellPlan {
  header: string;
  /** A standard column; undefined for custom:NAME columns and unknown headers. */
  column?: CanonicalColumn;
  /** custom:NAME columns and unknown headers alike: the import decides which are real custom properties. */
  customName?: string;
}

/**
 * What validating a sheet's rows keeps from row to row: the plan of its columns (the rows of
 * one sheet share their headers), repeated tag cells split once, and one pool of tag names.
 */
export class ValidationMemo {
  readonly pool = new StringPool();
  private planned?: { headers: readonly string[]; mapping: ColumnMapping; plan: readonly CellPlan[] };
  private tagLists: Map<string, readonly string[]> | null = new Map();

  /** The headers' plan, in the row's own header order (issues come in that order). */
  planFor(cells: ReadonlyMap<string, string>, mapping: ColumnMapping): readonly CellPlan[] {
    const headers = cells instanceof RowCells ? cells.headers : [...cells.keys()];
    if (this.planned?.headers === headers && this.planned.mapping === mapping) return this.planned.plan;
    const unknown = new Set(mapping.unknown);
    const plan: CellPlan[] = [];
    for (const header of headers) {
      const target: ColumnTarget | undefined = mapping.byHeader.get(header);
      if (target === undefined) {
        if (unknown.has(header)) plan.push({ header, customName: header });
      } else if (target.startsWith('custom:')) {
        plan.push({ header, customName: target.slice('custom:'.length) });
      } else {
        plan.push({ header, column: target as CanonicalColumn });
      }
    }
    this.planned = { headers, mapping, plan };
    return plan;
  }

  /** splitTags of a cell, pooled; a sheet repeats a few tag cells, so each is split once (a fresh array each time). */
  tags(text: string): string[] {
    const known = this.tagLists?.get(text);
    if (known) return known.slice();
    const list = splitTags(text).map((tag) => this.pool.intern('tags', tag));
    if (this.tagLists) {
      if (this.tagLists.size >= MAX_REMEMBERED_TAG_CELLS) this.tagLists = null;
      else this.tagLists.set(text, list.slice());
    }
    return list;
  }
}

const MAX_REMEMBERED_TAG_CELLS = 1_000;

/** A status needs an emoji and a title together; a row with one of them is imported without its status. */
export const STATUS_SKIPPED = en.recordStatusSkipped;

interface Cell {
  header: string;
  text: string;
}

/** One row being validated: its non-blank standard cells and the issues it raises. */
class RowCheck {
  hasError = false;
  readonly cells = new Map<CanonicalColumn, Cell>();

  constructor(
    private readonly rowNumber: number,
    private readonly issues: Issue[],
    /** The language the issues' messages are written in. */
    readonly t: Catalog,
  ) {}

  report(column: string, value: string, say: Say, severity: Issue['severity'] = 'error'): void {
    this.issues.push({ row: this.rowNumber, column, value, message: say(this.t), severity });
    if (severity === 'error') this.hasError = true;
  }

  take<T>(column: CanonicalColumn, parse: (text: string) => Parsed<T>): T | undefined {
    const cell = this.cells.get(column);
    if (!cell) return undefined;
    return this.judge(cell, parse(cell.text));
  }

  /** Text with spaces collapsed, at most `limit` characters. */
  text(column: CanonicalColumn, limit: number): string | undefined {
    const cell = this.cells.get(column);
    if (!cell) return undefined;
    const value = collapseSpaces(cell.text);
    if (value.length > limit) {
      this.report(cell.header, cell.text, (m) => m.recordTooLongBy(limit, value.length));
      return undefined;
    }
    return value;
  }

  private judge<T>(cell: Cell, parsed: Parsed<T>): T | undefined {
    if (!parsed.ok) {
      this.report(cell.header, cell.text, parsed.say);
      return undefined;
    }
    if (parsed.warning) this.report(cell.header, cell.text, parsed.warning, 'warning');
    return parsed.value;
  }
}

/** Validates one row; pushes issues; returns the record when the row has no errors. */
export function validateRow(
  row: Row,
  mapping: ColumnMapping,
  options: RecordOptions,
  issues: Issue[],
  memo: ValidationMemo = new ValidationMemo(),
): EmployeeRecord | undefined {
  const region = options.phoneRegion ?? 'RU';
  const record: EmployeeRecord = {
    email: '', action: 'upsert', customByName: {}, blankFields: [],
    source: { rowNumber: row.rowNumber, cells: row.cells },
  };
  const check = new RowCheck(row.rowNumber, issues, messages(options.lang ?? 'en'));
  const cellsByColumn = check.cells;
  const t = check.t;

  for (const { header, column, customName } of memo.planFor(row.cells, mapping)) {
    const text = row.cells.get(header);
    if (text === undefined) continue;
    if (customName !== undefined) {
      const value = collapseSpaces(text);
      if (value === '') record.blankFields.push(`custom:${customName}`);
      else if (value.length > MAX_LENGTH.customProperty) check.report(header, text, (m) => m.recordTooLong(MAX_LENGTH.customProperty));
      else record.customByName[customName] = value;
    } else if (isBlank(text)) {
      record.blankFields.push(column!);
    } else {
      cellsByColumn.set(column!, { header, text });
    }
  }

  if (row.stray) reportStray(row.stray, (column, value, say, severity) => check.report(column, value, say, severity));

  const emailCell = cellsByColumn.get('email');
  if (!emailCell && options.emailOptional) {
    // Matched by another key: the planner decides whether the row needs an e-mail.
  } else if (!emailCell) {
    check.report(mapping.byHeader.size > 0 ? headerOf(mapping, 'email') : '', '', (m) => m.recordNoEmail);
  } else {
    record.email = check.take('email', parseEmail) ?? '';
  }

  for (const field of TEXT_FIELDS) {
    const value = check.text(field, MAX_LENGTH.text);
    if (value !== undefined) record[field] = value;
  }
  const fullName = check.text('full_name', MAX_LENGTH.text * 3);
  if (fullName !== undefined) {
    const parts = splitFullName(fullName);
    for (const [field, value] of Object.entries(parts) as Array<[keyof typeof parts, string]>) {
      if (record[field] !== undefined) continue; // explicit first/last/middle columns win
      if (value.length > MAX_LENGTH.text) check.report(cellsByColumn.get('full_name')!.header, fullName, (m) => m.recordFieldTooLong(field, MAX_LENGTH.text));
      else record[field] = value;
    }
  }
  assignDefined(record, 'phone_number', check.take('phone_number', (text) => parsePhone(text, region)));
  assignDefined(record, 'role', check.take('role', parseRole));
  const tags = check.take('tags', (text): Parsed<string[]> => {
    const list = memo.tags(text);
    const tooLong = list.find((tag) => tag.length > MAX_LENGTH.text);
    return tooLong ? fail((m) => m.recordTagTooLong(tooLong.slice(0, 40), MAX_LENGTH.text)) : { ok: true, value: list };
  });
  if (tags !== undefined) record.tags = tags;
  assignDefined(record, 'suspended', check.take('suspended', (text) => parseBoolean(text, { suspendedWords: true })));
  assignDefined(record, 'chat_ids', check.take('chat_ids', parseChatIds));
  assignDefined(record, 'chats', check.take('chats', (text): Parsed<string[]> => {
    const list = splitTags(text);
    const tooLong = list.find((name) => name.length > MAX_LENGTH.text);
    return tooLong ? fail((m) => m.recordChatTooLong(tooLong.slice(0, 40), MAX_LENGTH.text)) : { ok: true, value: list };
  }));
  assignDefined(record, 'photo', check.text('photo', MAX_LENGTH.customProperty));
  record.action = check.take('action', parseAction) ?? 'upsert';

  // Counted before the names are looked up: a name and an id of the same chat count twice here, once in the plan.
  const chatCount = (record.chat_ids?.length ?? 0) + (record.chats?.length ?? 0);
  if (record.role === 'guest' && chatCount !== 1) {
    const roleCell = cellsByColumn.get('role')!;
    // Only creating a guest needs the chat; an existing guest (say, in an exported sheet) is fine,
    // and only the import knows which it is, so here it is a warning and the plan enforces it.
    issues.push({
      row: row.rowNumber, column: roleCell.header, value: roleCell.text, severity: 'warning', onlyWhenCreating: true,
      message: t.recordGuestChats(chatCount),
    });
  }

  const titleCell = cellsByColumn.get('status_title');
  if (titleCell || STATUS_COLUMNS.some((column) => cellsByColumn.has(column))) {
    const status: StatusFields = {};
    if (titleCell && collapseSpaces(titleCell.text) === '-') status.clear = true;
    else {
      const title = check.text('status_title', MAX_LENGTH.statusTitle);
      if (title !== undefined) status.title = title;
    }
    const emoji = check.text('status_emoji', MAX_LENGTH.text);
    if (emoji !== undefined) status.emoji = emoji;
    // An export names the zone of its times in the header ("Статус до (Europe/Moscow)").
    const expiresZone = splitZonedHeader(cellsByColumn.get('status_expires_at')?.header ?? '').zone;
    const expiresAt = check.take('status_expires_at', (text) => parseDateTime(text, expiresZone));
    if (expiresAt !== undefined) status.expires_at = expiresAt;
    const isAway = check.take('status_is_away', (text) => parseBoolean(text));
    if (isAway !== undefined) status.is_away = isAway;
    const awayMessage = check.text('status_away_message', MAX_LENGTH.awayMessage);
    if (awayMessage !== undefined) status.away_message = awayMessage;
    if (!status.clear) {
      // Not an error: the person is imported and only the status is skipped (the plan says so too).
      if (status.title !== undefined && !cellsByColumn.has('status_emoji')) check.report(titleCell!.header, titleCell!.text, (m) => m.recordStatusSkipped, 'warning');
      const emojiCell = cellsByColumn.get('status_emoji');
      if (status.emoji !== undefined && !titleCell && emojiCell) check.report(emojiCell.header, emojiCell.text, (m) => m.recordStatusSkipped, 'warning');
    }
    if (Object.keys(status).length > 0) record.status = status;
  }

  return check.hasError ? undefined : record;
}

const STATUS_COLUMNS: readonly CanonicalColumn[] = ['status_emoji', 'status_expires_at', 'status_is_away', 'status_away_message'];

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
  private readonly memo = new ValidationMemo();

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly options: RecordOptions = {},
  ) {}

  /** Rows come from the sheet reader, which never yields a row whose cells are all blank. */
  add(row: Row): void {
    const record = validateRow(row, this.mapping, this.options, this.issues, this.memo);
    if (!record) {
      this.invalidRows.add(row.rowNumber);
      // An invalid row still holds its email: a later row with it is a duplicate, not the one that stands.
      const email = parseEmail(row.cells.get(headerOf(this.mapping, 'email')) ?? '');
      if (email.ok && !this.firstRowByEmail.has(email.value)) this.firstRowByEmail.set(email.value, row.rowNumber);
      return;
    }
    const first = record.email ? this.firstRowByEmail.get(record.email) : undefined;
    if (first !== undefined) {
      this.issues.push({ row: row.rowNumber, column: headerOf(this.mapping, 'email'), value: record.email, message: messages(this.options.lang ?? 'en').recordDuplicate(first), severity: 'error' });
      this.invalidRows.add(row.rowNumber);
      return;
    }
    this.firstRowByEmail.set(record.email, row.rowNumber);
    this.records.push(record);
  }
}


async function loadOverrides(options: ReadAndValidateOptions, t: Catalog): Promise<HeaderOverrides> {
  const combined: Record<string, string> = {};
  if (options.mapping) {
    const label = basename(options.mapping);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(options.mapping, 'utf8'));
    } catch (error) {
      throw new InputError((error as NodeJS.ErrnoException).code === 'ENOENT' ? t.columnMappingNotFound(label) : t.columnMappingNotJson(label));
    }
    // zod is loaded only when a --mapping file is given: it is a good part of reading's start-up.
    const { z } = await import('zod');
    /** A --mapping file: {"Header as written": "column or custom:NAME"}. */
    const checked = z.record(z.string(), z.string()).safeParse(parsed);
    if (!checked.success) {
      const header = checked.error.issues[0]?.path[0];
      throw new InputError(header === undefined ? t.columnMappingShape(label) : t.columnMappingValue(label, String(header)));
    }
    Object.assign(combined, checked.data);
  }
  Object.assign(combined, parseMapFlags(options.map ?? [], t)); // --map wins over --mapping
  return resolveOverrides(combined, options.mapping && !options.map?.length ? '--mapping' : '--map', t);
}

/** Reads a CSV/XLSX file and validates every row. InputError (exit 2) when unreadable or without an email column. */
export async function readAndValidate(file: string, options: ReadAndValidateOptions = {}): Promise<ValidatedSheet> {
  const t = messages(options.lang ?? 'en');
  const overrides = await loadOverrides(options, t);
  const opened = await openSheet(file, {
    sheet: options.sheet,
    encoding: options.encoding,
    delimiter: options.delimiter,
    isKnownHeader: (header) => isKnownHeader(header, overrides),
    ...(options.companionSheets ? { companionSheets: options.companionSheets } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
  });
  const { detected, rows } = opened;
  const { mapping, issues: headerIssues } = mapHeaders(detected.headers, overrides, t);
  if (!options.emailOptional && ![...mapping.byHeader.values()].includes('email')) {
    await rows.return(undefined);
    // Headers in another encoding read as garbage and match nothing: say which encoding was assumed.
    const encodingHint = detected.format === 'csv' && !options.encoding ? t.recordGarbledHeaders(detected.encoding ?? '') : '';
    throw new InputError(`${t.recordNoEmailColumn(basename(file), detected.headerRow, detected.headers.join(', '))}${encodingHint}`);
  }
  const validator = new RecordValidator(mapping, { phoneRegion: options.phoneRegion, emailOptional: options.emailOptional, ...(options.lang ? { lang: options.lang } : {}) });
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
    companions: await opened.companions(),
    ...(options.lang ? { lang: options.lang } : {}),
  };
}
