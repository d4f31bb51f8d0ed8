// The in-flight limit follows the round trip (concurrency.ts): it rises with latency, falls on a
// 429 and on a server that slows down, and stays between the floor and --concurrency. The
// controller runs on a fake clock; one sandbox test counts the peak in flight at a long latency.
import { afterEach, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { AUTO_CONCURRENCY_CAP, CONCURRENCY_FLOOR, ConcurrencyController, type ConcurrencySetting } from '../src/pachca/concurrency.js';
import { resolveConnection } from '../src/cli/connection.js';
import { InputError } from '../src/exit-codes.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { blankUser, defaultDirectory } from '../src/sandbox/workspace.js';
import { startTestSandbox } from './helpers/sandbox.js';

const RPS = 50;

/** A controller on a fake clock, and a way to feed it answers `rttMs` apart at the rate. */
function controller(setting: ConcurrencySetting = 'auto') {
  let clock = 1_000_000;
  const control = new ConcurrencyController({ setting, now: () => clock });
  const answers = (count: number, rttMs: number, rps = RPS): number[] => {
    const limits: number[] = [];
    for (let i = 0; i < count; i++) {
      clock += 1000 / rps;
      limits.push(control.observe(rttMs, rps));
    }
    return limits;
  };
  return { control, answers, advance: (ms: number) => (clock += ms) };
}

describe('concurrency controller', () => {
  it('starts at the floor and keeps about rps x round trip in flight: more at a longer latency', () => {
    const limits = new Map<number, number>();
    for (const latency of [50, 150, 300, 600]) {
      const { control, answers } = controller();
      expect(control.limit).toBe(CONCURRENCY_FLOOR);
      answers(40, latency);
      limits.set(latency, control.limit);
      // Enough to fill the rate: at least rps x latency, with some headroom.
      expect(control.limit).toBeGreaterThanOrEqual(Math.min(AUTO_CONCURRENCY_CAP, Math.ceil((RPS * latency) / 1000)));
    }
    expect(limits.get(50)).toBe(CONCURRENCY_FLOOR);
    expect(limits.get(150)!).toBeGreaterThan(CONCURRENCY_FLOOR);
    expect(limits.get(300)!).toBeGreaterThan(limits.get(150)!);
    expect(limits.get(600)!).toBeGreaterThan(limits.get(300)!);
    expect(limits.get(600)!).toBeGreaterThan(30);
  });

  it('never goes above --concurrency N, nor below the floor (or N when N is lower)', () => {
    const capped = controller(15);
    capped.answers(40, 600);
    expect(capped.control.limit).toBe(15);
    const small = controller(4);
    expect(small.control.limit).toBe(4);
    small.answers(40, 600);
    expect(small.control.limit).toBe(4);
    const one = controller(1);
    one.answers(40, 600);
    expect(one.control.limit).toBe(1);
    const far = controller();
    far.answers(40, 5000);
    expect(far.control.limit).toBe(AUTO_CONCURRENCY_CAP);
  });

  it('falls on a 429 (once per round trip) and climbs back while nothing goes wrong', () => {
    const { control, answers, advance } = controller();
    answers(40, 600);
    const before = control.limit;
    const after = control.rateLimited(RPS * 0.7);
    expect(after).toBeLessThan(before);
    expect(after).toBeLessThanOrEqual(Math.floor(before * 0.7));
    // The same wave of 429s (within one round trip) counts once.
    advance(100);
    expect(control.rateLimited(RPS * 0.7)).toBe(after);
    // A round trip later, another 429 lowers it again, not below the floor.
    advance(700);
    const second = control.rateLimited(RPS * 0.49);
    expect(second).toBeLessThan(after);
    expect(second).toBeGreaterThanOrEqual(CONCURRENCY_FLOOR);
    // Healthy answers at the full rate: back to where it was, step by step.
    const climb = answers(400, 600);
    expect(climb[0]!).toBeLessThan(before);
    for (let i = 1; i < climb.length; i++) expect(climb[i]!).toBeGreaterThanOrEqual(climb[i - 1]!);
    expect(control.limit).toBe(before);
    expect(climb.every(Number.isInteger)).toBe(true);
  });

  it('falls when the server slows down instead of pushing it harder, and is not fooled by one slow answer', () => {
    const { control, answers } = controller();
    answers(40, 300);
    const steady = control.limit;
    expect(steady).toBeGreaterThan(CONCURRENCY_FLOOR);

    // One answer 30 times slower (a slow fault) does not count as slowing down.
    answers(1, 9000);
    answers(5, 300);
    expect(control.limit).toBe(steady);

    // Every answer now takes three times as long: the limit drops and stays lower for a while,
    // though rps x round trip alone would have tripled it.
    const slow = answers(150, 900);
    expect(Math.max(...slow)).toBeLessThanOrEqual(steady);
    expect(slow.at(-1)!).toBeLessThan(steady);
    expect(slow.at(-1)!).toBeGreaterThanOrEqual(CONCURRENCY_FLOOR);
    expect(control.recentRttMs).toBe(900);
  });

  it('takes a latency that stays up as the new distance after a while', () => {
    const { control, answers } = controller();
    answers(40, 100);
    answers(50 * 60, 400); // a minute at four times the round trip
    expect(control.limit).toBeGreaterThan(Math.ceil((RPS * 400) / 1000));
  });
});

describe('--concurrency', () => {
  const env = { PACHCA_TOKEN: 't-123456' };
  it('is auto by default, takes auto or a positive whole number (the cap), and names itself when wrong', () => {
    expect(resolveConnection({}, env).concurrency).toBe('auto');
    expect(resolveConnection({ concurrency: 'auto' }, env).concurrency).toBe('auto');
    expect(resolveConnection({ concurrency: 'AUTO' }, env).concurrency).toBe('auto');
    expect(resolveConnection({ concurrency: '16' }, env).concurrency).toBe(16);
    expect(resolveConnection({ concurrency: 4 }, env).concurrency).toBe(4);
    for (const bad of ['lots', '0', '-3', '2.5', '']) {
      expect(() => resolveConnection({ concurrency: bad }, env)).toThrow(InputError);
      expect(() => resolveConnection({ concurrency: bad }, env)).toThrow(/--concurrency: expected a positive whole number or auto/);
    }
  });
});

describe('in flight against the sandbox', () => {
  const boxes: RunningSandbox[] = [];
  afterEach(async () => {
    await Promise.all(boxes.splice(0).map((box) => box.stop()));
  });

  it('at a 400 ms round trip keeps more requests in flight than the old fixed 10 (counted by the client)', async () => {
    const directory = defaultDirectory();
    for (let i = 0; i < 40; i++) directory.users.push(blankUser(5000 + i, { first_name: `P${i}`, email: `p${i}@example.ru`, nickname: `p${i}`, created_at: '2026-01-01T00:00:00.000Z' }));
    const box = await startTestSandbox({ seed: directory, latencyMs: 400, rps: RPS });
    boxes.push(box);
    let inFlight = 0;
    let peak = 0;
    const api = new PachcaClient({ apiUrl: box.url, token: box.adminToken, rps: RPS }, {
      onSend: () => { peak = Math.max(peak, ++inFlight); },
      onResult: () => { inFlight--; },
    });
    // A first answer teaches the round trip; then 80 reads that the rate lets out 20 ms apart.
    await api.getProfile();
    await Promise.all(Array.from({ length: 80 }, (_, i) => api.getUser(5000 + (i % 40))));
    expect(box.stats().rate_limited).toBe(0);
    expect(peak).toBeGreaterThan(10);
  });
});
