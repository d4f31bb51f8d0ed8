// Which language a person reads: --lang, else PACHCA_ROSTER_LANG, else the locale, else English.
// Resolved once by the CLI and passed down as a plain value; nothing below the CLI reads the environment.

export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The language a locale name stands for: ru, ru_RU.UTF-8, ru-RU mean Russian; anything else English. */
export function langOfLocale(locale: string): Lang {
  return /^ru([_.@-]|$)/i.test(locale.trim()) ? 'ru' : 'en';
}

/**
 * The user's language. The locale is the first set of LC_ALL, LC_MESSAGES, LANG (POSIX order:
 * LC_ALL=C wins over LANG=ru_RU). An unknown PACHCA_ROSTER_LANG is passed over, not an error.
 */
export function resolveLang(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (isLang(flag)) return flag;
  const chosen = env.PACHCA_ROSTER_LANG?.trim().toLowerCase();
  if (isLang(chosen)) return chosen;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value.trim() !== '');
  return locale === undefined ? 'en' : langOfLocale(locale);
}

/** The value of --lang as typed (--lang ru, --lang=ru), before yargs parses: the parser itself speaks it. */
export function langFlagOf(argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  for (let index = 0; index < flags.length; index++) {
    const arg = flags[index]!;
    if (arg === '--lang') return flags[index + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

/** The command line without --lang and its value (the command word then comes first again). */
export function withoutLangFlag(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return [...result, ...argv.slice(index)];
    if (arg === '--lang') index += 1;
    else if (!arg.startsWith('--lang=')) result.push(arg);
  }
  return result;
}
