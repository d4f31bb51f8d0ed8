// The limiter's start pacing after the event loop was held (a busy machine, a disk flush, a
// workbook being written): up to half a second of the rate is caught up, yet no second holds more
// than a tenth above the rate (Pachca counts requests per second).
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/pachca/limiter.js';

function holdEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* the event loop is held, as by a long synchronous task */ }
}

describe('rate limiter after the event loop was held', () => {
  it('catches up held time, never more than a tenth above the rate within a second', async () => {
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
    const startsBeforeHold = starts.length;
    const turnAtHoldEnd = turn;
    await Promise.all(jobs);
    ticking = false;

    expect(starts).toHaveLength(50);
    // After the hold, most of half a second of the rate (10 starts) went out within a few turns of
    // the event loop (each saved-up start first lets the answers in), where paced starts wait for
    // timers and a bucket of a tenth of a second let out 2.
    const caughtUp = starts.slice(startsBeforeHold).filter((start) => start.turn <= turnAtHoldEnd + 30);
    expect(caughtUp.length).toBeGreaterThanOrEqual(8);
    // No second holds more than rps x 1.1 starts (a little slack for the time between the grant and the send).
    for (const [index, start] of starts.entries()) {
      const within = starts.slice(index).filter((other) => other.at < start.at + 990).length;
      expect(within).toBeLessThanOrEqual(rps * 1.1);
    }
  });
});
