// Column names: canonical list, ru/en aliases, header -> column mapping.
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { splitZonedHeader } from '../sheets/time-zone.js';
import type { CanonicalColumn, ColumnMapping, Issue } from './types.js';

/** Canonical columns in the order the template and the export write them. */
export const CANONICAL_COLUMNS: readonly CanonicalColumn[] = [
  'email', 'last_name', 'first_name', 'middle_name', 'full_name', 'nickname', 'phone_number',
  'department', 'title', 'role', 'tags', 'suspended', 'chats', 'chat_ids', 'photo', 'action',
  'status_emoji', 'status_title', 'status_expires_at', 'status_is_away', 'status_away_message',
];

export type ColumnTarget = CanonicalColumn | `custom:${string}`;

/** Aliases besides the canonical name itself (which always matches). */
const ALIASES: Record<CanonicalColumn, readonly string[]> = {
  email: ['e-mail', 'email address', 'e-mail address', 'work email', 'mail', 'эл. почта', 'эл почта', 'электронная почта',
    'почта', 'рабочая почта', 'корпоративная почта', 'адрес электронной почты', 'емейл', 'имейл'],
  first_name: ['first name', 'given name', 'firstname', 'имя'],
  last_name: ['last name', 'surname', 'family name', 'lastname', 'фамилия'],
  middle_name: ['middle name', 'patronymic', 'отчество'],
  full_name: ['full name', 'fullname', 'фио', 'ф.и.о.', 'ф. и. о.', 'полное имя', 'фамилия имя отчество'],
  nickname: ['nick', 'nick name', 'username', 'никнейм', 'ник', 'псевдоним'],
  phone_number: ['phone', 'phone number', 'mobile', 'mobile phone', 'телефон', 'тел.', 'мобильный', 'моб. телефон',
    'мобильный телефон', 'номер телефона', 'рабочий телефон'],
  department: ['dept', 'division', 'отдел', 'департамент', 'подразделение', 'служба'],
  title: ['position', 'job title', 'должность'],
  role: ['access level', 'роль', 'уровень доступа', 'права'],
  tags: ['groups', 'group tags', 'list_tags', 'теги', 'тэги', 'группы', 'метки'],
  suspended: ['blocked', 'fired', 'заблокирован', 'уволен', 'блокировка', 'заблокировать'],
  chats: ['чаты', 'чат', 'chat names'],
  chat_ids: ['chat ids', 'chat id', 'id чатов'],
  photo: ['photo file', 'avatar', 'picture', 'фото', 'фотография', 'аватар'],
  action: ['operation', 'действие', 'операция'],
  status_emoji: ['status emoji', 'эмодзи статуса', 'эмодзи', 'статус эмодзи'],
  status_title: ['status', 'status title', 'статус', 'текст статуса'],
  status_expires_at: ['status expires', 'status expires at', 'status until', 'статус до', 'срок статуса', 'статус истекает'],
  status_is_away: ['away', 'is away', 'нет на месте', 'отсутствует'],
  status_away_message: ['away message', 'сообщение об отсутствии', 'автоответ'],
};

/** Case-insensitive, ignoring spaces, dots, dashes, underscores and ё/е. */
export function normalizeHeaderKey(header: string): string {
  return header.toLowerCase().replace(/ё/g, 'е').replace(/[\s._\-–—]+/g, '');
}

const ALIAS_INDEX: ReadonlyMap<string, CanonicalColumn> = (() => {
  const index = new Map<string, CanonicalColumn>();
  for (const column of CANONICAL_COLUMNS) {
    for (const alias of [column, ...ALIASES[column]]) index.set(normalizeHeaderKey(alias), column);
  }
  return index;
})();

/** Every name a header may have (canonical names and their aliases), for "did you mean". */
export function knownColumnNames(): string[] {
  return CANONICAL_COLUMNS.flatMap((column) => [column, ...ALIASES[column]]);
}

const CUSTOM_PREFIX = 'custom:';

