// The plan: what an import would change, computed from the validated sheet and a directory
// snapshot without any request. It is plain data: printed, saved as plan.json, then applied.
import type { CustomPropertyValueInput, User, UserCreateInput, UserCreateRequest, UserUpdateInput } from '../pachca/types.js';
import { USER_UPDATE_ROLES } from '../pachca/types.js';
import type { EmployeeRecord, Issue, Row, ValidatedSheet } from '../records/types.js';
import { parseCustomValue } from '../records/normalize.js';
import { sheetWarnings } from '../records/warnings.js';
import { emailKey, tagKey, type Directory } from './directory.js';
import { comparableText, isUnknownField, withCurrentSuspended } from './field-compare.js';
import type { CreateUserItem, FieldChange, Plan, PlanExtras, PlanItem, PlanOptions, PlanSelf, StatusRequest, UpdateUserRequest } from './plan-types.js';
import {
  CLEARABLE_FIELDS, customCell, displayName, emptyCounts, normalizeCustomValue, orNull, requiredScopes,
  resolveCustomColumns, sameTagSet, statusChanges, statusInput, statusIntent, statusView, TEXT_FIELDS, tagsText, text,
  userPath, wantedStatusView, type CustomColumn,
} from './plan-values.js';
import type { ExportBase } from './export-base.js';
import { conflictMessage, customField, ThreeWayMerge, type RowMerge } from './merge-base.js';
import { Matcher } from './match.js';
import { planMissing } from './missing.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { chatsForExisting, createChatsChange, rowChats, type RowChats } from './plan-chats.js';
import { planOffboard } from './plan-offboard.js';
import { photoSide } from './plan-photos.js';
import { bothSides, withSideRequests } from './plan-side.js';
import { planTagsSheet, type TagNameResolver, type TagsSheetInput } from './tags-sheet.js';

export { CHAT_IDS_ON_EXISTING } from './plan-chats.js';
export * from './plan-types.js';
export { actionableItems, isTagItem, normalizeCustomValue, parseMaxSuspend, READ_ONLY_COLUMNS, resolveCustomColumns } from './plan-values.js';

interface TagResolution {
  /** Canonical spelling (the directory's, else the sheet's first) per lower-cased name. */
  spelling: Map<string, string>;
  /** Lower-cased names that a create-tag item creates. */
  toCreate: Set<string>;
}

class Planner {
  private readonly items: PlanItem[] = [];
  private readonly tags: TagResolution = { spelling: new Map(), toCreate: new Set() };
  private readonly seenEmails = new Map<string, number>();
  private readonly customColumns: CustomColumn[];
  private readonly warnings: string[] = [];
  private readonly tagsSheetItems: PlanItem[];
  private readonly tagNames: TagNameResolver;
  /** Lower-cased names that exist only once a rename of this plan is applied. */
  private readonly renamedKeys: Set<string>;
  /** Issues by row number, so a row finds its own without a scan per row. */
  private readonly errorsByRow = new Map<number, Issue[]>();
  private readonly warningsByRow = new Map<number, Issue[]>();
  /** Header of each canonical column the sheet has, e.g. 'email' -> 'Эл. почта'. */
  private readonly headerOf = new Map<string, string>();
  /** An edited export's three-way merge, when the workbook kept its exported values. */
  private readonly merge: ThreeWayMerge | undefined;
  /** How rows find their people (--match). */
  private readonly matcher: Matcher;
  /** The words of the items' messages (the run's language). */
  private readonly t: Catalog;

