/**
 * A circuit breaker per channel: after `threshold` consecutive transient failures (no answer,
 * 503, unreadable answer) the channel is left alone for `cooldownMs`, then one trial call is let
 * through (half-open); its success closes the breaker, its failure opens it again. This keeps a
 * failing agency from being hammered while the rest of the case's channels go on. Requests wait
 * for the breaker instead of failing: they are in the outbox and are not lost.
 * The clock is injected (milliseconds, monotonic) so the state machine is tested without waiting.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
}

/** Handed out by tryPass and back with the call's outcome. */
export interface BreakerPass {
  readonly trial: boolean;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(
    private readonly o: BreakerOptions,
    private readonly clock: () => number,
    private readonly onChange?: (from: BreakerState, to: BreakerState) => void,
  ) {
    if (!(o.threshold >= 1)) throw new RangeError('threshold must be at least 1');
  }

  state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.clock() - this.openedAt >= this.o.cooldownMs ? 'half_open' : 'open';
  }

  /** consecutive transient failures counted so far */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * May a call go out now? Closed: yes. Open: no. Half-open: yes for exactly one trial call at a
   * time. The pass is handed back with the call's outcome (onSuccess / onFailure / onNeutral), so
   * that only the trial's own outcome decides the half-open state.
   */
  tryPass(): BreakerPass | undefined {
    const s = this.state();
    if (s === 'closed') return { trial: false };
    if (s === 'open' || this.trialInFlight) return undefined;
    this.trialInFlight = true;
    return { trial: true };
  }

  /** How long a refused caller should wait before asking again. */
  retryInMs(): number {
    const s = this.state();
    if (s === 'open' && this.openedAt !== undefined) return Math.max(1, Math.ceil(this.openedAt + this.o.cooldownMs - this.clock()));
    if (s === 'half_open' && this.trialInFlight) return Math.max(10, Math.min(250, Math.floor(this.o.cooldownMs / 4)));
    return 0;
  }

  /** The agency answered (any definite answer, including a refusal): the channel works. */
  onSuccess(pass: BreakerPass): void {
    const before = this.state();
    if (pass.trial) this.trialInFlight = false;
    this.failures = 0;
    this.openedAt = undefined;
    if (before !== 'closed') this.onChange?.(before, 'closed');
  }

  /** A transient failure. */
  onFailure(pass: BreakerPass): void {
    const before = this.state();
    this.failures += 1;
    if (pass.trial) {
      // The trial failed: a fresh cooldown.
      this.trialInFlight = false;
      this.open(before);
    } else if (before === 'closed' && this.failures >= this.o.threshold) {
      this.open(before);
    }
    // Open or half-open already: a late failure of a call let through before it opened changes
    // nothing; only the trial decides.
  }

  /** A call that says nothing about the channel (429, network down, engine stopping). */
  onNeutral(pass: BreakerPass): void {
    if (pass.trial) this.trialInFlight = false;
  }

  private open(from: BreakerState): void {
    this.openedAt = this.clock();
    this.onChange?.(from, 'open');
  }
}
