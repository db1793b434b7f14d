/**
 * What the query engine and the measure engine each stand on, made once here: the gateway client,
 * the lifetime every wait and call ends with, the network monitor (health probing while down) and
 * one lane per agency channel (channel-lane.ts: concurrency, rate, circuit breaker), made when the
 * channel is first used. close() stops all of it; a client handed in belongs to the caller.
 */
import type { ChannelId } from '../../shared/domain/channels';
import type { NetworkStatus } from '../../shared/domain/types';
import { ChannelLane } from './channel-lane';
import { createGatewayClient, type GatewayClient } from './gateway-client';
import { Lifetime } from './lifetime';
import { listenerGuard } from './listener-guard';
import { NetworkMonitor } from './network-monitor';
import type { ChannelLimits, EngineLog, GatewayConfig } from './types';

export interface ChannelBaseTuning {
  /** consecutive transient failures that open a channel's breaker */
  breakerThreshold: number;
  /** how long an open breaker leaves the channel alone before one trial call */
  breakerCooldownMs: number;
  /** health probing while the network is down */
  probeBaseMs: number;
  probeMaxMs: number;
  probeTimeoutMs: number;
}

/** How an engine's exchanges wait: retries back off with full jitter, polls grow by a factor. */
export interface WaitTuning {
  /** first retry's backoff cap; doubles per retry, up to retryMaxMs */
  retryBaseMs: number;
  retryMaxMs: number;
  /** poll interval growth per poll, and its ceiling */
  pollFactor: number;
  pollMaxIntervalMs: number;
}

export interface ChannelBaseOptions {
  gateway: GatewayConfig;
  client?: GatewayClient;
  limitsOf: (channel: ChannelId) => ChannelLimits | undefined;
  tuning: ChannelBaseTuning;
  now: () => Date;
  random: () => number;
  log: EngineLog;
  onNetwork: (s: NetworkStatus) => void;
}

export class ChannelBase {
  readonly life = new Lifetime();
  readonly client: GatewayClient;
  readonly network: NetworkMonitor;
  /** a listener's fault never stops an engine */
  readonly safely: (what: string, fn: () => void) => void;
  readonly mono = (): number => performance.now();
  private readonly lanes = new Map<ChannelId, ChannelLane>();

  constructor(private readonly o: ChannelBaseOptions) {
    this.client = o.client ?? createGatewayClient({ url: o.gateway.url, stationId: o.gateway.stationId, stationSecret: o.gateway.stationSecret, now: o.now });
    this.safely = listenerGuard(o.log);
    const t = o.tuning;
    this.network = new NetworkMonitor({
      client: this.client, gateway: o.gateway, life: this.life, now: o.now, random: o.random, log: o.log,
      probe: { baseMs: t.probeBaseMs, maxMs: t.probeMaxMs, timeoutMs: t.probeTimeoutMs },
      emit: (s) => this.safely('network', () => o.onNetwork(s)),
    });
  }

  lane(channel: ChannelId): ChannelLane {
    let l = this.lanes.get(channel);
    if (!l) {
      const limits = this.o.limitsOf(channel);
      if (!limits) throw new Error(`no limits for channel ${channel}`);
      const breaker = { threshold: this.o.tuning.breakerThreshold, cooldownMs: this.o.tuning.breakerCooldownMs };
      l = new ChannelLane(channel, limits, breaker, this.mono, this.life, this.network, this.o.log);
      this.lanes.set(channel, l);
    }
    return l;
  }

  /** Ends every wait and call at once: the lifetime, the probing, every lane's queue. */
  stop(): void {
    this.life.stop();
    this.network.stop();
    for (const l of this.lanes.values()) l.slots.cancelAll(this.life.reason);
  }

  /** After the engine's work has ended: a client made here is closed here. */
  close(): void {
    if (!this.o.client) this.client.close();
  }
}