  constructor(
    private readonly sheet: ValidatedSheet,
    private readonly directory: Directory,
    private readonly options: PlanOptions,
    private readonly self: PlanSelf,
    tagsSheet: TagsSheetInput | undefined,
    exportBase: ExportBase | undefined,
    private readonly extras: PlanExtras = {},
  ) {
    this.customColumns = resolveCustomColumns(sheet, directory);
    this.t = messages(extras.lang ?? 'en');
    this.matcher = new Matcher(sheet, directory, options.match, this.customColumns, this.t);
    if (exportBase) {
      this.merge = new ThreeWayMerge(sheet, exportBase, directory, this.customColumns, {
        preferSheet: options.preferSheet === true,
        blankClears: options.blankClears,
        tagsReplace: options.tags === 'replace',
      });
    }
    for (const issue of sheet.issues) {
      if (issue.row === 0 || issue.onlyWhenCreating) continue;
      const byRow = issue.severity === 'error' ? this.errorsByRow : this.warningsByRow;
      const list = byRow.get(issue.row);
      if (list) list.push(issue);
      else byRow.set(issue.row, [issue]);
    }
    for (const [header, target] of sheet.mapping.byHeader) if (!this.headerOf.has(target)) this.headerOf.set(target, header);
    // The same list validate prints, less the columns that are custom properties in this directory.
    this.warnings.push(...sheetWarnings(sheet, new Set(this.customColumns.map((column) => column.header))));
    for (const tag of directory.tags) this.tags.spelling.set(tagKey(tag.name), tag.name);
    const tagsPlan = planTagsSheet(tagsSheet, directory, { allowDelete: options.allowDelete, preferSheet: options.preferSheet === true, t: this.t }, exportBase?.tags);
    this.tagsSheetItems = tagsPlan.items;
    this.tagNames = tagsPlan.resolver;
    this.renamedKeys = this.tagNames.renamedKeys();
  }

  build(): Plan {
    const recordsByRow = new Map(this.sheet.records.map((record) => [record.source.rowNumber, record]));
    const rowItems = this.sheet.rows.map((row) => {
      const record = recordsByRow.get(row.rowNumber);
      return record ? this.withRowWarnings(this.planRecord(record)) : this.invalidRow(row);
    });
    const missingItems = this.options.suspendMissing ? planMissing(this.matcher.namedUserIds(), this.directory, this.options, this.self, this.extras.chats, this.t) : [];
    const tagItems = [...this.tags.toCreate].map((key): PlanItem => ({
      key: `tag:${key}`,
      kind: 'create-tag',
      tagName: this.tags.spelling.get(key)!,
      changes: [{ field: 'tag', before: null, after: this.tags.spelling.get(key)! }],
    }));
    this.items.push(...tagItems, ...this.tagsSheetItems, ...rowItems, ...missingItems);

    const counts = emptyCounts();
    for (const item of this.items) counts[item.kind] += 1;
    return {
      items: this.items,
      counts,
      requiredScopes: requiredScopes(this.items),
      warnings: this.warnings,
      customColumns: this.customColumns.map(({ header, definition }) => ({ header, id: definition.id, name: definition.name })),
    };
  }

  /** A valid row's warnings (say, a phone extension that was dropped) go with it into the report. */
  private withRowWarnings(item: PlanItem): PlanItem {
    const quiet = item.row === undefined || item.kind === 'invalid' || item.kind === 'unchanged' || item.kind === 'skip';
    const warnings = quiet ? undefined : this.warningsByRow.get(item.row!);
    if (!warnings) return item;
    const text = warnings
      .filter((issue) => !item.message?.includes(issue.message))
      .map((issue) => this.t.noteWarning(`${issue.column ? `${issue.column}: ` : ''}${issue.message}`)).join('; ');
    if (!text) return item;
    return { ...item, message: item.message ? `${item.message}; ${text}` : text };
  }

  private invalidRow(row: Row): PlanItem {
    const errors = this.errorsByRow.get(row.rowNumber) ?? [];
    const message = errors.length > 0
      ? errors.map((issue) => (issue.column ? `${issue.column}: ${issue.message}` : issue.message)).join('; ')
      : this.t.noteInvalidRow;
    const cell = (column: string): string => {
      const header = this.headerOf.get(column);
      return header ? text(row.cells.get(header)) : '';
    };
    const email = cell('email');
    const name = [cell('first_name'), cell('last_name')].filter(Boolean).join(' ') || cell('full_name');
    return {
      key: `row:${row.rowNumber}`, kind: 'invalid', row: row.rowNumber,
      ...(email ? { email } : {}), ...(name ? { name } : {}), changes: [], message,
    };
  }

  private base(record: EmployeeRecord, user: User | undefined): { key: string; row: number; email: string; name: string; userId?: number } {
    return {
      key: `row:${record.source.rowNumber}`,
      row: record.source.rowNumber,
      email: record.email || (user?.email ?? ''),
      name: displayName(record, user),
      ...(user ? { userId: user.id } : {}),
    };
  }

