// The requests that follow a person's own in apply: joining and leaving chats, then the photo
// upload. Each is journaled as it finishes and skipped when an earlier attempt of the run
// journaled it. The photo file is read again here (it was only checked when planning); a file
// that is gone or changed into something unusable is a warning on the row, not a failure.
import type { Catalog } from '../i18n/catalog.js';
import type { PachcaApi } from '../pachca/api.js';
import { NotFoundError } from '../pachca/errors.js';
import { stepId, type JournalEntry, type JournalStep } from './journal.js';
import { problemText } from './plan-photos.js';
import { readPhoto } from './photos.js';
import type { PlanItem } from './plan-types.js';

export interface SideContext {
  api: PachcaApi;
  completed: ReadonlyMap<string, JournalEntry>;
  /** Journals a finished step of the item. */
  record(step: JournalStep, ok: boolean, extra: { userId: number; chatId?: number; message?: string }): void;
  /** True once the run stopped or was interrupted: nothing more is sent. */
  stopped(): boolean;
  /** The words of the row's notes. */
  t: Catalog;
}

export type SideResult =
  | { ok: true; notes: string[] }
  /** A request failed (or was never sent): `step` and `error` for the caller's failure handling. */
  | { ok: false; notes: string[]; step: JournalStep; chatId?: number; error: unknown; what: (t: Catalog) => string };

export async function runSideRequests(item: PlanItem, userId: number, context: SideContext): Promise<SideResult> {
  const notes: string[] = [];
  for (const request of item.chatRequests ?? []) {
    const step: JournalStep = request.method === 'POST' ? 'chat-join' : 'chat-leave';
    if (context.completed.has(stepId(item.key, step, request.chatId))) continue;
    const what = (t: Catalog): string => t.applyWhatChat(request.method === 'POST', request.chatName);
    if (context.stopped()) return { ok: false, notes, step, chatId: request.chatId, error: undefined, what };
    try {
      if (request.method === 'POST') await context.api.addChatMembers(request.chatId, [userId]);
      else await context.api.removeChatMember(request.chatId, userId);
      context.record(step, true, { userId, chatId: request.chatId });
    } catch (error) {
      // Not a member any more (someone removed them meanwhile): what leaving wanted.
      if (request.method === 'DELETE' && error instanceof NotFoundError) {
        context.record(step, true, { userId, chatId: request.chatId, message: 'was not a member' });
        continue;
      }
      return { ok: false, notes, step, chatId: request.chatId, error, what };
    }
  }
  const photo = item.photoRequest;
  if (photo && !context.completed.has(stepId(item.key, 'photo'))) {
    const what = (t: Catalog): string => t.applyWhatPhoto;
    if (context.stopped()) return { ok: false, notes, step: 'photo', error: undefined, what };
    const read = await readPhoto(photo.file);
    if (!read.ok) notes.push(context.t.applyPhotoNotUploaded(problemText(read.problem, context.t)));
    else {
      try {
        await context.api.setAvatar(userId, read.photo.bytes, read.photo.type);
        context.record('photo', true, { userId, message: photo.file });
        notes.push(context.t.applyPhotoUploaded);
      } catch (error) {
        return { ok: false, notes, step: 'photo', error, what };
      }
    }
  }
  return { ok: true, notes };
}
