// The limiter's gate: a request asked for when there is room leaves at once (no timer turn, so a
// cursor chain's next page is not delayed), queued ones wait for room, urgent ones first.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/pachca/limiter.js';

/** Lets pending promise callbacks run, but no timer or I/O turn. */
async function microtasks(count = 50): Promise<void> {
  for (let index = 0; index < count; index++) await Promise.resolve();
}

describe('RateLimiter gate', () => {
  it('starts a request with room for it before the event loop turns', async () => {
    const limiter = new RateLimiter({ rps: 50, concurrency: 4 });
    let sent = false;
    const answer = limiter.schedule(async () => {
      sent = true;
      return 'page';
    });
    await microtasks();
    expect(sent).toBe(true);
    await expect(answer).resolves.toBe('page');
  });

  it('holds the rest until one finishes, then starts the urgent ones first', async () => {
    const limiter = new RateLimiter({ rps: 1000, concurrency: 1 });
    const order: string[] = [];
    let finishFirst: () => void = () => undefined;
    const first = limiter.schedule(() => new Promise<void>((resolve) => {
      order.push('first');
      finishFirst = resolve;
    }));
    const queued = limiter.schedule(async () => {
      order.push('queued');
    });
    const urgent = limiter.schedule(async () => {
      order.push('urgent');
    }, true);
    await microtasks();
    expect(order).toEqual(['first']);
    finishFirst();
    await Promise.all([first, queued, urgent]);
    expect(order).toEqual(['first', 'urgent', 'queued']);
  });
});
