// The limiter's start pacing after the event loop was held (a busy machine, a disk flush, a
// workbook being written): up to half a second of the rate is caught up at once, and never more
// (the API's own bucket holds a second of its rate: the other half is slack).
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/pachca/limiter.js';

function holdEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* the event loop is held, as by a long synchronous task */ }
}

describe('rate limiter after the event loop was held', () => {
  it('catches up half a second of held time in one go, and no more', async () => {
    const rps = 20;
    const limiter = new RateLimiter({ rps, concurrency: 100 });
    // Turns of the event loop, counted by a chain of setImmediate: starts with the same count went in one turn.
    let turn = 0;
    let ticking = true;
    const tick = (): void => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    tick();
    const starts: { at: number; turn: number }[] = [];
    const jobs = Array.from({ length: 50 }, () => limiter.schedule(async () => {
      starts.push({ at: performance.now(), turn });
    }));
    // Let the first starts go and the next jobs queue for their turn, then hold the loop for longer than the bucket holds (0.5 s).
    await new Promise((resolve) => setTimeout(resolve, 120));
    holdEventLoop(700);
    await Promise.all(jobs);
    ticking = false;

    expect(starts).toHaveLength(50);
    // After the hold, most of half a second of the rate (10 starts) went out in one turn of the
    // event loop, where a bucket of a tenth of a second let out 2.
    const perTurn = new Map<number, number>();
    for (const start of starts) perTurn.set(start.turn, (perTurn.get(start.turn) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeGreaterThanOrEqual(8);
    // No second holds more than a second and a half of the rate (a little slack for the time between the grant and the send).
    for (const [index, start] of starts.entries()) {
      const within = starts.slice(index).filter((other) => other.at < start.at + 990).length;
      expect(within).toBeLessThanOrEqual(rps * 1.5);
    }
  });
});
