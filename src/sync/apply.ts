// Applies a plan in phases: tag renames, then missing tags alongside the user items (each user
// waits for the new tags it carries), then tag deletes (so users' requests never name a tag
// that is gone or not yet renamed). The client's one limiter
// does all pacing at --rps with --concurrency in flight; user items are started twice as many
// at a time, so a person's follow-ups (status, welcome) queue behind a few requests, not all. A row's failure stays that row's; an auth failure or an unpaid
// workspace stops the run (items not yet sent are reported as not attempted).
import { en, type Catalog } from '../i18n/catalog.js';
import type { PachcaApi } from '../pachca/api.js';
import { ApiError, AuthError, InterruptedError, NotFoundError, NotSentError, PachcaError } from '../pachca/errors.js';
import { stepId, type JournalEntry, type JournalRecord, type JournalStep, type JournalWriter } from './journal.js';
import { tagKey } from './directory.js';
import { runSideRequests } from './apply-side.js';
import { SeatGate } from './seats.js';
import { stepValues } from './recorded-values.js';
import { actionableItems, isTagItem, type Plan, type PlanItem, type PlanItemKind } from './plan.js';

export type RowResult =
  | 'created' | 'updated' | 'renamed' | 'unchanged' | 'suspended' | 'restored' | 'deleted' | 'status set'
  | 'status cleared' | 'skipped' | 'invalid' | 'failed';

export const ROW_RESULTS: readonly RowResult[] = [
  'created', 'updated', 'renamed', 'unchanged', 'suspended', 'restored', 'deleted', 'status set', 'status cleared',
  'skipped', 'invalid', 'failed',
];

export interface Outcome {
  item: PlanItem;
  result: RowResult;
  userId?: number;
  message?: string;
}

export interface ApplyHooks {
  /** `--welcome`: text sent to each created user, `{first_name}` filled in. */
  welcomeText?: string;
  /** Steps an earlier attempt of this run finished (from its journal), by stepId. */
  completed?: Map<string, JournalEntry>;
  /**
   * --resume: people an earlier attempt created whose welcome was not sent yet, by item key, with
   * the first plan's create item (for `{first_name}`). The fresh plan sees them as existing.
   */
  pendingWelcomes?: Map<string, PlanItem>;
  /** Called as each item that sends requests finishes. */
  onOutcome?: (outcome: Outcome) => void;
  /** The words of the outcomes' messages (default English; the journal keeps English). */
  t?: Catalog;
}

export interface ApplyResult {
  /** One per plan item, in plan order. */
  outcomes: Outcome[];
  /** The error that stopped the run, if one did. */
  fatal?: Error;
  /** Ctrl+C or SIGTERM stopped the run: items not yet sent are reported as not attempted. */
  interrupted: boolean;
}

const RESULT_OF_KIND: Record<PlanItemKind, RowResult> = {
  'create-tag': 'created',
  'rename-tag': 'renamed',
  'delete-tag': 'deleted',
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  suspend: 'suspended',
  restore: 'restored',
  delete: 'deleted',
  'set-status': 'status set',
  'clear-status': 'status cleared',
  skip: 'skipped',
  invalid: 'invalid',
};

export function resultOfKind(kind: PlanItemKind): RowResult {
  return RESULT_OF_KIND[kind];
}

/**
 * Errors after which no further request can succeed: a rejected token (401), a missing scope,
 * an unpaid workspace (402). Any other refusal (a 403 on one person, whatever its body) fails that row.
 */
export function isFatalApiError(error: unknown): boolean {
  if (error instanceof AuthError) return error.status === 401 || error.code === 'insufficient_scope' || error.scope !== undefined;
  return error instanceof ApiError && error.status === 402;
}

function messageOf(error: unknown, t?: Catalog): string {
  if (t && error instanceof PachcaError) return error.say(t);
  return error instanceof Error ? error.message : String(error);
}

/** What failed after the row's own request: said in the outcome's words and in the journal's English. */
interface StepFailure { what: (t: Catalog) => string; done?: RowResult }