  private invalid(record: EmployeeRecord, user: User | undefined, message: string): PlanItem {
    return { ...this.base(record, user), kind: 'invalid', changes: [], message };
  }

  private planRecord(record: EmployeeRecord): PlanItem {
    const email = record.email ? emailKey(record.email) : '';
    const firstRow = email ? this.seenEmails.get(email) : undefined;
    const found = this.matcher.find(record);
    const user = 'user' in found ? found.user : undefined;
    if (firstRow !== undefined) return this.invalid(record, user, this.t.noteDuplicateOfRow(firstRow));
    if (email) this.seenEmails.set(email, record.source.rowNumber);
    if ('invalid' in found) return this.invalid(record, undefined, found.invalid);

    if (record.action === 'skip') return { ...this.base(record, user), kind: 'skip', changes: [], message: this.t.noteActionIsSkip };
    if (record.action === 'delete') return this.planDelete(record, user);
    if (!user) {
      if (record.action !== 'create' && record.action !== 'upsert') {
        return this.invalid(record, user, this.t.noteActionNoUser(record.action, this.matcher.keyName));
      }
      if (!record.email) return this.invalid(record, user, this.t.noteNewPersonNeedsEmail(this.matcher.keyName, this.matcher.keyOf(record) ?? ''));
    } else if (user.bot) return this.invalid(record, user, this.t.noteBot);
    if (user && record.action === 'offboard') return this.planOffboardRow(record, user);
    const chats = rowChats(record, this.extras.chats, this.t);
    if (chats.error) return this.invalid(record, user, chats.error);
    const item = user ? this.planUpdate(record, user) : this.planCreate(record, chats);
    const photo = photoSide(this.extras.photos?.get(record.source.rowNumber), user, this.options.photos?.overwrite === true, this.t);
    if (!user) return withSideRequests(item, photo);
    return withSideRequests(item, bothSides(chatsForExisting(user, chats, this.extras.chats, this.options.chats ?? 'merge', this.t), photo));
  }

  private planOffboardRow(record: EmployeeRecord, user: User): PlanItem {
    if (user.id === this.self.selfId) return this.invalid(record, user, this.t.noteSelfCannot.offboard);
    if (user.id === this.self.ownerId) return this.invalid(record, user, this.t.noteOwnerCannot.offboard);
    const { key, row, email, name } = this.base(record, user);
    const currentTags = this.tagNames.current(user.list_tags);
    return planOffboard(user, { key, row, email, name, currentTags }, this.extras.chats, this.options.leaveChats === true, this.t);
  }

  private planDelete(record: EmployeeRecord, user: User | undefined): PlanItem {
    if (!this.options.allowDelete) {
      return this.invalid(record, user, this.t.noteDeleteNeedsFlag);
    }
    if (!user) return { ...this.base(record, user), kind: 'unchanged', changes: [], message: this.t.noteAlreadyDeleted };
    if (user.id === this.self.selfId) return this.invalid(record, user, this.t.noteSelfCannot.delete);
    if (user.id === this.self.ownerId) return this.invalid(record, user, this.t.noteOwnerCannot.delete);
    return {
      ...this.base(record, user),
      userId: user.id,
      kind: 'delete',
      changes: [{ field: 'user', before: record.email, after: null }],
      userRequest: { method: 'DELETE', path: userPath(user.id), userId: user.id },
    };
  }

  /**
   * Canonical tag names for the sheet's tags (as they will be after this plan's tag renames;
   * tags the Tags sheet deletes are left out); registers missing ones. Returns an error text
   * with --no-create-tags.
   */
  private resolveTags(names: readonly string[]): { names: string[]; missing: string[]; error?: string } {
    const resolved: string[] = [];
    const missing: string[] = [];
    for (const name of names) {
      const key = tagKey(name);
      if (!key) continue;
      const existing = this.tagNames.resolve(name);
      if (existing === 'deleted') continue;
      if (existing) {
        if (!resolved.some((known) => tagKey(known) === tagKey(existing.name))) resolved.push(existing.name);
        continue;
      }
      missing.push(name.trim());
      if (!this.tags.spelling.has(key)) this.tags.spelling.set(key, name.trim());
      resolved.push(this.tags.spelling.get(key)!);
    }
    if (missing.length > 0 && !this.options.createTags) {
      return { names: resolved, missing, error: this.t.noteTagsNotInPachca(missing) };
    }
    return { names: resolved, missing };
  }

