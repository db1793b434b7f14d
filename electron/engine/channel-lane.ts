/**
 * One agency channel's gate: every call to the channel waits here for the network, a
 * concurrency slot, a rate token (submits only) and the circuit breaker, in that order, and
 * reports its outcome back to the breaker and the network monitor. Limits come from the
 * channel's adapter (ChannelLimits).
 */
import type { ChannelId } from '../../shared/domain/channels';
import { CircuitBreaker, type BreakerOptions, type BreakerPass, type BreakerState } from './circuit-breaker';
import { GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable } from './gateway-errors';
import type { Lifetime } from './lifetime';
import type { NetworkMonitor } from './network-monitor';
import { TokenBucket } from './rate-limiter';
import { Semaphore } from './semaphore';
import type { ChannelLimits, EngineLog } from './types';

export type CallKind = 'submit' | 'status';

export class ChannelLane {
  readonly slots: Semaphore;
  readonly bucket: TokenBucket;
  readonly breaker: CircuitBreaker;

  constructor(
    readonly channel: ChannelId,
    readonly limits: ChannelLimits,
    breaker: BreakerOptions,
    clock: () => number,
    private readonly life: Lifetime,
    private readonly network: NetworkMonitor,
    log: EngineLog,
  ) {
    this.slots = new Semaphore(Math.max(1, Math.floor(limits.concurrency)));
    this.bucket = new TokenBucket(limits.ratePerSecond, clock);
    this.breaker = new CircuitBreaker(breaker, clock, (from: BreakerState, to: BreakerState) =>
      log(to === 'open' ? 'warn' : 'info', 'circuit breaker', { channel, from, to }));
  }

  /**
   * Runs `fn` once the gates allow. `fn` is called right before the wire, so a request marked
   * 'sent' inside it really is on its way.
   */
  async run<T>(kind: CallKind, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.network.whenOnline();
      const release = await this.slots.acquire();
      let pass: BreakerPass | undefined;
      try {
        if (kind === 'submit') {
          for (let wait = this.bucket.tryTake(); wait > 0; wait = this.bucket.tryTake()) await this.life.sleep(wait);
        }
        while (!(pass = this.breaker.tryPass())) await this.life.sleep(this.breaker.retryInMs());
        // The network may have dropped while this call waited; let it wait without a slot.
        if (!this.network.online) {
          this.breaker.onNeutral(pass);
          continue;
        }
        this.life.check();
        try {
          const value = await fn();
          this.breaker.onSuccess(pass);
          this.network.reachable();
          return value;
        } catch (e) {
          this.report(pass, e);
          throw e;
        }
      } finally {
        release();
      }
    }
  }

  private report(pass: BreakerPass, e: unknown): void {
    if (e instanceof GatewayUnreachable) {
      this.breaker.onNeutral(pass);
      this.network.unreachable(e.errno);
    } else if (e instanceof GatewayHttpError) {
      this.network.reachable();
      // 429 is flow control, not a fault of the channel; other 4xx are definite answers.
      if (e.httpStatus === 429) this.breaker.onNeutral(pass);
      else if (e.httpStatus >= 500) this.breaker.onFailure(pass);
      else this.breaker.onSuccess(pass);
    } else if (e instanceof GatewayNoAnswer) {
      this.breaker.onFailure(pass);
    } else if (e instanceof GatewayGarbage) {
      this.network.reachable();
      this.breaker.onFailure(pass);
    } else {
      this.breaker.onNeutral(pass);
    }
  }
}
