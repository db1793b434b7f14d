/**
 * Measure leases, where the store may be shared by two processes (docs/architecture.md,
 * "Exchanges and jobs"): a measure is worked on by the one engine that holds its lease
 * (MeasureStore.claimMeasure), renewed while it works and checked before every write and every
 * submit; one it cannot take is left to the holder and taken up once the holder's lease runs out
 * (its process died). A store without leases (one process) holds every measure.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import type { Measure } from '../../../shared/domain/measures';
import type { Lifetime } from '../lifetime';
import type { MeasureStore } from '../measure-store';
import type { EngineLog } from '../types';
import type { MeasureContext } from './measure-body';
import { SENDABLE, type LeaseKeeper } from './measure-steps';

export interface LeasesDeps {
  store: MeasureStore;
  claimLeaseMs: number;
  life: Lifetime;
  now: () => Date;
  log: EngineLog;
  /** counts a measure left to another engine */
  leftElsewhere: () => void;
  /** the measure is queued or worked on here */
  busy: (id: string) => boolean;
  /** measures being worked on here */
  working: () => number;
  /** takes a measure up whose holder's lease ran out (throws AppFailure when it cannot be sent) */
  takeUp: (m: Measure, ctx: MeasureContext) => void;
  /** something idle() waits for changed */
  settle: () => void;
}

export class MeasureLeases implements LeaseKeeper {
  /** this engine, as the holder of measures' leases */
  private readonly owner = randomUUID();
  /** measures another engine holds, with what is needed to take them up when its lease runs out */
  private readonly elsewhere = new Map<string, MeasureContext>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly d: LeasesDeps) {}

  /** waiting for another engine's lease to run out */
  has(id: string): boolean {
    return this.elsewhere.has(id);
  }

  get waiting(): number {
    return this.elsewhere.size;
  }

  /** Takes or renews this engine's lease on the measure; true when the store has no leases. */
  claim(id: string, extraMs = 0, job?: { leaseUntil: number }): boolean {
    const { store } = this.d;
    if (!store.claimMeasure) return true;
    const t = this.d.now().getTime();
    const until = t + this.d.claimLeaseMs + extraMs;
    if (!store.claimMeasure(id, this.owner, new Date(until).toISOString(), new Date(t).toISOString())) return false;
    if (job) job.leaseUntil = until;
    return true;
  }

  /**
   * Before a write: the lease this engine last took is still good for half its length (nobody
   * else can have taken it), or it is taken again now.
   */
  holds(job: { id: string; leaseUntil: number }): boolean {
    if (!this.d.store.claimMeasure) return true;
    return this.d.now().getTime() < job.leaseUntil - this.d.claimLeaseMs / 2 || this.claim(job.id, 0, job);
  }

  leaveToHolder(m: Measure, ctx: MeasureContext): void {
    this.d.leftElsewhere();
    this.elsewhere.set(m.id, ctx);
    this.d.log('debug', 'measure held by another process; left to it', { measureId: m.id, channel: m.channel });
    this.retryTimer ??= setTimeout(() => this.retryElsewhere(), this.halfLease());
  }

  /** Renews every lease this engine holds while it works on measures. */
  keep(): void {
    const { store } = this.d;
    if (!store.renewClaims || this.heartbeat || this.d.life.stopped) return;
    this.heartbeat = setInterval(() => {
      if (this.d.life.stopped || this.d.working() === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      try {
        store.renewClaims!(this.owner, new Date(this.d.now().getTime() + this.d.claimLeaseMs).toISOString());
      } catch (e) {
        this.d.log('warn', 'measure leases could not be renewed', { error: (e as Error)?.name ?? 'unknown' });
      }
    }, Math.max(1, Math.floor(this.d.claimLeaseMs / 3)));
  }

  release(id?: string): void {
    try {
      this.d.store.releaseClaims?.(this.owner, id);
    } catch {
      /* the store is gone (a dead process): the lease runs out by itself */
    }
  }

  /** Lets every lease go at once: a measure of ours another engine resumes is not held back by a stopped one. */
  stop(): void {
    this.release();
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    this.elsewhere.clear();
  }

  private halfLease(): number {
    return Math.max(1, Math.floor(this.d.claimLeaseMs / 2));
  }

  private retryElsewhere(): void {
    this.retryTimer = undefined;
    if (this.d.life.stopped) return;
    for (const [id, ctx] of [...this.elsewhere]) {
      if (this.d.busy(id)) {
        this.elsewhere.delete(id);
        continue;
      }
      try {
        const m = this.d.store.getMeasure(id);
        if (!m || !SENDABLE.has(m.state)) {
          this.elsewhere.delete(id);
          continue;
        }
        if (!this.claim(id)) continue;
        this.elsewhere.delete(id);
        this.d.takeUp(m, ctx);
      } catch (e) {
        this.elsewhere.delete(id);
        this.d.log('warn', 'measure held elsewhere could not be taken up', { measureId: id, code: e instanceof AppFailure ? e.error.code : 'INTERNAL' });
      }
    }
    if (this.elsewhere.size > 0) this.retryTimer = setTimeout(() => this.retryElsewhere(), this.halfLease());
    this.d.settle();
  }
}
