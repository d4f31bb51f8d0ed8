// Which failures are retried, and how (p-retry):
// - 429: any method (the server did not act); the limiter already waits out Retry-After, so no
//   extra backoff here, and these retries have their own, larger budget.
// - 5xx, resets, timeouts: only GET, PUT and DELETE, exponential backoff with jitter.
// - POST: a timeout, reset or 5xx becomes UnknownOutcomeError (the caller looks the object up);
//   a refused connection never reached the server and is retried.
// - Other 4xx: never.
import pRetry from 'p-retry';
import { NetworkError, NotFoundError, PachcaError, RateLimitError, UnknownOutcomeError } from './errors.js';
import type { HttpMethod } from './transport.js';

export interface RetryPolicy {
  /** Attempts in all for 5xx, resets and timeouts (default 5). */
  attempts: number;
  /** First backoff delay in ms (default 500); doubles each time, randomised x1..x2. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each new attempt. */
  onRetry?: (error: Error, attemptNumber: number) => void;
}

/** 5xx or no HTTP answer: the request may or may not have been carried out. */
function isTransient(error: unknown): error is PachcaError {
  if (error instanceof NetworkError) return true;
  return error instanceof PachcaError && error.status !== undefined && error.status >= 500;
}

function isRetryable(method: HttpMethod, error: unknown): boolean {
  if (error instanceof RateLimitError) return true;
  if (error instanceof NetworkError && error.notDelivered) return true;
  return method !== 'POST' && isTransient(error);
}

export async function withRetries<T>(
  method: HttpMethod,
  path: string,
  attempt: () => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  const rateLimitBudget = attempts * 2;
  let rateLimitedTimes = 0;
  let mayHaveBeenCarriedOut = false;

  return pRetry(
    async () => {
      try {
        return await attempt();
      } catch (error) {
        // A DELETE retried after a lost answer finds the object already gone: that is success.
        if (method === 'DELETE' && mayHaveBeenCarriedOut && error instanceof NotFoundError) return null as T;
        if (isTransient(error)) {
          mayHaveBeenCarriedOut = true;
          if (method === 'POST' && !(error instanceof NetworkError && error.notDelivered)) {
            throw new UnknownOutcomeError(method, path, error);
          }
        }
        if (error instanceof RateLimitError) rateLimitedTimes++;
        if (!(error instanceof Error)) throw new PachcaError(String(error), undefined);
        throw error;
      }
    },
    {
      retries: attempts - 1,
      factor: 2,
      minTimeout: policy.minDelayMs ?? 500,
      maxTimeout: policy.maxDelayMs ?? 10_000,
      randomize: true,
      shouldConsumeRetry: ({ error }) => !(error instanceof RateLimitError),
      shouldRetry: ({ error, attemptNumber }) => {
        const retry = isRetryable(method, error)
          && !(error instanceof RateLimitError && rateLimitedTimes >= rateLimitBudget);
        if (retry) policy.onRetry?.(error, attemptNumber + 1);
        return retry;
      },
    },
  );
}
