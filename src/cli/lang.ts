// The language a command speaks: its --lang (a global option), else PACHCA_ROSTER_LANG, else the
// locale, else English; the same rule main.ts uses for the parser. Passed down as a plain value.
import { resolveLang, type Lang } from '../i18n/lang.js';

export function langOf(argv: { lang?: unknown }): Lang {
  return resolveLang(typeof argv.lang === 'string' ? argv.lang : undefined, process.env);
}
