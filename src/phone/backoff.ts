/**
 * Delay before retrying a failed REGISTER (JsSIP never retries one itself, docs/jssip-quirks.md §8):
 * 2, 4, 8, 16, 30, 30 ... seconds. No jitter: one tab per user, and tests stay deterministic.
 */
export function registerRetryDelayMs(attempt: number): number {
  const seconds = Math.min(30, 2 ** Math.max(1, attempt));
  return seconds * 1000;
}

/**
 * Upper bound of JsSIP's own socket reconnect delay after `attempts` failures
 * (Transport.js: floor(random·2^n + 1) s, clamped to [min, max]). The real retry may come sooner,
 * which the UI shows simply as "retrying now".
 */
export function transportRetryDelayMs(attempts: number, minS: number, maxS: number): number {
  const upper = Math.min(maxS, Math.max(minS, 2 ** attempts));
  return upper * 1000;
}
