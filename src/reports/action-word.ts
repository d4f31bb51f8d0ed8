// A plan item's action in the reader's words: its kind, or "offboard" for an offboarding.
import type { Catalog } from '../i18n/catalog.js';
import type { PlanItem } from '../sync/plan-types.js';

export function actionWord(item: PlanItem, t: Catalog): string {
  if ('offboard' in item && item.offboard === true) return t.actionOffboard;
  return (t.actions as Record<string, string | undefined>)[item.kind] ?? item.kind;
}
