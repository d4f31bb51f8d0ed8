// Traffic shaping for the sandbox: fault spec parsing, a seeded PRNG, per-token token buckets.
import type { FaultRates } from './api.js';

export type FaultKind = keyof FaultRates;
const FAULT_KINDS: readonly FaultKind[] = ['5xx', 'reset', 'lost', 'slow'];

/** Parses `5xx=0.05,reset=0.02,lost=0.02,slow=0.01`; throws an Error naming the bad part. */
export function parseFaultSpec(spec: string): FaultRates {
  const rates: FaultRates = {};
  const trimmed = spec.trim();
  if (trimmed === '') return rates;
  for (const part of trimmed.split(',')) {
    const [rawKind, rawRate, ...rest] = part.split('=');
    const kind = (rawKind ?? '').trim();
    if (!FAULT_KINDS.includes(kind as FaultKind) || rawRate === undefined || rest.length > 0) {
      throw new Error(`bad fault "${part.trim()}": expected KIND=RATE with KIND one of ${FAULT_KINDS.join(', ')}`);
    }
    const rate = Number(rawRate.trim());
    if (rawRate.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error(`bad fault rate "${rawRate.trim()}" for ${kind}: expected a number from 0 to 1`);
    }
    rates[kind as FaultKind] = rate;
  }
  const sum = FAULT_KINDS.reduce((total, kind) => total + (rates[kind] ?? 0), 0);
  if (sum > 1) throw new Error(`fault rates add up to ${sum}, more than 1`);
  return rates;
}

export function normalizeFaults(faults: FaultRates | string | undefined): FaultRates {
  if (faults === undefined) return {};
  if (typeof faults === 'string') return parseFaultSpec(faults);
  return parseFaultSpec(FAULT_KINDS.filter((k) => faults[k] !== undefined).map((k) => `${k}=${faults[k]}`).join(','));
}

/** mulberry32: small, fast, reproducible from a 32-bit seed. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks the fault for one request (or undefined) from one PRNG draw. */
export function pickFault(rates: FaultRates, draw: number): FaultKind | undefined {
  let threshold = 0;
  for (const kind of FAULT_KINDS) {
    threshold += rates[kind] ?? 0;
    if (draw < threshold) return kind;
  }
  return undefined;
}

/** Token buckets keyed by API token: capacity = rps, refilled continuously at rps per second. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private rps: number) {}

  setRate(rps: number): void {
    this.rps = rps;
    this.buckets.clear();
  }

  clear(): void {
    this.buckets.clear();
  }

  /** Takes one token; answers 0 when allowed, else the whole seconds to wait (>= 1). */
  take(key: string, now: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.rps, updatedAt: now };
    bucket.tokens = Math.min(this.rps, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.rps);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rps));
  }
}
