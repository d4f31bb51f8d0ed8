// The message catalog: both languages complete, plural forms, how the language is chosen, and
// the one-line parse errors in Russian.
import { readdirSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/i18n/catalog.js';
import { en } from '../src/i18n/en.js';
import { langFlagOf, resolveLang, withoutLangFlag } from '../src/i18n/lang.js';
import { ru } from '../src/i18n/ru.js';
import { usageErrorFor } from '../src/cli/usage-error.js';

/** Every key path of a catalog, with the kind of value there. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}:function/${value.length}`];
  if (typeof value === 'string') return [`${path}:string`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => shape(inner, `${path}.${key}`)).sort();
}

describe('catalog', () => {
  it('has every key in both languages, of the same kind, and no empty message', () => {
    expect(shape(ru)).toEqual(shape(en));
    const texts = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(texts) : [];
    for (const text of [...texts(en), ...texts(ru)]) expect(text.trim()).not.toBe('');
  });

  it('counts people with the Russian plural forms for 1, 2, 5, 11, 21, 22, 25', () => {
    const ruPeople = messages('ru').people;
    expect([1, 2, 5, 11, 21, 22, 25].map(ruPeople)).toEqual([
      '1 сотрудник', '2 сотрудника', '5 сотрудников', '11 сотрудников', '21 сотрудник', '22 сотрудника', '25 сотрудников',
    ]);
    expect([1, 2, 5, 11, 21].map(messages('ru').rows)).toEqual(['1 строка', '2 строки', '5 строк', '11 строк', '21 строка']);
    expect([1, 2, 21].map(messages('en').people)).toEqual(['1 person', '2 people', '21 people']);
  });
});

describe('language choice', () => {
  it('takes --lang, else PACHCA_ROSTER_LANG, else LC_ALL/LC_MESSAGES/LANG (ru* is Russian), else English', () => {
    expect(resolveLang('en', { PACHCA_ROSTER_LANG: 'ru', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { PACHCA_ROSTER_LANG: 'ru', LANG: 'en_US.UTF-8' })).toBe('ru');
    expect(resolveLang(undefined, { PACHCA_ROSTER_LANG: 'de', LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(resolveLang(undefined, { LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(resolveLang(undefined, { LC_MESSAGES: 'ru_RU', LANG: 'en_US' })).toBe('ru');
    expect(resolveLang(undefined, { LC_ALL: 'C', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LANG: 'rus' })).toBe('en');
    expect(resolveLang(undefined, {})).toBe('en');
  });

  it('reads --lang before the parse and leaves the command word first without it', () => {
    expect(langFlagOf(['--lang', 'ru', 'import', 'x.csv'])).toBe('ru');
    expect(langFlagOf(['import', '--lang=en'])).toBe('en');
    expect(langFlagOf(['import', '--', '--lang', 'ru'])).toBeUndefined();
    expect(withoutLangFlag(['--lang', 'ru', 'import', '--lang=en', 'x.csv'])).toEqual(['import', 'x.csv']);
  });
});

describe('parse errors in Russian', () => {
  const exportCommand = { command: 'export', describe: '', builder: {}, handler: () => undefined } as CommandModule;
  it('says yargs English failures again as one Russian line, with the help pointer', () => {
    const t = messages('ru');
    const choice = usageErrorFor('Invalid values:\n  Argument: format, Given: "xml", Choices: "xlsx", "csv"', undefined, ['export', '--format', 'xml'], [exportCommand], t);
    expect(choice.message).toBe('--format «xml» — не из списка: xlsx, csv');
    expect(choice.message).not.toContain('\n');
    expect(choice.helpLine()).toBe('Справка: pachca-roster export --help');
    const command = usageErrorFor('Unknown argument: exprt', undefined, ['exprt'], [exportCommand], t);
    expect(command.message).toBe('неизвестная команда «exprt»; может быть, export?');
    expect(usageErrorFor('Not enough arguments following: out', undefined, ['export', '--out'], [exportCommand], t).message).toBe('у параметра --out нет значения');
  });
});

describe('catalog areas', () => {
  it('every area has both languages, its keys appear in no other area, and each is spread into the catalog', async () => {
    const folder = new URL('../src/i18n/areas/', import.meta.url);
    const areas = readdirSync(folder).filter((name) => name.endsWith('.en.ts')).map((name) => name.slice(0, -'.en.ts'.length));
    expect(areas.length).toBeGreaterThan(3);
    const seen = new Map<string, string>();
    for (const area of areas) {
      const english = (await import(new URL(`${area}.en.ts`, folder).href)) as Record<string, Record<string, unknown>>;
      const russian = (await import(new URL(`${area}.ru.ts`, folder).href)) as Record<string, Record<string, unknown>>;
      const englishArea = english[`${area}En`]!;
      expect(shape(russian[`${area}Ru`]), area).toEqual(shape(englishArea));
      for (const key of Object.keys(englishArea)) {
        expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
        seen.set(key, area);
        expect((en as Record<string, unknown>)[key], `${area}.${key} spread into en.ts`).toBe(englishArea[key]);
        expect((ru as Record<string, unknown>)[key], `${area}.${key} spread into ru.ts`).toBe(russian[`${area}Ru`]![key]);
      }
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(en).sort());
  });
});
