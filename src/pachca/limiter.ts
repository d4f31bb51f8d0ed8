// One rate limiter per run: the command creates it and hands it to its client (ConnectionOptions.limiter),
// so everything a run sends with one token shares it. As many requests in flight as the concurrency controller allows
// (concurrency.ts: about rps x round trip, at most `concurrency`; slots.ts holds the rest), and
// request starts at `rps` a second (a token bucket holding half a second: starts that the event
// loop made late, a busy machine, a disk flush, a workbook being written, are caught up, which
// spacing each start from the last one never does), yet never more than a tenth above `rps`
// within any second (Pachca counts requests per second), so a catch-up is spread over the next
// seconds rather than sent at once. A 429 pauses the WHOLE limiter until Retry-After has fully
// passed, then the rate resumes lowered (x0.7) and climbs back additively (AIMD), so a limit
// lower than configured is found instead of being hit over and over.
import { ConcurrencyController, type ConcurrencySetting } from './concurrency.js';
import { PachcaError, RateLimitError } from './errors.js';
import { Slots } from './slots.js';

export interface LimiterOptions {
  rps: number;
  /** The most requests in flight, or 'auto' (see concurrency.ts). */
  concurrency: ConcurrencySetting;
  log?: (line: string) => void;
  /** Clock in epoch ms (tests); default Date.now. */
  now?: () => number;
}

const DECREASE_FACTOR = 0.7;
/** Keep the lowered rate this long after a 429 before climbing back. */
const HOLD_AFTER_DECREASE_MS = 2000;
/** Margin on top of Retry-After so timer rounding never resumes early. */
const RESUME_MARGIN_MS = 25;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class RateLimiter {
  private readonly slots: Slots;
  private readonly starts: StartBucket;
  private configuredRps: number;
  private configuredConcurrency: ConcurrencySetting;
  private readonly concurrency: ConcurrencyController;
  private inFlightNow = 0;
  private inFlightPeak = 0;
  private currentRps: number;
  private pausedUntil = 0;
  private lastRateChangeAt = 0;
  private rateLimitedCount = 0;
  private log: ((line: string) => void) | undefined;
  private readonly now: () => number;

  constructor(options: LimiterOptions) {
    this.now = options.now ?? Date.now;
    this.configuredRps = options.rps;
    this.configuredConcurrency = options.concurrency;
    this.currentRps = options.rps;
    this.log = options.log;
    this.concurrency = new ConcurrencyController({ setting: options.concurrency, now: this.now });
    this.starts = new StartBucket(options.rps, () => this.inFlightNow > 0);
    this.slots = new Slots(this.concurrency.limit);
  }

  /** Requests allowed in flight now. */
  get concurrencyLimit(): number {
    return this.slots.limit;
  }

  /** The most requests that were on the wire at once. */
  get peakInFlight(): number {
    return this.inFlightPeak;
  }

  /** The rate in effect now (lower than configured for a while after a 429). */
  get rps(): number {
    return this.currentRps;
  }

  /** 429 answers seen by this limiter. */
  get rateLimited(): number {
    return this.rateLimitedCount;
  }

  /** When the current pause ends (epoch ms; 0 or past when not paused). */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  /**
   * Runs `send` when the rate allows; a RateLimitError it throws pauses everyone. `urgent` jobs
   * are preferred to queued ones (a follow-up of a request that just finished).
   */
  async schedule<T>(send: () => Promise<T>, urgent = false): Promise<T> {
    await this.slots.acquire(urgent);
    try {
      // A pause (a 429) holds every start until it has passed, however long the wait for the slot was.
      for (;;) {
        while (this.now() < this.pausedUntil) await sleep(this.pausedUntil - this.now());
        await this.starts.take();
        if (this.now() >= this.pausedUntil) break;
      }
      this.increaseRate();
      const sentAt = this.now();
      this.inFlightPeak = Math.max(this.inFlightPeak, ++this.inFlightNow);
      try {
        const result = await send();
        this.inFlightNow--;
        this.setInFlightLimit(this.concurrency.observe(this.now() - sentAt, this.currentRps));
        return result;
      } catch (error) {
        this.inFlightNow--;
        if (error instanceof RateLimitError) this.onRateLimited(sentAt, error.retryAfterMs);
        // An HTTP answer is a round trip; a timeout or a reset is not.
        else if (error instanceof PachcaError && error.status !== undefined) {
          this.setInFlightLimit(this.concurrency.observe(this.now() - sentAt, this.currentRps));
        }
        throw error;
      }
    } finally {
      this.slots.release();
    }
  }

  private setInFlightLimit(limit: number): void {
    if (limit !== this.slots.limit) this.slots.setLimit(limit);
  }

  private onRateLimited(sentAt: number, retryAfterMs: number): void {
    this.rateLimitedCount++;
    const now = this.now();
    const until = now + retryAfterMs + RESUME_MARGIN_MS;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.starts.empty(retryAfterMs + RESUME_MARGIN_MS);
    }
    // Requests sent before the last decrease carry no news about the lowered rate.
    if (sentAt > this.lastRateChangeAt || this.currentRps === this.configuredRps) {
      this.currentRps = Math.max(minimumRps(this.configuredRps), this.currentRps * DECREASE_FACTOR);
      this.lastRateChangeAt = now;
      this.starts.setRate(this.currentRps);
      this.setInFlightLimit(this.concurrency.rateLimited(this.currentRps));
      this.log?.(`rate limited (429): pausing ${(retryAfterMs / 1000).toFixed(1)} s, then ${this.currentRps.toFixed(1)} req/s, ${this.slots.limit} in flight`);
    }
  }

  private increaseRate(): void {
    if (this.currentRps >= this.configuredRps) return;
    const now = this.now();
    const since = now - this.lastRateChangeAt;
    if (since < HOLD_AFTER_DECREASE_MS) return;
    const seconds = Math.floor((since - HOLD_AFTER_DECREASE_MS) / 1000);
    if (seconds < 1) return;
    const step = Math.max(0.5, this.configuredRps / 50);
    this.currentRps = Math.min(this.configuredRps, this.currentRps + seconds * step);
    this.lastRateChangeAt = now - HOLD_AFTER_DECREASE_MS;
    this.starts.setRate(this.currentRps);
  }
}