export function fillWelcome(template: string, item: PlanItem): string {
  const request = item.userRequest?.method === 'POST' ? item.userRequest.body.user : undefined;
  return template.replaceAll('{first_name}', request?.first_name ?? '');
}

export async function applyPlan(plan: Plan, api: PachcaApi, journal: JournalWriter, hooks: ApplyHooks = {}): Promise<ApplyResult> {
  const completed = hooks.completed ?? new Map<string, JournalEntry>();
  const outcomes = new Map<string, Outcome>();
  const failedTags = new Map<string, string>();
  let fatal: Error | undefined;
  let interrupted = false;
  const t = hooks.t ?? en;

  const record = (item: PlanItem, step: JournalStep, ok: boolean, extra: Partial<JournalRecord> = {}): void => {
    journal.append({
      key: item.key,
      step,
      kind: item.kind,
      ok,
      ...(item.row !== undefined ? { row: item.row } : {}),
      ...(item.email ? { email: item.email } : {}),
      ...(ok ? stepValues(item, step) : {}),
      ...extra,
    });
  };
  const finish = (outcome: Outcome): void => {
    outcomes.set(outcome.item.key, outcome);
    hooks.onOutcome?.(outcome);
  };
  const notAttempted = (item: PlanItem, userId = item.userId): Outcome => ({
    item,
    result: 'failed',
    ...(userId !== undefined ? { userId } : {}),
    message: interrupted && !fatal ? t.applyNotAttemptedInterrupted : t.applyNotAttemptedStopped(fatal ? messageOf(fatal, t) : 'fatal error'),
  });
  const failure = (item: PlanItem, step: JournalStep, error: unknown, userId?: number, after?: StepFailure): Outcome => {
    // Not sent, so nothing to journal: the resume does it.
    if (error instanceof InterruptedError) {
      interrupted = true;
      return notAttempted(item, userId);
    }
    if (isFatalApiError(error)) fatal ??= error as Error;
    const said = (words: Catalog): string =>
      (after ? words.applyStepFailed(after.what(words), after.done && words.results[after.done], messageOf(error, words)) : messageOf(error, words));
    record(item, step, false, { message: said(en), ...(userId !== undefined ? { userId } : {}) });
    return { item, result: 'failed', ...(userId !== undefined ? { userId } : {}), message: said(t) };
  };

  const actionable = actionableItems(plan);
  const renameItems = actionable.filter((item) => item.kind === 'rename-tag');
  const tagItems = actionable.filter((item) => item.kind === 'create-tag');
  const pendingWelcomes = hooks.pendingWelcomes ?? new Map<string, PlanItem>();
  const userItems = [
    ...actionable.filter((item) => !isTagItem(item)),
    ...plan.items.filter((item) => pendingWelcomes.has(item.key) && !item.userRequest && !item.statusRequest),
  ];
  const deleteItems = actionable.filter((item) => item.kind === 'delete-tag');
  const seats = new SeatGate(userItems);
  // Checked as each request's turn comes, so requests queued before a stop or a seat refusal stay unsent.
  api.setSendGuard?.((request) => {
    if (fatal && request.method !== 'GET') return new NotSentError(`not sent: the run stopped (${messageOf(fatal)})`);
    return seats.refuse(request);
  });

  const renameTag = async (item: PlanItem): Promise<Outcome> => {
    const change = item.changes[0];
    const before = change?.before ?? '';
    const description = t.applyTagRenamed(before, item.tagName!);
    if (completed.has(stepId(item.key, 'rename-tag'))) return { item, result: 'renamed', message: t.applyRenamedEarlier(description) };
    if (fatal || interrupted) return notAttempted(item);
    try {
      await api.updateTag(item.tagId!, item.tagName!);
      record(item, 'rename-tag', true, { message: `tag id ${item.tagId} renamed "${before}" -> "${item.tagName}"` });
      return { item, result: 'renamed', message: description };
    } catch (error) {
      const outcome = failure(item, 'rename-tag', error);
      failedTags.set(tagKey(item.tagName!), t.applyTagNotRenamed(item.tagName!, outcome.message ?? t.applyFailedWord));
      return outcome;
    }
  };

  const deleteTag = async (item: PlanItem): Promise<Outcome> => {
    if (completed.has(stepId(item.key, 'delete-tag'))) return { item, result: 'deleted', message: t.applyDeletedEarlier };
    if (fatal || interrupted) return notAttempted(item);
    try {
      await api.deleteTag(item.tagId!);
      record(item, 'delete-tag', true, { message: `tag "${item.tagName}" (id ${item.tagId}) deleted` });
      return { item, result: 'deleted', ...(item.message ? { message: item.message } : {}) };
    } catch (error) {
      if (error instanceof NotFoundError) {
        record(item, 'delete-tag', true, { message: `tag id ${item.tagId} was already gone` });
        return { item, result: 'deleted', message: t.applyTagAlreadyGone };
      }
      return failure(item, 'delete-tag', error);
    }
  };

  const createTag = async (item: PlanItem): Promise<Outcome> => {
    if (completed.has(stepId(item.key, 'create-tag'))) return { item, result: 'created', message: t.applyCreatedEarlier };
    if (fatal || interrupted) return notAttempted(item);
    try {
      const { tag, recovered } = await api.createTagSafely(item.tagName!);
      record(item, 'create-tag', true, { message: `tag ${tag.name} (id ${tag.id})`, tagId: tag.id, ...(recovered ? { recovered } : {}) });
      return { item, result: 'created', message: t.applyTagCreated(tag.id) };
    } catch (error) {
      const outcome = failure(item, 'create-tag', error);
      failedTags.set(item.key.slice('tag:'.length), t.applyTagNotCreated(item.tagName!, outcome.message ?? t.applyFailedWord));
      return outcome;
    }
  };

  // Tags are created while users are already being written: a user waits only for the new tags it carries.
  let tagCreates: Map<string, Promise<void>> = new Map();
  const runUserItem = async (item: PlanItem): Promise<Outcome> => {
    for (const key of item.needsTags ?? []) await tagCreates.get(key);
    if (interrupted) return notAttempted(item);
    const missingTag = item.needsTags?.find((key) => failedTags.has(key));
    if (missingTag !== undefined) {
      const message = failedTags.get(missingTag)!;
      record(item, 'user', false, { message });
      return { item, result: 'failed', message };
    }
    let userId = item.userId;
    let recoveredNote = '';
    const request = item.userRequest;
    // A row whose request an earlier attempt sent is not sent again: its result is that attempt's
    // (a resume's fresh plan may see later edits of a person it created as an update).
    const doneEarlier = request ? completed.get(stepId(item.key, 'user')) : undefined;
    const rowResult = resultOfKind(doneEarlier?.kind ?? item.kind);
    if (request) {
      if (doneEarlier) userId = doneEarlier.userId ?? userId;
      else {
        if (fatal || interrupted) return notAttempted(item);
        try {
          if (request.method === 'POST') {
            const { user, recovered } = await api.createUserSafely(request.body);
            userId = user.id;
            if (recovered) recoveredNote = 'the create answer was lost; found the user by email (no duplicate)';
            record(item, 'user', true, { userId, ...(recovered ? { recovered } : {}) });
          } else if (request.method === 'PUT') {
            await api.updateUser(request.userId, request.body.user);
            record(item, 'user', true, { userId: request.userId });
          } else {
            await api.deleteUser(request.userId);
            record(item, 'user', true, { userId: request.userId });
          }
        } catch (error) {
          if (seats.noteFailure(item, error) === 'held') return { item, result: 'failed', ...(userId !== undefined ? { userId } : {}), message: seats.reason(t) };
          if (error instanceof NotSentError) return notAttempted(item);
          return failure(item, 'user', error, userId);
        }
      }
    }
    const status = item.statusRequest;
    if (status && !completed.has(stepId(item.key, 'status'))) {
      if (userId === undefined) return failure(item, 'status', new Error('no user id for the status'));
      if (fatal) return { ...notAttempted(item), userId };
      try {
        if (interrupted) throw new InterruptedError();
        if (status.method === 'PUT') await api.setStatus(userId, status.body.status);
        else await api.clearStatus(userId);
        record(item, 'status', true, { userId });
      } catch (error) {
        if (error instanceof InterruptedError && request) {
          interrupted = true;
          return { item, result: rowResult, userId, message: `${t.results[rowResult]}; ${t.applyStepNotDoneYet(t.applyWhatStatus, false)}` };
        }
        return failure(item, 'status', error, userId, request ? { what: (words) => words.applyWhatStatus, done: rowResult } : undefined);
      }
    }
    const notes = [item.message, recoveredNote].filter(Boolean);
    if (userId !== undefined && (item.chatRequests || item.photoRequest)) {
      const side = await runSideRequests(item, userId, {
        api, completed, t, record: (step, ok, extra) => record(item, step, ok, extra), stopped: () => fatal !== undefined || interrupted,
      });
      notes.push(...side.notes);
      if (!side.ok) {
        const doneBefore = request !== undefined || status !== undefined;
        if (side.error === undefined || side.error instanceof InterruptedError || side.error instanceof NotSentError) {
          if (side.error instanceof InterruptedError) interrupted = true;
          if (!doneBefore) return notAttempted(item, userId);
          return { item, result: rowResult, userId, message: [...notes, t.applyStepNotDoneYet(side.what(t), fatal !== undefined)].join('; ') };
        }
        return failure(item, side.step, side.error, userId, { what: side.what, ...(doneBefore ? { done: rowResult } : {}) });
      }
    }
    const welcomeItem = request?.method === 'POST' ? item : pendingWelcomes.get(item.key);
    if (hooks.welcomeText !== undefined && welcomeItem && userId !== undefined && !completed.has(stepId(item.key, 'welcome'))) {
      try {
        await api.sendDirectMessage(userId, fillWelcome(hooks.welcomeText, welcomeItem));
        record(item, 'welcome', true, { userId });
        notes.push(t.applyWelcomeSent);
      } catch (error) {
        if (error instanceof InterruptedError) {
          interrupted = true;
          notes.push(t.applyWelcomeInterrupted);
        } else {
          record(item, 'welcome', false, { userId, message: messageOf(error) });
          notes.push(t.applyWelcomeFailed(messageOf(error, t)));
        }
      }
    }
    return { item, result: rowResult, ...(userId !== undefined ? { userId } : {}), ...(notes.length ? { message: notes.join('; ') } : {}) };
  };

  try {
    await Promise.all(renameItems.map(async (item) => finish(await renameTag(item))));
    tagCreates = new Map(tagItems.map((item) => [item.key.slice('tag:'.length), createTag(item).then(finish)]));
    await inPool(userItems, Math.max(1, 2 * api.concurrency), async (item) => finish(await runUserItem(item)));
    await Promise.all(tagCreates.values());
    for (const key of seats.keys()) {
      const outcome = outcomes.get(key);
      if (outcome) outcome.message = seats.reason(t);
    }
    await Promise.all(deleteItems.map(async (item) => finish(await deleteTag(item))));
  } finally {
    api.setSendGuard?.(undefined);
  }

  const ordered = plan.items.map((item) => outcomes.get(item.key) ?? staticOutcome(item));
  return { outcomes: ordered, interrupted, ...(fatal ? { fatal } : {}) };
}

/** Runs `run` over `items` with at most `width` running at once, in order. */
async function inPool<T>(items: readonly T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** The outcome of an item that sends nothing (unchanged, skip, invalid), or of a plan not applied. */
export function staticOutcome(item: PlanItem): Outcome {
  return {
    item,
    result: resultOfKind(item.kind),
    ...(item.userId !== undefined ? { userId: item.userId } : {}),
    ...(item.message ? { message: item.message } : {}),
  };
}
