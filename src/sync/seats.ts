// Paid seats: once the workspace answers licenses_limit, every further create and restore would
// be refused too, so none is sent (the client's send guard stops those still queued); they fail
// with one reason that says how many seats are missing, and the other rows go on.
import { en, type Catalog } from '../i18n/catalog.js';
import { ApiError, NotSentError } from '../pachca/errors.js';
import type { PlanItem } from './plan.js';

const HELD_BACK = 'not sent: the workspace has no free seat';

export function isSeatRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.item('licenses_limit') !== undefined;
}

export class SeatGate {
  private full = false;
  /** Keys of the items that got no seat: the refused ones and those held back after. */
  private readonly withoutSeat = new Set<string>();
  /** "METHOD path" of the requests that take a seat: every create, and the PUT of each restore. */
  private readonly seatRequests = new Set<string>(['POST /users']);

  constructor(items: readonly PlanItem[]) {
    for (const item of items) {
      if (item.kind === 'restore' && item.userRequest?.method === 'PUT') this.seatRequests.add(`PUT ${item.userRequest.path}`);
    }
  }

  /** For the client's send guard: keeps a seat-taking request unsent once the workspace is full. */
  refuse(request: { method: string; path: string }): NotSentError | undefined {
    return this.full && this.seatRequests.has(`${request.method} ${request.path}`) ? new NotSentError(HELD_BACK) : undefined;
  }

  /**
   * After an item's user request failed: 'refused' when the server said licenses_limit (the row
   * fails and is journaled as usual), 'held' when the guard kept it unsent, else undefined.
   */
  noteFailure(item: PlanItem, error: unknown): 'refused' | 'held' | undefined {
    if (isSeatRefusal(error)) {
      this.full = true;
      this.withoutSeat.add(item.key);
      return 'refused';
    }
    if (error instanceof NotSentError && error.message === HELD_BACK) {
      this.withoutSeat.add(item.key);
      return 'held';
    }
    return undefined;
  }

  keys(): ReadonlySet<string> {
    return this.withoutSeat;
  }

  reason(t: Catalog = en): string {
    return t.applyNoFreeSeats(this.withoutSeat.size);
  }
}
