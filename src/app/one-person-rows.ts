// A one-person command's arguments as a sheet: the typed `column=value` pairs become the cells of
// one row per person (the person's e-mail in the email column), mapped and validated by the
// sheet's own rules, so `set ivan@x.ru Отдел=Продажи` plans exactly as a one-row sheet would.
import { InputError } from '../exit-codes.js';
import { tagKey } from '../pachca/keys.js';
import type { CustomPropertyDefinition, User, WriteScope } from '../pachca/types.js';
import { columnForHeader, knownColumnNames, mapHeaders } from '../records/columns.js';
import { splitTags } from '../records/normalize.js';
import type { CanonicalColumn, ColumnMapping, EmployeeRecord, Issue, Row, ValidatedSheet } from '../records/types.js';
import { validateRow } from '../records/validate.js';
import type { Say } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';

/** One typed `column=value`: the column as typed (any header a sheet may have) and the value. */
export type Cell = readonly [column: string, value: string];

/** The header of the e-mail column of the rows made here (the person's own e-mail goes in it). */
const EMAIL_HEADER = 'email';

/** A column that is neither a sheet column nor a custom property of the workspace. */
export class UnknownColumnError extends InputError {
  constructor(readonly given: string, readonly known: readonly string[]) {
    super((t) => t.lookupUnknownColumn(given));
    this.name = 'UnknownColumnError';
  }
}

/** What a tags cell does: "+X" adds, "-X" removes, any other text makes the tags exactly that list. */
export interface TagEdit {
  op: 'add' | 'remove' | 'replace';
  names: string[];
}

export function parseTagEdit(value: string): TagEdit {
  const text = value.trim();
  const op = text.startsWith('+') ? 'add' : text.startsWith('-') ? 'remove' : 'replace';
  return { op, names: splitTags(op === 'replace' ? text : text.slice(1)) };
}

/** The typed cells, mapped to columns the way a sheet's headers are. */
export interface OnePersonCells {
  mapping: ColumnMapping;
  /** Every cell but the tags column's, by the header as typed. */
  cells: Map<string, string>;
  /** The tags column as typed (it may be given more than once: each is one edit, in order). */
  tagsHeader?: string;
  tagEdits: TagEdit[];
}

/** Sheet columns `set` cannot set, and why (the e-mail is refused for every one-person command). */
const NOT_SETTABLE = ['email', 'action', 'chat_ids', 'middle_name'] as const satisfies readonly CanonicalColumn[];

/** Why `set` cannot change this column (words in the catalog's notSettable), or undefined when it can. */
export function notSettableReason(column: string | undefined): Say | undefined {
  const found = NOT_SETTABLE.find((candidate) => candidate === column);
  return found === undefined ? undefined : (t) => t.notSettable[found];
}

/**
 * Maps the typed columns (ru or en, as in a sheet's header). A column given twice (or two names
 * of one column) is refused, except the tags column, whose edits add up.
 */
export function readCells(cells: readonly Cell[]): OnePersonCells {
  const headers = [...new Set(cells.map(([column]) => column))];
  const byTarget = new Map<string, string>();
  for (const header of headers) {
    const target = columnForHeader(header);
    if (target === undefined) continue;
    if (target === 'email') throw new InputError((t) => t.onePersonColumn(header, t.notSettable.email));
    const earlier = byTarget.get(target);
    if (earlier !== undefined) throw new InputError((t) => t.onePersonSameColumn(earlier, header, target));
    byTarget.set(target, header);
  }
  const { mapping } = mapHeaders([EMAIL_HEADER, ...headers]);
  const result: OnePersonCells = { mapping, cells: new Map(), tagEdits: [] };
  const tagsHeader = byTarget.get('tags');
  if (tagsHeader !== undefined) result.tagsHeader = tagsHeader;
  for (const [column, value] of cells) {
    if (column === tagsHeader) {
      result.tagEdits.push(parseTagEdit(value));
      continue;
    }
    if (result.cells.has(column)) throw new InputError((t) => t.onePersonColumnTwice(column));
    result.cells.set(column, value);
  }
  return result;
}

/** The columns that name custom properties (unknown headers and `custom:NAME`), which the directory must have. */
export function customHeaders(parsed: OnePersonCells): string[] {
  const custom = [...parsed.mapping.byHeader].filter(([, target]) => target.startsWith('custom:')).map(([header]) => header);
  return [...custom, ...parsed.mapping.unknown];
}