  private registerMissingTags(missing: string[]): void {
    for (const name of missing) this.tags.toCreate.add(tagKey(name));
  }

  /** Tags of a request that only exist once a tag item of this plan (create or rename) went through. */
  private tagsNeeded(names: readonly string[]): string[] {
    return [...new Set(names.map(tagKey))].filter((key) => this.tags.toCreate.has(key) || this.renamedKeys.has(key));
  }

  private customValues(record: EmployeeRecord): { column: CustomColumn; value: string; blank: boolean }[] {
    return this.customColumns.map((column) => {
      const raw = customCell(record, column);
      const value = raw === undefined ? '' : normalizeCustomValue(raw, column.definition);
      return { column, value, blank: raw !== undefined && value === '' };
    });
  }

  /** "Дата выхода: not a valid date ..." for the first custom cell Pachca would refuse. */
  private customValueError(record: EmployeeRecord): string | undefined {
    for (const column of this.customColumns) {
      const raw = customCell(record, column);
      if (raw === undefined) continue;
      const parsed = parseCustomValue(raw, column.definition.data_type);
      if (!parsed.ok) return this.t.noteCellValue(column.header, parsed.message, raw.trim());
    }
    return undefined;
  }

  private planCreate(record: EmployeeRecord, chats: RowChats): PlanItem {
    const customError = this.customValueError(record);
    if (customError) return this.invalid(record, undefined, customError);
    // A status the row cannot set (a title without an emoji) is skipped with a warning; the person is still created.
    const status = statusIntent(record.status);
    if (record.role === 'guest' && chats.ids.length !== 1) {
      return this.invalid(record, undefined, this.t.noteGuestNeedsOneChat(chats.ids.length));
    }
    const user: UserCreateInput = { email: record.email };
    const changes: FieldChange[] = [{ field: 'email', before: null, after: record.email }];
    for (const field of TEXT_FIELDS) {
      const value = text(record[field]);
      if (value) {
        user[field] = value;
        changes.push({ field, before: null, after: value });
      }
    }
    if (record.role) {
      user.role = record.role;
      changes.push({ field: 'role', before: null, after: record.role });
    }
    const suspended = record.action === 'suspend' ? true : record.suspended;
    if (suspended !== undefined) {
      user.suspended = suspended;
      changes.push({ field: 'suspended', before: null, after: String(suspended) });
    }
    const chatsChange = createChatsChange(record, chats);
    if (chatsChange) {
      user.chat_ids = chats.ids;
      changes.push(chatsChange);
    }
    let needsTags: string[] = [];
    if (record.tags && record.tags.length > 0) {
      const tags = this.resolveTags(record.tags);
      if (tags.error) return this.invalid(record, undefined, tags.error);
      this.registerMissingTags(tags.missing);
      needsTags = this.tagsNeeded(tags.names);
      if (tags.names.length > 0) {
        user.list_tags = tags.names;
        changes.push({ field: 'tags', before: null, after: tagsText(tags.names) });
      }
    }
    const custom: CustomPropertyValueInput[] = [];
    for (const { column, value } of this.customValues(record)) {
      if (!value) continue;
      custom.push({ id: column.definition.id, value });
      changes.push({ field: column.definition.name, before: null, after: value });
    }
    if (custom.length > 0) user.custom_properties = custom;

    const body: UserCreateRequest = { user };
    if (this.options.skipEmailNotify) body.skip_email_notify = true;
    const { userId: _none, ...person } = this.base(record, undefined);
    const item: CreateUserItem = {
      ...person,
      kind: 'create',
      changes,
      userRequest: { method: 'POST', path: '/users', body },
    };
    if (status.kind === 'set') {
      changes.push(...statusChanges(null, wantedStatusView(status.fields)));
      item.statusRequest = { method: 'PUT', path: `${userPath('{id}')}/status`, body: { status: statusInput(status.fields) } };
    }
    if (status.kind === 'error') item.message = this.t.noteWarning(status.message);
    if (needsTags.length > 0) item.needsTags = needsTags;
    return item;
  }

