// Cell text -> field values. Each parser returns the value or a message saying what is wrong.
import type { CountryCode } from 'libphonenumber-js';
import type { RecordRole } from './types.js';
import { excelSerialToDate, isWhitespaceCode } from '../sheets/cell-text.js';
import { instantOfWallClock } from '../sheets/time-zone.js';
import type { RecordAction } from './types.js';
import { en, type Say } from '../i18n/catalog.js';
import { lazyRequire } from '../lazy-require.js';

export type { Say };


/** A value (perhaps with a warning about what was left out or assumed) or what is wrong. */
export type Parsed<T> = { ok: true; value: T; warning?: Say } | { ok: false; message: string; say: Say };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T>(say: Say): Parsed<T> => ({ ok: false, message: say(en), say });

export const MAX_LENGTH = {
  text: 255,
  customProperty: 768,
  statusTitle: 50,
  awayMessage: 1024,
} as const;

/** Trims and collapses runs of whitespace (including line breaks and NBSP) to one space. */
export function collapseSpaces(text: string): string {
  // Most cells are already clean: a scan is cheaper than a replace that allocates a new string.
  if (!needsCollapse(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

/** White space other than single inner spaces: at either end, two in a row, or not a plain space. */
function needsCollapse(text: string): boolean {
  if (text.length === 0) return false;
  // Starting as if after a space makes a leading space count.
  let afterSpace = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isWhitespaceCode(code)) afterSpace = false;
    else if (afterSpace || code !== 0x20) return true;
    else afterSpace = true;
  }
  return afterSpace;
}

/**
 * A word list as a Map: an object would also answer "constructor" or "toString". A cell that
 * is already a key (most are) is found without making its lookup key.
 */
function wordMap<T>(words: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(words));
}

/** Lookup key for word lists: lower case, ё -> е, no surrounding spaces or dots. */
function wordKey(text: string): string {
  return collapseSpaces(text).toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
}

// Characters that cannot stand unquoted in an address (and show a pasted list or display name).
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@.<>()[\]\\,;:"]+(\.[^\s@.<>()[\]\\,;:"]+)+$/;
/** Outlook's "Иван Петров <ivan@x.ru>" (or a bare "<ivan@x.ru>"): the address is the part in brackets. */
const DISPLAY_NAME_ADDRESS = /^(?:[^<>]*\s)?<([^<>\s]+)>$/;

const MAILTO = /^mailto:/i;
const MAILTO_LENGTH = 'mailto:'.length;

export function parseEmail(text: string): Parsed<string> {
  const cell = collapseSpaces(text);
  const address = cell.includes('<') ? DISPLAY_NAME_ADDRESS.exec(cell)?.[1] ?? cell : cell;
  const email = (MAILTO.test(address) ? address.slice(MAILTO_LENGTH) : address).toLowerCase();
  if (email.length > MAX_LENGTH.text) return fail((t) => t.recordEmailTooLong(MAX_LENGTH.text));
  if (!EMAIL_PATTERN.test(email)) return fail((t) => t.recordEmailInvalid);
  return ok(email);
}

/** +7 or (region RU) 8, then a Russian mobile number 9XX XXX XX XX, spelled with spaces, dashes or brackets. */
const RU_MOBILE = /^(\+7|8)(9\d{9})$/;

/**
 * The common case without libphonenumber (a fifth of reading a big sheet): a Russian mobile
 * number, which libphonenumber takes as valid and writes as +79XXXXXXXXX. undefined: not that case.
 */
function russianMobile(cleaned: string, region: string): string | undefined {
  const match = RU_MOBILE.exec(cleaned.replace(/[ ()-]/g, ''));
  if (!match || (match[1] === '8' && region.toUpperCase() !== 'RU')) return undefined;
  return `+7${match[2]!}`;
}

/** libphonenumber, loaded on first use: its metadata is a good part of start-up, and most sheets' phones take the fast path. */
const libphonenumber = lazyRequire<typeof import('libphonenumber-js')>('libphonenumber-js');

export function parsePhone(text: string, region: string): Parsed<string> {
  const cleaned = collapseSpaces(text);
  const mobile = russianMobile(cleaned, region);
  if (mobile !== undefined) return ok(mobile);
  const phone = libphonenumber().parsePhoneNumberFromString(cleaned, { defaultCountry: region.toUpperCase() as CountryCode, extract: false });
  if (!phone || !phone.isValid()) return fail((t) => t.recordPhoneInvalid(region.toUpperCase()));
  // Pachca keeps one E.164 number: an extension ("доб. 123", "ext. 5") cannot go with it.
  if (phone.ext) return { ok: true, value: phone.number, warning: (t) => t.recordPhoneExtension(phone.ext!) };
  return ok(phone.number);
}

