// How sheet rows find their people in Pachca (`--match email|id|custom:NAME`): a key per row,
// an index of the directory by the same key, and the rows or people that share a key (those
// rows are invalid: nobody can tell which person they mean). The planner, --suspend-missing
// and the three-way merge of exports all match through here.
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { columnForHeader, normalizeHeaderKey } from '../records/columns.js';
import type { EmployeeRecord, ValidatedSheet } from '../records/types.js';
import type { User } from '../pachca/types.js';
import { emailKey, tagKey, type Directory } from './directory.js';
import { rowUserId } from './export-base.js';
import { customCell, normalizeCustomValue, text, type CustomColumn } from './plan-values.js';

/** `--match` as plan.json keeps it: `email`, `id` or `custom:NAME`. */
export type MatchOption = 'email' | 'id' | `custom:${string}`;

const ID_WORDS = new Set(['id', 'ид', 'идентификатор', 'pachcaid', 'idпачки']);
const CUSTOM_PREFIXES = ['custom:', 'свойство:'];

/**
 * `--match` as typed: email (or an alias of the email column, e.g. `почта`), id (`ид`), or
 * `custom:NAME` (`свойство:NAME`). A bare name that is none of these is taken for a custom
 * property's name (checked against the directory when the plan is made). Throws on an empty value.
 */
export function parseMatchOption(value: string): MatchOption {
  const trimmed = value.trim();
  const prefix = CUSTOM_PREFIXES.find((candidate) => trimmed.toLowerCase().startsWith(candidate));
  if (prefix) {
    const name = trimmed.slice(prefix.length).trim();
    if (!name) throw new Error(`--match ${value}: name the custom property after "${prefix}", e.g. --match "custom:Табельный номер"`);
    return `custom:${name}`;
  }
  if (!trimmed) throw new Error('--match needs a value: email, id or custom:NAME');
  if (ID_WORDS.has(normalizeHeaderKey(trimmed))) return 'id';
  if (columnForHeader(trimmed) === 'email') return 'email';
  return `custom:${trimmed}`;
}

/** The sheet's `id` column (an export's read-only column), when it has one. */
export function idHeaderOf(sheet: ValidatedSheet): string | undefined {
  return sheet.mapping.unknown.find((header) => normalizeHeaderKey(header) === 'id');
}

/** Read-only columns only an export writes: an `id` beside one of them is Pachca's user id, not an HR number. */
const EXPORT_ONLY_COLUMNS = new Set(['invitestatus', 'createdat', 'lastactivityat']);

/** Without --match: by id when the sheet is an export (an `id` column with values, and the export's read-only columns), else by e-mail. */
export function defaultMatch(sheet: ValidatedSheet): MatchOption {
  const idHeader = idHeaderOf(sheet);
  const fromExport = sheet.mapping.unknown.some((header) => EXPORT_ONLY_COLUMNS.has(normalizeHeaderKey(header)));
  if (idHeader && fromExport && sheet.rows.some((row) => rowUserId(row.cells, idHeader) !== undefined)) return 'id';
  return 'email';
}

/** Rows are read with the e-mail optional when an explicit --match names another key (the planner then decides who needs one). */
export function emailOptionalFor(match: MatchOption | undefined): boolean {
  return match !== undefined && match !== 'email';
}

/** What a row's key found: a person (or nobody), or why the row cannot be matched. */
export type MatchResult = { user: User | undefined } | { invalid: string };

export class Matcher {
  readonly option: MatchOption;
  /** The custom property column matched by (custom:NAME). */
  private readonly keyColumn: CustomColumn | undefined;
  private readonly idHeader: string | undefined;
  /** Directory users by key; more than one: the key is shared in Pachca. */
  private readonly usersByKey = new Map<string, User[]>();
  /** Sheet rows by key (valid rows), to find keys two rows share. */
  private readonly rowsByKey = new Map<string, number[]>();

  constructor(
    private readonly sheet: ValidatedSheet,
    private readonly directory: Directory,
    option: MatchOption | undefined,
    customColumns: readonly CustomColumn[],
    private readonly t: Catalog = messages('en'),
  ) {
    this.option = option ?? defaultMatch(sheet);
    this.idHeader = idHeaderOf(sheet);
    if (this.option === 'id' && !this.idHeader) {
      const file = sheet.detected.file;
      throw new InputError((said) => said.matchIdNoColumn(file));
    }
    if (this.option.startsWith('custom:')) {
      const name = this.option.slice('custom:'.length);
      const definition = directory.customPropertiesByName.get(tagKey(name));
      if (!definition) {
        const known = directory.customProperties.map((property) => property.name);
        const option = this.option;
        throw new InputError((said) => said.matchNoProperty(option, name, known));
      }
      this.keyColumn = customColumns.find((column) => column.definition.id === definition.id);
      if (!this.keyColumn) {
        const { file } = sheet.detected;
        const option = this.option;
        throw new InputError((said) => said.matchNoColumn(file, option, definition.name));
      }
      for (const user of directory.users) {
        const value = user.custom_properties.find((property) => property.id === definition.id)?.value;
        const key = value ? normalizeCustomValue(value, definition) : '';
        if (!key) continue;
        const list = this.usersByKey.get(key);
        if (list) list.push(user);
        else this.usersByKey.set(key, [user]);
      }
    }
    for (const record of sheet.records) {
      const key = this.keyOf(record);
      if (key === undefined || this.option === 'email') continue;
      const rows = this.rowsByKey.get(key);
      if (rows) rows.push(record.source.rowNumber);
      else this.rowsByKey.set(key, [record.source.rowNumber]);
    }
  }

