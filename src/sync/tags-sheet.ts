// Tag changes through the export workbook: its `Tags` sheet (id, name, ... and an optional
// `action` column) renames tags whose name cell was edited and deletes tags marked `delete`.
//
// How users' tag names relate to those changes (the plan resolves every users-sheet tag name
// through TagNameResolver, and compares users' current tags as they will be after the renames):
// - a user row naming the NEW name of a tag renamed in this run means that tag: no new tag is created;
// - a user row naming the OLD name means the same tag too (the Users sheet was exported before the
//   rename), both in the run that renames and in later runs: the workbook's Membership sheet
//   (tag, tag_id) remembers which id an old name belonged to (and on --resume, the saved plan);
// - a user row naming a tag the Tags sheet deletes (or deleted earlier) ignores that name: it is
//   neither added nor created again. If the delete is refused (no --allow-delete), nothing changes.
import { basename } from 'node:path';
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { columnForHeader, normalizeHeaderKey } from '../records/columns.js';
import { MAX_LENGTH, parseAction } from '../records/normalize.js';
import type { NamedSheet, Row } from '../records/types.js';
import type { GroupTag } from '../pachca/types.js';
import { tagKey, type Directory } from './directory.js';
import { conflictMessage } from './merge-base.js';
import type { PlanItem } from './plan-types.js';

import { MEMBERSHIP_SHEET, TAGS_SHEET } from './export-base.js';
/** Key prefix of Tags-sheet plan items: `tags-row:5`. */
export const TAGS_ROW_KEY_PREFIX = 'tags-row:';

/** The Tags sheet as read from the workbook, plus the old names its Membership sheet knows. */
export interface TagsSheetInput {
  /** "export.xlsx, sheet Tags", for messages. */
  label: string;
  idHeader: string;
  nameHeader: string;
  actionHeader?: string;
  rows: Row[];
  /** Lower-cased tag name -> tag id, from the Membership sheet (names as exported) and, on --resume, the saved plan's renames. */
  membershipIds: Map<string, number>;
}

const ID_HEADERS = new Set(['id', 'tagid']);
/** The export's own headers of those columns. */
const TAGS_COLUMNS_AS_EXPORTED = { id: 'id', name: 'name' } as const;
const NAME_HEADERS = new Set(['name', 'tag', 'название', 'тег']);
const MEMBERSHIP_NAME_HEADERS = new Set(['tag', 'тег']);
const MEMBERSHIP_ID_HEADERS = new Set(['tagid']);

function findHeader(headers: readonly string[], keys: ReadonlySet<string>): string | undefined {
  return headers.find((header) => keys.has(normalizeHeaderKey(header)));
}

/** The sheets of a workbook read beside its users sheet, by lower-cased name (ValidatedSheet.companions). */
export type WorkbookSheets = ReadonlyMap<string, NamedSheet>;

function sheetNamed(sheets: WorkbookSheets | undefined, name: string): { headers: string[]; rows: Row[] } | undefined {
  const sheet = sheets?.get(name.toLowerCase());
  return sheet && { headers: sheet.detected.headers, rows: sheet.rows };
}

/**
 * The workbook's Tags sheet, when the import reads an XLSX whose users come from another sheet
 * and the workbook has a Tags sheet with id and name columns (read in the same pass as the
 * users, among `sheets`). Returns warnings for a Tags sheet that cannot be used.
 */
export function tagsSheetInput(path: string, usersSheet: string | undefined, sheets: WorkbookSheets | undefined): { input?: TagsSheetInput; warnings: string[] } {
  if (usersSheet !== undefined && usersSheet.toLowerCase() === TAGS_SHEET.toLowerCase()) return { warnings: [] };
  const tags = sheetNamed(sheets, TAGS_SHEET);
  if (!tags) return { warnings: [] };
  const label = `${basename(path)}, sheet ${TAGS_SHEET}`;
  // A blank sheet (a workspace without tags, or every row deleted) lists no tag, so it changes none:
  // tags absent from the sheet are never deleted. Old names in the Membership sheet still count.
  const blank = tags.headers.length === 0 && tags.rows.length === 0;
  const idHeader = blank ? TAGS_COLUMNS_AS_EXPORTED.id : findHeader(tags.headers, ID_HEADERS);
  const nameHeader = blank ? TAGS_COLUMNS_AS_EXPORTED.name : findHeader(tags.headers, NAME_HEADERS);
  if (!idHeader || !nameHeader) {
    return { warnings: [`${label}: no id and name columns (as the export writes them), so tags are not changed from it`] };
  }
  const actionHeader = tags.headers.find((header) => columnForHeader(header) === 'action');

  const membershipIds = new Map<string, number>();
  const membership = sheetNamed(sheets, MEMBERSHIP_SHEET);
  const membershipName = membership && findHeader(membership.headers, MEMBERSHIP_NAME_HEADERS);
  const membershipId = membership && findHeader(membership.headers, MEMBERSHIP_ID_HEADERS);
  if (membership && membershipName && membershipId) {
    for (const row of membership.rows) {
      const id = parseTagId(row.cells.get(membershipId) ?? '');
      const name = tagKey(row.cells.get(membershipName) ?? '');
      if (id !== undefined && name) membershipIds.set(name, id);
    }
  }
  return {
    input: { label, idHeader, nameHeader, ...(actionHeader ? { actionHeader } : {}), rows: tags.rows, membershipIds },
    warnings: [],
  };
}