/** Refuses a column that is no sheet column and no custom property here, naming what is known. */
export function checkCustomColumns(parsed: OnePersonCells, definitions: readonly CustomPropertyDefinition[]): void {
  const known = new Set(definitions.map((definition) => tagKey(definition.name)));
  for (const header of customHeaders(parsed)) {
    const target = parsed.mapping.byHeader.get(header);
    const name = target?.startsWith('custom:') ? target.slice('custom:'.length) : header;
    if (!known.has(tagKey(name))) throw new UnknownColumnError(header, [...knownColumnNames(), ...definitions.map((definition) => definition.name)]);
  }
}

/** The write scopes the cells need before anything is looked up (creating a tag is checked on the plan). */
export function scopesFor(parsed: OnePersonCells): WriteScope[] {
  const targets = [...parsed.cells.keys()].map((header) => parsed.mapping.byHeader.get(header) ?? 'custom');
  if (parsed.tagEdits.length > 0) targets.push('tags');
  const scopes: WriteScope[] = [];
  if (targets.some((target) => !target.startsWith('status_'))) scopes.push('users:update');
  // Offboarding also clears the status.
  const offboards = [...parsed.cells].some(([header, value]) => parsed.mapping.byHeader.get(header) === 'action' && value === 'offboard');
  if (offboards || targets.some((target) => target.startsWith('status_'))) scopes.push('user_status:write');
  return scopes;
}

/** Every tag name the edits mention. */
export function editedTagNames(parsed: OnePersonCells): string[] {
  return [...new Set(parsed.tagEdits.flatMap((edit) => edit.names))];
}

/** The person's tags once the edits are made (names compared as Pachca does, case aside). */
export function editedTags(current: readonly string[], edits: readonly TagEdit[]): string[] {
  let tags = [...current];
  for (const edit of edits) {
    const named = new Set(edit.names.map(tagKey));
    if (edit.op === 'replace') tags = [...edit.names];
    else if (edit.op === 'remove') tags = tags.filter((tag) => !named.has(tagKey(tag)));
    else {
      const have = new Set(tags.map(tagKey));
      tags.push(...edit.names.filter((name) => !have.has(tagKey(name))));
    }
  }
  return tags;
}

/** The first error the sheet's validation found, as one line: `Телефон=abc: not a valid phone number ...`. */
function validationError(issues: readonly Issue[]): InputError | undefined {
  const error = issues.find((issue) => issue.severity === 'error');
  if (!error) return undefined;
  return new InputError(error.column ? `${error.column}=${error.value}: ${error.message}` : error.message);
}

/**
 * The sheet a one-person command stands for: one row per person (the person's e-mail and the
 * typed cells), validated by the sheet's rules; the tags cell holds the person's tags once the
 * edits are made (the plan then makes the tags exactly that). A value the rules refuse is an
 * InputError with the sheet's message.
 */
export function onePersonSheet(label: string, people: readonly User[], parsed: OnePersonCells, phoneRegion: string | undefined, lang: Lang = 'en'): ValidatedSheet {
  const headers = [EMAIL_HEADER, ...parsed.cells.keys(), ...(parsed.tagsHeader !== undefined ? [parsed.tagsHeader] : [])];
  // Every named tag, validated once as a sheet's tags cell would be.
  const namedTags = editedTagNames(parsed).join(', ');
  const rows: Row[] = [];
  const records: EmployeeRecord[] = [];
  const issues: Issue[] = [];
  people.forEach((user, index) => {
    const cells = new Map<string, string>([[EMAIL_HEADER, user.email ?? ''], ...parsed.cells]);
    if (parsed.tagsHeader !== undefined) cells.set(parsed.tagsHeader, namedTags);
    const row: Row = { rowNumber: index + 1, cells };
    const record = validateRow(row, parsed.mapping, { ...(phoneRegion !== undefined ? { phoneRegion } : {}), lang }, issues);
    const error = validationError(issues);
    if (error || !record) throw error ?? new InputError(`${user.email}: invalid`);
    if (parsed.tagsHeader !== undefined) {
      const tags = editedTags(user.list_tags, parsed.tagEdits);
      if (tags.length > 0) record.tags = tags;
      else {
        record.tags = undefined;
        if (!record.blankFields.includes('tags')) record.blankFields.push('tags');
      }
      // The row as the report shows it: the tags it was to have.
      cells.set(parsed.tagsHeader, tags.join(', '));
    }
    rows.push(row);
    records.push(record);
  });
  return {
    detected: { file: label, format: 'csv', headerRow: 0, headers },
    mapping: parsed.mapping,
    rows,
    records,
    invalidRows: new Set(),
    issues,
    lang,
  };
}
