// How many requests may be in flight: enough to fill the rate at the observed round trip.
//
// Little's law: to send `rps` requests a second when each takes `rtt` seconds, about rps x rtt
// must be in flight. Policy:
// - Round trips are measured per answer (429s and network failures are not samples). `recent` is
//   the median of the last few samples (one slow outlier does not move it); `base` is the usual
//   round trip: it follows `recent` down at once and up only slowly (half-life BASE_HALF_LIFE_MS),
//   so a far-away server is learned from the first answers and a server that slows down is seen
//   as recent >> base.
// - Wanted in flight: rps x base x HEADROOM + SPARE, between the floor and the cap (`--concurrency
//   N` is the cap; `auto` is AUTO_CAP). The floor is FLOOR (the old fixed default) or the cap if lower.
// - Back off: on a 429 the limit drops to x0.7 of what it was, and when recent > base x
//   SLOWDOWN_RATIO and by more than SLOWDOWN_MIN_MS (the server is slowing down: it must not be
//   pushed harder; a smaller rise is the local machine being busy) to x0.75; at most
//   once per round trip. Afterwards it climbs back by a tenth per round trip while nothing goes wrong.
// - Latency that stays up long enough becomes the new base (half-life), and only then counts as
//   distance rather than slowdown.

export const CONCURRENCY_FLOOR = 10;
export const AUTO_CONCURRENCY_CAP = 100;
const HEADROOM = 1.5;
const SPARE = 2;
const RECENT_SAMPLES = 15;
const BASE_HALF_LIFE_MS = 10_000;
const SLOWDOWN_RATIO = 1.6;
/** A rise smaller than this is local noise (a busy machine), not a server slowing down. */
const SLOWDOWN_MIN_MS = 100;
const RATE_LIMITED_FACTOR = 0.7;
const SLOWDOWN_FACTOR = 0.75;
const GROWTH_PER_ROUND_TRIP = 0.1;

export type ConcurrencySetting = number | 'auto';

export interface ConcurrencyOptions {
  /** `--concurrency`: a cap, or 'auto'. */
  setting: ConcurrencySetting;
  /** Clock in ms (tests inject one). */
  now: () => number;
}

export class ConcurrencyController {
  private cap: number;
  private floor: number;
  private readonly now: () => number;
  private readonly samples: number[] = [];
  private baseMs: number | undefined;
  private baseAt = 0;
  /** Upper bound after a back-off; Infinity when nothing has gone wrong lately. */
  private ceiling = Number.POSITIVE_INFINITY;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private lastGrowthAt = Number.NEGATIVE_INFINITY;
  private current: number;

  constructor(options: ConcurrencyOptions) {
    this.now = options.now;
    this.cap = capOf(options.setting);
    this.floor = Math.min(CONCURRENCY_FLOOR, this.cap);
    this.current = this.floor;
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return this.current;
  }

  /** The usual round trip in ms (undefined before the first answer). */
  get baseRttMs(): number | undefined {
    return this.baseMs;
  }

  /** The median of the latest round trips in ms. */
  get recentRttMs(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  reconfigure(setting: ConcurrencySetting): void {
    this.cap = capOf(setting);
    this.floor = Math.min(CONCURRENCY_FLOOR, this.cap);
    this.current = clamp(this.current, this.floor, this.cap);
  }

  /** One answered request's round trip; `rps` is the rate in effect now. Returns the new limit. */
  observe(rttMs: number, rps: number): number {
    const now = this.now();
    this.samples.push(Math.max(0, rttMs));
    if (this.samples.length > RECENT_SAMPLES) this.samples.shift();
    const recent = this.recentRttMs!;
    if (this.baseMs === undefined || recent <= this.baseMs) {
      this.baseMs = recent;
    } else {
      const weight = 1 - 0.5 ** ((now - this.baseAt) / BASE_HALF_LIFE_MS);
      this.baseMs += (recent - this.baseMs) * weight;
    }
    this.baseAt = now;

    if (this.samples.length >= 3 && recent > this.baseMs * SLOWDOWN_RATIO && recent - this.baseMs > SLOWDOWN_MIN_MS) {
      this.decrease(SLOWDOWN_FACTOR, now);
    } else if (this.ceiling !== Number.POSITIVE_INFINITY && now - this.lastDecreaseAt > recent && now - this.lastGrowthAt > recent) {
      this.ceiling += Math.max(1, Math.round(this.ceiling * GROWTH_PER_ROUND_TRIP));
      this.lastGrowthAt = now;
    }
    return this.update(rps);
  }

  /** A 429 answer; `rps` is the (lowered) rate in effect now. Returns the new limit. */
  rateLimited(rps: number): number {
    this.decrease(RATE_LIMITED_FACTOR, this.now());
    return this.update(rps);
  }

  private decrease(factor: number, now: number): void {
    if (now - this.lastDecreaseAt <= (this.recentRttMs ?? 0)) return;
    this.ceiling = Math.max(this.floor, Math.floor(this.current * factor));
    this.lastDecreaseAt = now;
  }

  private update(rps: number): number {
    const wanted = this.baseMs === undefined ? this.floor : Math.ceil((rps * this.baseMs * HEADROOM) / 1000) + SPARE;
    if (this.ceiling >= wanted) this.ceiling = Number.POSITIVE_INFINITY;
    this.current = clamp(Math.min(wanted, this.ceiling), this.floor, this.cap);
    return this.current;
  }
}

function capOf(setting: ConcurrencySetting): number {
  return setting === 'auto' ? AUTO_CONCURRENCY_CAP : Math.max(1, Math.floor(setting));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