export interface NameParts {
  last_name?: string;
  first_name?: string;
  middle_name?: string;
}

/** "И." or "и" with a dot: an initial. */
const INITIAL = /^\p{Lu}\.$/u;
/** "И.И." / "И.С." written together: two initials. */
const JOINED_INITIALS = /^(\p{Lu}\.)(\p{Lu}\.)$/u;

/**
 * Russian order: Фамилия Имя [Отчество]; a single word is taken as the first name.
 * Initials are kept as given: "Иванов И.И." and "И. И. Иванов" both give Иванов / И. / И.
 */
export function splitFullName(text: string): NameParts {
  let words = collapseSpaces(text).split(' ').filter(Boolean)
    .flatMap((word) => {
      const joined = JOINED_INITIALS.exec(word);
      return joined ? [joined[1]!, joined[2]!] : [word];
    });
  if (words.length === 0) return {};
  // "И. И. Иванов": initials first, surname last.
  const leadingInitials = words.findIndex((word) => !INITIAL.test(word));
  if (leadingInitials > 0 && leadingInitials === words.length - 1) words = [words.at(-1)!, ...words.slice(0, -1)];
  if (words.length === 1) return { first_name: words[0] };
  const [last_name, first_name, ...rest] = words;
  return rest.length > 0 ? { last_name, first_name, middle_name: rest.join(' ') } : { last_name, first_name };
}

/** Splits on , ; | and line breaks; trims; drops duplicates case-insensitively keeping the first spelling. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(/[,;|\r\n]+/)) {
    const tag = collapseSpaces(part);
    const key = tag.toLowerCase().replace(/ё/g, 'е');
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

const ROLE_WORDS: ReadonlyMap<string, RecordRole> = wordMap({
  admin: 'admin', administrator: 'admin', администратор: 'admin', админ: 'admin',
  user: 'user', member: 'user', employee: 'user', сотрудник: 'user', пользователь: 'user',
  multi_guest: 'multi_guest', 'multi-guest': 'multi_guest', 'multi guest': 'multi_guest', multiguest: 'multi_guest',
  'мульти-гость': 'multi_guest', мультигость: 'multi_guest', 'мульти гость': 'multi_guest',
  guest: 'guest', гость: 'guest',
});

export function parseRole(text: string): Parsed<RecordRole> {
  const role = ROLE_WORDS.get(text) ?? ROLE_WORDS.get(wordKey(text));
  return role ? ok(role) : fail((t) => t.recordRoleUnknown);
}

const TRUE_WORDS = new Set(['да', 'yes', 'y', 'true', '1', '+', 'д', 'истина']);
const FALSE_WORDS = new Set(['нет', 'no', 'n', 'false', '0', '-', 'н', 'ложь']);
const SUSPENDED_TRUE_WORDS = new Set(['уволен', 'уволена', 'заблокирован', 'заблокирована', 'suspended', 'blocked']);
const SUSPENDED_FALSE_WORDS = new Set(['активен', 'активна', 'active', 'работает']);

export function parseBoolean(text: string, { suspendedWords = false } = {}): Parsed<boolean> {
  const word = wordKey(text);
  if (TRUE_WORDS.has(word) || (suspendedWords && SUSPENDED_TRUE_WORDS.has(word))) return ok(true);
  if (FALSE_WORDS.has(word) || (suspendedWords && SUSPENDED_FALSE_WORDS.has(word))) return ok(false);
  return fail((t) => t.recordNotBoolean(suspendedWords));
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Status expiry as ISO 8601 UTC. Accepts ISO dates/timestamps, DD.MM.YYYY (or DD.MM.YY)
 * [HH:MM[:SS]] and Excel serial numbers. A date without a time means the end of that day,
 * and a time without a zone is in `zone` (the zone a column's header names), else UTC.
 */
