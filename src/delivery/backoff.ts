/** First retry waits up to this long. */
export const RETRY_BASE_MS = 2_000;
/** No retry waits longer than this. */
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * How long to wait before retry number `attempt` (1 = first retry): exponential
 * backoff with full jitter, so many browsers coming back online at once spread out.
 * `random` is in [0, 1).
 */
export function retryDelay(attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random * ceiling);
}

/**
 * Milliseconds until the time a `Retry-After` header allows (seconds or an HTTP date),
 * or `undefined` when it is absent or unreadable. Never negative.
 */
export function retryAfterDelay(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