/** How many starts the bucket holds, in seconds of the rate: how long a pause of the event loop is caught up. */
const BURST_SECONDS = 0.5;
/** At most this many times `rps` starts within WINDOW_MS: the pace of a catch-up. */
const WINDOW_ALLOWANCE = 1.1;
const WINDOW_MS = 1000;

/**
 * Request starts at `rps` on average; at most BURST_SECONDS x rps (at least 1) saved up, and at
 * most WINDOW_ALLOWANCE x rps (at least 1) within any WINDOW_MS. Real time.
 */
class StartBucket {
  private tokens = 1;
  private updatedAt = performance.now();
  private turn: Promise<void> = Promise.resolve();
  /** When the latest starts went, oldest first (no more than one window allows). */
  private readonly recentStarts: number[] = [];

  /** `answersAwaited`: true while a request is on the wire (its answer may be waiting to be read). */
  constructor(private rps: number, private readonly answersAwaited: () => boolean) {}

  setRate(rps: number): void {
    this.refill();
    this.rps = rps;
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  /** Nothing saved up, and nothing earned for `ms` (a pause). */
  empty(ms: number): void {
    this.tokens = 0;
    this.updatedAt = Math.max(this.updatedAt, performance.now() + ms);
  }

  /** Resolves when one start may go; callers are served in order. */
  take(): Promise<void> {
    const mine = this.turn.then(() => this.wait());
    this.turn = mine;
    return mine;
  }

  private async wait(): Promise<void> {
    let answersRead = false;
    for (;;) {
      this.refill();
      const windowFreeIn = this.windowFreeIn();
      if (this.tokens >= 1 && windowFreeIn <= 0) {
        // Starts saved up while the event loop was held: the answers that came in meanwhile (a 429
        // above all, which empties the bucket) are read before any of them goes. With nothing in
        // flight no answer can be waiting (a lone cursor chain), so the start goes in this turn.
        if (this.tokens >= 2 && !answersRead && this.answersAwaited()) {
          answersRead = true;
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        this.tokens -= 1;
        this.recentStarts.push(performance.now());
        const excess = this.recentStarts.length - this.perWindow();
        if (excess > 0) this.recentStarts.splice(0, excess);
        return;
      }
      const untilEarned = this.tokens >= 1 ? 0 : Math.max(0, this.updatedAt - performance.now()) + Math.ceil(((1 - this.tokens) / this.rps) * 1000);
      await sleep(Math.max(untilEarned, Math.ceil(windowFreeIn)));
    }
  }

  private perWindow(): number {
    return Math.max(1, Math.floor((this.rps * WINDOW_ALLOWANCE * WINDOW_MS) / 1000));
  }

  /** Ms until one more start fits in the window (0 or less: it fits now). */
  private windowFreeIn(): number {
    const limit = this.perWindow();
    if (this.recentStarts.length < limit) return 0;
    return this.recentStarts[this.recentStarts.length - limit]! + WINDOW_MS - performance.now();
  }

  private capacity(): number {
    return Math.max(1, this.rps * BURST_SECONDS);
  }

  private refill(): void {
    const now = performance.now();
    if (now <= this.updatedAt) return;
    this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.updatedAt) / 1000) * this.rps);
    this.updatedAt = now;
  }
}

function minimumRps(configured: number): number {
  return Math.min(configured, 0.5);
}
