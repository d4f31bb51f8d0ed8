import fc from 'fast-check';
import { isBlank, isWhitespaceCode } from '../src/sheets/cell-text.js';
import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS, columnForHeader, mapHeaders, parseMapFlags, resolveOverrides } from '../src/records/columns.js';
import { messages } from '../src/i18n/catalog.js';
import {
  collapseSpaces, parseAction, parseBoolean, parseChatIds, parseDateTime, parseEmail, parsePhone, parseRole, splitFullName, splitTags,
} from '../src/records/normalize.js';

const value = <T>(parsed: { ok: true; value: T } | { ok: false; message: string }): T | string =>
  parsed.ok ? parsed.value : `ERROR: ${parsed.message}`;

describe('column aliases', () => {
  it('match every canonical name itself (the export writes those headers)', () => {
    for (const column of CANONICAL_COLUMNS) expect(columnForHeader(column)).toBe(column);
  });

  it.each([
    ['Email', 'email'], ['E-mail', 'email'], ['Эл. почта', 'email'], ['Электронная почта', 'email'], ['Почта', 'email'], ['Рабочая почта', 'email'],
    ['Имя', 'first_name'], ['Фамилия', 'last_name'], ['Отчество', 'middle_name'],
    ['ФИО', 'full_name'], ['Ф.И.О.', 'full_name'], ['Full name', 'full_name'],
    ['Телефон', 'phone_number'], ['Мобильный', 'phone_number'], ['Моб. телефон', 'phone_number'],
    ['Отдел', 'department'], ['Департамент', 'department'], ['Подразделение', 'department'],
    ['Должность', 'title'], ['Position', 'title'], ['Роль', 'role'], ['Уровень доступа', 'role'],
    ['Теги', 'tags'], ['Группы', 'tags'], ['Tags', 'tags'], ['Заблокирован', 'suspended'], ['Уволен', 'suspended'], ['Suspended', 'suspended'],
    ['Чаты', 'chats'], ['Chat ids', 'chat_ids'], ['Фото', 'photo'], ['Действие', 'action'],
    ['  e_mail ', 'email'], ['EMAIL', 'email'], ['Status-Away-Message', 'status_away_message'], ['Нет на мёсте', 'status_is_away'],
  ])('%j -> %s', (header, column) => {
    expect(columnForHeader(header)).toBe(column);
  });

  it('treats "custom:NAME" headers as custom property columns and other headers as unknown', () => {
    expect(columnForHeader('custom:Город')).toBe('custom:Город');
    expect(columnForHeader('Табельный номер')).toBeUndefined();
  });

  it('maps headers, warns once per unknown column, and applies --map overrides', () => {
    const overrides = resolveOverrides(parseMapFlags(['Рабочий e-mail=email', 'Город=custom:Город']), '--map');
    const { mapping, issues } = mapHeaders(['Рабочий e-mail', 'Имя', 'Город', 'Примечание', 'Почта'], overrides);
    expect(Object.fromEntries(mapping.byHeader)).toEqual({ 'Рабочий e-mail': 'email', Имя: 'first_name', Город: 'custom:Город' });
    expect(mapping.unknown).toEqual(['Примечание']);
    expect(issues.map((issue) => [issue.column, issue.severity, issue.row])).toEqual([
      ['Примечание', 'warning', 0],
      ['Почта', 'warning', 0],
    ]);
    expect(issues[1]!.message).toMatch(/already taken by "Рабочий e-mail"/);
  });

  it('rejects a malformed --map flag or an unknown target', () => {
    expect(() => parseMapFlags(['no equals sign'])).toThrow(/expected "Header=column"/);
    expect(() => resolveOverrides({ X: 'salary' }, '--map')).toThrow(/unknown column "salary"/);
  });
});

