/**
 * Delays between attempts. Retries use exponential backoff with full jitter (a uniformly random
 * delay up to the exponential cap) so that many requests failing together do not come back
 * together; polls for feedback use a growing interval, since an agency may answer in seconds or
 * in hours (docs/domain.md, "Feedback is asynchronous"). Pure functions; `random` is injected for tests.
 */

export interface BackoffOptions {
  /** delay cap of the first retry */
  baseMs: number;
  /** no delay cap grows beyond this */
  maxMs: number;
}

/** The cap for retry number `attempt` (0 = first retry): base·2^attempt, at most max. */
export function backoffCap(attempt: number, o: BackoffOptions): number {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows to Infinity for large n; Math.min keeps the cap finite.
  return Math.min(o.maxMs, o.baseMs * 2 ** n);
}

/** Full jitter: uniform in [0, cap). */
export function fullJitter(attempt: number, o: BackoffOptions, random: () => number): number {
  return Math.floor(clamp01(random()) * backoffCap(attempt, o));
}

/**
 * The wait after a 429: never less than the gateway's Retry-After (the protocol says to honour
 * it), plus a little jitter so that the requests it turned away do not return in one burst.
 */
export function afterRetryAfter(retryAfterMs: number, jitterMs: number, random: () => number): number {
  return Math.max(0, retryAfterMs) + Math.floor(clamp01(random()) * Math.max(0, jitterMs));
}

export interface PollOptions {
  /** the first interval (ChannelLimits.pollIntervalMs) */
  intervalMs: number;
  /** growth per poll */
  factor: number;
  /** the interval stops growing here */
  maxIntervalMs: number;
}

/**
 * Interval before poll number `poll` (0 = first): interval·factor^poll, capped, then scaled into
 * [0.8, 1.0] of itself so that thousands of requests sent together do not poll in lockstep.
 */
export function pollDelay(poll: number, o: PollOptions, random: () => number): number {
  const n = Math.max(0, Math.floor(poll));
  const grown = Math.min(o.maxIntervalMs, o.intervalMs * o.factor ** n);
  return Math.floor(grown * (0.8 + 0.2 * clamp01(random())));
}

/** Probing an unreachable network: like a retry, but never sooner than half the cap. */
export function equalJitter(attempt: number, o: BackoffOptions, random: () => number): number {
  const cap = backoffCap(attempt, o);
  return Math.floor(cap / 2 + clamp01(random()) * (cap / 2));
}

function clamp01(x: number): number {
  // Math.random() is in [0,1); an injected generator might return exactly 1 or stray outside.
  if (!(x >= 0)) return 0;
  return x >= 1 ? 0.999999 : x;
}
