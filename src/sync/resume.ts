// What a --resume takes over from the earlier attempts of its run: the journal's finished steps,
// the welcomes still owed, and the report rows of what those attempts did (their fresh plan sees
// that work as already there, "unchanged").
import { en, type Catalog } from '../i18n/catalog.js';
import { resultOfKind, type Outcome } from './apply.js';
import { tagKey } from './directory.js';
import { stepId, type JournalEntry } from './journal.js';
import type { Plan, PlanItem, PlanItemKind } from './plan.js';
import type { TagsSheetInput } from './tags-sheet.js';

const MAIN_STEPS = new Set(['user', 'create-tag', 'rename-tag', 'delete-tag']);
/** Steps after a person's own: a row that only joined chats or got a photo was done by them. */
const SIDE_STEPS = new Set(['chat-join', 'chat-leave', 'photo']);
/** Kinds whose work, once done, makes the fresh plan see the row as unchanged. */
const WORK_KINDS: ReadonlySet<PlanItemKind> = new Set(['create', 'update', 'suspend', 'restore', 'delete', 'set-status', 'clear-status', 'rename-tag']);
const NOT_DONE = new Set(['invalid', 'skipped', 'failed']);

/** Steps the earlier attempts finished, by stepId. */
export function completedSteps(earlier: readonly JournalEntry[]): Map<string, JournalEntry> {
  const completed = new Map<string, JournalEntry>();
  for (const entry of earlier) if (entry.ok) completed.set(stepId(entry.key, entry.step, entry.chatId), entry);
  return completed;
}

/**
 * People the first plan created (journaled or not: a killed attempt may have created someone
 * without writing it down) whose welcome is not journaled, when the fresh plan finds them
 * existing. Keyed by item key, with the first plan's item (its body has the first name).
 */
export function pendingWelcomes(fresh: Plan, savedItems: readonly PlanItem[], completed: ReadonlyMap<string, JournalEntry>): Map<string, PlanItem> {
  const freshByKey = new Map(fresh.items.map((item) => [item.key, item]));
  const pending = new Map<string, PlanItem>();
  for (const first of savedItems) {
    if (first.kind !== 'create' || completed.has(stepId(first.key, 'welcome'))) continue;
    const now = freshByKey.get(first.key);
    if (now && now.kind !== 'create' && now.kind !== 'invalid' && now.kind !== 'skip' && now.userId !== undefined) pending.set(first.key, first);
  }
  return pending;
}

/**
 * The report of a resumed run: each row shows what happened across all attempts. A row the
 * journal says was done keeps that result; a row the first plan had work for that is now in
 * place though no line says so was done by an attempt killed before it could journal it.
 */
export function mergeEarlierResults(outcomes: Outcome[], earlier: readonly JournalEntry[], savedItems: readonly PlanItem[], t: Catalog = en): Outcome[] {
  const firstPlanItems = new Map(savedItems.map((item) => [item.key, item]));
  const byKey = new Map<string, JournalEntry[]>();
  for (const entry of earlier) {
    if (!entry.ok) continue;
    const list = byKey.get(entry.key) ?? [];
    list.push(entry);
    byKey.set(entry.key, list);
  }
  return outcomes.map((outcome) => {
    const firstItem = firstPlanItems.get(outcome.item.key);
    const done = byKey.get(outcome.item.key) ?? [];
    const mainStep = done.find((entry) => MAIN_STEPS.has(entry.step));
    const main = mainStep ?? done.find((entry) => entry.step === 'status') ?? done.find((entry) => SIDE_STEPS.has(entry.step));
    if (!main) return unjournaledWork(outcome, firstItem, t);
    // The row's own request, done by an earlier attempt, was not sent again (the fresh plan may
    // have an update for a person the run created, edited since by someone else).
    const requestDoneEarlier = mainStep?.step === 'user' && outcome.item.userRequest !== undefined && outcome.result !== 'failed';
    const replace = outcome.result === 'unchanged' || requestDoneEarlier
      || (mainStep !== undefined && (outcome.result === 'status set' || outcome.result === 'status cleared'));
    if (!replace) return outcome;
    const userId = main.userId ?? outcome.userId;
    return {
      ...outcome,
      ...(firstItem && firstItem.kind === main.kind ? { item: firstItem } : {}),
      result: resultOfKind(main.kind),
      ...(userId !== undefined ? { userId } : {}),
      message: [outcome.message, t.applyDoneEarlier].filter(Boolean).join('; '),
    };
  });
}

function unjournaledWork(outcome: Outcome, firstItem: PlanItem | undefined, t: Catalog): Outcome {
  if (!firstItem || !WORK_KINDS.has(firstItem.kind) || NOT_DONE.has(outcome.result)) return outcome;
  const createdThen = firstItem.kind === 'create' && outcome.item.kind !== 'create';
  if (!createdThen && outcome.result !== 'unchanged') return outcome;
  const userId = outcome.userId ?? outcome.item.userId;
  return {
    ...outcome,
    item: firstItem,
    result: resultOfKind(firstItem.kind),
    ...(userId !== undefined ? { userId } : {}),
    message: [outcome.message, t.applyDoneEarlierUnjournaled].filter(Boolean).join('; '),
  };
}

/**
 * Tags the earlier attempt may have renamed already: their old names (from the saved plan)
 * still mean those tags in the users sheet, as in the first attempt, even without a Membership sheet.
 */
export function rememberRenamedNames(input: TagsSheetInput, savedItems: readonly PlanItem[]): void {
  for (const item of savedItems) {
    const before = item.changes[0]?.before;
    if (item.kind === 'rename-tag' && item.tagId !== undefined && before) input.membershipIds.set(tagKey(before), item.tagId);
  }
}