describe('normalization', () => {
  it('emails: trimmed, lower-cased, one @ and a dotted domain', () => {
    expect(value(parseEmail('  Ivan.Petrov@Example.RU '))).toBe('ivan.petrov@example.ru');
    for (const bad of ['ivan', 'a@@b.ru', 'a@b', 'a b@c.ru', '@b.ru', 'a@b..ru', 'a@.ru']) {
      expect(value(parseEmail(bad))).toMatch(/^ERROR: not a valid email/);
    }
    expect(value(parseEmail(`${'a'.repeat(251)}@b.ru`))).toMatch(/longer than 255/);
    expect(value(parseEmail('MAILTO:Ivan@X.ru'))).toBe('ivan@x.ru');
  });

  it('emails copied from Outlook with a display name give the address in brackets; other brackets are not an email', () => {
    expect(value(parseEmail('Иван Петров <Ivan.Petrov@example.ru>'))).toBe('ivan.petrov@example.ru');
    expect(value(parseEmail('"Петров, Иван" <ivan@example.ru>'))).toBe('ivan@example.ru');
    expect(value(parseEmail('<ivan@example.ru>'))).toBe('ivan@example.ru');
    for (const bad of ['ivan@example.ru>', '<ivan@example.ru', 'ivan@example.ru; petr@example.ru', 'ivan@example.ru,petr@example.ru', 'Иван <ivan@example.ru> <petr@example.ru>']) {
      expect(value(parseEmail(bad)), bad).toMatch(/^ERROR: not a valid email/);
    }
  });

  it('phones: every usual Russian spelling becomes E.164', () => {
    for (const phone of ['8 (916) 123-45-67', '+7 916 123 45 67', '9161234567', '79161234567', '+7(916)1234567']) {
      expect(value(parsePhone(phone, 'RU'))).toBe('+79161234567');
    }
    expect(value(parsePhone('020 7946 0958', 'GB'))).toBe('+442079460958');
    expect(value(parsePhone('12345', 'RU'))).toMatch(/^ERROR: not a valid phone number/);
    for (const phone of ['8-916-123-45-67', '7916 123 4567', '916 123 45 67', '8(916)1234567']) expect(value(parsePhone(phone, 'RU')), phone).toBe('+79161234567');
    expect(value(parsePhone('+375 29 123-45-67', 'RU'))).toBe('+375291234567'); // a foreign number with +
    expect(value(parsePhone('8 800 555-35-35', 'RU'))).toBe('+78005553535');
    for (const bad of ['нет', '+7 916', '+79161234567; +79161234568', '8 916 123']) expect(value(parsePhone(bad, 'RU')), bad).toMatch(/^ERROR/);
  });

  it('phones with an extension keep the number and warn that the extension is left out', () => {
    const withExtension = parsePhone('8 916 123-45-67 доб. 123', 'RU');
    expect(withExtension).toMatchObject({ ok: true, value: '+79161234567' });
    const warning = withExtension.ok ? withExtension.warning : undefined;
    expect(warning?.(messages('en'))).toBe('extension 123 left out (Pachca keeps the number only)');
    expect(warning?.(messages('ru'))).toBe('добавочный 123 отброшен (Пачка хранит только номер)');
    const ext = parsePhone('+7 916 123-45-67 ext. 5', 'RU');
    expect(ext.ok && ext.warning?.(messages('en'))).toContain('extension 5');
    expect(parsePhone('+7 916 123-45-67', 'RU')).toEqual({ ok: true, value: '+79161234567' });
  });

  it('full names split as Фамилия Имя [Отчество]', () => {
    expect(splitFullName('  Иванов   Иван Иванович ')).toEqual({ last_name: 'Иванов', first_name: 'Иван', middle_name: 'Иванович' });
    expect(splitFullName('Петрова Анна')).toEqual({ last_name: 'Петрова', first_name: 'Анна' });
    expect(splitFullName('Анна')).toEqual({ first_name: 'Анна' });
    expect(splitFullName('Оглы Мамед Ахмед оглы')).toEqual({ last_name: 'Оглы', first_name: 'Мамед', middle_name: 'Ахмед оглы' });
    expect(splitFullName('Салтыков-Щедрин  Михаил Евграфович')).toEqual({ last_name: 'Салтыков-Щедрин', first_name: 'Михаил', middle_name: 'Евграфович' });
  });

  it('full names with initials, in either order', () => {
    const ivanov = { last_name: 'Иванов', first_name: 'И.', middle_name: 'С.' };
    expect(splitFullName('Иванов И.С.')).toEqual(ivanov);
    expect(splitFullName('Иванов И. С.')).toEqual(ivanov);
    expect(splitFullName('И.С. Иванов')).toEqual(ivanov);
    expect(splitFullName('И. С. Иванов')).toEqual(ivanov);
    expect(splitFullName('Иванов И.')).toEqual({ last_name: 'Иванов', first_name: 'И.' });
  });

  it('tags split on , ; | and line breaks, de-duplicated case-insensitively keeping the first spelling', () => {
    expect(splitTags('Backend, Москва;backend | МОСКВА\nНовые\r\n  Удалённо  ,,')).toEqual(['Backend', 'Москва', 'Новые', 'Удалённо']);
    expect(splitTags('Ёлки; елки, Удаленно|Удалённо;')).toEqual(['Ёлки', 'Удаленно']);
    expect(splitTags(' ; , |')).toEqual([]);
  });

  it('role words in Russian and English', () => {
    const roles = { admin: 'admin', Администратор: 'admin', админ: 'admin', user: 'user', Сотрудник: 'user', пользователь: 'user',
      multi_guest: 'multi_guest', 'Мульти-гость': 'multi_guest', guest: 'guest', гость: 'guest' };
    for (const [word, role] of Object.entries(roles)) expect(value(parseRole(word))).toBe(role);
    expect(value(parseRole('начальник'))).toMatch(/^ERROR: unknown role/);
  });

  it('booleans, and the suspended words', () => {
    for (const word of ['да', 'Да', 'yes', 'TRUE', '1', '+']) expect(value(parseBoolean(word))).toBe(true);
    for (const word of ['нет', 'No', 'false', '0', '-']) expect(value(parseBoolean(word))).toBe(false);
    expect(value(parseBoolean('уволен'))).toMatch(/^ERROR/);
    for (const word of ['уволен', 'Заблокирован', 'заблокирована']) expect(value(parseBoolean(word, { suspendedWords: true }))).toBe(true);
    expect(value(parseBoolean('активен', { suspendedWords: true }))).toBe(false);
    expect(value(parseBoolean('может быть', { suspendedWords: true }))).toMatch(/^ERROR: not a yes\/no value/);
  });

  it('dates: ISO, DD.MM.YYYY and Excel serials; a bare date is the end of that day (UTC)', () => {
    expect(value(parseDateTime('2026-08-15'))).toBe('2026-08-15T23:59:59Z');
    expect(value(parseDateTime('15.08.2026'))).toBe('2026-08-15T23:59:59Z');
    expect(value(parseDateTime('5.8.2026 9:30'))).toBe('2026-08-05T09:30:00Z');
    expect(value(parseDateTime('2026-08-15T12:00:00+03:00'))).toBe('2026-08-15T09:00:00Z');
    expect(value(parseDateTime('46249'))).toBe('2026-08-15T23:59:59Z');
    expect(value(parseDateTime('46249.5'))).toBe('2026-08-15T12:00:00Z');
    expect(value(parseDateTime('15.08.26'))).toBe('2026-08-15T23:59:59Z');
    expect(value(parseDateTime('5.8.26 18:00'))).toBe('2026-08-05T18:00:00Z');
    for (const bad of ['31.02.2026', '2026-13-01', 'завтра', '15/08/2026', '0', '15.08.2026 24:00', '2026-02-30 10:00']) expect(value(parseDateTime(bad)), bad).toMatch(/^ERROR/);
  });

  it('a time without a zone is UTC whatever the machine\'s time zone; "YYYY-MM-DD HH:MM" as Excel shows it', () => {
    // new Date('2026-08-15T12:00') would be local time: 09:00Z in Moscow.
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Moscow';
    try {
      expect(value(parseDateTime('2026-08-15T12:00'))).toBe('2026-08-15T12:00:00Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(value(parseDateTime('2026-08-15 12:00'))).toBe('2026-08-15T12:00:00Z');
    expect(value(parseDateTime('2026-08-15 12:00:30'))).toBe('2026-08-15T12:00:30Z');
    expect(value(parseDateTime('2026-08-15 12:00+03:00'))).toBe('2026-08-15T09:00:00Z');
    expect(value(parseDateTime('2026-08-15T12:00:00.000Z'))).toBe('2026-08-15T12:00:00Z');
  });

  it('action words in English and Russian; chat ids', () => {
    const actions = { create: 'create', Создать: 'create', update: 'update', обновить: 'update', upsert: 'upsert', suspend: 'suspend',
      заблокировать: 'suspend', уволить: 'suspend', restore: 'restore', восстановить: 'restore', delete: 'delete', удалить: 'delete',
      skip: 'skip', пропустить: 'skip' };
    for (const [word, action] of Object.entries(actions)) expect(value(parseAction(word))).toBe(action);
    expect(value(parseAction('уничтожить'))).toMatch(/^ERROR: unknown action/);
    expect(value(parseChatIds('101, 102;101 103'))).toEqual([101, 102, 103]);
    expect(value(parseChatIds('общий'))).toMatch(/^ERROR: "общий" is not a chat id/);
  });
});

describe('white space', () => {
  it('isWhitespaceCode and isBlank agree with \\s and trim() for every UTF-16 code unit', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      expect(isWhitespaceCode(code), `U+${code.toString(16)}`).toBe(/\s/.test(char));
      expect(isBlank(`${char} `)).toBe(`${char} `.trim() === '');
    }
  });

  it('a word list does not answer to the names of object properties', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(parseRole(word).ok).toBe(false);
      expect(parseAction(word).ok).toBe(false);
    }
  });
});

describe('collapseSpaces', () => {
  it('gives what a plain replace-and-trim gives, for any text (its fast path for clean cells included)', () => {
    const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\ufeff', '\u000b', '\u1680', '\u2028', '\u202f', '\u3000', '\u180e', '\u200b');
    const word = fc.string({ maxLength: 6 });
    const text = fc.array(fc.oneof(spaces, word), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (value) => collapseSpaces(value) === value.replace(/\s+/g, ' ').trim()), { numRuns: 2000 });
  });
});
