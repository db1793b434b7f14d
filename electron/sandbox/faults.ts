/**
 * Fault decisions. Each is a keyed draw (seed, request id, call, fault) so a run reproduces
 * whatever order concurrent calls arrive in.
 */
import { keyedDraw } from './prng';
import type { ChannelKnobs, KnobChannel } from './knobs';

/** what the garbage fault puts where an answer's feedback belongs */
export const GARBLED_FEEDBACK = '<html><body><h1>502 Bad Gateway</h1></body></html>';

export class FaultDice {
  constructor(private readonly seed: number) {}

  /** true with probability `rate` for this (request, call, fault) */
  roll(rate: number, channel: KnobChannel, id: string, call: string | number, fault: string): boolean {
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return keyedDraw(this.seed, channel, id, call, fault) < rate;
  }

  /** a value in [0, 1) for latency and similar choices */
  value(channel: KnobChannel, id: string, what: string): number {
    return keyedDraw(this.seed, channel, id, what);
  }
}

/** Submits per second per channel: a fixed one-second window. */
export class RateWindow {
  private readonly windows = new Map<KnobChannel, { second: number; count: number }>();

  /** counts the call; returns false when it exceeds the limit (0 = unlimited) */
  admit(channel: KnobChannel, k: ChannelKnobs, now: number): boolean {
    if (!k.rateLimitPerSecond) return true;
    const second = Math.floor(now / 1000);
    let w = this.windows.get(channel);
    if (!w || w.second !== second) {
      w = { second, count: 0 };
      this.windows.set(channel, w);
    }
    w.count += 1;
    return w.count <= k.rateLimitPerSecond;
  }
}