/** A header's column by alias (a time column's zone after it, as the export writes it), `custom:NAME` written literally, or undefined. */
export function columnForHeader(header: string): ColumnTarget | undefined {
  const trimmed = header.trim();
  const zoned = splitZonedHeader(trimmed);
  if (zoned.zone !== undefined) return ALIAS_INDEX.get(normalizeHeaderKey(zoned.name));
  if (trimmed.toLowerCase().startsWith(CUSTOM_PREFIX) && trimmed.length > CUSTOM_PREFIX.length) {
    return `custom:${trimmed.slice(CUSTOM_PREFIX.length).trim()}`;
  }
  return ALIAS_INDEX.get(normalizeHeaderKey(trimmed));
}

/** Parses a --map / --mapping target: a canonical column (or alias) or custom:NAME. */
export function parseColumnTarget(target: string, where: string, t: Catalog = messages('en')): ColumnTarget {
  const column = columnForHeader(target);
  if (!column) {
    throw new InputError(t.columnTargetUnknown(where, target, CANONICAL_COLUMNS.join(', ')));
  }
  return column;
}

/** Header overrides from repeated `--map "Header=column"` flags. */
export function parseMapFlags(flags: readonly string[], t: Catalog = messages('en')): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const flag of flags) {
    const separator = flag.lastIndexOf('=');
    if (separator <= 0 || separator === flag.length - 1) {
      throw new InputError(t.columnMapFlagShape(flag));
    }
    overrides[flag.slice(0, separator).trim()] = flag.slice(separator + 1).trim();
  }
  return overrides;
}

/** Normalized header key -> the column it maps to, and the header as the person wrote it. */
export type HeaderOverrides = ReadonlyMap<string, { target: ColumnTarget; header: string }>;

/** Validates overrides up front; keys are matched like aliases. */
export function resolveOverrides(overrides: Record<string, string>, where: string, t: Catalog = messages('en')): HeaderOverrides {
  const resolved = new Map<string, { target: ColumnTarget; header: string }>();
  for (const [header, target] of Object.entries(overrides)) {
    resolved.set(normalizeHeaderKey(header), { target: parseColumnTarget(target, `${where} "${header}"`, t), header });
  }
  return resolved;
}

export interface HeaderMappingResult {
  mapping: ColumnMapping;
  /** Warnings (row 0): unknown columns, a column mapped twice. */
  issues: Issue[];
}

/**
 * Maps headers as written to columns. A header that is neither an alias nor overridden
 * lands in `unknown`: it may be a custom property (the import resolves it against the
 * directory), so its values are kept in record.customByName under the header text.
 */
export function mapHeaders(headers: readonly string[], overrides: HeaderOverrides = new Map(), t: Catalog = messages('en')): HeaderMappingResult {
  const byHeader = new Map<string, ColumnTarget>();
  const unknown: string[] = [];
  const issues: Issue[] = [];
  const claimedBy = new Map<ColumnTarget, string>();
  for (const header of headers) {
    const target = overrides.get(normalizeHeaderKey(header))?.target ?? columnForHeader(header);
    if (!target) {
      unknown.push(header);
      issues.push({
        row: 0, column: header, value: '', severity: 'warning',
        message: t.columnUnknown,
      });
      continue;
    }
    const earlier = claimedBy.get(target);
    if (earlier !== undefined) {
      issues.push({ row: 0, column: header, value: '', severity: 'warning', message: t.columnAlsoMaps(target, earlier) });
      continue;
    }
    claimedBy.set(target, header);
    byHeader.set(header, target);
  }
  const present = new Set(headers.map(normalizeHeaderKey));
  for (const [key, { header }] of overrides) {
    if (present.has(key)) continue;
    issues.push({
      row: 0, column: header, value: '', severity: 'warning',
      message: t.columnMapMissing(header, headers.filter(Boolean).join(', ')),
    });
  }
  return { mapping: { byHeader, unknown }, issues };
}

/** For header-row detection: is this text a known column name (or an override)? */
export function isKnownHeader(header: string, overrides: HeaderOverrides = new Map()): boolean {
  return overrides.has(normalizeHeaderKey(header)) || columnForHeader(header) !== undefined;
}
