// A plan's field as a person reads it: the column header the export writes for it in the run's
// language (Имя, Отдел, ...; the English export writes the field names themselves), so the plan
// names the columns the person edits. Custom properties keep their own names; plan.json keeps the
// field names and values as they are.
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';

/** A plan field or a column (canonical name) by its header in `lang`; anything else (a custom property's name) as it is. */
export function fieldHeader(field: string, lang: Lang): string {
  const t = messages(lang);
  if (Object.hasOwn(t.exportColumns, field)) return t.exportColumns[field]!;
  if (Object.hasOwn(t.fieldNames, field)) return t.fieldNames[field]!;
  return field;
}

/** Fields whose plan values are "true"/"false". */
const YES_NO_FIELDS: ReadonlySet<string> = new Set(['suspended', 'status_is_away']);

/** A plan value as a person reads it: a yes/no field's true/false as the language's yes/no; anything else as it is. */
export function fieldValue(field: string, value: string, lang: Lang): string {
  if (!YES_NO_FIELDS.has(field) || (value !== 'true' && value !== 'false')) return value;
  const t = messages(lang);
  return value === 'true' ? t.yes : t.no;
}