  private planUpdate(record: EmployeeRecord, user: User): PlanItem {
    const customError = this.customValueError(record);
    if (customError) return this.invalid(record, user, customError);
    const merge = this.merge?.forRow(record, user);
    const leftAlone = (field: string): boolean => merge?.leaveAlone.has(field) === true;
    const status = leftAlone('status') ? { kind: 'none' as const } : statusIntent(record.status);
    const update: UserUpdateInput = {};
    const changes: FieldChange[] = [];
    const email = leftAlone('email') ? undefined : this.matcher.emailChange(record, user);
    if (email && 'invalid' in email) return this.invalid(record, user, email.invalid);
    if (email) {
      update.email = email.after;
      changes.push({ field: 'email', ...email });
    }
    for (const field of TEXT_FIELDS) {
      if (leftAlone(field) || isUnknownField(user, field)) continue;
      const wanted = text(record[field]);
      const current = comparableText(user[field]);
      if (wanted && wanted !== current) {
        update[field] = wanted;
        changes.push({ field, before: orNull(current), after: wanted });
      } else if (!wanted && current && this.options.blankClears && CLEARABLE_FIELDS.includes(field) && record.blankFields.includes(field)) {
        update[field] = '';
        changes.push({ field, before: current, after: null });
      }
    }
    if (record.role && record.role !== user.role && !leftAlone('role')) {
      if (!(USER_UPDATE_ROLES as readonly string[]).includes(record.role)) {
        return this.invalid(record, user, this.t.noteRoleNotOnUpdate(record.role, USER_UPDATE_ROLES.join(', ')));
      }
      update.role = record.role as UserUpdateInput['role'];
      changes.push({ field: 'role', before: user.role, after: record.role });
    }
    const suspended = record.action === 'suspend' ? true : record.action === 'restore' ? false : leftAlone('suspended') ? undefined : record.suspended;
    if (suspended !== undefined && suspended !== user.suspended) {
      if (suspended && user.id === this.self.selfId) return this.invalid(record, user, this.t.noteSelfCannot.suspend);
      if (suspended && user.id === this.self.ownerId) return this.invalid(record, user, this.t.noteOwnerCannot.suspend);
      update.suspended = suspended;
      changes.push({ field: 'suspended', before: String(user.suspended), after: String(suspended) });
    }

    let needsTags: string[] = [];
    // As they will be once this plan's tag renames and deletes went through.
    const currentTags = this.tagNames.current(user.list_tags);
    const wanted = leftAlone('tags') ? { tags: undefined } : this.wantedTags(record, currentTags, merge?.tags);
    if ('error' in wanted) return this.invalid(record, user, wanted.error);
    const wantedTags = wanted.tags;
    if (wantedTags && !sameTagSet(currentTags, wantedTags)) {
      update.list_tags = wantedTags;
      changes.push({ field: 'tags', before: tagsText(currentTags), after: tagsText(wantedTags) });
      needsTags = this.tagsNeeded(wantedTags);
    }

    const customChanges: CustomPropertyValueInput[] = [];
    for (const { column, value, blank } of this.customValues(record)) {
      if (leftAlone(customField(column))) continue;
      const current = user.custom_properties.find((property) => property.id === column.definition.id);
      const currentValue = normalizeCustomValue(current?.value ?? '', column.definition);
      if (value && value !== currentValue) {
        customChanges.push({ id: column.definition.id, value });
        changes.push({ field: column.definition.name, before: orNull(currentValue), after: value });
      } else if (blank && currentValue && this.options.blankClears) {
        customChanges.push({ id: column.definition.id, value: '' });
        changes.push({ field: column.definition.name, before: currentValue, after: null });
      }
    }
    if (customChanges.length > 0) {
      // The request carries the full resulting set, so a PUT that replaces the list keeps the rest.
      const changedIds = new Set(customChanges.map((change) => change.id));
      const kept = user.custom_properties
        .filter((property) => !changedIds.has(property.id) && property.value !== null && property.value !== '')
        .map((property) => ({ id: property.id, value: property.value! }));
      update.custom_properties = [...kept, ...customChanges];
    }

    let statusRequest: StatusRequest | undefined;
    if (status.kind === 'clear') {
      if (user.user_status) {
        changes.push(...statusChanges(statusView(user.user_status), null));
        statusRequest = { method: 'DELETE', path: `${userPath(user.id)}/status` };
      }
    } else if (status.kind === 'set') {
      const diff = statusChanges(statusView(user.user_status), wantedStatusView(status.fields));
      if (diff.length > 0) {
        changes.push(...diff);
        statusRequest = { method: 'PUT', path: `${userPath(user.id)}/status`, body: { status: statusInput(status.fields) } };
      }
    }
    const person = { ...this.base(record, user), userId: user.id, changes };
    let item: PlanItem;
    if (Object.keys(update).length > 0) {
      const userRequest: UpdateUserRequest = { method: 'PUT', path: userPath(user.id), userId: user.id, body: { user: withCurrentSuspended(update, user) } };
      item = {
        ...person,
        kind: update.suspended === true ? 'suspend' : update.suspended === false ? 'restore' : 'update',
        userRequest,
        ...(statusRequest ? { statusRequest } : {}),
        ...(needsTags.length > 0 ? { needsTags } : {}),
      };
    } else if (statusRequest) {
      item = { ...person, kind: statusRequest.method === 'DELETE' ? 'clear-status' : 'set-status', statusRequest };
    } else {
      item = { ...person, kind: 'unchanged' };
    }
    const notes: string[] = [];
    if (status.kind === 'error') notes.push(this.t.noteWarning(status.message));
    if (record.chat_ids && record.chat_ids.length > 0) notes.push(this.t.chatIdsOnExisting);
    if (merge && merge.conflicts.length > 0) {
      item.conflicts = merge.conflicts;
      notes.push(conflictMessage(merge.conflicts, this.options.preferSheet === true, this.t));
    }
    if (notes.length > 0) item.message = [item.message, ...notes].filter(Boolean).join('; ');
    return item;
  }

