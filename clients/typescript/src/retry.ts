/**
 * When to try a request again, and how long to wait first. Only 429 and 503 are retried: the
 * server answers them before doing anything (rate limit, database not open, shutting down), so a
 * retry is safe for every verb, writes included. Other failures surface at once.
 */

/** How retries are paced. */
export interface RetryPolicy {
  /** Further attempts after the first; 0 disables retries. */
  readonly retries: number;
  /** The first backoff's ceiling; each further one doubles it. */
  readonly baseDelayMs: number;
  /** No backoff, nor any `Retry-After`, is waited longer than this; a longer `Retry-After` fails at once. */
  readonly maxDelayMs: number;
}

/** The default pacing: 3 retries, backoff ceilings of 100, 200, 400 ms, never more than 30 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 30_000 };

/** Whether an answer with this status may be retried. */
export function isRetryable(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * The wait before retry number `attempt` (0 for the first retry): "full jitter", a uniform draw
 * in [0, min(max, base * 2^attempt)], so that many clients refused at the same moment do not
 * come back at the same moment. When the server sent `Retry-After`, never less than that.
 * Returns undefined when the server asks for longer than `maxDelayMs`: waiting that long
 * inside one call would look like a hang, so the caller should fail instead.
 */
export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = random() * ceiling;
  if (retryAfterMs === undefined) {
    return jittered;
  }
  if (retryAfterMs > policy.maxDelayMs) {
    return undefined;
  }
  // Retry-After is a floor; the jitter on top still spreads clients that were told the same.
  return Math.min(policy.maxDelayMs, retryAfterMs + jittered);
}

/**
 * Parses a `Retry-After` header: delay-seconds (what ProximaDB sends) or an HTTP date.
 * Returns milliseconds, or undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") {
    return undefined;
  }
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
