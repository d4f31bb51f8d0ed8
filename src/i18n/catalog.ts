// One typed message catalog: the English catalog is the shape; every language must fill it in
// (a missing or extra key, or a message taking other values, is a type error).
import { en } from './en.js';
import type { Lang } from './lang.js';
import { ru } from './ru.js';

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

export type Catalog = Widen<typeof en>;

/** A message said in a catalog's language: how a layer below the CLI hands over words to be read. */
export type Say = (t: Catalog) => string;

const CATALOGS: Record<Lang, Catalog> = { en, ru };

/** The messages of one language; pass the result (or the Lang) down, never keep it globally. */
export function messages(lang: Lang): Catalog {
  return CATALOGS[lang];
}

export { LANGS, resolveLang, type Lang } from './lang.js';
/** The English catalog, for a command's own English description (main.ts says it in the user's language). */
export { en };