export function parseDateTime(text: string, zone?: string): Parsed<string> {
  const value = collapseSpaces(text);
  const inZone = (y: number, m: number, d: number, hh: number, mm: number, ss: number): string => {
    if (zone === undefined || zone === 'UTC') return `${y}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z`;
    const instant = instantOfWallClock({ year: y, month: m, day: d, hour: hh, minute: mm, second: ss }, zone);
    return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const endOfDay = (y: number, m: number, d: number) => inZone(y, m, d, 23, 59, 59);
  const withTime = (y: number, m: number, d: number, hh: number, mm: number, ss: number) =>
    hh < 24 && mm < 60 && ss < 60 ? ok(inZone(y, m, d, hh, mm, ss)) : fail<string>((t) => t.recordTimeInvalid);
  const badDate = fail<string>((t) => t.recordDateTimeInvalid);

  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isRealDate(y, m, d) ? ok(endOfDay(y, m, d)) : badDate;
  }
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (match) {
    // A two-digit year (01.04.26, how Excel shows short dates) is this century's.
    const [d, m, y] = [Number(match[1]), Number(match[2]), match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3])];
    if (!isRealDate(y, m, d)) return badDate;
    return match[4] === undefined ? ok(endOfDay(y, m, d)) : withTime(y, m, d, Number(match[4]), Number(match[5]), Number(match[6] ?? 0));
  }
  match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (match) {
    // No zone: the column's zone or UTC, like DD.MM.YYYY HH:MM (JavaScript would take the local zone of whatever machine runs this).
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!isRealDate(y, m, d)) return badDate;
    return withTime(y, m, d, Number(match[4]), Number(match[5]), Number(match[6] ?? 0));
  }
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const date = new Date(value.replace(' ', 'T'));
    if (Number.isNaN(date.getTime())) return badDate;
    return ok(date.toISOString().replace(/\.000Z$/, 'Z'));
  }
  if (/^\d+(\.\d+)?$/.test(value)) {
    const serial = Number(value);
    // 1 = 1900-01-01 ... 2958465 = 9999-12-31
    if (serial < 1 || serial > 2_958_465) return badDate;
    const date = excelSerialToDate(serial);
    if (Number.isInteger(serial)) return ok(endOfDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));
    return ok(inZone(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
  }
  return badDate;
}

/** The data types of custom properties (as the API names them). */
export type CustomValueType = 'string' | 'number' | 'date' | 'link';

/**
 * A custom property's cell as Pachca stores it, so a sheet and the directory compare equal:
 * numbers without trailing zeros (a decimal comma read), dates YYYY-MM-DD (from YYYY-MM-DD,
 * midnight timestamps and DD.MM.YYYY; a day that does not exist, 31.02.2026, is an error),
 * links with a lower-case scheme and host. Other text is kept (trimmed) for Pachca to judge.
 */
export function parseCustomValue(text: string, type: CustomValueType): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return ok('');
  if (type === 'number') {
    const number = Number(trimmed.replace(',', '.'));
    return ok(Number.isFinite(number) ? String(number) : trimmed);
  }
  if (type === 'date') {
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$)/.exec(trimmed);
    const russian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : russian ? [russian[3], russian[2], russian[1]] : [];
    if (y === undefined || m === undefined || d === undefined) return ok(trimmed);
    if (!isRealDate(Number(y), Number(m), Number(d))) return fail((t) => t.recordDateInvalid);
    return ok(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  }
  if (type === 'link') {
    // Scheme and host are case-insensitive: HTTPS://GitHub.com/x is the link the directory has as https://github.com/x.
    return ok(trimmed.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i, (origin) => origin.toLowerCase()));
  }
  return ok(trimmed);
}

const ACTION_WORDS: ReadonlyMap<string, RecordAction> = wordMap({
  create: 'create', add: 'create', hire: 'create', создать: 'create', добавить: 'create', нанять: 'create', принять: 'create',
  update: 'update', изменить: 'update', обновить: 'update',
  upsert: 'upsert', 'создать или обновить': 'upsert', синхронизировать: 'upsert',
  suspend: 'suspend', block: 'suspend', fire: 'suspend', заблокировать: 'suspend', уволить: 'suspend', блокировать: 'suspend',
  restore: 'restore', unblock: 'restore', восстановить: 'restore', разблокировать: 'restore', вернуть: 'restore',
  offboard: 'offboard', offboarding: 'offboard', увольнение: 'offboard', оффбординг: 'offboard',
  delete: 'delete', remove: 'delete', удалить: 'delete',
  skip: 'skip', ignore: 'skip', пропустить: 'skip', пропуск: 'skip', игнорировать: 'skip',
});

export function parseAction(text: string): Parsed<RecordAction> {
  const action = ACTION_WORDS.get(text) ?? ACTION_WORDS.get(wordKey(text));
  return action
    ? ok(action)
    : fail((t) => t.recordActionUnknown);
}

export function parseChatIds(text: string): Parsed<number[]> {
  const parts = collapseSpaces(text).split(/[\s,;|]+/).filter(Boolean);
  const ids: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,15}$/.test(part) || Number(part) === 0) return fail((t) => t.recordChatIdInvalid(part));
    if (!ids.includes(Number(part))) ids.push(Number(part));
  }
  return ok(ids);
}
