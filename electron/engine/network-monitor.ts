/**
 * Whether the gateway can be reached. When a call finds the network down (connection refused,
 * no route) the engine says so once (events.network online:false), holds every request that
 * needs the network where it is (a pending request stays 'pending': it waits, it is not lost, as
 * on a field laptop without the court network), probes the health endpoint with growing delays,
 * and lets everything go on once the gateway answers again (online:true).
 */
import type { NetworkStatus } from '../../shared/domain/types';
import { equalJitter, type BackoffOptions } from './backoff';
import type { GatewayClient } from './gateway-client';
import { isCertificateCode } from './gateway-errors';
import { Stopped, type Lifetime } from './lifetime';
import type { EngineLog, GatewayConfig } from './types';

export interface NetworkMonitorOptions {
  client: GatewayClient;
  gateway: GatewayConfig;
  life: Lifetime;
  now: () => Date;
  random: () => number;
  probe: BackoffOptions & { timeoutMs: number };
  emit: (s: NetworkStatus) => void;
  log: EngineLog;
}

export class NetworkMonitor {
  private current: NetworkStatus;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private probing = false;

  constructor(private readonly o: NetworkMonitorOptions) {
    // Optimistic until a call or a check says otherwise: the first submit finds out soon enough.
    this.current = this.make(true);
  }

  get online(): boolean {
    return this.current.online;
  }

  status(): NetworkStatus {
    return { ...this.current };
  }

  /** Resolves at once when online, otherwise when the gateway is back; rejects with Stopped. */
  whenOnline(): Promise<void> {
    if (this.o.life.stopped) return Promise.reject(this.o.life.reason);
    if (this.current.online) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Any answer from the gateway, even an error envelope, proves it is reachable. */
  reachable(): void {
    if (this.current.online) return;
    this.current = this.make(true);
    this.o.log('info', 'gateway reachable again', { waiting: this.waiters.length });
    this.o.emit(this.status());
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x.resolve();
  }

  /** A call could not leave this machine. `reason` is an error code such as ECONNREFUSED. */
  unreachable(reason: string): void {
    if (this.current.online || this.changesKind(reason)) {
      this.current = this.make(false, reason);
      this.o.log('warn', 'gateway unreachable; requests wait', { code: reason });
      this.o.emit(this.status());
    }
    this.startProbing();
  }

  /** Asks the health endpoint now. */
  async check(): Promise<NetworkStatus> {
    const reason = await this.probeOnce();
    if (reason === undefined) this.reachable();
    else this.unreachable(reason);
    return this.status();
  }

  /** Wakes the waiters with Stopped (engine stop). */
  stop(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x.reject(this.o.life.reason);
  }

  /** undefined when healthy, else a short reason code */
  private async probeOnce(): Promise<string | undefined> {
    try {
      const h = await this.o.client.health({ timeoutMs: this.o.probe.timeoutMs, signal: this.o.life.signal });
      return h.ok ? undefined : 'NOT_OK';
    } catch (e) {
      if (e instanceof Stopped) throw e;
      const x = e as { errno?: unknown; code?: unknown; kind?: unknown };
      if (typeof x.errno === 'string' && x.errno) return x.errno;
      if (typeof x.code === 'string') return x.code;
      return typeof x.kind === 'string' ? x.kind.toUpperCase() : 'UNREACHABLE';
    }
  }

  private startProbing(): void {
    if (this.probing || this.o.life.stopped) return;
    this.probing = true;
    void (async () => {
      try {
        for (let n = 0; !this.current.online; n += 1) {
          await this.o.life.sleep(equalJitter(n, this.o.probe, this.o.random));
          if (this.current.online) break;
          const reason = await this.probeOnce();
          if (reason === undefined) this.reachable();
          else if (this.changesKind(reason)) {
            this.current = this.make(false, reason);
            this.o.emit(this.status());
          } else this.current = this.make(false, reason);
        }
      } catch (e) {
        if (!(e instanceof Stopped)) this.o.log('error', 'network probe failed', { code: (e as Error).name });
      } finally {
        this.probing = false;
      }
    })();
  }

  /** from a network outage to a certificate refusal or back: the judge is told something else */
  private changesKind(reason: string): boolean {
    return !this.current.online && !!this.current.certificate !== isCertificateCode(reason);
  }

  private make(online: boolean, error?: string): NetworkStatus {
    const s: NetworkStatus = {
      online,
      network: this.o.gateway.network,
      gatewayUrl: this.o.gateway.url,
      checkedAt: this.o.now().toISOString(),
    };
    if (error) s.error = error;
    if (isCertificateCode(error)) s.certificate = true;
    return s;
  }
}
