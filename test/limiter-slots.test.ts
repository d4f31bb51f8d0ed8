// The limiter's in-flight gate: at most `limit` jobs at once, urgent waiters first, a raised limit
// lets waiters in, and a freed slot is passed on only after the finishing job's caller had its turn.
import { describe, expect, it } from 'vitest';
import { Slots } from '../src/pachca/slots.js';

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('in-flight slots', () => {
  it('holds waiters beyond the limit, serves urgent ones first, and lets more in when the limit rises', async () => {
    const slots = new Slots(2);
    const order: string[] = [];
    const enter = (name: string, urgent = false): Promise<void> => slots.acquire(urgent).then(() => { order.push(name); });
    const entered = [enter('a'), enter('b'), enter('c'), enter('d'), enter('e', true)];
    await settle();
    expect(order).toEqual(['a', 'b']);
    slots.release();
    await settle();
    await settle();
    expect(order).toEqual(['a', 'b', 'e']);
    slots.setLimit(4);
    await Promise.all(entered);
    expect(order).toEqual(['a', 'b', 'e', 'c', 'd']);
  });

  it('passes a freed slot on after the finishing job\'s caller has queued its urgent follow-up', async () => {
    const slots = new Slots(1);
    const order: string[] = [];
    await slots.acquire();
    const queued = slots.acquire().then(() => { order.push('queued'); });
    // The job ends: its caller, in the same turn, queues a follow-up as urgent.
    slots.release();
    const followUp = slots.acquire(true).then(() => { order.push('follow-up'); slots.release(); });
    await Promise.all([queued, followUp]);
    expect(order).toEqual(['follow-up', 'queued']);
  });
});
