/**
 * A token bucket per channel: an agency accepts a sustained number of submits per second
 * (ChannelLimits.ratePerSecond) and a burst of at most one second's worth. The clock is injected
 * (milliseconds, monotonic) so the arithmetic is tested without waiting; the engine sleeps for the
 * returned time instead of spinning.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  readonly capacity: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly clock: () => number,
    capacity?: number,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    // A rate below 1/s still needs one whole token to send anything.
    this.capacity = Math.max(1, capacity ?? Math.floor(ratePerSecond));
    this.tokens = this.capacity;
    this.last = clock();
  }

  /**
   * Takes one token if there is one and returns 0; otherwise takes nothing and returns how many
   * milliseconds until one will be there (always > 0).
   */
  tryTake(): number {
    const now = this.clock();
    if (now < this.pausedUntil) return Math.ceil(this.pausedUntil - now);
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond));
  }

  /**
   * The gateway said 429 with Retry-After: nobody on this channel submits before then, and the
   * bucket restarts empty so the requests it turned away trickle back at the sustained rate.
   */
  pauseUntil(at: number): void {
    if (at <= this.pausedUntil) return;
    this.pausedUntil = at;
    this.tokens = 0;
    this.last = at;
  }

  /** tokens available now (for tests and diagnostics) */
  available(): number {
    const now = this.clock();
    if (now < this.pausedUntil) return 0;
    this.refill(now);
    return this.tokens;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
      this.last = now;
    }
  }
}