  /** How the plan names the key in messages: `e-mail`, `id`, or the custom property's name. */
  get keyName(): string {
    if (this.keyColumn) return this.keyColumn.definition.name;
    return this.option === 'id' ? this.t.matchKeyId : this.t.matchKeyEmail;
  }

  /** Matched by something other than the e-mail, so the sheet's e-mail is a value to compare. */
  get emailIsAField(): boolean {
    return this.option !== 'email';
  }

  /** The row's key, or undefined when its cell is empty. */
  keyOf(record: EmployeeRecord): string | undefined {
    if (this.option === 'email') return record.email ? emailKey(record.email) : undefined;
    if (this.option === 'id') {
      const id = rowUserId(record.source.cells, this.idHeader);
      return id === undefined ? undefined : String(id);
    }
    const raw = customCell(record, this.keyColumn!);
    const key = raw === undefined ? '' : normalizeCustomValue(raw, this.keyColumn!.definition);
    return key || undefined;
  }

  /** The person the row means (undefined: nobody, a new person), or why it cannot say. */
  find(record: EmployeeRecord): MatchResult {
    const byEmail = record.email ? this.directory.usersByEmail.get(emailKey(record.email)) : undefined;
    if (this.option === 'email') return { user: byEmail };
    const key = this.keyOf(record);
    if (key === undefined) {
      // A row added to an export has no id yet: it is a new person, matched by its e-mail as before.
      if (this.option === 'id') return record.email ? { user: byEmail } : { invalid: this.t.matchNoIdNoEmail };
      return { invalid: this.t.matchNoKey(this.keyName, this.option) };
    }
    const rows = this.rowsByKey.get(key) ?? [];
    if (rows.length > 1) {
      return { invalid: this.t.matchKeyInRows(this.keyName, key, rows, this.option) };
    }
    if (this.option === 'id') {
      const user = this.directory.usersById.get(Number(key));
      return user ? { user } : { invalid: this.t.matchNoUserWithId(key) };
    }
    const users = this.usersByKey.get(key) ?? [];
    if (users.length > 1) {
      return { invalid: this.t.matchKeyManyPeople(this.keyName, key, users.map((user) => user.id)) };
    }
    if (users[0]) return { user: users[0] };
    // Nobody has this key yet: a person with the row's e-mail and no key of their own gets it.
    if (byEmail) {
      const theirs = this.keyOfUser(byEmail);
      if (theirs) return { invalid: this.t.matchKeyTaken(this.keyName, key, record.email, byEmail.id, theirs) };
      return { user: byEmail };
    }
    return { user: undefined };
  }

  private keyOfUser(user: User): string {
    const definition = this.keyColumn!.definition;
    const value = user.custom_properties.find((property) => property.id === definition.id)?.value;
    return value ? normalizeCustomValue(value, definition) : '';
  }

  /**
   * Every person a row of the sheet names, valid row or not (a row the reader rejected still
   * names someone who must not be suspended as missing): by its key and by its e-mail.
   */
  namedUserIds(): Set<number> {
    const named = new Set<number>();
    const emailHeader = [...this.sheet.mapping.byHeader].find(([, target]) => target === 'email')?.[0];
    for (const row of this.sheet.rows) {
      const email = emailHeader ? text(row.cells.get(emailHeader)) : '';
      const byEmail = email ? this.directory.usersByEmail.get(emailKey(email)) : undefined;
      if (byEmail) named.add(byEmail.id);
      if (this.option === 'id') {
        const id = rowUserId(row.cells, this.idHeader);
        if (id !== undefined) named.add(id);
      } else if (this.keyColumn) {
        const raw = text(row.cells.get(this.keyColumn.header));
        const key = raw ? normalizeCustomValue(raw, this.keyColumn.definition) : '';
        for (const user of this.usersByKey.get(key) ?? []) named.add(user.id);
      }
    }
    return named;
  }

  /**
   * With id or a custom key, the row's e-mail is a field: its change, or why it cannot be made
   * (another person has that e-mail). Undefined when it does not change.
   */
  emailChange(record: EmployeeRecord, user: User): { before: string | null; after: string } | { invalid: string } | undefined {
    if (!this.emailIsAField || !record.email) return undefined;
    if (user.email && emailKey(user.email) === emailKey(record.email)) return undefined;
    const holder = this.directory.usersByEmail.get(emailKey(record.email));
    if (holder && holder.id !== user.id) return { invalid: this.t.matchEmailTaken(record.email, holder.id) };
    return { before: user.email ?? null, after: record.email };
  }
}
