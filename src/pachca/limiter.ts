// One rate limiter per token (bottleneck): at most `rps` request starts per second and
// `concurrency` requests in flight. A 429 pauses the WHOLE limiter until Retry-After has fully
// passed, then the rate resumes lowered (x0.7) and climbs back additively (AIMD), so a limit
// lower than configured is found instead of being hit over and over.
import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { RateLimitError } from './errors.js';

export interface LimiterOptions {
  rps: number;
  concurrency: number;
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
  private readonly bottleneck: Bottleneck;
  private configuredRps: number;
  private configuredConcurrency: number;
  private currentRps: number;
  private pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
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
    this.bottleneck = new Bottleneck({ maxConcurrent: options.concurrency, minTime: minTimeFor(options.rps) });
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

  reconfigure(options: LimiterOptions): void {
    this.log = options.log ?? this.log;
    if (options.rps === this.configuredRps && options.concurrency === this.configuredConcurrency) return;
    this.configuredRps = options.rps;
    this.configuredConcurrency = options.concurrency;
    this.currentRps = Math.min(this.currentRps, options.rps);
    void this.bottleneck.updateSettings({ maxConcurrent: options.concurrency, minTime: minTimeFor(this.currentRps) });
  }

  /**
   * Runs `send` when the rate allows; a RateLimitError it throws pauses everyone. `urgent` jobs
   * are preferred to queued ones (a follow-up of a request that just finished).
   */
  schedule<T>(send: () => Promise<T>, urgent = false): Promise<T> {
    return this.bottleneck.schedule({ priority: urgent ? 1 : 5 }, async () => {
      // Bottleneck may have started this job just before a pause was set: wait it out here too.
      while (this.now() < this.pausedUntil) await sleep(this.pausedUntil - this.now());
      this.increaseRate();
      const sentAt = this.now();
      try {
        return await send();
      } catch (error) {
        if (error instanceof RateLimitError) this.onRateLimited(sentAt, error.retryAfterMs);
        throw error;
      }
    });
  }

  private onRateLimited(sentAt: number, retryAfterMs: number): void {
    this.rateLimitedCount++;
    const now = this.now();
    const until = now + retryAfterMs + RESUME_MARGIN_MS;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      void this.bottleneck.updateSettings({ reservoir: 0 });
      clearTimeout(this.resumeTimer);
      this.resumeTimer = setTimeout(() => this.resume(), until - now);
    }
    // Requests sent before the last decrease carry no news about the lowered rate.
    if (sentAt > this.lastRateChangeAt || this.currentRps === this.configuredRps) {
      this.currentRps = Math.max(minimumRps(this.configuredRps), this.currentRps * DECREASE_FACTOR);
      this.lastRateChangeAt = now;
      void this.bottleneck.updateSettings({ minTime: minTimeFor(this.currentRps) });
      this.log?.(`rate limited (429): pausing ${(retryAfterMs / 1000).toFixed(1)} s, then ${this.currentRps.toFixed(1)} req/s`);
    }
  }

  private resume(): void {
    const remaining = this.pausedUntil - this.now();
    if (remaining > 0) {
      this.resumeTimer = setTimeout(() => this.resume(), remaining);
      return;
    }
    this.resumeTimer = undefined;
    void this.bottleneck.updateSettings({ reservoir: null });
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
    void this.bottleneck.updateSettings({ minTime: minTimeFor(this.currentRps) });
  }
}

function minTimeFor(rps: number): number {
  return Math.ceil(1000 / rps);
}

function minimumRps(configured: number): number {
  return Math.min(configured, 0.5);
}

const limiters = new Map<string, RateLimiter>();

/** The one limiter for this token on this server (shared by every client built for it). */
export function limiterFor(apiUrl: string, token: string, options: LimiterOptions): RateLimiter {
  const key = `${apiUrl.replace(/\/+$/, '')} ${createHash('sha256').update(token).digest('hex')}`;
  const existing = limiters.get(key);
  if (existing) {
    existing.reconfigure(options);
    return existing;
  }
  const limiter = new RateLimiter(options);
  limiters.set(key, limiter);
  return limiter;
}
