// Plural forms by Intl.PluralRules: Russian has one (1, 21), few (2-4, 22-24), many (5-20, 25...).
import type { Lang } from './lang.js';

export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

const rules: Record<Lang, Intl.PluralRules> = {
  ru: new Intl.PluralRules('ru'),
  en: new Intl.PluralRules('en'),
};

/** "5 сотрудников": the count and the word in the form its number takes. */
export function plural(lang: Lang, count: number, forms: PluralForms): string {
  const category = rules[lang].select(count);
  const word = category === 'one' ? forms.one : category === 'few' ? (forms.few ?? forms.other) : category === 'many' ? (forms.many ?? forms.other) : forms.other;
  return `${count} ${word}`;
}