  /**
   * The user's tags as the row wants them, or undefined to leave them. With an export's base,
   * only the tags the sheet added (and, under --tags replace, removed) since the export count.
   */
  private wantedTags(record: EmployeeRecord, currentTags: string[], sinceExport: RowMerge['tags']): { tags: string[] | undefined } | { error: string } {
    const replace = this.options.tags === 'replace';
    const names = sinceExport ? sinceExport.added : record.tags;
    const keep = (list: string[], added: string[]): string[] => {
      const have = new Set(list.map(tagKey));
      return [...list, ...added.filter((name) => !have.has(tagKey(name)))];
    };
    let resolved: string[] = [];
    if (names && names.length > 0) {
      const tags = this.resolveTags(names);
      if (tags.error) return { error: tags.error };
      this.registerMissingTags(tags.missing);
      resolved = tags.names;
    }
    if (sinceExport) {
      if (!replace) return { tags: keep(currentTags, resolved) };
      const removed = new Set(sinceExport.removed.map((name) => {
        const tag = this.tagNames.resolve(name);
        return tagKey(tag && tag !== 'deleted' ? tag.name : name);
      }));
      return { tags: keep(currentTags.filter((name) => !removed.has(tagKey(name))), resolved) };
    }
    if (names && names.length > 0) return { tags: replace ? resolved : keep(currentTags, resolved) };
    if (replace && this.options.blankClears && record.blankFields.includes('tags')) return { tags: [] };
    return { tags: undefined };
  }
}

/**
 * The plan for a validated sheet against a directory snapshot, with the workbook's Tags sheet
 * when it has one. Pure; throws InputError for usage errors.
 */
export function buildPlan(
  sheet: ValidatedSheet, directory: Directory, options: PlanOptions, self: PlanSelf, tagsSheet?: TagsSheetInput, exportBase?: ExportBase,
  extras: PlanExtras = {},
): Plan {
  return new Planner(sheet, directory, options, self, tagsSheet, exportBase, extras).build();
}