function parseTagId(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,15}$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : undefined;
}

/** What the Tags sheet does to users' tag names; see the header comment. */
export class TagNameResolver {
  /** Tag id -> its name once this plan's renames are applied. */
  private readonly finalNameById = new Map<number, string>();
  /** Lower-cased new names of this plan's renames -> tag id. */
  private readonly renameTargets = new Map<string, number>();
  /** Tag ids this plan deletes, or that a delete row names and that are already gone. */
  private readonly deletedIds = new Set<number>();
  /** Lower-cased names of those tags, as the sheet or the directory spells them. */
  private readonly deletedNames = new Set<string>();

  constructor(
    private readonly directory: Directory,
    private readonly membershipIds: ReadonlyMap<string, number> = new Map(),
  ) {}

  rename(tag: GroupTag, name: string): void {
    this.finalNameById.set(tag.id, name);
    this.renameTargets.set(tagKey(name), tag.id);
  }

  deleted(id: number, names: readonly string[]): void {
    this.deletedIds.add(id);
    for (const name of names) if (tagKey(name)) this.deletedNames.add(tagKey(name));
  }

  /** Lower-cased names that users' requests may carry only after a rename of this plan went through. */
  renamedKeys(): Set<string> {
    return new Set(this.renameTargets.keys());
  }

  /**
   * A users-sheet tag name: the existing tag's name after this plan (`name`), `deleted` for a tag
   * the Tags sheet deletes, or undefined for a tag that does not exist (to be created).
   */
  resolve(name: string): { name: string } | 'deleted' | undefined {
    const key = tagKey(name);
    const renamed = this.renameTargets.get(key);
    if (renamed !== undefined) return { name: this.finalNameById.get(renamed)! };
    const id = this.directory.tagsByName.get(key)?.id ?? this.membershipIds.get(key);
    if (id !== undefined) {
      if (this.deletedIds.has(id)) return 'deleted';
      const tag = this.directory.tags.find((candidate) => candidate.id === id);
      if (tag) return { name: this.finalNameById.get(id) ?? tag.name };
    }
    return this.deletedNames.has(key) ? 'deleted' : undefined;
  }

  /** A user's current tags as they will be once this plan's renames and deletes are applied. */
  current(names: readonly string[]): string[] {
    const result: string[] = [];
    for (const name of names) {
      const tag = this.directory.tagsByName.get(tagKey(name));
      if (tag && this.deletedIds.has(tag.id)) continue;
      result.push(tag ? (this.finalNameById.get(tag.id) ?? name) : name);
    }
    return result;
  }
}

export interface TagsSheetOptions {
  allowDelete: boolean;
  /** A name changed both in the sheet and in Pachca since the export: the sheet's wins (default: Pachca's is kept). */
  preferSheet?: boolean;
  /** The words of the items' messages (default English). */
  t?: Catalog;
}

function tagsRowKey(row: number): string {
  return `${TAGS_ROW_KEY_PREFIX}${row}`;
}

/** True for plan items that come from the Tags sheet. */
export function isTagsSheetItem(item: PlanItem): boolean {
  return item.key.startsWith(TAGS_ROW_KEY_PREFIX);
}

/** One plan item per Tags-sheet row, and the resolver the user rows use. */
export function planTagsSheet(
  input: TagsSheetInput | undefined, directory: Directory, options: TagsSheetOptions, exportedNames?: ReadonlyMap<number, string>,
): { items: PlanItem[]; resolver: TagNameResolver } {
  const resolver = new TagNameResolver(directory, input?.membershipIds);
  if (!input) return { items: [], resolver };
  const tagsById = new Map(directory.tags.map((tag) => [tag.id, tag]));
  const t = options.t ?? messages('en');
  const firstRowById = new Map<number, number>();
  const newNames = new Map<string, number>();
  const items: PlanItem[] = [];

  for (const row of input.rows) {
    const cell = (header: string | undefined): string => (header ? (row.cells.get(header) ?? '').trim() : '');
    const idText = cell(input.idHeader);
    const name = cell(input.nameHeader);
    const actionText = cell(input.actionHeader);
    const base = { key: tagsRowKey(row.rowNumber), row: row.rowNumber, ...(name ? { tagName: name } : {}) };
    const invalid = (message: string, tag?: GroupTag): PlanItem => ({ ...base, ...(tag ? { tagId: tag.id } : {}), kind: 'invalid', changes: [], message });

    const action = actionText ? parseAction(actionText) : undefined;
    if (action && !action.ok) {
      items.push(invalid(t.tagsRowBadAction(input.actionHeader ?? '', action.message)));
      continue;
    }
    const actionValue = action?.ok ? action.value : undefined;
    if (actionValue === 'skip') {
      items.push({ ...base, kind: 'skip', changes: [], message: t.tagsRowSkip });
      continue;
    }
    if (actionValue && actionValue !== 'delete' && actionValue !== 'update' && actionValue !== 'upsert') {
      items.push(invalid(t.tagsRowActionNotForTag(input.actionHeader ?? '', actionValue)));
      continue;
    }
    const id = parseTagId(idText);
    if (id === undefined) {
      items.push(invalid(idText
        ? t.tagsRowNotAnId(input.idHeader, idText)
        : t.tagsRowNoId(input.idHeader)));
      continue;
    }
    const first = firstRowById.get(id);
    if (first !== undefined) {
      items.push(invalid(t.tagsRowDuplicateId(id, first)));
      continue;
    }
    firstRowById.set(id, row.rowNumber);
    const tag = tagsById.get(id);

    if (actionValue === 'delete') {
      if (!tag) {
        resolver.deleted(id, [name]);
        items.push({ ...base, tagId: id, kind: 'unchanged', changes: [], message: t.tagsRowAlreadyDeleted });
        continue;
      }
      if (!options.allowDelete) {
        items.push(invalid(t.tagsRowDeleteNeedsFlag, tag));
        continue;
      }
      resolver.deleted(id, [tag.name, name]);
      items.push({
        ...base,
        tagId: id,
        tagName: tag.name,
        kind: 'delete-tag',
        changes: [{ field: 'tag', before: tag.name, after: null }],
        message: t.tagsRowMembers(tag.users_count),
      });
      continue;
    }
    if (!tag) {
      items.push(invalid(t.tagsRowNoSuchTag(input.idHeader, id)));
      continue;
    }
    if (!name) {
      items.push(invalid(t.tagsRowNoName(input.nameHeader), tag));
      continue;
    }
    if (name === tag.name.trim()) {
      items.push({ ...base, tagId: id, kind: 'unchanged', changes: [] });
      continue;
    }
    // Three-way merge with the export's base: a name as exported is not a rename, even if Pachca renamed the tag since.
    const exported = exportedNames?.get(id)?.trim();
    if (exported !== undefined && name === exported) {
      items.push({ ...base, tagId: id, kind: 'unchanged', changes: [], message: t.tagsRowNameAsExported(tag.name) });
      continue;
    }
    if (exported !== undefined && exported !== tag.name.trim() && !options.preferSheet) {
      const conflicts = [{ field: 'name', exported, sheet: name, pachca: tag.name }];
      items.push({ ...base, tagId: id, kind: 'unchanged', changes: [], conflicts, message: conflictMessage(conflicts, false, t) });
      continue;
    }
    if (name.length > MAX_LENGTH.text) {
      items.push(invalid(t.tagsRowNameTooLong(input.nameHeader, MAX_LENGTH.text), tag));
      continue;
    }
    const holder = directory.tagsByName.get(tagKey(name));
    if (holder && holder.id !== id) {
      items.push(invalid(t.tagsRowNameTaken(input.nameHeader, holder.name, holder.id), tag));
      continue;
    }
    const claimedBy = newNames.get(tagKey(name));
    if (claimedBy !== undefined) {
      items.push(invalid(t.tagsRowNameClaimed(input.nameHeader, claimedBy, name), tag));
      continue;
    }
    newNames.set(tagKey(name), row.rowNumber);
    resolver.rename(tag, name);
    const conflicts = exported !== undefined && exported !== tag.name.trim() ? [{ field: 'name', exported, sheet: name, pachca: tag.name }] : [];
    items.push({
      ...base,
      tagId: id,
      tagName: name,
      kind: 'rename-tag',
      changes: [{ field: 'name', before: tag.name, after: name }],
      ...(conflicts.length > 0 ? { conflicts, message: conflictMessage(conflicts, true, t) } : {}),
    });
  }
  return { items, resolver };
}
